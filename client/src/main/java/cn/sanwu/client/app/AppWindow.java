package cn.sanwu.client.app;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.ledger.LedgerEditorViewModel;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.client.ui.AppFonts;
import cn.sanwu.client.village.FirstRunView;
import cn.sanwu.client.village.VillageProfile;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Puts Sanwu into a stage: first run or the main window, the stylesheet, and the close guard that
 * saves open editors. Shared by {@link SanwuApp} and the UI journey tests, so tests drive exactly
 * what the clerk sees.
 */
public final class AppWindow {

    private final AppContext ctx;
    private final BackgroundRunner runner;
    private final Consumer<LedgerEditorViewModel> importAction;
    private MainWindow main;
    private Runnable onReady = () -> { };

    private AppWindow(AppContext ctx, BackgroundRunner runner, Consumer<LedgerEditorViewModel> importAction) {
        this.ctx = ctx;
        this.runner = runner;
        this.importAction = importAction;
    }

    public static AppWindow install(Stage stage, AppContext ctx, BackgroundRunner runner,
            Consumer<LedgerEditorViewModel> importAction) {
        // Already done by SanwuApp (a no-op then); here too so UI tests render what the clerk sees.
        AppFonts.loadForScreen();
        AppWindow window = new AppWindow(ctx, runner, importAction);
        stage.setTitle(I18n.t("app.title"));
        Scene scene = new Scene(new StackPane(), 1280, 760);
        scene.getStylesheets().add(AppWindow.class.getResource("/cn/sanwu/client/app/sanwu.css").toExternalForm());
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        var profile = ctx.villages().profile();
        if (profile.isPresent()) {
            window.showMain(scene, profile.get());
        } else {
            scene.setRoot(new FirstRunView(ctx.villages(), p -> window.showMain(scene, p)));
        }
        stage.setOnCloseRequest(e -> {
            if (!window.flushAll()) {
                Alert alert = new Alert(Alert.AlertType.CONFIRMATION, I18n.t("app.closeUnsaved"), ButtonType.CANCEL, ButtonType.OK);
                if (alert.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
                    e.consume();
                }
            }
        });
        return window;
    }

    private void showMain(Scene scene, VillageProfile profile) {
        main = new MainWindow(ctx, profile, runner, importAction);
        main.setOnReady(() -> onReady.run());
        scene.setRoot(main);
    }

    /** Runs once the main window's checklist has loaded (start-up benchmarks measure to here). */
    public void setOnReady(Runnable action) {
        this.onReady = action;
    }

    /** Saves every open editor; false when one could not be saved. */
    public boolean flushAll() {
        return main == null || main.flushAll();
    }
}
