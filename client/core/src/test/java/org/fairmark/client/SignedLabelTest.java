package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.fairmark.domain.ErrorCode;
import org.fairmark.samples.Samples;
import org.fairmark.testkit.Property;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The label URI format: what it accepts, what it refuses and why. */
class SignedLabelTest {
    static final String GTIN = Samples.GTIN;
    static final LabelSigner SIGNER = LabelSigner.generate();
    static final String SET_82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    static LabelClaim claim(String lot, String serial) {
        return new LabelClaim(GTIN, lot, serial, "FIRST", 500, LocalDate.of(2024, 9, 15), "130227", SIGNER.keyId());
    }

    static String uri() {
        return SIGNER.sign(claim("QX-2024-001", "P0001"), "https://id.fairmark.cn").uri();
    }

    static LabelRejection reasonOf(String text) {
        return catchThrowableOfType(LabelFormatException.class, () -> SignedLabel.parse(text)).reason();
    }

    @Nested
    class Bad_input {
        @Test
        void empty_and_non_uri_text_is_malformed() {
            for (String text : List.of("", "   ", "hello", "ftp://id.fairmark.cn/01/x", "https:///01/" + GTIN)) {
                assertThat(reasonOf(text)).as(text).isEqualTo(LabelRejection.MALFORMED);
            }
        }

        @Test
        void unknown_repeated_and_empty_parameters_are_malformed() {
            String uri = uri();
            assertThat(reasonOf(uri + "&x=1")).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri.replace("&c=", "&g=FIRST&c="))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri.replaceFirst("g=FIRST", "g="))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri + "#frag")).isEqualTo(LabelRejection.MALFORMED);
        }

        @Test
        void values_of_the_wrong_syntax_are_malformed() {
            String uri = uri();
            assertThat(reasonOf(uri.replaceFirst("13=240915", "13=241315"))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri.replaceFirst("3103=000500", "3103=0.5"))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri.replaceFirst("3103=000500", "3103=000000"))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri.replaceFirst("g=FIRST", "g=first"))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri.replaceFirst("c=130227", "c=13022"))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri.replaceFirst("&k=[^&]*", "&k=abc"))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri + "AAAA")).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri.replace("/01/" + GTIN, "/01/06901234567890"))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri.replace("/21/P0001", ""))).isEqualTo(LabelRejection.MALFORMED);
        }

        /** The hand-written checks of the parse (no regex, no date formatter) read what the documented syntax says. */
        @Test
        void the_parse_reads_scheme_date_mass_and_parameter_order_as_documented() {
            String uri = uri();
            String detailOf29Feb = catchThrowableOfType(LabelFormatException.class,
                    () -> SignedLabel.parse(uri.replaceFirst("13=240915", "13=230229"))).detail();
            assertThat(detailOf29Feb).endsWith("packing date 13 is not a calendar date");
            assertThat(SignedLabel.parse(uri.replaceFirst("13=240915", "13=240229")).claim().packingDate())
                    .isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(SignedLabel.parse(uri.replaceFirst("13=240915", "13=991231")).claim().packingDate())
                    .isEqualTo(LocalDate.of(2099, 12, 31));
            for (String date : List.of("240015", "240900", "240932", "24091", "2409150", "24O915", "２40915")) {
                assertThat(reasonOf(uri.replaceFirst("13=240915", "13=" + date))).as(date).isEqualTo(LabelRejection.MALFORMED);
            }
            assertThat(SignedLabel.parse(uri.replaceFirst("3103=000500", "3103=999999")).claim().netMassGrams())
                    .isEqualTo(999_999);
            assertThat(SignedLabel.parse(uri.replaceFirst("3103=000500", "3103=012345")).claim().netMassGrams())
                    .isEqualTo(12_345);
            assertThat(reasonOf(uri.replaceFirst("3103=000500", "3103=-00500"))).isEqualTo(LabelRejection.MALFORMED);
            SignedLabel upper = SignedLabel.parse("HTTPS://" + uri.substring("https://".length()));
            assertThat(upper.claim()).isEqualTo(SignedLabel.parse(uri).claim());
            assertThat(SignedLabel.parse("hTtP://" + uri.substring("https://".length())).resolver())
                    .isEqualTo("hTtP://id.fairmark.cn");
            assertThat(reasonOf("httpſ://" + uri.substring("https://".length()))).isEqualTo(LabelRejection.MALFORMED);
            String query = uri.substring(uri.indexOf('?') + 1);
            List<String> pairs = new java.util.ArrayList<>(List.of(query.split("&")));
            java.util.Collections.reverse(pairs);
            SignedLabel reordered = SignedLabel.parse(uri.substring(0, uri.indexOf('?') + 1) + String.join("&", pairs));
            assertThat(reordered.uri()).isEqualTo(uri);
            assertThat(reordered).isEqualTo(SignedLabel.parse(uri)).hasSameHashCodeAs(SignedLabel.parse(uri));
            assertThat(reasonOf(uri.replaceFirst("g=FIRST", "g=F1RST_" + "X".repeat(27)))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(SignedLabel.parse(uri.replaceFirst("g=FIRST", "g=F1RST_" + "X".repeat(26))).claim().grade())
                    .hasSize(32);
            assertThat(reasonOf(uri.replaceFirst("&s=", "&s=*"))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri.replaceFirst("g=FIRST", "g=FIRST=2"))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri.replaceFirst("&g=FIRST", "&g"))).isEqualTo(LabelRejection.MALFORMED);
            assertThat(reasonOf(uri.replaceFirst("&g=FIRST", "") + "&g")).isEqualTo(LabelRejection.TRUNCATED);
            assertThat(reasonOf(uri.replaceFirst("&g=FIRST", "") + "&g=")).isEqualTo(LabelRejection.TRUNCATED);
            assertThat(reasonOf(uri.replaceFirst("&g=FIRST", "&g=&x"))).isEqualTo(LabelRejection.MALFORMED);
        }

        @Test
        void cut_off_labels_are_truncated() {
            String uri = uri();
            assertThat(reasonOf(uri.substring(0, uri.length() - 1))).isEqualTo(LabelRejection.TRUNCATED);
            assertThat(reasonOf(uri.substring(0, uri.indexOf('?')))).isEqualTo(LabelRejection.TRUNCATED);
            assertThat(reasonOf(uri.substring(0, uri.indexOf("&s=") + 2))).isEqualTo(LabelRejection.TRUNCATED);
            assertThat(reasonOf(uri.substring(0, uri.indexOf("&s=")))).isEqualTo(LabelRejection.TRUNCATED);
        }

        @Test
        void parse_errors_carry_the_invalid_argument_code() {
            LabelFormatException e = catchThrowableOfType(LabelFormatException.class, () -> SignedLabel.parse("x"));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.stage()).isEqualTo(FairmarkException.Stage.CLIENT);
            assertThat(e.getMessage()).startsWith("INVALID_ARGUMENT: malformed label: ");
        }

        @Test
        void any_text_is_either_a_label_or_a_coded_rejection() {
            Property.forAll(random -> Property.anyString(random, 300), text -> {
                try {
                    SignedLabel.parse(text);
                } catch (LabelFormatException e) {
                    assertThat(e.reason()).isIn(LabelRejection.MALFORMED, LabelRejection.TRUNCATED);
                }
            });
        }

        @Test
        void a_claim_with_an_invalid_part_names_its_code() {
            assertThat(catchThrowableOfType(FairmarkException.class, () -> new LabelClaim("123", "L", "S", "A", 1,
                    LocalDate.of(2024, 1, 1), "130227", SIGNER.keyId())).code()).isEqualTo(ErrorCode.INVALID_GTIN);
            assertThat(catchThrowableOfType(FairmarkException.class, () -> new LabelClaim(GTIN, "L", "S", "A", 0,
                    LocalDate.of(2024, 1, 1), "130227", SIGNER.keyId())).code()).isEqualTo(ErrorCode.INVALID_MASS);
            assertThat(catchThrowableOfType(FairmarkException.class, () -> new LabelClaim(GTIN, "L", "S", "A", 1,
                    LocalDate.of(2024, 1, 1), "999999", SIGNER.keyId())).code()).isEqualTo(ErrorCode.INVALID_COUNTY_CODE);
            assertThat(catchThrowableOfType(FairmarkException.class,
                    () -> SIGNER.sign(claim("L", "S"), "https://x.cn/")).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Test
    void the_uri_has_the_documented_shape() {
        assertThat(uri()).matches("https://id\\.fairmark\\.cn/01/" + GTIN
                + "/10/QX-2024-001/21/P0001\\?13=240915&3103=000500&g=FIRST&c=130227&k=[A-Za-z0-9_-]{22}&s=[A-Za-z0-9_-]{86}");
    }

    @Test
    void the_claim_bytes_are_canonical_json() {
        assertThat(claim("QX-1", "P1").canonicalJson()).isEqualTo("{\"countyCode\":\"130227\",\"grade\":\"FIRST\",\"gtin\":\""
                + GTIN + "\",\"keyId\":\"" + SIGNER.keyId() + "\",\"lot\":\"QX-1\",\"netMassGrams\":500,"
                + "\"packingDate\":\"2024-09-15\",\"serial\":\"P1\",\"type\":\"fairmark-label/1\"}");
    }

    @Test
    void every_signed_label_parses_back_to_its_claim_and_signature() {
        Property.forAll(300, (Random random) -> new LabelClaim(GTIN, Property.from(random, SET_82, 1, 20),
                Property.from(random, SET_82, 1, 20), "G" + random.nextInt(100), 1 + random.nextInt(999_999),
                LocalDate.of(2000 + random.nextInt(100), 1 + random.nextInt(12), 1 + random.nextInt(28)), "130227",
                SIGNER.keyId()), claim -> {
            assertThat(claim.canonicalBytes()).isEqualTo(claim.canonicalBytesByJackson());
            SignedLabel label = SIGNER.sign(claim, "https://id.fairmark.cn/p");
            SignedLabel parsed = SignedLabel.parse(label.uri());
            assertThat(parsed.claim()).isEqualTo(claim);
            assertThat(parsed.signature()).isEqualTo(label.signature());
            assertThat(parsed.resolver()).isEqualTo("https://id.fairmark.cn/p");
            assertThat(parsed).isEqualTo(label);
        });
    }

    @Test
    void a_signer_round_trips_through_pem_and_refuses_foreign_halves() {
        LabelSigner copy = LabelSigner.fromPem(SIGNER.toPem());
        assertThat(copy.keyId()).isEqualTo(SIGNER.keyId());
        String mixed = SIGNER.toPem().substring(0, SIGNER.toPem().indexOf("-----BEGIN PUBLIC KEY"))
                + LabelSigner.generate().toPem().substring(LabelSigner.generate().toPem().indexOf("-----BEGIN PUBLIC KEY"));
        assertThat(catchThrowableOfType(FairmarkException.class, () -> LabelSigner.fromPem(mixed)).code())
                .isEqualTo(ErrorCode.INVALID_PUBLIC_KEY);
        assertThat(catchThrowableOfType(FairmarkException.class, () -> LabelSigner.fromPem("-----BEGIN PUBLIC KEY-----")).code())
                .isEqualTo(ErrorCode.INVALID_PUBLIC_KEY);
    }
}
