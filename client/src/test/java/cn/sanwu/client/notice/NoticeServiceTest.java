package cn.sanwu.client.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.period.Period;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoticeServiceTest {

    @TempDir
    Path dir;

    private static Notice withJournal(Notice n, CashJournal j) {
        NoticeContent c = n.content();
        return n.withContent(new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), c.body(), c.tables(), j,
                c.recipients()));
    }

    @Test
    void savedNoticeSurvivesReopenWithJournalAndOneOutboxEntry() {
        Period month = new Period.Month(YearMonth.of(2026, 10));
        var item = TestStores.CATALOG.find("F02").orElseThrow();
        Notice saved;
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            Notice draft = service.newDraft(TestStores.VILLAGE, item, month, "红旗村2026年10月财务收支明细", "");
            CashJournal journal = new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 100_000, List.of(
                    new LedgerEntry(LocalDate.of(2026, 10, 3), "记-001", "收到上级转移支付", 5_000_000, 0),
                    new LedgerEntry(LocalDate.of(2026, 10, 9), "记-002", "支付水泥路工程款", 0, 1_234_567)));
            saved = service.save(withJournal(draft, journal));
            saved = service.save(saved.withContent(new NoticeContent(saved.content().villageCode(), saved.content().itemCode(),
                    month, saved.content().title() + "（修订）", "正文", List.of(), journal, null)));
            assertThat(saved.revision()).isEqualTo(2);
            assertThat(service.pendingUploads()).isEqualTo(1);
        }
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            Notice back = service.find(saved.id()).orElseThrow();
            assertThat(back).isEqualTo(saved);
            assertThat(back.content().journal().closingBalanceFen()).isEqualTo(100_000 + 5_000_000 - 1_234_567);
            assertThat(service.search(new NoticeQuery(TestStores.VILLAGE, "水泥路", null, null, null, null, 10)))
                    .extracting(NoticeSummary::id).containsExactly(saved.id());
            assertThat(service.previousJournal(TestStores.VILLAGE, "F02", AccountingEntity.VILLAGE_COMMITTEE,
                    new Period.Month(YearMonth.of(2026, 11)))).contains(saved.content().journal());
        }
    }

    /** The server must see the revision it last knew as the base, not the last local autosave. */
    @Test
    void coalescedOutboxEntryKeepsTheBaseOfTheFirstUnsentChange() throws Exception {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            var item = TestStores.CATALOG.find("V13").orElseThrow();
            Notice n = service.save(service.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), "宅基地审批", "a"));
            n = service.save(n);
            n = service.save(n);
            assertThat(pendingEntries(db)).containsExactly("0->3");
            // Once the draft has gone to the server (sync will mark it so), the next change is based on revision 3.
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE outbox SET state = 'SENT'");
                }
            });
            n = service.save(n);
            n = service.save(n);
            assertThat(pendingEntries(db)).containsExactly("3->5");
        }
    }

    private static List<String> pendingEntries(Database db) {
        return db.read(c -> {
            List<String> rows = new java.util.ArrayList<>();
            try (Statement s = c.createStatement(); var rs = s.executeQuery(
                    "SELECT base_revision, payload FROM outbox WHERE state = 'PENDING'")) {
                while (rs.next()) {
                    int revision;
                    try {
                        revision = cn.sanwu.client.store.JsonMapping.mapper().readTree(rs.getString(2)).path("revision").asInt();
                    } catch (java.io.IOException e) {
                        throw new java.sql.SQLException(e);
                    }
                    rows.add(rs.getInt(1) + "->" + revision);
                }
            }
            return rows;
        });
    }

    @Test
    void staleRevisionIsRefusedAndChangesNothing() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            var item = TestStores.CATALOG.find("V13").orElseThrow();
            Notice first = service.save(service.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), "宅基地审批", "a"));
            service.save(first);
            assertThatThrownBy(() -> service.save(first)).isInstanceOf(EditConflictException.class)
                    .hasMessageContaining("别处修改");
            assertThat(service.find(first.id()).orElseThrow().revision()).isEqualTo(2);
        }
    }

    @Test
    void periodThatDoesNotFitTheItemIsRefused() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            var quarterly = TestStores.CATALOG.find("V13").orElseThrow();
            Notice wrong = service.newDraft(TestStores.VILLAGE, quarterly, new Period.Month(YearMonth.of(2026, 10)), "x", "");
            assertThatThrownBy(() -> service.save(wrong)).isInstanceOf(StoreException.class).hasMessageContaining("公开频次");
            assertThat(service.count(TestStores.VILLAGE)).isZero();
        }
    }

    @Test
    void tamperedRowIsDetectedNotShownAsValid() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            var item = TestStores.CATALOG.find("P04").orElseThrow();
            Notice saved = service.save(service.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), "党费收缴", "收缴党费 1200 元"));
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE notice SET content_json = REPLACE(content_json, '1200', '120')");
                }
                return null;
            });
            assertThatThrownBy(() -> service.find(saved.id())).isInstanceOf(CorruptedNoticeException.class)
                    .hasMessageContaining("已损坏");
        }
    }

    @Test
    void notDisclosedFilingNeedsAReason() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            var item = TestStores.CATALOG.find("V28").orElseThrow();
            assertThatThrownBy(() -> service.fileNotDisclosed(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), " "))
                    .hasMessageContaining("原因");
            Notice filed = service.fileNotDisclosed(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), "本村自来水由水务公司直接收费");
            assertThat(filed.status()).isEqualTo(NoticeStatus.NOT_DISCLOSED_FILED);
            assertThat(service.find(filed.id()).orElseThrow().reason()).contains("水务公司");
        }
    }

    @Test
    void filingAgainUpdatesTheOneFilingAndAnItemWithANoticeCannotBeFiled() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            var item = TestStores.CATALOG.find("V28").orElseThrow();
            Period q3 = new Period.Quarter(2026, 3);
            Notice first = service.fileNotDisclosed(TestStores.VILLAGE, item, q3, "自来水由水务公司直接收费");
            Notice again = service.fileNotDisclosed(TestStores.VILLAGE, item, q3, "本季度无水费收支");
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(again.revision()).isEqualTo(2);
            assertThat(service.find(first.id()).orElseThrow().reason()).isEqualTo("本季度无水费收支");
            assertThat(service.count(TestStores.VILLAGE)).isEqualTo(1);

            var dues = TestStores.CATALOG.find("V13").orElseThrow();
            service.save(service.newDraft(TestStores.VILLAGE, dues, q3, "宅基地审批", "正文"));
            assertThatThrownBy(() -> service.fileNotDisclosed(TestStores.VILLAGE, dues, q3, "无"))
                    .hasMessageContaining("已有公告").hasMessageContaining("不能再备案");
            assertThat(service.count(TestStores.VILLAGE)).isEqualTo(2);
        }
    }

    /** Review M5: the index loads in pages; saves that commit meanwhile are neither blocked long nor lost. */
    @Test
    void savesDuringAPagedIndexLoadAreAllFoundAtTheirLatestRevision() throws Exception {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            var item = TestStores.CATALOG.find("V13").orElseThrow();
            Period q3 = new Period.Quarter(2026, 3);
            List<Notice> before = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                before.add(service.save(service.newDraft(TestStores.VILLAGE, item, q3, "旧公告" + i, "正文")));
            }
            service.indexPageSizeForTesting(7);
            List<Notice> during = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 40; i++) {
                    Notice edited = before.get(i);
                    during.add(service.save(edited.withContent(new NoticeContent(edited.content().villageCode(),
                            edited.content().itemCode(), q3, "改过的公告" + i, "正文", List.of(), null, null))));
                    during.add(service.save(service.newDraft(TestStores.VILLAGE, item, q3, "新公告" + i, "正文")));
                }
            });
            writer.start();
            service.loadSearchIndex();
            writer.join();
            for (Notice n : during) {
                var hits = service.search(new NoticeQuery(TestStores.VILLAGE, n.content().title(), null, null, null, null, 5));
                assertThat(hits).as(n.content().title()).anySatisfy(h -> {
                    assertThat(h.id()).isEqualTo(n.id());
                    assertThat(h.revision()).isEqualTo(n.revision());
                });
            }
            assertThat(service.search(NoticeQuery.all(TestStores.VILLAGE))).hasSize(100);
            assertThat(service.search(new NoticeQuery(TestStores.VILLAGE, "旧公告", null, null, null, null, 100))).hasSize(20);
        }
    }
}
