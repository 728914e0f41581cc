package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one measurement-name syntax, shared by a standard's thresholds and an inspection's measurements. */
class MeasurementNameTest {
    static final List<String> ACCEPTED =
            List.of("count_per_kg", "defect_permille", "m", "x_", "a1", "m" + "_9".repeat(19) + "z");
    static final List<String> REFUSED = Arrays.asList(null, "", "Moisture", "1st", "_x", "defect-rate",
            "count per kg", "a2345678901234567890123456789012345678901", "défaut", "m\n");

    @Test
    void accepts_exactly_lower_case_names_of_up_to_40_characters() {
        assertThat(ACCEPTED).allMatch(MeasurementName::isValid);
        assertThat(REFUSED).noneMatch(MeasurementName::isValid);
    }

    @Test
    void a_threshold_refuses_the_same_names_as_a_standard_error() {
        for (String name : ACCEPTED) {
            assertThat(new Threshold(name, Threshold.Bound.MAX, 1).measurement()).isEqualTo(name);
        }
        for (String name : REFUSED) {
            assertRejected(() -> new Threshold(name, Threshold.Bound.MAX, 1), ErrorCode.STANDARD_INVALID)
                    .hasMessageContaining("must match " + MeasurementName.SYNTAX);
        }
    }
}
