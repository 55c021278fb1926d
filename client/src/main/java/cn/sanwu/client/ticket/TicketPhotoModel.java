package cn.sanwu.client.ticket;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.sync.SyncTransport;
import cn.sanwu.client.task.BackgroundRunner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.image.Image;

/**
 * The selected ticket's photo (ADR 0029): this PC's copy for the account if there is one, else
 * fetched from the server when the ticket is opened and kept in the client store, so it shows
 * offline afterwards. Offline and not yet fetched, it says so. Confined to the UI thread; the
 * download runs in the background and is shown only if its ticket is still the one selected.
 */
final class TicketPhotoModel {

    private final TicketStore store;
    private final TicketClient client;
    private final BackgroundRunner runner;
    private final Clock clock;
    private final String owner;
    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private String showing;

    TicketPhotoModel(TicketStore store, TicketClient client, BackgroundRunner runner, Clock clock, String owner) {
        this.store = store;
        this.client = client;
        this.runner = runner;
        this.clock = clock;
        this.owner = owner;
    }

    /** Shows {@code t}'s photo (null: nothing selected). Cheap when the same ticket is shown again. */
    void show(TicketItem t) {
        if (t != null && t.code().equals(showing) && image.get() != null && t.hasPhoto()) {
            return; // a reload after a sync re-selects the same ticket: keep the decoded picture
        }
        showing = t == null ? null : t.code();
        image.set(null);
        if (t == null) {
            note.set("");
            return;
        }
        if (t.photoWithheld()) {
            note.set(I18n.t("tickets.photo.withheld"));
            return;
        }
        if (!t.hasPhoto()) {
            note.set(I18n.t("tickets.photo.none"));
            return;
        }
        Optional<byte[]> kept = store.photo(owner, t.code());
        if (kept.isPresent()) {
            display(kept.get());
            return;
        }
        if (client == null || !client.loggedIn()) {
            note.set(I18n.t("tickets.photo.offline"));
            return;
        }
        String code = t.code();
        note.set(I18n.t("tickets.photo.loading"));
        runner.run(() -> {
            byte[] bytes = client.photo(code);
            store.savePhoto(owner, code, bytes, clock.instant());
            return bytes;
        }, bytes -> {
            if (code.equals(showing)) {
                display(bytes);
            }
        }, failure -> {
            if (code.equals(showing)) {
                note.set(failure instanceof IOException ? I18n.t("tickets.photo.offline")
                        : failure instanceof SyncTransport.Refused r && r.code().equals("PHOTO_WITHHELD")
                        ? I18n.t("tickets.photo.withheld")
                        : I18n.t("tickets.photo.failed", String.valueOf(failure.getMessage())));
            }
        });
    }

    private void display(byte[] bytes) {
        Image decoded = new Image(new ByteArrayInputStream(bytes));
        if (decoded.isError()) {
            note.set(I18n.t("tickets.photo.unreadable"));
            return;
        }
        image.set(decoded);
        note.set(I18n.t("tickets.photo.hint"));
    }

    ReadOnlyObjectProperty<Image> imageProperty() {
        return image.getReadOnlyProperty();
    }

    ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** The code of the ticket whose photo is shown (for the full-size window's title). */
    String showing() {
        return showing;
    }
}
