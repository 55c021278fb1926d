package cn.sanwu.client.app;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.task.BackgroundRunner;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar's text. Sync arrives with its own issue; until then the truth is "offline, N
 * changes waiting to be uploaded". UI thread only.
 */
public final class StatusBarViewModel {

    private final NoticeService notices;
    private final BackgroundRunner runner;
    private final ReadOnlyStringWrapper syncText = new ReadOnlyStringWrapper("离线");

    public StatusBarViewModel(NoticeService notices, BackgroundRunner runner) {
        this.notices = notices;
        this.runner = runner;
    }

    public void refresh() {
        runner.run(notices::pendingUploads, n -> syncText.set(I18n.t("status.offline", n)),
                e -> syncText.set(I18n.t("status.offline.unknown")));
    }

    public ReadOnlyStringProperty syncTextProperty() {
        return syncText.getReadOnlyProperty();
    }
}
