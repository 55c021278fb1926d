package cn.sanwu.model.hash;

import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
import cn.sanwu.model.period.Period;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The worked example of docs/canonical-hash.md, shared by the hash tests. */
final class HashFixtures {

    static final UUID NOTICE_ID = UUID.fromString("0190a6b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b");

    private HashFixtures() {
    }

    static NoticeContent example() {
        return new NoticeContent("330102001001", "F02", Period.parse("2026-11"),
                "2026年11月村级财务收支公开", "收支明细如下。\n如有疑问请联系村务监督委员会。",
                List.of(new NoticeTable("固定资产",
                        List.of(new TableColumn("名称", ColumnType.TEXT), new TableColumn("原值（分）", ColumnType.MONEY_FEN)),
                        List.of(List.of("拖拉机", "1234500"), List.of("仓库", "007")))),
                new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 1_000_000, List.of(
                        new LedgerEntry(LocalDate.of(2026, 11, 3), "记-0001", "收到耕地地力保护补贴", 5_000_000, 0),
                        new LedgerEntry(LocalDate.of(2026, 11, 15), "记-0002", "支付保洁员工资", 0, 250_000))),
                new RecipientList("耕地地力保护补贴",
                        List.of(new Recipient("张三", "一组", 3, 123_456, "11010519491231002X"))));
    }
}
