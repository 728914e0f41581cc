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
    @ValueSource(strings = {"110101", "330102", "330381", "429004", "522701", "650102", "460202", "130227"})
    void accepts_county_level_codes_of_the_table(String code) {
        assertThat(CountyCode.requireValid(code)).isEqualTo(code);
        assertThat(CountyCode.requireCurrent(code)).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"441900", "442000", "460400", "620200"})
    void accepts_prefecture_level_cities_without_counties(String code) {
        assertThat(CountyCode.requireCurrent(code)).isEqualTo(code);
        assertThat(CountyCode.requireValid(code)).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"710000", "810000", "820000"})
    void accepts_provinces_the_table_lists_without_subdivisions(String code) {
        assertThat(CountyCode.requireCurrent(code)).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"130299", "330199", "110199", "460399", "620201", "441901"})
    void rejects_well_formed_codes_that_are_not_in_the_table(String code) {
        assertRejected(() -> CountyCode.requireValid(code), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageContaining(code + " is not a GB/T 2260 code (table 2024)");
        assertRejected(() -> CountyCode.requireCurrent(code), ErrorCode.INVALID_COUNTY_CODE);
        assertThat(CountyCode.requireWellFormed(code)).isEqualTo(code);
    }

    @Test
    void retired_codes_stay_valid_for_records_already_on_the_ledger() {
        assertThat(CountyCode.requireValid("110103")).isEqualTo("110103");
        assertThat(CountyCode.requireValid("330103")).isEqualTo("330103");
    }

    @Test
    void a_new_batch_with_a_retired_code_is_told_the_successor() {
        assertRejected(() -> CountyCode.requireCurrent("110103"), ErrorCode.RETIRED_COUNTY_CODE)
                .hasMessageEndingWith("110103 (北京市 崇文区) was retired in 2010; use 北京市 东城区 (110101)");
        assertRejected(() -> CountyCode.requireCurrent("330104"), ErrorCode.RETIRED_COUNTY_CODE)
                .hasMessageEndingWith("330104 (浙江省 杭州市 江干区) was retired in 2021; use 浙江省 杭州市 上城区 (330102) or 浙江省 杭州市 钱塘区 (330114)");
    }

    @Test
    void successors_are_followed_through_later_retirements() {
        // 320882 淮安市 (county-level, 淮阴市) became 320803 楚州区 in 2000, which is still in use as 淮安区
        Division d = AdministrativeDivisions.table().find("320882").orElseThrow();
        assertThat(d.inUse()).isFalse();
        assertThat(d.successors()).containsExactly("320803");
        assertRejected(() -> CountyCode.requireCurrent("320882"), ErrorCode.RETIRED_COUNTY_CODE)
                .hasMessageContaining("江苏省 淮安市 淮安区 (320803)");
    }

    @Test
    void a_retired_prefecture_is_not_an_origin() {
        assertRejected(() -> CountyCode.requireValid("132100"), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageEndingWith("132100 (河北省 邯郸地区) was a prefecture-level code (retired in 1993); name the county");
    }

    @Test
    void accepts_exactly_the_province_prefixes_of_gb_t_2260() {
        List<Integer> accepted = new ArrayList<>();
        for (int province = 0; province <= 99; province++) {
            String code = String.format("%02d0101", province);
            try {
                CountyCode.requireWellFormed(code);
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
    void rejects_province_level_code_with_counties() {
        assertRejected(() -> CountyCode.requireValid("330000"), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageEndingWith("330000 (浙江省) is a province-level code with counties under it; name the county");
    }

    @Test
    void rejects_prefecture_level_code_with_counties() {
        assertRejected(() -> CountyCode.requireValid("130200"), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageEndingWith("130200 (河北省 唐山市) is a prefecture-level code with counties under it; name the county");
    }

    @Test
    void rejects_code_with_00_prefecture_digits_even_when_county_digits_are_set() {
        assertRejected(() -> CountyCode.requireValid("330001"), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageContaining("not a GB/T 2260 code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "33010", "3301020", "33010a", "33 102", "３３０１０２", "-33010"})
    void rejects_anything_but_six_ascii_digits(String code) {
        assertRejected(() -> CountyCode.requireValid(code), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageContaining("exactly 6 digits");
        assertRejected(() -> CountyCode.requireWellFormed(code), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageContaining("exactly 6 digits");
    }

    @Test
    void rejects_missing_code() {
        assertRejected(() -> CountyCode.requireValid(null), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageContaining("missing");
        assertRejected(() -> CountyCode.requireCurrent(null), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageContaining("missing");
    }

    @Test
    void province_is_the_first_two_digits_of_a_valid_code() {
        assertThat(CountyCode.province("330102")).isEqualTo("33");
        assertThat(CountyCode.province("650102")).isEqualTo("65");
        assertRejected(() -> CountyCode.province("330100"), ErrorCode.INVALID_COUNTY_CODE);
    }
}
