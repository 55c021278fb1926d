package cn.sanwu.client.print;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Writing sheet files safely, for the command line and the preview alike: each file is written to
 * a temporary name next to its target and renamed into place (a failed export leaves nothing half
 * written), and a PNG export leaves no pages of an earlier, longer export behind.
 */
public final class SheetFiles {

    /** {@code page-01.png} … as exported; the number has at least two digits. */
    private static final Pattern PAGE_FILE = Pattern.compile("page-([0-9]{2,6})\\.png");

    private SheetFiles() {
    }

    /** Writes the temporary file a {@link #writeAtomically} target is made from. */
    @FunctionalInterface
    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    public static void writeAtomically(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".sanwu-export-", ".tmp");
        try {
            writer.write(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writePdf(Path target, byte[] pdf) throws IOException {
        writeAtomically(target, tmp -> Files.write(tmp, pdf));
    }

    /**
     * Writes {@code page-01.png} … into {@code dir}, one page rendered at a time, then removes
     * {@code page-NN.png} files beyond the last page (left by an earlier export of a longer
     * sheet, they would be posted to the WeChat group as if they belonged to this one).
     *
     * @return the number of pages written
     */
    public static int writePngPages(byte[] pdf, Path dir) throws IOException {
        Files.createDirectories(dir);
        int count;
        try (SheetPageImages pages = SheetPageImages.open(pdf)) {
            count = pages.pageCount();
            for (int i = 0; i < count; i++) {
                var image = pages.renderForPhone(i);
                writeAtomically(dir.resolve(String.format("page-%02d.png", i + 1)), tmp -> {
                    if (!ImageIO.write(image, "png", tmp.toFile())) {
                        throw new IOException("no PNG writer");
                    }
                });
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "page-*.png")) {
            for (Path file : files) {
                Matcher m = PAGE_FILE.matcher(file.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(1)) > count) {
                    Files.deleteIfExists(file);
                }
            }
        }
        return count;
    }
}
