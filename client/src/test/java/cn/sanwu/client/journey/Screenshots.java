package cn.sanwu.client.journey;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/** For docs/screenshots: with {@code -Dsanwu.screenshots=DIR} a journey writes what it shows as PNG there. */
final class Screenshots {

    private Screenshots() {
    }

    static void saveIfAsked(FxRobot robot, Scene scene, String name) {
        String target = System.getProperty("sanwu.screenshots");
        if (target == null) {
            return;
        }
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = scene.snapshot(null));
        int w = (int) shot[0].getWidth();
        int h = (int) shot[0].getHeight();
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png.setRGB(x, y, shot[0].getPixelReader().getArgb(x, y));
            }
        }
        try {
            ImageIO.write(png, "png", Path.of(target).resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
