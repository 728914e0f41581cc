package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JurisdictionTest {
    @Test
    void county_entry_covers_only_that_county() {
        Jurisdiction jurisdiction = Jurisdiction.parse("330102");
        assertThat(jurisdiction.covers("330102")).isTrue();
        assertThat(jurisdiction.covers("330103")).isFalse();
    }

    @Test
    void prefecture_prefix_covers_every_county_of_the_prefecture() {
        Jurisdiction jurisdiction = Jurisdiction.parse("3301");
        assertThat(jurisdiction.covers("330102")).isTrue();
        assertThat(jurisdiction.covers("330185")).isTrue();
        assertThat(jurisdiction.covers("330203")).isFalse();
    }

    @Test
    void province_prefix_covers_every_county_of_the_province() {
        Jurisdiction jurisdiction = Jurisdiction.parse("33");
        assertThat(jurisdiction.covers("330102")).isTrue();
        assertThat(jurisdiction.covers("331127")).isTrue();
        assertThat(jurisdiction.covers("320102")).isFalse();
    }

    @Test
    void parses_comma_separated_entries_tolerating_whitespace() {
        Jurisdiction jurisdiction = Jurisdiction.parse(" 330381 ,3301,\t53 ");
        assertThat(jurisdiction.entries()).containsExactly("3301", "330381", "53");
        assertThat(jurisdiction.covers("330381")).isTrue();
        assertThat(jurisdiction.covers("330102")).isTrue();
        assertThat(jurisdiction.covers("532301")).isTrue();
        assertThat(jurisdiction.covers("330302")).isFalse();
    }

    @Test
    void normalizes_to_sorted_entries_without_duplicates() {
        Jurisdiction jurisdiction = Jurisdiction.parse("330381,3301,330381");
        assertThat(jurisdiction.entries()).containsExactly("3301", "330381");
        assertThat(jurisdiction.toAttribute()).isEqualTo("3301,330381");
        assertThat(jurisdiction).isEqualTo(Jurisdiction.parse("3301, 330381"));
        assertThat(Jurisdiction.parse(jurisdiction.toAttribute())).isEqualTo(jurisdiction);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3300", "99", "990101", "330100", "330000", "123", "33010", "3301020", "33a1", "３３"})
    void rejects_entries_that_are_not_a_county_prefecture_or_province(String entry) {
        assertRejected(() -> Jurisdiction.parse("330102," + entry), ErrorCode.INVALID_COUNTY_CODE);
    }

    @Test
    void rejects_empty_entries_so_a_typo_never_changes_the_jurisdiction_silently() {
        assertRejected(() -> Jurisdiction.parse("330102,"), ErrorCode.INVALID_COUNTY_CODE)
                .hasMessageContaining("entry 2 is empty");
        assertRejected(() -> Jurisdiction.parse("330102,,3301"), ErrorCode.INVALID_COUNTY_CODE);
        assertRejected(() -> Jurisdiction.parse(","), ErrorCode.INVALID_COUNTY_CODE);
    }

    @Test
    void rejects_missing_or_blank_attribute() {
        assertRejected(() -> Jurisdiction.parse(null), ErrorCode.INVALID_COUNTY_CODE).hasMessageContaining("missing");
        assertRejected(() -> Jurisdiction.parse("  "), ErrorCode.INVALID_COUNTY_CODE);
        assertRejected(() -> new Jurisdiction(List.of()), ErrorCode.INVALID_COUNTY_CODE);
        assertRejected(() -> new Jurisdiction(null), ErrorCode.INVALID_COUNTY_CODE);
        assertRejected(() -> new Jurisdiction(Arrays.asList("33", null)), ErrorCode.INVALID_COUNTY_CODE);
    }

    @Test
    void covers_refuses_a_region_code_instead_of_a_county() {
        Jurisdiction jurisdiction = Jurisdiction.parse("33");
        assertRejected(() -> jurisdiction.covers("330100"), ErrorCode.INVALID_COUNTY_CODE);
        assertRejected(() -> jurisdiction.covers("33"), ErrorCode.INVALID_COUNTY_CODE);
        assertRejected(() -> jurisdiction.covers(null), ErrorCode.INVALID_COUNTY_CODE);
    }

    @Test
    void entries_are_immutable() {
        Jurisdiction jurisdiction = Jurisdiction.parse("33");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jurisdiction.entries().add("32"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
