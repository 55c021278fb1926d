package cn.sanwu.client.print;

import static cn.sanwu.client.print.SheetFixtures.PRINT_DATE;
import static cn.sanwu.client.print.SheetFixtures.Q3;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import java.io.ByteArrayInputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** The township archive wants PDF/A-2b: veraPDF (the reference validator) checks the claim. */
class SheetPdfA2bTest {

    @BeforeAll
    static void initVeraPdf() {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private static ValidationResult validate(byte[] pdf) throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
                PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            return validator.validate(parser);
        }
    }

    private static String failures(ValidationResult r) {
        return r.getTestAssertions().stream().filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + " " + a.getMessage())
                .distinct().limit(20).collect(Collectors.joining("\n"));
    }

    @Test
    void draftLedgerWithWatermarkAndApprovedTextSheetArePdfA2b() throws Exception {
        SheetOptions options = SheetOptions.defaults(PRINT_DATE);
        Notice ledger = SheetFixtures.notice("F02", Q3, "收支明细", "说明", SheetFixtures.journal(60, 2), null, NoticeStatus.DRAFT);
        Notice text = SheetFixtures.notice("P04", Q3, "党费", "本季度收缴党费。", null, null, NoticeStatus.APPROVED);
        for (Notice n : java.util.List.of(ledger, text)) {
            ValidationResult r = validate(SheetPdfWriter.write(SheetFixtures.sheet(n, options), options).pdf());
            assertThat(r.isCompliant()).as(failures(r)).isTrue();
        }
    }

    @Test
    void theValidatorRejectsAPdfWithoutTheMetadata() throws Exception {
        // Shown to fail: an ordinary PDFBox document is not PDF/A.
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            var out = new java.io.ByteArrayOutputStream();
            doc.save(out);
            assertThat(validate(out.toByteArray()).isCompliant()).isFalse();
        }
    }
}
