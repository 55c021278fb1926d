package cn.sanwu.client.bench;

import cn.sanwu.client.ledger.LedgerEditorViewModel;
import cn.sanwu.client.ledger.LedgerRow;
import cn.sanwu.client.notice.NoticeEditorViewModel;
import cn.sanwu.client.notice.NoticeRepository;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.outbox.OutboxRepository;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import cn.sanwu.client.task.Debounce;
import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.catalog.CatalogJson;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.period.Period;
import java.nio.file.Files;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Arrays;

/**
 * A 1,000-row ledger: time per cell edit (recalculation of running balance and totals, what runs
 * on the UI thread per keystroke-commit) and per autosave (JSON, hash, H2 write, CHECKPOINT SYNC).
 * Target: no visible lag, i.e. well under one 60 Hz frame (16.7 ms) per edit. Run bench/ledger.sh.
 */
public final class LedgerBenchmark {

    private LedgerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        LedgerEditorViewModel ledger = new LedgerEditorViewModel();
        StringBuilder paste = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            paste.append("2026-10-").append(String.format("%02d", i % 28 + 1)).append("\t记-").append(i + 1)
                    .append("\t支付第").append(i + 1).append("笔村内道路维修材料款\t").append(i % 3 == 0 ? "1234.56" : "")
                    .append('\t').append(i % 3 == 0 ? "" : "78.90").append('\n');
        }
        long p0 = System.nanoTime();
        ledger.pasteTabSeparated(paste.toString(), 0);
        System.out.printf("paste %d rows: %.1f ms%n", rows, (System.nanoTime() - p0) / 1e6);
        long[] edit = new long[200];
        for (int i = 0; i < edit.length; i++) {
            LedgerRow row = ledger.rows().get(i * 7 % rows);
            long s = System.nanoTime();
            row.income.set(i % 2 == 0 ? "100.00" : "");
            edit[i] = System.nanoTime() - s;
        }
        report("cell edit (recalculate " + rows + " rows)", edit);

        var dir = Files.createTempDirectory("sanwu-ledger-bench");
        Catalog catalog = CatalogJson.defaultCatalog();
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(dir, Durability.SAFE)) {
            NoticeService service = new NoticeService(db, new NoticeRepository(NoticeHasher.sha256()), new OutboxRepository(),
                    () -> catalog, new UuidV7(clock), clock);
            CatalogItem item = catalog.find("F02").orElseThrow();
            Debounce.Manual autosave = Debounce.manual();
            NoticeEditorViewModel vm = new NoticeEditorViewModel(service, item,
                    service.newDraft("219901101201", item, new Period.Month(YearMonth.of(2026, 10)), "十月收支", ""), autosave, clock);
            vm.ledger().pasteTabSeparated(paste.toString(), 0);
            long[] save = new long[30];
            for (int i = 0; i < save.length; i++) {
                vm.ledger().rows().get(i).summary.set("修改" + i);
                long s = System.nanoTime();
                autosave.runPending();
                save[i] = System.nanoTime() - s;
            }
            report("autosave of " + rows + "-row notice", save);
            for (int i = 0; i < 270; i++) {
                vm.ledger().rows().get(i % rows).summary.set("再次修改" + i);
                autosave.runPending();
            }
            System.out.printf("file after 300 autosaves: %.1f MB%n", Files.size(dir.resolve("sanwu.mv.db")) / 1e6);
            long c0 = System.nanoTime();
            db.closeAndCompact();
            System.out.printf("SHUTDOWN COMPACT took %.0f ms%n", (System.nanoTime() - c0) / 1e6);
        }
        System.out.printf("file after close+compact: %.1f MB%n", Files.size(dir.resolve("sanwu.mv.db")) / 1e6);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-36s median=%6.2f ms  p95=%6.2f ms  max=%6.2f ms%n", what, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.95)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
