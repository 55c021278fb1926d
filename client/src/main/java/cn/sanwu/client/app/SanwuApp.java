package cn.sanwu.client.app;

import cn.sanwu.client.ledger.LedgerEditorViewModel;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.task.FxBackgroundRunner;
import cn.sanwu.client.village.FirstRunView;
import cn.sanwu.client.village.VillageProfile;
import java.time.Clock;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
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
    private MainWindow main;

    @Override
    public void start(Stage stage) {
        runner = new FxBackgroundRunner();
        stage.setTitle(I18n.t("app.title"));
        Scene scene = new Scene(new javafx.scene.layout.StackPane(), 1280, 760);
        scene.getStylesheets().add(SanwuApp.class.getResource("/cn/sanwu/client/app/sanwu.css").toExternalForm());
        stage.setScene(scene);
        stage.setMinWidth(1000);
        stage.setMinHeight(640);
        var profile = context.villages().profile();
        if (profile.isPresent()) {
            showMain(scene, profile.get());
        } else {
            scene.setRoot(new FirstRunView(context.villages(), p -> showMain(scene, p)));
        }
        stage.setOnCloseRequest(e -> {
            if (main != null && !main.flushAll()) {
                Alert alert = new Alert(Alert.AlertType.CONFIRMATION, I18n.t("app.closeUnsaved"), ButtonType.CANCEL, ButtonType.OK);
                if (alert.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
                    e.consume();
                }
            }
        });
        stage.show();
        Main.markWindowShown();
    }

    private void showMain(Scene scene, VillageProfile profile) {
        main = new MainWindow(context, profile, runner, importAction);
        scene.setRoot(main);
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

    static Clock clock() {
        return Clock.systemUTC();
    }

    static StoreException unwrap(Throwable t) {
        return t instanceof StoreException se ? se : null;
    }
}
