package org.fairmark.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.fairmark.domain.ErrorCode;

/**
 * A4 sheets of package labels as PDF: 2 × 7 labels of 99.1 × 38.1 mm (the common L7163 layout), each with the QR
 * code of the label URI drawn as vector modules and the claim in Chinese and English (product, grade, net mass,
 * packing date, origin with its full GB/T 2260 name, lot and serial) and, when given, the packer's name from its
 * profile ({@link OrgDirectory}).
 *
 * <p>Chinese text needs a CJK font: the sheet embeds a subset of the first TrueType font found among
 * {@code /usr/share/fonts/truetype/wqy/wqy-microhei.ttc} (Debian {@code fonts-wqy-microhei}),
 * {@code wqy-zenhei.ttc} ({@code fonts-wqy-zenhei}), {@code arphic/uming.ttc} and {@code droid/DroidSansFallbackFull.ttf},
 * or the file named by {@link Builder#font(Path)} or the system property {@code fairmark.cjk.font}. Without one the sheet is
 * English only and says so in its footer and in {@link Result#notice()}.
 *
 * <pre>{@code
 * LabelSheet.Result result = LabelSheet.builder()
 *         .add(label, "迁西板栗", "Qianxi chestnut", "迁西县栗香板栗专业合作社", "Qianxi Lixiang Chestnut Cooperative")
 *         .write(Path.of("labels.pdf"));
 * if (!result.chinese()) System.err.println(result.notice());
 * }</pre>
 */
public final class LabelSheet {
    /** System property naming a CJK TrueType font file (.ttf or .ttc) to embed. */
    public static final String FONT_PROPERTY = "fairmark.cjk.font";

    /** Where Debian packages put CJK TrueType fonts PDFBox can subset, best first. */
    static final List<Path> CJK_FONT_CANDIDATES = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"));

    private static final float MM = 72f / 25.4f;
    private static final float LABEL_WIDTH = 99.1f * MM;
    private static final float LABEL_HEIGHT = 38.1f * MM;
    private static final float LEFT_MARGIN = 4.65f * MM;
    private static final float TOP_MARGIN = 15.15f * MM;
    private static final float COLUMN_GAP = 2.5f * MM;
    private static final int COLUMNS = 2;
    private static final int ROWS = 7;
    private static final float PADDING = 2f * MM;
    private static final String NO_CJK_NOTICE =
            "No CJK font found (install fonts-wqy-microhei); Chinese text omitted, English only.";

    private LabelSheet() {}

    /** A new, empty sheet set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What was written.
     *
     * @param pages number of A4 pages
     * @param labels number of labels
     * @param fontName the embedded CJK font, or {@code null} when the sheet is English only
     * @param notice why Chinese is missing, or {@code null}
     */
    public record Result(int pages, int labels, String fontName, String notice) {
        /** Whether the Chinese text is on the sheet. */
        public boolean chinese() {
            return fontName != null;
        }
    }

    /** One label on the sheet. */
    record Item(SignedLabel label, String productChinese, String productEnglish, String packerChinese, String packerEnglish) {}

    /** Collects labels and writes the PDF. */
    public static final class Builder {
        private final List<Item> items = new ArrayList<>();
        private Path font;
        private boolean searchSystemFonts = true;

        private Builder() {}

        /**
         * Adds a label.
         *
         * @param productChinese the product's Chinese name, e.g. {@code 迁西板栗}; may be empty
         * @param productEnglish the product's English name, e.g. {@code Qianxi chestnut}
         */
        public Builder add(SignedLabel label, String productChinese, String productEnglish) {
            Objects.requireNonNull(label, "label == null");
            Objects.requireNonNull(productChinese, "productChinese == null");
            Objects.requireNonNull(productEnglish, "productEnglish == null");
            items.add(new Item(label, productChinese, productEnglish, null, null));
            return this;
        }

        /**
         * Adds a label that names its packer.
         *
         * @param productChinese the product's Chinese name, e.g. {@code 迁西板栗}; may be empty
         * @param productEnglish the product's English name, e.g. {@code Qianxi chestnut}
         * @param packerChinese the packer's Chinese name from its profile, printed when the sheet has a CJK font
         *     ({@link OrgDirectory#name}); the MSP id when it has no profile
         * @param packerEnglish the packer's English name, printed on English-only sheets
         */
        public Builder add(SignedLabel label, String productChinese, String productEnglish, String packerChinese,
                String packerEnglish) {
            Objects.requireNonNull(label, "label == null");
            Objects.requireNonNull(productChinese, "productChinese == null");
            Objects.requireNonNull(productEnglish, "productEnglish == null");
            Objects.requireNonNull(packerChinese, "packerChinese == null");
            Objects.requireNonNull(packerEnglish, "packerEnglish == null");
            items.add(new Item(label, productChinese, productEnglish, packerChinese, packerEnglish));
            return this;
        }

        /** The CJK TrueType font (.ttf, or .ttc whose first font is used) to embed instead of searching the system. */
        public Builder font(Path font) {
            this.font = Objects.requireNonNull(font, "font == null");
            return this;
        }

        /** Writes English only, without looking for a CJK font (for tests and minimal systems). */
        public Builder englishOnly() {
            this.searchSystemFonts = false;
            this.font = null;
            return this;
        }

        /**
         * Writes the PDF to {@code file}.
         *
         * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} when there is no label, or the file cannot be
         *     written
         */
        public Result write(Path file) {
            Objects.requireNonNull(file, "file == null");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Result result = write(out);
            try {
                Files.write(file, out.toByteArray());
            } catch (IOException e) {
                throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "cannot write " + file + ": " + e.getMessage(), e);
            }
            return result;
        }

        /**
         * Writes the PDF to {@code out} (not closed).
         *
         * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} when there is no label or the stream fails
         */
        public Result write(OutputStream out) {
            Objects.requireNonNull(out, "out == null");
            if (items.isEmpty()) {
                throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "a label sheet needs at least one label");
            }
            try (PDDocument document = new PDDocument()) {
                PDDocumentInformation info = document.getDocumentInformation();
                info.setTitle("Fairmark labels");
                info.setCreator("Fairmark");
                Fonts fonts = Fonts.load(document, font, searchSystemFonts);
                try {
                    int perPage = COLUMNS * ROWS;
                    int pages = (items.size() + perPage - 1) / perPage;
                    for (int page = 0; page < pages; page++) {
                        PDPage pdPage = new PDPage(PDRectangle.A4);
                        document.addPage(pdPage);
                        try (PDPageContentStream content = new PDPageContentStream(document, pdPage)) {
                            for (int slot = 0; slot < perPage && page * perPage + slot < items.size(); slot++) {
                                float x = LEFT_MARGIN + (slot % COLUMNS) * (LABEL_WIDTH + COLUMN_GAP);
                                float top = PDRectangle.A4.getHeight() - TOP_MARGIN - (slot / COLUMNS) * LABEL_HEIGHT;
                                drawLabel(content, fonts, items.get(page * perPage + slot), x, top);
                            }
                            footer(content, fonts, page + 1, pages);
                        }
                    }
                    document.save(out);
                    return new Result(pages, items.size(), fonts.cjkName, fonts.cjk == null ? NO_CJK_NOTICE : null);
                } finally {
                    fonts.close();
                }
            } catch (IOException e) {
                throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "cannot write the label sheet: " + e.getMessage(), e);
            }
        }
    }

    /** The fonts of one document: a CJK Type 0 font when found, Helvetica otherwise. */
    private static final class Fonts {
        final PDFont cjk;
        final String cjkName;
        final PDFont latin;
        final PDFont latinBold;
        final java.io.Closeable source;

        private Fonts(PDFont cjk, String cjkName, java.io.Closeable source) {
            this.cjk = cjk;
            this.cjkName = cjkName;
            this.source = source;
            this.latin = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            this.latinBold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        }

        static Fonts load(PDDocument document, Path explicit, boolean search) {
            List<Path> candidates = new ArrayList<>();
            if (explicit != null) {
                candidates.add(explicit);
            } else if (search) {
                String property = System.getProperty(FONT_PROPERTY);
                if (property != null && !property.isBlank()) {
                    candidates.add(Path.of(property.strip()));
                }
                candidates.addAll(CJK_FONT_CANDIDATES);
            }
            for (Path candidate : candidates) {
                if (!Files.isRegularFile(candidate)) {
                    continue;
                }
                java.io.Closeable[] source = new java.io.Closeable[1];
                try {
                    TrueTypeFont font = readFont(candidate, source);
                    PDType0Font type0 = PDType0Font.load(document, font, true);
                    type0.encode("净含量等级包装日期产地批次扫码验证");
                    return new Fonts(type0, font.getName(), source[0]);
                } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
                    // not a TrueType font PDFBox can subset, or lacks the glyphs: try the next
                    closeQuietly(source[0]);
                }
            }
            return new Fonts(null, null, null);
        }

        void close() {
            closeQuietly(source);
        }

        private static void closeQuietly(java.io.Closeable closeable) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    // a font file opened only for reading
                }
            }
        }

        private static TrueTypeFont readFont(Path file, java.io.Closeable[] source) throws IOException {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
                // the collection stays open with the document: PDFBox reads glyphs from it when subsetting on save
                TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
                source[0] = collection;
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(font -> {
                    if (first[0] == null) {
                        first[0] = font;
                    }
                });
                if (first[0] == null) {
                    collection.close();
                    throw new IOException("empty font collection");
                }
                return first[0];
            }
            TrueTypeFont font = new org.apache.fontbox.ttf.TTFParser().parse(
                    new org.apache.pdfbox.io.RandomAccessReadBufferedFile(file.toFile()));
            source[0] = font;
            return font;
        }
    }

    private static void drawLabel(PDPageContentStream content, Fonts fonts, Item item, float x, float top)
            throws IOException {
        LabelClaim claim = item.label().claim();
        // cut guide
        content.setStrokingColor(0.85f);
        content.setLineWidth(0.3f);
        content.addRect(x, top - LABEL_HEIGHT, LABEL_WIDTH, LABEL_HEIGHT);
        content.stroke();

        boolean[][] modules = QrCodes.modules(item.label().uri());
        float qrSize = LABEL_HEIGHT - 2 * PADDING;
        float module = qrSize / (modules.length + 2);
        float qrX = x + PADDING;
        float qrY = top - PADDING - qrSize;
        content.setNonStrokingColor(0f);
        for (int row = 0; row < modules.length; row++) {
            for (int column = 0; column < modules.length; column++) {
                if (modules[row][column]) {
                    content.addRect(qrX + (column + 1) * module, qrY + qrSize - (row + 2) * module, module, module);
                }
            }
        }
        content.fill();

        float textX = qrX + qrSize + PADDING;
        float y = top - PADDING - 8.5f;
        float width = x + LABEL_WIDTH - PADDING - textX;
        String product = fonts.cjk != null && !item.productChinese().isBlank()
                ? item.productChinese() + " " + item.productEnglish()
                : item.productEnglish();
        y = text(content, fonts, product, textX, y, 9.5f, true, width);
        y = text(content, fonts, bilingual(fonts, "等级", "Grade") + claim.grade(), textX, y, 7.5f, false, width);
        y = text(content, fonts, bilingual(fonts, "净含量", "Net") + kilograms(claim.netMassGrams()), textX, y, 7.5f, false, width);
        y = text(content, fonts, bilingual(fonts, "包装日期", "Packed") + claim.packingDate(), textX, y, 7.5f, false, width);
        y = text(content, fonts, bilingual(fonts, "产地", "Origin") + origin(fonts, claim.countyCode()), textX, y, 7.5f, false, width);
        y = text(content, fonts, bilingual(fonts, "批次", "Lot") + claim.lot(), textX, y, 7.5f, false, width);
        y = text(content, fonts, bilingual(fonts, "序列号", "S/N") + claim.serial(), textX, y, 7.5f, false, width);
        if (item.packerEnglish() != null) {
            y = text(content, fonts, bilingual(fonts, "包装", "Packer")
                    + (fonts.cjk != null ? item.packerChinese() : item.packerEnglish()), textX, y, 7.5f, false, width);
        }
        text(content, fonts, fonts.cjk != null ? "扫码验证真伪 Scan to verify" : "Scan to verify", textX, y - 1f, 6.5f, false, width);
    }

    private static String bilingual(Fonts fonts, String chinese, String english) {
        return fonts.cjk != null ? chinese + " " + english + ": " : english + ": ";
    }

    static String kilograms(long grams) {
        return grams >= 1000 ? String.format(Locale.ROOT, "%d.%03d kg", grams / 1000, grams % 1000) : grams + " g";
    }

    /** Draws one line, shrinking the size until it fits {@code width}; returns the next baseline. */
    private static float text(PDPageContentStream content, Fonts fonts, String text, float x, float y, float size,
            boolean bold, float width) throws IOException {
        PDFont font = fonts.cjk != null ? fonts.cjk : bold ? fonts.latinBold : fonts.latin;
        String printable = fonts.cjk != null ? text : ascii(text);
        float fitted = size;
        while (fitted > 4f && font.getStringWidth(printable) / 1000f * fitted > width) {
            fitted -= 0.25f;
        }
        content.beginText();
        content.setFont(font, fitted);
        content.newLineAtOffset(x, y);
        content.showText(printable);
        content.endText();
        return y - size * 1.28f;
    }

    private static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> c >= 0x20 && c < 0x7f).forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    private static void footer(PDPageContentStream content, Fonts fonts, int page, int pages) throws IOException {
        String text = (fonts.cjk != null ? "Fairmark 标签 labels" : "Fairmark labels. " + NO_CJK_NOTICE)
                + "  " + page + "/" + pages;
        PDFont font = fonts.cjk != null ? fonts.cjk : fonts.latin;
        content.beginText();
        content.setFont(font, 7f);
        content.setNonStrokingColor(0.4f);
        content.newLineAtOffset(LEFT_MARGIN, 6f * MM);
        content.showText(fonts.cjk != null ? text : ascii(text));
        content.endText();
        content.setNonStrokingColor(0f);
    }

    /** The origin's full GB/T 2260 name and code when the sheet can print Chinese, else the code alone. */
    static String origin(Fonts fonts, String countyCode) {
        return fonts.cjk != null ? org.fairmark.domain.AdministrativeDivisions.table().label(countyCode) : countyCode;
    }

}
