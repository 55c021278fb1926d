package cn.sanwu.server.testing;

import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.hash.CanonicalJson;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.server.ledger.PublicationRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Approved notices as the review workflow would publish them: a cash journal with amounts. */
public final class Publications {

    private Publications() {
    }

    public static NoticeContent content(String village, Random random) {
        List<LedgerEntry> entries = new ArrayList<>();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            boolean income = random.nextBoolean();
            long fen = 100 + random.nextInt(5_000_000);
            entries.add(new LedgerEntry(LocalDate.of(2026, 7, 1 + i), "记-" + (i + 1), income ? "上级补助" : "道路维修",
                    income ? fen : 0, income ? 0 : fen));
        }
        return new NoticeContent(village, "CW-01", Period.parse("2026-Q3"), "2026年第三季度财务公开", "现金日记账",
                List.of(), new CashJournal(AccountingEntity.values()[0], 1_000_000, entries), null);
    }

    /** A request for {@code id} revision {@code revision}, content drawn from {@code random}. */
    public static PublicationRequest request(UUID id, int revision, String village, String number, Instant at, Random random) {
        NoticeContent content = content(village, random);
        String json = CanonicalJson.toText(NoticeHasher.canonicalTree(id, content));
        return new PublicationRequest(id, revision, village, json, NoticeHasher.sha256().hash(id, content), number,
                "approval-" + UUID.randomUUID(), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31), at);
    }
}
