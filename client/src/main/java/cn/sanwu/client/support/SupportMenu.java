package cn.sanwu.client.support;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.task.BackgroundRunner;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;

/** The 帮助 menu in the top bar: 导出诊断信息… (and the version, shown in the menu itself). */
public final class SupportMenu {

    private SupportMenu() {
    }

    public static MenuButton create(AppContext ctx, BackgroundRunner runner, Consumer<Throwable> onError) {
        MenuItem export = new MenuItem(I18n.t("support.exportDiagnostics"));
        export.setId("exportDiagnostics");
        MenuItem version = new MenuItem(I18n.t("support.version", AppVersion.get()));
        version.setDisable(true);
        MenuButton menu = new MenuButton(I18n.t("support.menu"), null, export, version);
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
        return menu;
    }

    /** Writes the zip off the UI thread (the integrity check reads every notice) and says where. */
    static void exportTo(AppContext ctx, BackgroundRunner runner, Path target, Consumer<Throwable> onError) {
        runner.run(() -> Diagnostics.export(ctx, AppLog.directory(), target), written -> {
            Alert done = new Alert(Alert.AlertType.INFORMATION, I18n.t("support.exported", written.toAbsolutePath()), ButtonType.OK);
            done.setHeaderText(I18n.t("support.exportDiagnostics"));
            done.show();
        }, onError);
    }
}
