package cn.sanwu.client.durability;

import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.notice.NoticeSummary;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Child-JVM half of {@link ClientKillTest}: drives the real {@link NoticeService} on a real H2
 * file until it is killed. Protocol on stdout: {@code WAITING} once warmed up; after the parent
 * writes {@code GO} on stdin, {@code OPEN <known>} and then one {@code ACK <id> <revision> <hash>}
 * line per save, written and flushed only after {@code save()} returned — i.e. exactly when the
 * UI would show 已保存. Warming up before GO lets the parent start the next child while it is
 * still checking the previous kill.
 * Args: dataDir durability seed.
 */
public final class SaveWorker {

    private SaveWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Durability durability = Durability.valueOf(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        // Unbuffered by default would be one write per print; we want one write per line, flushed.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        warmUp(random);
        out.println("WAITING");
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"GO".equals(in.readLine())) {
            return; // parent gave up on this child
        }
        Database db = Database.open(dataDir, durability);
        NoticeService service = TestStores.notices(db, Clock.systemUTC());
        NoticeHasher hasher = NoticeHasher.sha256();
        List<UUID> known = new ArrayList<>(service.search(new NoticeQuery(TestStores.VILLAGE, null, null, null, null, null, 300))
                .stream().map(NoticeSummary::id).toList());
        out.println("OPEN " + known.size());
        out.flush();
        CatalogItem item = TestStores.CATALOG.find("F02").orElseThrow();
        try {
            saveUntilKilled(service, hasher, known, item, random, out);
        } catch (RuntimeException e) {
            // After loss (the unsafe mode) a save can fail, e.g. on a revision the parent saw vanish.
            // Exit at once: H2's own threads would otherwise keep the JVM alive until the parent's timeout.
            e.printStackTrace();
            System.exit(3);
        }
    }

    private static void saveUntilKilled(NoticeService service, NoticeHasher hasher, List<UUID> known, CatalogItem item,
            Random random, PrintStream out) {
        for (long n = 0; ; n++) {
            Notice saved;
            if (known.isEmpty() || random.nextInt(100) < 35) {
                saved = service.save(newNotice(service, item, random, n));
                known.add(saved.id());
            } else {
                Notice current = service.find(known.get(random.nextInt(known.size()))).orElseThrow();
                saved = service.save(edit(current, random, n));
            }
            out.println("ACK " + saved.id() + " " + saved.revision() + " " + hasher.hash(saved.id(), saved.content()));
            out.flush();
        }
    }

    static Notice newNotice(NoticeService service, CatalogItem item, Random random, long n) {
        YearMonth month = YearMonth.of(2024 + random.nextInt(3), 1 + random.nextInt(12));
        Notice draft = service.newDraft(TestStores.VILLAGE, item, new Period.Month(month),
                "红旗村" + month.getYear() + "年" + month.getMonthValue() + "月财务收支明细 #" + n, body(random));
        return withJournal(draft, journal(month, random));
    }

    static Notice edit(Notice current, Random random, long n) {
        NoticeContent c = current.content();
        YearMonth month = ((Period.Month) c.period()).month();
        return current.withContent(new NoticeContent(c.villageCode(), c.itemCode(), c.period(),
                c.title().replaceAll("（修订.*）$", "") + "（修订" + n + "）", body(random), c.tables(), journal(month, random),
                c.recipients()));
    }

    private static Notice withJournal(Notice n, CashJournal j) {
        NoticeContent c = n.content();
        return n.withContent(new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), c.body(), c.tables(), j,
                c.recipients()));
    }

    private static CashJournal journal(YearMonth month, Random random) {
        List<LedgerEntry> lines = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 1; i <= count; i++) {
            LocalDate day = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
            boolean income = random.nextBoolean();
            long fen = 100 + random.nextInt(5_000_000);
            lines.add(new LedgerEntry(day, "记-" + String.format("%03d", i), income ? "收到上级转移支付" : "支付水泥路工程款",
                    income ? fen : 0, income ? 0 : fen));
        }
        lines.sort(Comparator.comparing(LedgerEntry::date));
        return new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, random.nextInt(1_000_000), lines);
    }

    private static String body(Random random) {
        String[] parts = {"本月收支经村务监督委员会审核。", "如有疑问请于公开之日起十日内向村务监督委员会反映。",
            "道路硬化工程已完工验收。", "低保资金按时足额发放。", "集体土地承包费已全部收缴。"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4 + random.nextInt(8); i++) {
            b.append(parts[random.nextInt(parts.length)]);
        }
        return b.toString();
    }

    /** Loads H2, Jackson and the hasher on a throw-away database so the real open after GO is quick. */
    private static void warmUp(Random random) throws Exception {
        Path scratch = Files.createTempDirectory("sanwu-warmup");
        try (Database db = Database.open(scratch, Durability.SAFE)) {
            NoticeService service = TestStores.notices(db, Clock.systemUTC());
            Notice saved = service.save(newNotice(service, TestStores.CATALOG.find("F02").orElseThrow(), random, 0));
            service.save(edit(service.find(saved.id()).orElseThrow(), random, 1));
            NoticeHasher.sha256().hash(saved.id(), saved.content());
        }
        try (var files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
