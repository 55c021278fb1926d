package cn.sanwu.client.ticket;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.sync.SyncTransport;
import cn.sanwu.client.task.BackgroundRunner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * 群众留言 mode: a staff person logs in against the server (like township mode, docs/review.md)
 * and works the tickets of their scope in a window of its own. Without a connection the window
 * opens on this PC's cache of that account, steps queue, and 同步 logs in and sends them later.
 */
public final class TicketWindow {

    private TicketWindow() {
    }

    /** Login fields; {@code server} prefilled with the PC's sync server when it has one. */
    public record Login(String server, String username, String password) {
    }

    public static Optional<Login> askLogin(Window owner, String server) {
        Dialog<Login> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(I18n.t("tickets.login"));
        TextField url = new TextField(server == null ? "" : server);
        url.setId("ticketServer");
        TextField user = new TextField();
        user.setId("ticketUser");
        PasswordField password = new PasswordField();
        password.setId("ticketPassword");
        // The password is asked at every opening on purpose: no session is kept on the PC (ADR 0029).
        Label note = new Label(I18n.t("tickets.loginNote"));
        note.setId("ticketLoginNote");
        note.setWrapText(true);
        note.setMaxWidth(360);
        d.getDialogPane().setContent(new VBox(6, new Label(I18n.t("tickets.server")), url, new Label(I18n.t("tickets.username")),
                user, new Label(I18n.t("tickets.password")), password, note));
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? new Login(url.getText().strip(), user.getText().strip(),
                password.getText()) : null);
        return d.showAndWait();
    }

    /** Logs in (off the UI thread) and opens the window; offline, opens the cache; refusals go to {@code onError}. */
    public static void open(Login login, Database db, BackgroundRunner runner, Clock clock, Consumer<String> onError,
            Consumer<Stage> onOpened) {
        if (login.username().isEmpty()) {
            onError.accept(I18n.t("tickets.error.username"));
            return;
        }
        TicketClient client;
        try {
            client = new TicketClient(new SyncTransport(login.server(), Duration.ofSeconds(20)));
        } catch (IllegalArgumentException e) {
            onError.accept(e.getMessage());
            return;
        }
        TicketStore store = new TicketStore(db);
        OfflineLogin offline = new OfflineLogin(db);
        runner.run(() -> {
            try {
                TicketClient.Staff staff = client.login(login.username(), login.password());
                offline.remember(login.username(), login.password(), clock.instant());
                return staff;
            } catch (IOException e) {
                // Offline: the PC's cache of this account, but only for the password it last used online.
                if (store.lastPull(login.username()).isEmpty()) {
                    throw e;
                }
                if (!offline.matches(login.username(), login.password())) {
                    throw new IllegalArgumentException(I18n.t("tickets.offlineWrongPassword"));
                }
                return null;
            }
        }, staff -> {
            if (staff != null) {
                onOpened.accept(show(client, store, runner, clock, staff.username(),
                        I18n.t("tickets.staff", staff.displayName(), staff.scopeCode()), staff.seesStatistics(), null));
            } else {
                // 同步 logs in once the server is reachable.
                onOpened.accept(show(client, store, runner, clock, login.username(),
                        I18n.t("tickets.staffOffline", login.username()), false,
                        () -> client.login(login.username(), login.password())));
            }
        }, failure -> onError.accept(failure instanceof IOException ? I18n.t("tickets.offlineNoCache")
                : String.valueOf(failure.getMessage())));
    }

    static Stage show(TicketClient client, TicketStore store, BackgroundRunner runner, Clock clock, String owner,
            String staffLine, boolean statistics, java.util.concurrent.Callable<?> relogin) {
        TicketsViewModel vm = new TicketsViewModel(store, client, runner, clock, owner);
        vm.setRelogin(relogin);
        TabPane tabs = new TabPane();
        tabs.setId("ticketTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().add(new Tab(I18n.t("tickets.title"), new TicketsView(vm, staffLine)));
        if (statistics) {
            tabs.getTabs().add(new Tab(I18n.t("stats.title"), new StatisticsView(new StatisticsViewModel(client, runner, clock))));
        }
        Stage stage = new Stage();
        stage.setTitle(I18n.t("tickets.title") + " — " + owner);
        Scene scene = new Scene(tabs, 1280, 820);
        var css = TicketWindow.class.getResource("/cn/sanwu/client/app/sanwu.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        stage.setScene(scene);
        stage.show();
        vm.reload();
        if (relogin == null) {
            vm.sync();
        }
        return stage;
    }
}
