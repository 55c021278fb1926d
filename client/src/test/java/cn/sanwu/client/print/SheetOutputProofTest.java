package cn.sanwu.client.print;

import static cn.sanwu.client.print.SheetFixtures.PRINT_DATE;
import static cn.sanwu.client.print.SheetFixtures.Q3;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.mask.PersonalDataScanner;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.validation.IdNumber;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads sheets back with the real tools: poppler's pdftoppm renders the page, ZXing decodes the
 * QR code from the pixels, pdftotext extracts the text the personal-data scanner checks.
 */
class SheetOutputProofTest {

    @TempDir
    Path dir;

    private final SheetOptions options = new SheetOptions(Paper.A4_PORTRAIT, false, "https://gk.example.gov.cn", PRINT_DATE,
            null, null, "李会计");

    private static String validId(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    private Notice recipientNotice() {
        List<Recipient> people = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            people.add(new Recipient("村民" + i, (i % 5 + 1) + "组", 1 + i % 3, 10_000 + i,
                    validId("2199011970010" + String.format("%04d", 1000 + i))));
        }
        return SheetFixtures.notice("V17", Q3, "残疾人补贴名单",
                "如有异议请联系村委会王主任，电话13912345678，或汇款至账户6222021234567890128，住址红旗镇幸福路12号。",
                null, new RecipientList("困难残疾人生活补贴", people), NoticeStatus.DRAFT);
    }

    private Path writePdf(Notice n, SheetOptions o) throws Exception {
        Path pdf = dir.resolve("sheet.pdf");
        Files.write(pdf, SheetPdfWriter.write(SheetFixtures.sheet(n, o), o).pdf());
        return pdf;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }

    private static String decodeQr(BufferedImage image) throws Exception {
        Result r = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        return r.getText();
    }

    @Test
    void qrCodeOnEveryPageDecodesToThePublicPageWithIdAndHash() throws Exception {
        Notice n = recipientNotice();
        Path pdf = writePdf(n, options);
        run("pdftoppm", "-r", "150", "-png", pdf.toString(), dir.resolve("page").toString());
        String expected = "https://gk.example.gov.cn/n/" + n.id() + "?r=" + n.revision() + "&h=" + SheetFixtures.hash(n);
        File[] pages = dir.toFile().listFiles((d, name) -> name.startsWith("page") && name.endsWith(".png"));
        assertThat(pages).hasSizeGreaterThan(1);
        for (File page : pages) {
            assertThat(decodeQr(ImageIO.read(page))).as(page.getName()).isEqualTo(expected);
        }
        // The phone picture carries the same code.
        List<BufferedImage> png = SheetExports.pngPages(Files.readAllBytes(pdf));
        assertThat(png.getFirst().getWidth()).isEqualTo(SheetExports.PHONE_WIDTH_PX);
        assertThat(decodeQr(png.getFirst())).isEqualTo(expected);
    }

    @Test
    void noUnmaskedIdBankOrPhoneNumberInThePdfText() throws Exception {
        Notice n = recipientNotice();
        for (Paper paper : Paper.values()) {
            Path pdf = writePdf(n, options.withPaper(paper));
            Path txt = dir.resolve("sheet.txt");
            run("pdftotext", "-enc", "UTF-8", pdf.toString(), txt.toString());
            String text = Files.readString(txt);
            assertThat(text).as("the list itself printed").contains("村民39").contains("困难残疾人生活补贴");
            assertThat(PersonalDataScanner.scan(text)).as(paper + " text").isEmpty();
            for (Recipient r : n.content().recipients().recipients()) {
                assertThat(text).doesNotContain(r.idNumber());
            }
            assertThat(text).doesNotContain("13912345678").doesNotContain("6222021234567890128");
        }
    }

    @Test
    void theScannerWouldCatchAnUnmaskedNumber() {
        // The check above is only worth something if the scanner sees what it must find.
        assertThat(PersonalDataScanner.scan("身份证 " + validId("21990119700101100") + " 电话 13912345678")).hasSize(2);
    }
}
