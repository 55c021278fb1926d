package cn.sanwu.client.support;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.sync.LogCheckpointExport;
import cn.sanwu.client.task.BackgroundRunner;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;

/**
 * The 帮助 menu in the top bar: 导出诊断信息…, 导出日志检查点… (and the version, shown in the menu
 * itself).
 */
public final class SupportMenu {

    private SupportMenu() {
    }

    public static MenuButton create(AppContext ctx, BackgroundRunner runner, Consumer<Throwable> onError) {
        MenuItem export = new MenuItem(I18n.t("support.exportDiagnostics"));
        export.setId("exportDiagnostics");
        MenuItem version = new MenuItem(I18n.t("support.version", AppVersion.get()));
        version.setDisable(true);
        MenuItem checkpoint = new MenuItem(I18n.t("support.exportCheckpoint"));
        checkpoint.setId("exportCheckpoint");
        MenuButton menu = new MenuButton(I18n.t("support.menu"), null, export, checkpoint, version);
        menu.setId("supportMenu");
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(I18n.t("support.exportDiagnostics"));
            chooser.setInitialFileName(Diagnostics.defaultFileName(ctx.clock()));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ZIP", "*.zip"));
            File home = new File(System.getProperty("user.home"));
            if (home.isDirectory()) {
                chooser.setInitialDirectory(home);
            }
            File chosen = chooser.showSaveDialog(menu.getScene() != null ? menu.getScene().getWindow() : null);
            if (chosen != null) {
                exportTo(ctx, runner, chosen.toPath(), onError);
            }
        });
        checkpoint.setOnAction(e -> {
            Optional<String> note = LogCheckpointExport.stored(ctx.settings());
            if (note.isEmpty()) {
                info(I18n.t("support.exportCheckpoint"), I18n.t("support.noCheckpoint"));
                return;
            }
            FileChooser chooser = new FileChooser();
            chooser.setTitle(I18n.t("support.exportCheckpoint"));
            chooser.setInitialFileName(LogCheckpointExport.defaultFileName(note.get(), ctx.clock()));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(I18n.t("support.checkpointFiles"), "*.txt"));
            File home = new File(System.getProperty("user.home"));
            if (home.isDirectory()) {
                chooser.setInitialDirectory(home);
            }
            File chosen = chooser.showSaveDialog(menu.getScene() != null ? menu.getScene().getWindow() : null);
            if (chosen != null) {
                exportCheckpointTo(ctx, runner, chosen.toPath(), onError);
            }
        });
        return menu;
    }

    /**
     * 导出日志检查点: the checkpoint this PC last verified, for the auditor's {@code admin audit
     * --checkpoint FILE} (docs/operations.md); says how many publications it vouches for.
     */
    static void exportCheckpointTo(AppContext ctx, BackgroundRunner runner, Path target, Consumer<Throwable> onError) {
        runner.run(() -> LogCheckpointExport.export(ctx.settings(), target), written -> {
            if (written.isEmpty()) {
                info(I18n.t("support.exportCheckpoint"), I18n.t("support.noCheckpoint"));
            } else {
                info(I18n.t("support.exportCheckpoint"), I18n.t("support.checkpointExported",
                        written.get().file().toAbsolutePath(), written.get().treeSize()));
            }
        }, onError);
    }

    private static void info(String header, String text) {
        Alert done = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
        done.setHeaderText(header);
        done.show();
    }

    /** Writes the zip off the UI thread (the integrity check reads every notice) and says where. */
    static void exportTo(AppContext ctx, BackgroundRunner runner, Path target, Consumer<Throwable> onError) {
        runner.run(() -> Diagnostics.export(ctx, AppLog.directory(), target), written -> {
            info(I18n.t("support.exportDiagnostics"), I18n.t("support.exported", written.toAbsolutePath()));
        }, onError);
    }
}
