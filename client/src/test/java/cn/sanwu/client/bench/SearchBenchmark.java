package cn.sanwu.client.bench;

import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.client.notice.NoticeRepository;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.outbox.OutboxRepository;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.catalog.CatalogJson;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.period.Period;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Search/filter over 50,000 stored notices (issue target: results in ≤ 50 ms, heap ≤ 256 MB).
 * Not a unit test: run with bench/search.sh, which starts it with -Xmx256m. Prints the seed.
 */
public final class SearchBenchmark {

    private static final String[] WORDS = ("村委会 党支部 水泥路 维修 承包费 补助资金 低保 耕地 地力 保护 补贴 办公用品 电费 路灯 文化广场 "
            + "美丽乡村 环境卫生 保洁员 工资 误工补贴 集体 资产 租赁 收益 分配 一事一议 筹资 筹劳 危房 改造 医疗 救助 慰问金 "
            + "宅基地 审批 建房 合作医疗 优抚 对象 党费 收缴 民主评议 党员 发展 公示 村民代表 会议 决议 实施 结果 监督委员会 "
            + "镇财政所 拨付 运转经费 工程款 验收 招投标 预算 决算 债权 债务 林地 草地 机动地 水面 鱼塘 出租 合同").split(" ");

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("seed=" + seed + " (replay with -Dseed=" + seed + ")");
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("sanwu-search-bench");
        Random random = new Random(seed);
        Catalog catalog = CatalogJson.defaultCatalog();
        Clock clock = Clock.systemUTC();
        String village = "219901101201";
        try (Database db = Database.open(dir, Durability.SAFE)) {
            NoticeRepository repo = new NoticeRepository(NoticeHasher.sha256());
            Supplier<Catalog> cat = () -> catalog;
            NoticeService service = new NoticeService(db, repo, new OutboxRepository(), cat, new UuidV7(clock), clock);
            int existing = service.count(village);
            long t0 = System.nanoTime();
            UuidV7 ids = new UuidV7(clock);
            List<CatalogItem> items = catalog.items();
            for (int done = existing; done < count; ) {
                int batch = Math.min(1000, count - done);
                db.inTransaction(c -> {
                    for (int i = 0; i < batch; i++) {
                        CatalogItem item = items.get(random.nextInt(items.size()));
                        LocalDate day = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(365 * 7));
                        Period period = Period.containing(item.frequency(), day);
                        String body = text(random, 500);
                        NoticeStatus status = NoticeStatus.values()[random.nextInt(NoticeStatus.values().length)];
                        Notice n = new Notice(ids.next(), new NoticeContent(village, item.code(), period,
                                "红旗村" + period.displayZh() + item.nameZh(), body, List.of(), null, null), status, 1, "",
                                clock.instant());
                        repo.insert(c, n, item.category(), item.nameZh());
                    }
                    return null;
                });
                done += batch;
            }
            db.forceToDisk();
            System.out.printf("stored %d notices (inserted %d in %.1f s), db dir %s%n", service.count(village),
                    count - existing, (System.nanoTime() - t0) / 1e9, dir);

            for (String mode : new String[] {"H2 SQL (before the index is loaded)", "in-memory index"}) {
                if (mode.startsWith("in-memory")) {
                    long l0 = System.nanoTime();
                    service.loadSearchIndex();
                    System.out.printf("index loaded in %.0f ms%n", (System.nanoTime() - l0) / 1e6);
                }
                System.out.println("-- " + mode);
                runQueries(service, village);
            }
        }
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("heap used after GC %.1f MB, max %.0f MB%n", heap.getUsed() / 1e6, heap.getMax() / 1e6);
    }

    private static void runQueries(NoticeService service, String village) {
        {
            List<NoticeQuery> queries = List.of(
                    NoticeQuery.all(village),
                    new NoticeQuery(village, null, cn.sanwu.model.catalog.Category.FINANCE, NoticeStatus.DRAFT, null, null, 500),
                    new NoticeQuery(village, "水泥路", null, null, null, null, 500),
                    new NoticeQuery(village, "水泥路 验收", cn.sanwu.model.catalog.Category.VILLAGE_AFFAIRS, null, null, null, 500),
                    new NoticeQuery(village, null, null, null, "2025-Q3", null, 500),
                    new NoticeQuery(village, "不存在的词语", null, null, null, null, 500),
                    new NoticeQuery(village, null, null, null, null, "F02", 500));
            String[] names = {"all, newest 500", "category+status", "text 水泥路", "two words + category", "period 2025-Q3",
                "text with no match", "item F02"};
            for (int q = 0; q < queries.size(); q++) {
                NoticeQuery query = queries.get(q);
                for (int w = 0; w < 5; w++) {
                    service.search(query);
                }
                long[] ms = new long[25];
                int hits = 0;
                for (int r = 0; r < ms.length; r++) {
                    long s = System.nanoTime();
                    hits = service.search(query).size();
                    ms[r] = (System.nanoTime() - s) / 1000;
                }
                Arrays.sort(ms);
                System.out.printf("%-24s hits=%4d  median=%6.1f ms  p95=%6.1f ms  max=%6.1f ms%n", names[q], hits,
                        ms[ms.length / 2] / 1000.0, ms[(int) (ms.length * 0.95)] / 1000.0, ms[ms.length - 1] / 1000.0);
            }
        }
    }

    /** Random notice text from the village vocabulary (also used by the sync link benchmark). */
    public static String text(Random random, int chars) {
        StringBuilder b = new StringBuilder(chars + 10);
        while (b.length() < chars) {
            b.append(WORDS[random.nextInt(WORDS.length)]);
            if (random.nextInt(8) == 0) {
                b.append('，');
            }
        }
        return b.toString();
    }

}
