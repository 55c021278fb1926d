package cn.sanwu.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.period.Period;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append-only file (REUSE_SPACE=FALSE) is given back on close, and nothing is lost by it. */
class CompactOnCloseTest {

    @TempDir
    Path dir;

    @Test
    void closeAndCompactShrinksTheFileAndKeepsEverySave() throws Exception {
        Notice last;
        long grown;
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            var item = TestStores.CATALOG.find("P04").orElseThrow();
            last = service.save(service.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), "党费", "x"));
            String body = "党费收缴情况说明。".repeat(2000);
            for (int i = 0; i < 60; i++) {
                last = service.save(last.withContent(new cn.sanwu.model.notice.NoticeContent(last.content().villageCode(),
                        last.content().itemCode(), last.content().period(), "党费" + i, body + i, last.content().tables(), null, null)));
            }
            grown = Files.size(dir.resolve("sanwu.mv.db"));
            db.closeAndCompact();
        }
        long compacted = Files.size(dir.resolve("sanwu.mv.db"));
        System.out.printf("file grew to %d bytes, %d after compaction%n", grown, compacted);
        assertThat(compacted).isLessThan(grown / 4);
        try (Database db = TestStores.open(dir)) {
            assertThat(TestStores.notices(db, TestStores.CLOCK).find(last.id())).contains(last);
        }
    }
}
