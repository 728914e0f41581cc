package org.fairmark.samples;

import static org.assertj.core.api.Assertions.assertThat;

import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Gtin;
import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void the_gtin_is_valid_and_carries_the_company_prefix() {
        assertThat(Samples.GTIN).isEqualTo("06901234567892");
        assertThat(Gtin.isValid(Samples.GTIN)).isTrue();
        assertThat(Samples.COMPANY_PREFIX).isEqualTo("6901234");
    }

    @Test
    void the_measurements_grade_as_their_names_say() {
        GradingStandard standard = Samples.chestnutStandard(Samples.STANDARD_CODE, Samples.STANDARD_VERSION);
        assertThat(standard.derive(Samples.firstGradeMeasurements())).isEqualTo("FIRST");
        assertThat(standard.derive(Samples.specialGradeMeasurements())).isEqualTo("SPECIAL");
        assertThat(standard.product()).isEqualTo(Samples.registration(null, "L", "2026-09-20", 1, 0).product());
    }

    @Test
    void serials_are_zero_padded_and_packages_carry_the_nominal_mass() {
        assertThat(Samples.serials("P", 3, 5)).containsExactly("P00001", "P00002", "P00003");
        assertThat(Samples.packages("QX-", 2, 2, 500)).extracting(p -> p.serial() + "/" + p.nominalMassGrams())
                .containsExactly("QX-01/500", "QX-02/500");
    }
}
