package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import org.fairmark.domain.ErrorCode;
import org.fairmark.testkit.Property;
import org.junit.jupiter.api.Test;

/** Masses and dates as people type them. */
class QuantitiesTest {
    @Test
    void reads_grams_with_units_including_jin() {
        assertThat(Quantities.grams("500")).isEqualTo(500);
        assertThat(Quantities.grams("500g")).isEqualTo(500);
        assertThat(Quantities.grams("2.5kg")).isEqualTo(2_500);
        assertThat(Quantities.grams("1t")).isEqualTo(1_000_000);
        assertThat(Quantities.grams("2斤")).isEqualTo(1_000);
        assertThat(Quantities.grams(" 3 公斤 ")).isEqualTo(3_000);
        assertThat(Quantities.decigrams("478.3")).isEqualTo(4_783);
        assertThat(Quantities.decigrams("0.5123kg")).isEqualTo(5_123);
    }

    @Test
    void refuses_what_is_not_a_whole_gram_or_decigram() {
        assertThat(catchThrowableOfType(CliException.class, () -> Quantities.grams("0.5g")).code())
                .isEqualTo(ErrorCode.INVALID_MASS);
        assertThat(catchThrowableOfType(CliException.class, () -> Quantities.grams("-5")).code())
                .isEqualTo(ErrorCode.INVALID_MASS);
        assertThat(catchThrowableOfType(CliException.class, () -> Quantities.decigrams("478.25")).code())
                .isEqualTo(ErrorCode.INVALID_MASS);
        assertThat(catchThrowableOfType(CliException.class, () -> Quantities.date("2023-02-29")).code())
                .isEqualTo(ErrorCode.INVALID_DATE);
    }

    @Test
    void any_mass_reads_the_same_in_grams_kilograms_and_tonnes() {
        Property.forAll(random -> random.nextLong(1, 500_000_000L), grams -> {
            assertThat(Quantities.grams(grams + "g")).isEqualTo(grams);
            assertThat(Quantities.grams(BigDecimal.valueOf(grams).movePointLeft(3).toPlainString() + "kg")).isEqualTo(grams);
            assertThat(Quantities.grams(BigDecimal.valueOf(grams).movePointLeft(6).toPlainString() + "t")).isEqualTo(grams);
            assertThat(Quantities.decigrams(BigDecimal.valueOf(grams).movePointLeft(1).toPlainString())).isEqualTo(grams);
        });
    }

    @Test
    void formats_for_people() {
        assertThat(Quantities.formatGrams(500)).isEqualTo("500 g");
        assertThat(Quantities.formatGrams(193_000)).isEqualTo("193 kg");
        assertThat(Quantities.formatGrams(1_500)).isEqualTo("1.5 kg");
        assertThat(Quantities.formatDecigrams(4_780)).isEqualTo("478.0 g");
        assertThat(Quantities.formatYuan(1_500)).isEqualTo("15.00");
    }
}
