package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GtinTest {
    @Test
    void accepts_gtin_14_with_correct_check_digit() {
        assertThat(Gtin.requireValid("09506000134352")).isEqualTo("09506000134352");
        assertThat(Gtin.isValid("09506000134352")).isTrue();
    }

    @Test
    void accepts_padded_gtin_13_because_padding_keeps_the_check_digit() {
        assertThat(Gtin.requireValid("04006381333931")).isEqualTo("04006381333931");
    }

    @Test
    void rejects_wrong_check_digit_naming_the_expected_digit() {
        assertRejected(() -> Gtin.requireValid("09506000134353"), ErrorCode.INVALID_GTIN)
                .hasMessageContaining("check digit 3")
                .hasMessageContaining("expected 2");
        assertThat(Gtin.isValid("09506000134353")).isFalse();
    }

    @Test
    void rejects_13_digits_naming_the_length() {
        assertRejected(() -> Gtin.requireValid("4006381333931"), ErrorCode.INVALID_GTIN)
                .hasMessageContaining("exactly 14 digits")
                .hasMessageContaining("got 13");
    }

    @Test
    void rejects_15_digits() {
        assertRejected(() -> Gtin.requireValid("095060001343520"), ErrorCode.INVALID_GTIN)
                .hasMessageContaining("got 15");
    }

    @Test
    void rejects_non_digit_naming_character_and_position() {
        assertRejected(() -> Gtin.requireValid("0950600013435X"), ErrorCode.INVALID_GTIN)
                .hasMessageContaining("'X'")
                .hasMessageContaining("position 14");
    }

    @Test
    void rejects_fullwidth_and_other_unicode_digits() {
        assertRejected(() -> Gtin.requireValid("０9506000134352"), ErrorCode.INVALID_GTIN)
                .hasMessageContaining("U+FF10");
        assertRejected(() -> Gtin.requireValid("٠9506000134352"), ErrorCode.INVALID_GTIN);
    }

    @Test
    void rejects_missing_gtin_with_the_gtin_code() {
        assertRejected(() -> Gtin.requireValid(null), ErrorCode.INVALID_GTIN).hasMessageContaining("missing");
        assertThat(Gtin.isValid(null)).isFalse();
        assertRejected(() -> Gtin.requireValid(""), ErrorCode.INVALID_GTIN);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "9638507, 4", // GTIN-8
        "03600029145, 2", // GTIN-12 (UPC-A)
        "400638133393, 1", // GTIN-13
        "0950600013435, 2", // GTIN-14
        "00614141123456789, 0", // SSCC-18 body (GS1 General Specifications example)
        "000000000000, 0",
        "1, 7",
    })
    void computes_gs1_mod_10_check_digit_for_every_key_length(String body, int expected) {
        assertThat(Gtin.checkDigit(body)).isEqualTo(expected);
    }

    @Test
    void check_digit_is_unchanged_by_leading_zeros() {
        assertThat(Gtin.checkDigit("0000009638507")).isEqualTo(Gtin.checkDigit("9638507"));
    }

    @Test
    void check_digit_rejects_programming_errors_with_illegal_argument() {
        assertThatThrownBy(() -> Gtin.checkDigit("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gtin.checkDigit("123456789012345678")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gtin.checkDigit("12a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gtin.checkDigit(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("digitsWithoutCheck == null");
    }
}
