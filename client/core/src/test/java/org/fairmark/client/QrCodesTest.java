package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QrCodesTest {
    static final String TEXT = SignedLabelTest.uri();

    @Test
    void a_png_decodes_back_to_its_text() {
        assertThat(QrCodes.decode(QrCodes.png(TEXT, 300))).isEqualTo(TEXT);
    }

    /** Labels whose data made ZXing's finder-pattern search miss the code when it tried one way only. */
    @Test
    void codes_whose_data_looks_like_a_finder_pattern_still_decode() {
        for (String text : List.of(
                "https://id.fairmark.cn/01/06901234567892/10/QX-2024-791/21/P791?13=240915&3103=000500&g=FIRST&c=130227"
                        + "&k=BJYoUncKO3dbBZe460WqaA&s=aYJm55mLh-2FWWoZ4jOdizlXWEeAj5LbkQNse7T1xDRuiei8_BDt0Tx36tYEk2nU00W7"
                        + "DdAOnWKgc2Bxnk8VPg",
                "https://id.fairmark.cn/01/06901234567892/10/QX-2024-819/21/P819?13=240915&3103=000500&g=FIRST&c=130227"
                        + "&k=0ku8qNt4weBtmhpDgmR_rA&s=JZaj-snh9s8B54eAQOLN5o4tPFdtRlLvXpb1LpxnFXcnbd-mnJryd3w871fssPUxobnRP_-V"
                        + "-bLt8EICV_n0pg")) {
            for (int size : new int[] {200, 300, 512}) {
                assertThat(QrCodes.decode(QrCodes.png(text, size))).as(size + " px: " + text).isEqualTo(text);
            }
        }
    }

    @Test
    void every_label_we_draw_decodes_back() {
        for (int i = 0; i < 150; i++) {
            LabelSigner signer = LabelSigner.generate();
            LabelClaim claim = new LabelClaim(SignedLabelTest.GTIN, "QX-2024-" + i, "P" + i, "FIRST", 500,
                    LocalDate.of(2024, 9, 15), "130227", signer.keyId());
            String text = signer.sign(claim, "https://id.fairmark.cn").uri();
            for (int size : new int[] {300, 512}) {
                assertThat(QrCodes.decode(QrCodes.png(text, size))).as(size + " px: " + text).isEqualTo(text);
            }
        }
    }

    @Test
    void an_svg_draws_one_path_with_the_quiet_zone() {
        String svg = QrCodes.svg(TEXT);
        int size = 17 + 4 * QrCodes.version(TEXT) + 8;
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\"");
        assertThat(svg).contains("<path fill=\"#000\" d=\"M4 4h7v1h-7z");
    }

    @Test
    void a_truncated_png_is_truncated_and_other_bytes_malformed() {
        byte[] png = QrCodes.png(TEXT, 200);
        assertThat(catchThrowableOfType(LabelFormatException.class,
                () -> QrCodes.decode(Arrays.copyOf(png, png.length - 30))).reason()).isEqualTo(LabelRejection.TRUNCATED);
        assertThat(catchThrowableOfType(LabelFormatException.class,
                () -> QrCodes.decode("not an image".getBytes())).reason()).isEqualTo(LabelRejection.MALFORMED);
        assertThat(catchThrowableOfType(LabelFormatException.class,
                () -> QrCodes.decode(new byte[0])).reason()).isEqualTo(LabelRejection.MALFORMED);
    }

    @Test
    void an_image_without_a_qr_code_is_malformed() {
        java.awt.image.BufferedImage blank = new java.awt.image.BufferedImage(100, 100, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(blank, "png", out);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        LabelFormatException e = catchThrowableOfType(LabelFormatException.class, () -> QrCodes.decode(out.toByteArray()));
        assertThat(e.reason()).isEqualTo(LabelRejection.MALFORMED);
        assertThat(e.detail()).contains("no QR code");
    }

    @Test
    void a_size_out_of_range_is_refused() {
        assertThat(catchThrowableOfType(FairmarkException.class, () -> QrCodes.png(TEXT, 5)).code())
                .isEqualTo(org.fairmark.domain.ErrorCode.INVALID_ARGUMENT);
    }
}
