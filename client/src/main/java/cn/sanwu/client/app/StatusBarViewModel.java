package cn.sanwu.client.app;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.sync.SyncStatus;
import cn.sanwu.client.task.BackgroundRunner;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar's sync text, read from the store in the background: 离线 / 同步中 / 已同步 hh:mm,
 * how many changes wait to be uploaded, how many the server refused, and — separately, because
 * it opens the conflict screen — how many conflicts wait for a person. UI thread only.
 */
public final class StatusBarViewModel {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Callable<SyncStatus> status;
    private final BackgroundRunner runner;
    private final ZoneId zone;
    private final ReadOnlyStringWrapper syncText = new ReadOnlyStringWrapper(I18n.t("status.offline.unknown"));
    private final ReadOnlyStringWrapper conflictText = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper conflicts = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper refusedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper refused = new ReadOnlyIntegerWrapper();

    /**
     * @param status read of the store's sync state (runs on the background thread)
     * @param zone   the clerk's time zone, for 已同步 hh:mm
     */
    public StatusBarViewModel(Callable<SyncStatus> status, BackgroundRunner runner, ZoneId zone) {
        this.status = status;
        this.runner = runner;
        this.zone = zone;
    }

    public void refresh() {
        runner.run(status, s -> {
            syncText.set(describe(s, zone));
            conflicts.set(s.conflicts());
            conflictText.set(s.conflicts() > 0 ? I18n.t("status.conflicts", s.conflicts()) : "");
            refused.set(s.rejected());
            refusedText.set(s.rejected() > 0 ? I18n.t("refused.link", s.rejected()) : "");
        }, e -> syncText.set(I18n.t("status.offline.unknown")));
    }

    /**
     * Synced only while the last attempt succeeded and nothing is in flight; a failed attempt after a
     * success is offline again, however recent the success was.
     */
    static String describe(SyncStatus s, ZoneId zone) {
        String text;
        if (s.inFlight() > 0) {
            text = I18n.t("status.syncing", s.waiting());
        } else if (s.lastSuccess() != null && s.lastError() == null) {
            String at = HH_MM.format(s.lastSuccess().atZone(zone));
            text = s.waiting() == 0 ? I18n.t("status.synced", at) : I18n.t("status.synced.waiting", at, s.waiting());
        } else {
            text = I18n.t("status.offline", s.waiting());
        }
        return text;
    }

    public ReadOnlyStringProperty syncTextProperty() {
        return syncText.getReadOnlyProperty();
    }

    /** "N 个冲突", or empty when there are none. */
    public ReadOnlyStringProperty conflictTextProperty() {
        return conflictText.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty conflictCountProperty() {
        return conflicts.getReadOnlyProperty();
    }

    /** "N 项被服务器拒绝", or empty when there are none; a link to the 被拒绝的修改 screen. */
    public ReadOnlyStringProperty refusedTextProperty() {
        return refusedText.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty refusedCountProperty() {
        return refused.getReadOnlyProperty();
    }
}
