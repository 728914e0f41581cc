package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fairmark.domain.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A4 label sheets: QR codes that scan back, Chinese text with an embedded subset font, English-only fallback. */
class LabelSheetTest {
    @TempDir
    Path dir;

    static SignedLabel label(String serial) {
        return SignedLabelTest.SIGNER.sign(new LabelClaim(SignedLabelTest.GTIN, "QX-2024-001", serial, "FIRST", 2500,
                LocalDate.of(2024, 9, 15), "130227", SignedLabelTest.SIGNER.keyId()), "https://id.fairmark.cn");
    }

    private static final int DPI = 200;

    /** Pixels at {@link #DPI} of a length in millimetres on the sheet. */
    private static int px(double millimetres) {
        return (int) Math.round(millimetres * DPI / 25.4);
    }

    static boolean cjkFontInstalled() {
        return LabelSheet.CJK_FONT_CANDIDATES.stream().anyMatch(Files::isRegularFile);
    }

    @Test
    void a_sheet_of_fifteen_labels_takes_two_pages_and_its_qr_code_scans_back() throws Exception {
        LabelSheet.Builder sheet = LabelSheet.builder();
        SignedLabel last = null;
        for (int i = 1; i <= 15; i++) {
            last = label("P" + i);
            sheet.add(last, "迁西板栗", "Qianxi chestnut");
        }
        Path pdf = dir.resolve("labels.pdf");
        LabelSheet.Result result = sheet.write(pdf);
        assertThat(result.pages()).isEqualTo(2);
        assertThat(result.labels()).isEqualTo(15);
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(1, DPI);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            // page 2 holds the fifteenth label alone, in the first cell; the code is the square 2 mm inside the cell's
            // top-left corner (sheet margins 4.65 mm and 15.15 mm), 38.1 - 2 x 2 mm a side. Read it as a scanner framing
            // the code does: ZXing's finder search on the whole page (or the whole label, text included) misread about
            // 3 % of these version-11 codes, the code's own square none of 200 tried.
            ImageIO.write(page.getSubimage(px(4.65 + 2), px(15.15 + 2), px(38.1 - 4), px(38.1 - 4)), "png", png);
            assertThat(QrCodes.decode(png.toByteArray())).isEqualTo(last.uri());
            Files.write(Path.of("target", "label-sheet-page2.png"), png.toByteArray());
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 100), "png", Path.of("target", "label-sheet-page1.png").toFile());
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Qianxi chestnut", "2.500 kg", "2024-09-15", "130227", "P15");
        }
    }

    @Test
    void with_a_cjk_font_the_sheet_holds_chinese_in_an_embedded_subset() throws Exception {
        Path pdf = dir.resolve("zh.pdf");
        LabelSheet.Result result = LabelSheet.builder().add(label("P1"), "迁西板栗", "Qianxi chestnut").write(pdf);
        assertThat(result.chinese()).isEqualTo(cjkFontInstalled());
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document);
            if (cjkFontInstalled()) {
                assertThat(text).contains("迁西板栗", "净含量");
                PDFont font = document.getPage(0).getResources().getFont(
                        document.getPage(0).getResources().getFontNames().iterator().next());
                assertThat(font.getName()).matches("[A-Z]{6}\\+.*");
                assertThat(font.isEmbedded()).isTrue();
                assertThat(Files.size(pdf)).isLessThan(300_000);
            } else {
                assertThat(result.notice()).contains("No CJK font");
            }
        }
    }

    @Test
    void each_label_names_its_packer_and_the_full_division_name_of_its_origin() throws Exception {
        Path pdf = dir.resolve("names.pdf");
        LabelSheet.Result result = LabelSheet.builder()
                .add(label("P1"), "迁西板栗", "Qianxi chestnut", "迁西县栗香板栗专业合作社", "Qianxi Lixiang Chestnut Cooperative")
                .write(pdf);
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document);
            if (result.chinese()) {
                assertThat(text).contains("包装 Packer: 迁西县栗香板栗专业合作社", "产地 Origin: 河北省 唐山市 迁西县 (130227)")
                        .doesNotContain("Qianxi Lixiang");
            } else {
                assertThat(text).contains("Packer: Qianxi Lixiang Chestnut Cooperative", "Origin: 130227");
            }
        }
        Path english = dir.resolve("names-en.pdf");
        LabelSheet.builder().englishOnly()
                .add(label("P2"), "迁西板栗", "Qianxi chestnut", "迁西县栗香板栗专业合作社", "Qianxi Lixiang Chestnut Cooperative")
                .add(label("P3"), "迁西板栗", "Qianxi chestnut", "PackMSP", "PackMSP")
                .write(english);
        try (PDDocument document = Loader.loadPDF(english.toFile())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Packer: Qianxi Lixiang Chestnut Cooperative", "Packer: PackMSP", "Origin: 130227")
                    .doesNotContain("迁西");
        }
    }

    @Test
    void english_only_says_so_and_drops_chinese() throws Exception {
        Path pdf = dir.resolve("en.pdf");
        LabelSheet.Result result = LabelSheet.builder().englishOnly().add(label("P1"), "迁西板栗", "Qianxi chestnut").write(pdf);
        assertThat(result.chinese()).isFalse();
        assertThat(result.notice()).contains("English only");
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Qianxi chestnut", "English only").doesNotContain("迁西");
        }
    }

    @Test
    void an_empty_sheet_and_an_unusable_font_file_are_handled() throws Exception {
        assertThat(catchThrowableOfType(FairmarkException.class, () -> LabelSheet.builder().write(dir.resolve("x.pdf"))).code())
                .isEqualTo(ErrorCode.INVALID_ARGUMENT);
        Path junk = dir.resolve("junk.ttf");
        Files.writeString(junk, "not a font");
        LabelSheet.Result result = LabelSheet.builder().font(junk).add(label("P1"), "板栗", "chestnut").write(dir.resolve("j.pdf"));
        assertThat(result.chinese()).isFalse();
    }
}
