package cn.sanwu.client.app;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.ledger.ImportDialog;
import cn.sanwu.client.ledger.ImportViewModel;
import cn.sanwu.client.ledger.LedgerEditorViewModel;
import cn.sanwu.client.ledger.importing.CashJournalImporter;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.task.FxBackgroundRunner;
import cn.sanwu.client.ui.AppFonts;
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

    /** Being opened by {@link Main} while JavaFX starts; JavaFX instantiates this class itself. */
    static java.util.concurrent.CompletableFuture<AppContext> context;
    static volatile int exitCode;
    private FxBackgroundRunner runner;
    private javafx.animation.Timeline backupTimer;

    @Override
    public void start(Stage stage) {
        Main.startupMark("JavaFX started");
        // Before context.join(): the fonts load while the store is still opening on another thread.
        AppFonts.loadForScreen();
        Main.startupMark("fonts loaded");
        AppContext ctx;
        try {
            ctx = context.join();
        } catch (java.util.concurrent.CompletionException e) {
            // The store could not be opened (locked, corrupt, newer version, disk): say so, exit.
            exitCode = 4;
            String message = e.getCause() instanceof StoreException se ? se.userMessage()
                    : I18n.t("error.unexpected", String.valueOf(e.getCause()));
            System.err.println(message);
            Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
            alert.setHeaderText(I18n.t("app.title"));
            alert.showAndWait();
            Platform.exit();
            return;
        }
        runner = new FxBackgroundRunner();
        FxBackgroundRunner importRunner = runner;
        Consumer<LedgerEditorViewModel> importAction = ledger -> ImportDialog.open(stage,
                new ImportViewModel(new CashJournalImporter(), importRunner), ledger, ctx.checklist().today().getYear());
        AppWindow window = AppWindow.install(stage, ctx, runner, importAction);
        window.setOnReady(() -> {
            Main.markWindowShown();
            scheduleBackups(ctx);
        });
        Main.startupMark("window built");
        stage.show();
        Main.startupMark("window shown");
    }

    /**
     * Rolling backups while the app runs: checked at start and every 10 minutes, taken when the
     * newest is older than 30 minutes (BackupService). They run on the database thread, between saves.
     */
    private void scheduleBackups(AppContext ctx) {
        Runnable check = () -> runner.run(() -> ctx.backups().maybeBackup(), taken -> { },
                e -> System.err.println("备份失败：" + (e instanceof StoreException se ? se.userMessage() : e)));
        check.run();
        backupTimer = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.minutes(10), e -> check.run()));
        backupTimer.setCycleCount(javafx.animation.Animation.INDEFINITE);
        backupTimer.play();
    }

    @Override
    public void stop() {
        if (backupTimer != null) {
            backupTimer.stop();
        }
        if (runner != null) {
            runner.close();
        }
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
