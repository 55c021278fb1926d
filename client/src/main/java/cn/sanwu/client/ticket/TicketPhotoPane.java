package cn.sanwu.client.ticket;

import cn.sanwu.client.i18n.I18n;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The photo beside the resident's text: a thumbnail and a line saying what is (or is not) there;
 * a click opens the picture full size in a window of its own (scrolling when larger than the screen).
 */
final class TicketPhotoPane extends VBox {

    static final double THUMB_WIDTH = 200;
    static final double THUMB_HEIGHT = 150;

    TicketPhotoPane(TicketPhotoModel model) {
        super(4);
        setId("ticketPhotoPane");
        setAlignment(Pos.TOP_CENTER);
        setMinWidth(THUMB_WIDTH);
        setPrefWidth(THUMB_WIDTH);
        ImageView thumb = new ImageView();
        thumb.setId("ticketPhoto");
        thumb.setFitWidth(THUMB_WIDTH);
        thumb.setFitHeight(THUMB_HEIGHT);
        thumb.setPreserveRatio(true);
        thumb.setSmooth(true);
        thumb.imageProperty().bind(model.imageProperty());
        thumb.setCursor(Cursor.HAND);
        thumb.setOnMouseClicked(e -> {
            if (thumb.getImage() != null) {
                fullSize(thumb.getImage(), model.showing()).show();
            }
        });
        Label note = new Label();
        note.setId("ticketPhotoNote");
        note.setWrapText(true);
        note.setMaxWidth(THUMB_WIDTH);
        note.textProperty().bind(model.noteProperty());
        getChildren().addAll(new Label(I18n.t("tickets.photo")), thumb, note);
    }

    /** The picture at its own size (the server keeps at most 1600 px on the long edge), in a window that fits the screen. */
    static Stage fullSize(Image image, String code) {
        ImageView view = new ImageView(image);
        ScrollPane scroll = new ScrollPane(view);
        scroll.setId("ticketPhotoFull");
        scroll.setPannable(true);
        Stage stage = new Stage();
        stage.setTitle(I18n.t("tickets.photo.full", code == null ? "" : TicketItem.displayCode(code)));
        stage.setScene(new Scene(scroll, Math.min(image.getWidth() + 4, 1200), Math.min(image.getHeight() + 4, 860)));
        return stage;
    }
}
