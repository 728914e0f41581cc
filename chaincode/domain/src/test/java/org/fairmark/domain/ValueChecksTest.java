package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Limits, masses, hashes, text, dates and request ids: the small checks every request goes through. */
class ValueChecksTest {
    @Nested
    class LimitsAndMasses {
        @Test
        void limits_have_the_documented_values() {
            assertThat(Limits.MAX_DECLARED_MASS_GRAMS).isEqualTo(500_000_000L);
            assertThat(Limits.MAX_PACKAGE_NOMINAL_GRAMS).isEqualTo(50_000L);
            assertThat(Limits.MIN_PACKAGE_NOMINAL_GRAMS).isEqualTo(1L);
            assertThat(Limits.MAX_PACKAGES_PER_TRANSACTION).isEqualTo(500);
            assertThat(Limits.MAX_REQUEST_BYTES).isEqualTo(262_144);
            assertThat(Limits.MAX_TEXT_LENGTH).isEqualTo(200);
            assertThat(Limits.MAX_EVIDENCE_HASHES).isEqualTo(20);
            assertThat(Limits.MAX_MEASUREMENTS).isEqualTo(32);
            assertThat(Limits.MAX_GRADES).isEqualTo(10);
        }

        @Test
        void declared_mass_is_1_gram_to_500_tonnes() {
            assertThat(Masses.requireDeclaredMass(1)).isEqualTo(1);
            assertThat(Masses.requireDeclaredMass(500_000_000L)).isEqualTo(500_000_000L);
            assertRejected(() -> Masses.requireDeclaredMass(0), ErrorCode.INVALID_MASS).hasMessageContaining("got 0 g");
            assertRejected(() -> Masses.requireDeclaredMass(-1), ErrorCode.INVALID_MASS);
            assertRejected(() -> Masses.requireDeclaredMass(500_000_001L), ErrorCode.INVALID_MASS)
                    .hasMessageContaining("1..500000000 g");
            assertRejected(() -> Masses.requireDeclaredMass(Long.MIN_VALUE), ErrorCode.INVALID_MASS);
        }

        @Test
        void nominal_mass_is_1_gram_to_50_kilograms() {
            assertThat(Masses.requireNominalMass(1)).isEqualTo(1);
            assertThat(Masses.requireNominalMass(50_000)).isEqualTo(50_000);
            assertRejected(() -> Masses.requireNominalMass(0), ErrorCode.INVALID_MASS);
            assertRejected(() -> Masses.requireNominalMass(50_001), ErrorCode.INVALID_MASS)
                    .hasMessageContaining("1..50000 g, got 50001 g");
        }
    }

    @Nested
    class Hashes {
        static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

        @Test
        void computes_sha_256_in_lower_case_hex() {
            assertThat(Sha256Hex.of("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        }

        @Test
        void accepts_64_lower_case_hex_digits() {
            assertThat(Sha256Hex.requireValid(ABC)).isEqualTo(ABC);
        }

        @Test
        void rejects_upper_case_hex_saying_so() {
            assertRejected(() -> Sha256Hex.requireValid(ABC.toUpperCase()), ErrorCode.INVALID_HASH)
                    .hasMessageContaining("lower case");
        }

        @Test
        void rejects_wrong_length_and_non_hex() {
            assertRejected(() -> Sha256Hex.requireValid(ABC.substring(1)), ErrorCode.INVALID_HASH)
                    .hasMessageContaining("got 63");
            assertRejected(() -> Sha256Hex.requireValid(ABC + "0"), ErrorCode.INVALID_HASH);
            assertRejected(() -> Sha256Hex.requireValid("g" + ABC.substring(1)), ErrorCode.INVALID_HASH)
                    .hasMessageContaining("'g' at position 1");
            assertRejected(() -> Sha256Hex.requireValid(null), ErrorCode.INVALID_HASH);
        }
    }

    @Nested
    class FreeText {
        @Test
        void returns_text_unchanged() {
            assertThat(Text.requireText("productName", "临安山核桃 Lin'an hickory", 200))
                    .isEqualTo("临安山核桃 Lin'an hickory");
        }

        @Test
        void counts_code_points_so_a_chinese_character_or_emoji_is_one() {
            assertThat(Text.requireText("name", "板".repeat(200), 200)).hasSize(200);
            assertThat(Text.requireText("name", "🌰".repeat(200), 200)).hasSize(400);
            assertRejected(() -> Text.requireText("name", "🌰".repeat(201), 200), ErrorCode.INVALID_ARGUMENT)
                    .hasMessageContaining("has 201 characters, at most 200");
        }

        @Test
        void rejects_missing_and_blank_text_naming_the_field() {
            assertRejected(() -> Text.requireText("variety", null, 10), ErrorCode.INVALID_ARGUMENT)
                    .hasMessage("INVALID_ARGUMENT: variety is missing");
            assertRejected(() -> Text.requireText("variety", "", 10), ErrorCode.INVALID_ARGUMENT)
                    .hasMessage("INVALID_ARGUMENT: variety is blank");
            assertRejected(() -> Text.requireText("variety", " \t\u3000", 10), ErrorCode.INVALID_ARGUMENT)
                    .hasMessage("INVALID_ARGUMENT: variety is blank");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\nb", "a\u0000", "a\u007f", "a\u0085", "a\u2028", "a\u202eb", "a\u2066", "a\u200f", "a\u061c"})
        void rejects_control_and_bidirectional_characters(String text) {
            assertRejected(() -> Text.requireText("reason", text, 10), ErrorCode.INVALID_ARGUMENT)
                    .hasMessageContaining("reason contains the control character U+")
                    .hasMessageContaining("position 2");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\u200bb", "a\u2060", "a\ufeff", "a\u180e", "a\u2061", "a\u2064", "a\u00ad"})
        void rejects_invisible_characters_that_make_two_names_look_alike(String text) {
            assertRejected(() -> Text.requireText("productName", text, 10), ErrorCode.INVALID_ARGUMENT)
                    .hasMessageContaining("productName contains the invisible character U+")
                    .hasMessageContaining("position 2");
        }

        @Test
        void keeps_the_zero_width_joiner_of_emoji_sequences() {
            assertThat(Text.requireText("productName", "\uD83D\uDC68\u200D\uD83C\uDF3E 板栗", 20)).contains("\u200D");
        }

        @Test
        void rejects_unpaired_surrogates() {
            assertRejected(() -> Text.requireText("reason", "a\ud800", 10), ErrorCode.INVALID_ARGUMENT)
                    .hasMessageContaining("unpaired surrogate U+D800");
            assertRejected(() -> Text.requireText("reason", "\udc00a", 10), ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void rejects_programming_errors_with_standard_exceptions() {
            assertThatThrownBy(() -> Text.requireText(null, "x", 10)).hasMessage("field == null");
            assertThatThrownBy(() -> Text.requireText("f", "x", 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Dates {
        @Test
        void parses_iso_dates() {
            assertThat(IsoDates.requireDate("2024-09-15")).isEqualTo(LocalDate.of(2024, 9, 15));
            assertThat(IsoDates.requireDate("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        }

        @Test
        void accepts_years_2000_to_2099_only() {
            assertThat(IsoDates.requireDate("2000-01-01")).isEqualTo(LocalDate.of(2000, 1, 1));
            assertThat(IsoDates.requireDate("2099-12-31")).isEqualTo(LocalDate.of(2099, 12, 31));
            assertRejected(() -> IsoDates.requireDate("1999-12-31"), ErrorCode.INVALID_DATE)
                    .hasMessageContaining("2000..2099");
            assertRejected(() -> IsoDates.requireDate("2100-01-01"), ErrorCode.INVALID_DATE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2023-02-29", "2024-04-31", "2024-00-10", "2024-13-01", "2024-01-00"})
        void rejects_dates_that_do_not_exist_instead_of_moving_them(String date) {
            assertRejected(() -> IsoDates.requireDate(date), ErrorCode.INVALID_DATE)
                    .hasMessageContaining("not a calendar date");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "2024-1-01", "2024/01/01", "20240101", "２０２４-01-01", "+2024-01-01",
            "2024-01-01T00:00", " 2024-01-01", "2024-01-0a"})
        void rejects_anything_but_yyyy_mm_dd(String date) {
            assertRejected(() -> IsoDates.requireDate(date), ErrorCode.INVALID_DATE)
                    .hasMessageContaining("yyyy-MM-dd");
        }

        @Test
        void rejects_missing_date() {
            assertRejected(() -> IsoDates.requireDate(null), ErrorCode.INVALID_DATE).hasMessageContaining("missing");
        }
    }

    @Nested
    class RequestIds {
        @Test
        void accepts_uuids_and_8_to_64_plain_characters() {
            assertThat(RequestId.requireValid("3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f"))
                    .isEqualTo("3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f");
            assertThat(RequestId.requireValid("abcd_123")).isEqualTo("abcd_123");
            assertThat(RequestId.requireValid("x".repeat(64))).hasSize(64);
        }

        @Test
        void rejects_too_short_and_too_long_ids() {
            assertRejected(() -> RequestId.requireValid("abc_123"), ErrorCode.INVALID_REQUEST_ID)
                    .hasMessageContaining("8..64 characters, got 7");
            assertRejected(() -> RequestId.requireValid("x".repeat(65)), ErrorCode.INVALID_REQUEST_ID);
            assertRejected(() -> RequestId.requireValid(null), ErrorCode.INVALID_REQUEST_ID);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abcd 1234", "abcd.1234", "abcd/1234", "请求编号请求编号", "abcd\n1234", "abcd1234="})
        void rejects_characters_outside_letters_digits_underscore_and_hyphen(String id) {
            assertRejected(() -> RequestId.requireValid(id), ErrorCode.INVALID_REQUEST_ID)
                    .hasMessageContaining("may contain only");
        }
    }
}
