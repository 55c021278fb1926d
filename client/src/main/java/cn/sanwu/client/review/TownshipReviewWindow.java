package cn.sanwu.client.review;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.sync.SyncTransport;
import cn.sanwu.client.task.BackgroundRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Township mode: a township reviewer logs in against the server (online) and works the queue in
 * a window of its own, beside (or instead of) the village workstation.
 */
public final class TownshipReviewWindow {

    private TownshipReviewWindow() {
    }

    /** Login fields; {@code server} prefilled with the PC's sync server when it has one. */
    public record Login(String server, String username, String password) {
    }

    public static Optional<Login> askLogin(Window owner, String server) {
        Dialog<Login> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(I18n.t("township.login"));
        TextField url = new TextField(server == null ? "" : server);
        url.setId("townshipServer");
        TextField user = new TextField();
        user.setId("townshipUser");
        PasswordField password = new PasswordField();
        password.setId("townshipPassword");
        d.getDialogPane().setContent(new VBox(6, new Label(I18n.t("township.server")), url, new Label(I18n.t("township.username")),
                user, new Label(I18n.t("township.password")), password));
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? new Login(url.getText().strip(), user.getText().strip(), password.getText())
                : null);
        return d.showAndWait();
    }

    /** Logs in (off the UI thread) and opens the queue window; failures go to {@code onError}. */
    public static void open(Login login, BackgroundRunner runner, Clock clock, java.util.function.Consumer<String> onError,
            java.util.function.Consumer<Stage> onOpened) {
        open(login, runner, clock, cn.sanwu.model.catalog.CatalogJson.defaultCatalog(), onError, onOpened);
    }

    /**
     * With the catalog the 村账乡管 entry offers items from. The window has three tabs: the queue,
     * 已公开 (withdrawal), 村账乡管录入.
     */
    public static void open(Login login, BackgroundRunner runner, Clock clock, cn.sanwu.model.catalog.Catalog catalog,
            java.util.function.Consumer<String> onError, java.util.function.Consumer<Stage> onOpened) {
        ReviewClient client;
        try {
            client = new ReviewClient(new SyncTransport(login.server(), Duration.ofSeconds(20)));
        } catch (IllegalArgumentException e) {
            onError.accept(e.getMessage());
            return;
        }
        runner.run(() -> client.login(login.username(), login.password()), reviewer -> {
            TownshipReviewViewModel vm = new TownshipReviewViewModel(client, runner, clock);
            TownshipPublishedViewModel published = new TownshipPublishedViewModel(client, runner);
            java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")));
            TownshipEntryViewModel entry = new TownshipEntryViewModel(client, runner, catalog,
                    new cn.sanwu.model.id.UuidV7(clock), today);
            Stage stage = new Stage();
            stage.setTitle(I18n.t("township.title") + " — " + reviewer.displayName());
            javafx.scene.control.Tab queueTab = new javafx.scene.control.Tab(I18n.t("township.tabQueue"),
                    new TownshipReviewView(vm, I18n.t("township.reviewer", reviewer.displayName(), reviewer.scopeCode())));
            queueTab.setId("queueTab");
            javafx.scene.control.Tab publishedTab = new javafx.scene.control.Tab(I18n.t("township.tabPublished"),
                    new TownshipPublishedView(published));
            publishedTab.setId("publishedTab");
            javafx.scene.control.Tab entryTab = new javafx.scene.control.Tab(I18n.t("township.tabEntry"),
                    new TownshipEntryView(entry, new TownshipEntryView.ObservableVillages(published.villages()),
                            ledger -> cn.sanwu.client.ledger.ImportDialog.open(stage, new cn.sanwu.client.ledger.ImportViewModel(
                                    new cn.sanwu.client.ledger.importing.CashJournalImporter(), runner), ledger, today.getYear())));
            entryTab.setId("entryTab");
            javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(queueTab, publishedTab, entryTab);
            tabs.setId("townshipTabs");
            tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
            // Each tab reloads from the server when shown: decisions made elsewhere show up.
            queueTab.setOnSelectionChanged(e -> {
                if (queueTab.isSelected()) {
                    vm.refresh();
                }
            });
            publishedTab.setOnSelectionChanged(e -> {
                if (publishedTab.isSelected()) {
                    published.refresh();
                }
            });
            entryTab.setOnSelectionChanged(e -> {
                if (entryTab.isSelected()) {
                    entry.refresh();
                }
            });
            Scene scene = new Scene(tabs, 1280, 800);
            var css = TownshipReviewWindow.class.getResource("/cn/sanwu/client/app/sanwu.css");
            if (css != null) {
                scene.getStylesheets().add(css.toExternalForm());
            }
            stage.setScene(scene);
            stage.show();
            vm.refresh();
            published.refresh(); // also the township's villages, for the entry tab
            onOpened.accept(stage);
        }, failure -> onError.accept(failure instanceof ReviewClient.ReviewException r ? r.getMessage()
                : String.valueOf(failure.getMessage())));
    }
}
