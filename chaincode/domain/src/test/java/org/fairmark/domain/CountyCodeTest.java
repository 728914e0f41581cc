package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CountyCodeTest {
    @ParameterizedTest
    @ValueSource(strings = {"110101", "330102", "330381", "429004", "522701", "650102", "460202"})
    void accepts_county_level_codes(String code) {
        assertThat(CountyCode.requireValid(code)).isEqualTo(code);
    }

    @Test
    void accepts_exactly_the_province_prefixes_of_gb_t_2260() {
        List<Integer> accepted = new ArrayList<>();
        for (int province = 0; province <= 99; province++) {
            String code = String.format("%02d0101", province);
            try {
                CountyCode.requireValid(code);
                accepted.add(province);
            } catch (DomainException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_COUNTY_CODE);
                assertThat(e.getMessage()).contains("province code (" + code.substring(0, 2) + ")");
            }
        }
        assertThat(accepted).containsExactly(
                11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
                61, 62, 63, 64, 65, 71, 81, 82);
    }

    @Test
    void rejects_province_level_code() {
        assertRejected(() -> CountyCode.requireValid("330000"), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageContaining("province-level");
    }

    @Test
    void rejects_prefecture_level_code() {
        assertRejected(() -> CountyCode.requireValid("330100"), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageContaining("prefecture-level");
    }

    @Test
    void rejects_code_with_00_prefecture_digits_even_when_county_digits_are_set() {
        assertRejected(() -> CountyCode.requireValid("330001"), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageContaining("province-level");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "33010", "3301020", "33010a", "33 102", "３３０１０２", "-33010"})
    void rejects_anything_but_six_ascii_digits(String code) {
        assertRejected(() -> CountyCode.requireValid(code), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageContaining("exactly 6 digits");
    }

    @Test
    void rejects_missing_code() {
        assertRejected(() -> CountyCode.requireValid(null), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageContaining("missing");
    }

    @Test
    void province_is_the_first_two_digits_of_a_valid_code() {
        assertThat(CountyCode.province("330102")).isEqualTo("33");
        assertThat(CountyCode.province("650102")).isEqualTo("65");
        assertRejected(() -> CountyCode.province("330100"), ErrorCode.INVALID_COUNTY_CODE);
    }
}
