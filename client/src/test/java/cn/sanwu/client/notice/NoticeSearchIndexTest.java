package cn.sanwu.client.notice;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory index must answer exactly as the SQL search does, before and after saves. */
class NoticeSearchIndexTest {

    private static final String[] WORDS = {"水泥路", "维修", "承包费", "低保", "补贴", "党费", "路灯", "决议", "ABC", "100%", "a_b"};

    @TempDir
    Path dir;

    /** A clock that ticks one second per reading, so every save has a distinct time. */
    private static Clock ticking() {
        AtomicLong seconds = new AtomicLong();
        Instant base = Instant.parse("2026-11-01T00:00:00Z");
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return base.plus(Duration.ofSeconds(seconds.incrementAndGet()));
            }
        };
    }

    @Test
    void indexAnswersLikeTheDatabaseForRandomQueries() {
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("NoticeSearchIndexTest seed=" + seed + " (replay with -Dseed=" + seed + ")");
        Random random = new Random(seed);
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, ticking());
            List<CatalogItem> items = TestStores.CATALOG.items();
            for (int i = 0; i < 250; i++) {
                CatalogItem item = items.get(random.nextInt(items.size()));
                Period period = Period.containing(item.frequency(), LocalDate.of(2024, 1, 1).plusDays(random.nextInt(900)));
                String village = random.nextInt(5) == 0 ? "219901101202" : TestStores.VILLAGE;
                service.save(service.newDraft(village, item, period, "公告" + i + WORDS[random.nextInt(WORDS.length)],
                        WORDS[random.nextInt(WORDS.length)] + "，" + WORDS[random.nextInt(WORDS.length)]));
            }
            List<NoticeQuery> queries = List.of(
                    NoticeQuery.all(TestStores.VILLAGE),
                    new NoticeQuery(TestStores.VILLAGE, "水泥路", null, null, null, null, 500),
                    new NoticeQuery(TestStores.VILLAGE, "承包费 维修", null, null, null, null, 500),
                    new NoticeQuery(TestStores.VILLAGE, "100%", null, null, null, null, 500),
                    new NoticeQuery(TestStores.VILLAGE, "a_b", Category.FINANCE, null, null, null, 500),
                    new NoticeQuery(TestStores.VILLAGE, "abc", null, null, null, null, 7),
                    new NoticeQuery(TestStores.VILLAGE, null, Category.PARTY, null, null, null, 500),
                    new NoticeQuery("219901101202", "补贴", null, null, null, null, 500));
            List<List<NoticeSummary>> fromSql = queries.stream().map(service::search).toList();
            service.loadSearchIndex();
            for (int q = 0; q < queries.size(); q++) {
                assertThat(service.search(queries.get(q))).as("query %s", queries.get(q)).isEqualTo(fromSql.get(q));
            }
            // After the index is loaded, saves must show up in it at once and in the right order.
            NoticeSummary first = service.search(NoticeQuery.all(TestStores.VILLAGE)).getLast();
            Notice oldest = service.find(first.id()).orElseThrow();
            NoticeContent c = oldest.content();
            Notice edited = service.save(oldest.withContent(new NoticeContent(c.villageCode(), c.itemCode(), c.period(),
                    c.title(), c.body() + " 新增关键词鱼塘", c.tables(), c.journal(), c.recipients())));
            assertThat(service.search(new NoticeQuery(TestStores.VILLAGE, "鱼塘", null, null, null, null, 10)))
                    .extracting(NoticeSummary::id, NoticeSummary::revision).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(edited.id(), edited.revision()));
            assertThat(service.search(NoticeQuery.all(TestStores.VILLAGE)).getFirst().id()).isEqualTo(edited.id());
        }
    }
}
