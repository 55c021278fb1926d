package cn.sanwu.client.app;

import cn.sanwu.client.ledger.LedgerEditorViewModel;
import cn.sanwu.client.task.FxBackgroundRunner;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * The JavaFX application. Opens the store (already done by {@link Main} so that errors appear
 * before any window), shows first run or the main window, and on close saves open editors before
 * the database is closed.
 */
public final class SanwuApp extends Application {

    /** Set by {@link Main} before launch; JavaFX instantiates this class itself. */
    static AppContext context;
    static Runnable onExit = () -> { };
    /** Import dialog hook, set by Main once the importer is wired. */
    static Consumer<LedgerEditorViewModel> importAction = vm -> { };

    private FxBackgroundRunner runner;

    @Override
    public void start(Stage stage) {
        runner = new FxBackgroundRunner();
        AppWindow window = AppWindow.install(stage, context, runner, importAction);
        window.setOnReady(Main::markWindowShown);
        stage.show();
    }

    @Override
    public void stop() {
        if (runner != null) {
            runner.close();
        }
        onExit.run();
    }

    static void showFatal(String message) {
        Platform.startup(() -> {
            Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
            alert.setHeaderText(I18n.t("app.title"));
            alert.showAndWait();
            Platform.exit();
        });
    }
}
