package cn.sanwu.client.ticket;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.sync.SyncTransport;
import cn.sanwu.client.task.BackgroundRunner;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The 统计 screen for township and city staff (online: figures are computed by the server for the
 * caller's scope): a period, a table per village, township and ticket category, CSV export.
 * Confined to the UI thread; the request runs in the background.
 */
public final class StatisticsViewModel {

    /** One table line; notice columns are blank ("") on category lines. */
    public record Line(String level, String code, String name, String entered, String published, int received,
            int answered, int closed, int overdue) {
    }

    private final TicketClient client;
    private final BackgroundRunner runner;
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public StatisticsViewModel(TicketClient client, BackgroundRunner runner, Clock clock) {
        this.client = client;
        this.runner = runner;
        LocalDate today = LocalDate.now(clock.withZone(TicketsViewModel.CHINA));
        from.set(today.withDayOfMonth(1));
        to.set(today);
    }

    public void load() {
        LocalDate f = from.get();
        LocalDate t = to.get();
        if (f == null || t == null) {
            message.set(I18n.t("stats.error.missing"));
            return;
        }
        if (t.isBefore(f)) {
            message.set(I18n.t("stats.error.order"));
            return;
        }
        if (client == null || !client.loggedIn()) {
            message.set(I18n.t("tickets.offlineLogin"));
            return;
        }
        message.set(I18n.t("stats.loading"));
        runner.run(() -> client.statistics(f, t), report -> {
            lines.setAll(parse(report));
            message.set(I18n.t("stats.loaded", f, t));
        }, failure -> message.set(failure instanceof SyncTransport.Refused r ? r.getMessage()
                : failure instanceof IOException e ? "连接服务器失败：" + e.getMessage() : String.valueOf(failure.getMessage())));
    }

    static List<Line> parse(JsonNode report) {
        List<Line> out = new ArrayList<>();
        add(out, I18n.t("stats.level.village"), report.path("villages"));
        add(out, I18n.t("stats.level.township"), report.path("townships"));
        add(out, I18n.t("stats.level.category"), report.path("categories"));
        add(out, I18n.t("stats.level.total"), List.of(report.path("total")));
        return out;
    }

    private static void add(List<Line> out, String level, Iterable<JsonNode> rows) {
        for (JsonNode r : rows) {
            if (r.isMissingNode()) {
                continue;
            }
            out.add(new Line(level, r.path("code").asText(), r.path("name").asText(),
                    r.path("entered").isNumber() ? r.path("entered").asText() : "",
                    r.path("published").isNumber() ? r.path("published").asText() : "", r.path("received").asInt(),
                    r.path("answered").asInt(), r.path("closed").asInt(), r.path("overdue").asInt()));
        }
    }

    /** Writes the table as UTF-8 CSV (with BOM, so Excel reads the Chinese); atomically. */
    public void exportCsv(Path file) {
        if (lines.isEmpty()) {
            message.set(I18n.t("stats.error.empty"));
            return;
        }
        StringBuilder sb = new StringBuilder("\uFEFF");
        sb.append(String.join(",", I18n.t("stats.col.level"), I18n.t("stats.col.code"), I18n.t("stats.col.name"),
                I18n.t("stats.col.entered"), I18n.t("stats.col.published"), I18n.t("stats.col.received"),
                I18n.t("stats.col.answered"), I18n.t("stats.col.closed"), I18n.t("stats.col.overdue"))).append("\r\n");
        for (Line l : lines) {
            sb.append(String.join(",", cell(l.level()), cell(l.code()), cell(l.name()), l.entered(), l.published(),
                    String.valueOf(l.received()), String.valueOf(l.answered()), String.valueOf(l.closed()),
                    String.valueOf(l.overdue()))).append("\r\n");
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            message.set(I18n.t("stats.exported", file));
        } catch (IOException e) {
            message.set(I18n.t("stats.error.write", String.valueOf(e.getMessage())));
        }
    }

    /** Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObservableList<Line> lines() {
        return lines;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
