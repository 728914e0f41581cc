package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Gs1Test {
    static final String SET_82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    static final String GTIN = "09506000134352";

    @Nested
    class CharacterSet82 {
        @Test
        void has_exactly_82_characters_all_ascii() {
            int members = 0;
            for (char c = 0; c < 0x3000; c++) {
                boolean member = Gs1.isCharacterSet82(String.valueOf(c));
                assertThat(member).as("U+%04X", (int) c).isEqualTo(SET_82.indexOf(c) >= 0);
                members += member ? 1 : 0;
            }
            assertThat(members).isEqualTo(82);
        }

        @Test
        void excludes_space_hash_dollar_at_brackets_and_tilde() {
            for (String c : new String[] {" ", "#", "$", "@", "[", "]", "\\", "^", "`", "{", "|", "}", "~"}) {
                assertThat(Gs1.isCharacterSet82(c)).as(c).isFalse();
            }
        }

        @Test
        void empty_string_qualifies_and_null_does_not() {
            assertThat(Gs1.isCharacterSet82("")).isTrue();
            assertThat(Gs1.isCharacterSet82(null)).isFalse();
        }
    }

    @Nested
    class Lot {
        @Test
        void accepts_1_to_20_characters_of_set_82() {
            assertThat(Gs1.requireLot("A")).isEqualTo("A");
            assertThat(Gs1.requireLot("2024-09/CHESTNUT_01")).isEqualTo("2024-09/CHESTNUT_01");
            assertThat(Gs1.requireLot("ABCDEFGHIJ0123456789")).hasSize(20);
        }

        @Test
        void rejects_lot_longer_than_20_characters() {
            assertRejected(() -> Gs1.requireLot("ABCDEFGHIJ01234567890"), ErrorCode.INVALID_LOT)
                    .hasMessageContaining("21 characters")
                    .hasMessageContaining("at most 20");
        }

        @Test
        void rejects_empty_and_missing_lot() {
            assertRejected(() -> Gs1.requireLot(""), ErrorCode.INVALID_LOT).hasMessageContaining("empty");
            assertRejected(() -> Gs1.requireLot(null), ErrorCode.INVALID_LOT).hasMessageContaining("missing");
        }

        @Test
        void rejects_chinese_characters_naming_the_position() {
            assertRejected(() -> Gs1.requireLot("LOT板栗"), ErrorCode.INVALID_LOT)
                    .hasMessageContaining("U+677F")
                    .hasMessageContaining("position 4")
                    .hasMessageContaining("character set 82");
        }

        @Test
        void rejects_space_inside_lot() {
            assertRejected(() -> Gs1.requireLot("LOT 1"), ErrorCode.INVALID_LOT).hasMessageContaining("U+0020");
        }
    }

    @Nested
    class Serial {
        @Test
        void accepts_set_82_serial() {
            assertThat(Gs1.requireSerial("PKG-000001")).isEqualTo("PKG-000001");
        }

        @Test
        void rejects_bad_serials_with_the_serial_code() {
            assertRejected(() -> Gs1.requireSerial(null), ErrorCode.INVALID_SERIAL);
            assertRejected(() -> Gs1.requireSerial(""), ErrorCode.INVALID_SERIAL);
            assertRejected(() -> Gs1.requireSerial("123456789012345678901"), ErrorCode.INVALID_SERIAL)
                    .hasMessageContaining("serial has 21 characters");
            assertRejected(() -> Gs1.requireSerial("A#1"), ErrorCode.INVALID_SERIAL).hasMessageContaining("'#'");
        }
    }

    @Nested
    class Sscc {
        @Test
        void accepts_sscc_with_valid_check_digit() {
            assertThat(Gs1.requireSscc("006141411234567890")).isEqualTo("006141411234567890");
        }

        @Test
        void rejects_wrong_check_digit_naming_the_expected_one() {
            assertRejected(() -> Gs1.requireSscc("006141411234567891"), ErrorCode.INVALID_SSCC)
                    .hasMessageContaining("expected 0");
        }

        @Test
        void rejects_wrong_length_and_non_digits() {
            assertRejected(() -> Gs1.requireSscc("00614141123456789"), ErrorCode.INVALID_SSCC)
                    .hasMessageContaining("exactly 18 digits");
            assertRejected(() -> Gs1.requireSscc("00614141123456789A"), ErrorCode.INVALID_SSCC)
                    .hasMessageContaining("'A'");
            assertRejected(() -> Gs1.requireSscc(null), ErrorCode.INVALID_SSCC);
        }
    }

    @Nested
    class DigitalLink {
        @Test
        void builds_batch_path_without_serial() {
            assertThat(Gs1.toDigitalLinkPath(GTIN, "L1", null)).isEqualTo("/01/09506000134352/10/L1");
        }

        @Test
        void builds_package_path_with_serial() {
            assertThat(Gs1.toDigitalLinkPath(GTIN, "2024-09", "PKG_7.1"))
                    .isEqualTo("/01/09506000134352/10/2024-09/21/PKG_7.1");
        }

        @Test
        void percent_encodes_every_character_that_is_not_unreserved_with_upper_case_hex() {
            assertThat(Gs1.toDigitalLinkPath(GTIN, "A/B%C", "x!\"&'()*"))
                    .isEqualTo("/01/09506000134352/10/A%2FB%25C/21/x%21%22%26%27%28%29%2A");
            assertThat(Gs1.toDigitalLinkPath(GTIN, "+,:;<=>?", null))
                    .isEqualTo("/01/09506000134352/10/%2B%2C%3A%3B%3C%3D%3E%3F");
        }

        @Test
        void builds_the_instance_path_of_a_package_by_gtin_and_serial() {
            assertThat(Gs1.toDigitalLinkSerialPath(GTIN, "PKG/7 1".replace(" ", "%")))
                    .isEqualTo("/01/09506000134352/21/PKG%2F7%251");
            assertRejected(() -> Gs1.toDigitalLinkSerialPath(GTIN, ""), ErrorCode.INVALID_SERIAL);
            assertRejected(() -> Gs1.toDigitalLinkSerialPath("09506000134353", "S1"), ErrorCode.INVALID_GTIN);
        }

        @Test
        void percent_encodes_one_path_segment_as_utf_8_bytes_with_upper_case_hex() {
            assertThat(Gs1.percentEncode("CoopMSP")).isEqualTo("CoopMSP");
            assertThat(Gs1.percentEncode("a/b c%d")).isEqualTo("a%2Fb%20c%25d");
            assertThat(Gs1.percentEncode("合作社~_.-")).isEqualTo("%E5%90%88%E4%BD%9C%E7%A4%BE~_.-");
            assertThat(Gs1.percentEncode("")).isEmpty();
        }

        @Test
        void keeps_unreserved_characters_as_they_are() {
            assertThat(Gs1.toDigitalLinkPath(GTIN, "aZ09-._", null)).endsWith("/10/aZ09-._");
        }

        @Test
        void validates_every_part_when_building() {
            assertRejected(() -> Gs1.toDigitalLinkPath("09506000134353", "L1", null), ErrorCode.INVALID_GTIN);
            assertRejected(() -> Gs1.toDigitalLinkPath(GTIN, "L 1", null), ErrorCode.INVALID_LOT);
            assertRejected(() -> Gs1.toDigitalLinkPath(GTIN, null, null), ErrorCode.INVALID_LOT);
            assertRejected(() -> Gs1.toDigitalLinkPath(GTIN, "L1", ""), ErrorCode.INVALID_SERIAL);
        }

        @Test
        void parses_what_it_builds() {
            String path = Gs1.toDigitalLinkPath(GTIN, SET_82.substring(0, 20), SET_82.substring(60, 80));
            assertThat(Gs1.parseDigitalLinkPath(path))
                    .isEqualTo(new DigitalLinkKey(GTIN, SET_82.substring(0, 20), SET_82.substring(60, 80)));
        }

        @Test
        void parses_batch_path_with_null_serial() {
            DigitalLinkKey key = Gs1.parseDigitalLinkPath("/01/09506000134352/10/L1");
            assertThat(key.gtin()).isEqualTo(GTIN);
            assertThat(key.lot()).isEqualTo("L1");
            assertThat(key.serial()).isNull();
            assertThat(key.toPath()).isEqualTo("/01/09506000134352/10/L1");
        }

        @Test
        void accepts_lower_case_hex_and_needless_escapes() {
            assertThat(Gs1.parseDigitalLinkPath("/01/09506000134352/10/A%2fB/21/%41%31"))
                    .isEqualTo(new DigitalLinkKey(GTIN, "A/B", "A1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "",
            "/",
            "01/09506000134352/10/L1",
            "/01/09506000134352",
            "/01/09506000134352/10",
            "/01/09506000134352/10/L1/",
            "/01/09506000134352/10/L1/21",
            "/01/09506000134352/21/S1/10/L1",
            "/00/006141411234567890/10/L1",
            "/01/09506000134352/10/L1/21/S1/22/X",
            "//01/09506000134352/10/L1",
            "/01/09506000134352/10/L1?3103=000500",
            "/01/09506000134352/10/L1#frag",
            "https://id.example.com/01/09506000134352/10/L1",
        })
        void rejects_paths_of_the_wrong_shape_as_invalid_argument(String path) {
            assertRejected(() -> Gs1.parseDigitalLinkPath(path), ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void rejects_missing_and_absurdly_long_paths_as_invalid_argument() {
            assertRejected(() -> Gs1.parseDigitalLinkPath(null), ErrorCode.INVALID_ARGUMENT);
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/" + "9".repeat(600)), ErrorCode.INVALID_ARGUMENT)
                    .hasMessageContaining("at most 512");
        }

        @Test
        void rejects_bad_parts_with_the_code_of_the_part() {
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134353/10/L1"), ErrorCode.INVALID_GTIN);
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/9506000134352/10/L1"), ErrorCode.INVALID_GTIN);
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01//10/L1"), ErrorCode.INVALID_GTIN);
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134352/10//21/S"), ErrorCode.INVALID_LOT);
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134352/10/L%201"), ErrorCode.INVALID_LOT)
                    .hasMessageContaining("U+0020");
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134352/10/%C3%A9"), ErrorCode.INVALID_LOT)
                    .hasMessageContaining("U+00E9");
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134352/10/ABCDEFGHIJ01234567890"),
                    ErrorCode.INVALID_LOT);
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134352/10/L1/21/"), ErrorCode.INVALID_SERIAL);
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134352/10/L1/21/S~1"), ErrorCode.INVALID_SERIAL);
        }

        @Test
        void rejects_malformed_percent_escapes_and_raw_non_ascii() {
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134352/10/L%4"), ErrorCode.INVALID_LOT)
                    .hasMessageContaining("percent-escape");
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134352/10/L%"), ErrorCode.INVALID_LOT);
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134352/10/L%G1"), ErrorCode.INVALID_LOT);
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134352/10/L%Ａ1"), ErrorCode.INVALID_LOT);
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134352/10/L1/21/%FF"), ErrorCode.INVALID_SERIAL)
                    .hasMessageContaining("not UTF-8");
            assertRejected(() -> Gs1.parseDigitalLinkPath("/01/09506000134352/10/板栗"), ErrorCode.INVALID_LOT)
                    .hasMessageContaining("percent-encoded");
        }

        @Test
        void key_validates_its_components() {
            assertRejected(() -> new DigitalLinkKey("1", "L1", null), ErrorCode.INVALID_GTIN);
            assertRejected(() -> new DigitalLinkKey(GTIN, "", null), ErrorCode.INVALID_LOT);
            assertRejected(() -> new DigitalLinkKey(GTIN, "L1", "S 1"), ErrorCode.INVALID_SERIAL);
        }
    }
}
