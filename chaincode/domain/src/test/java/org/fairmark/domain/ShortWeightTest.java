package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.domain.DomainAssertions.assertRejected;
import static org.fairmark.domain.ShortWeight.Finding.T1;
import static org.fairmark.domain.ShortWeight.Finding.T2;
import static org.fairmark.domain.ShortWeight.Finding.WITHIN_TOLERANCE;

import java.util.Arrays;
import java.util.List;
import org.fairmark.domain.ShortWeight.WeighingVerdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShortWeightTest {
    @Nested
    class TolerableDeficiency {
        @ParameterizedTest(name = "Qn {0} g -> T {1} dg")
        @CsvSource({
            // 0 < Qn <= 50: 9 % of Qn, rounded up to 0.1 g
            "1, 1",
            "25, 23",
            "33, 30",
            "50, 45",
            // 50 < Qn <= 100: 4.5 g
            "51, 45",
            "100, 45",
            // 100 < Qn <= 200: 4.5 %
            "101, 46",
            "150, 68",
            "200, 90",
            // 200 < Qn <= 300: 9 g
            "201, 90",
            "300, 90",
            // 300 < Qn <= 500: 3 %
            "301, 91",
            "400, 120",
            "500, 150",
            // 500 < Qn <= 1000: 15 g
            "501, 150",
            "1000, 150",
            // 1000 < Qn <= 10000: 1.5 %
            "1001, 151",
            "5000, 750",
            "10000, 1500",
            // 10000 < Qn <= 15000: 150 g
            "10001, 1500",
            "15000, 1500",
            // 15000 < Qn <= 50000: 1 %
            "15001, 1501",
            "20000, 2000",
            "50000, 5000",
        })
        void follows_the_oiml_r_87_table_at_every_band_boundary(long nominalGrams, long expectedDecigrams) {
            assertThat(ShortWeight.tolerableDeficiencyDecigrams(nominalGrams)).isEqualTo(expectedDecigrams);
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, 50_001, Long.MAX_VALUE, Long.MIN_VALUE})
        void rejects_nominal_mass_outside_the_table(long nominalGrams) {
            assertRejected(() -> ShortWeight.tolerableDeficiencyDecigrams(nominalGrams), ErrorCode.INVALID_MASS);
        }

        @Test
        void is_non_decreasing_in_grams_over_the_whole_table_though_not_in_percent() {
            long previous = 0;
            for (long qn = 1; qn <= 50_000; qn++) {
                long t = ShortWeight.tolerableDeficiencyDecigrams(qn);
                assertThat(t).as("T(%d)", qn).isGreaterThanOrEqualTo(previous);
                previous = t;
            }
            // in percent it drops at band boundaries: 9 % at 50 g, 4.5 g = 8.8 % at 51 g
            assertThat(ShortWeight.tolerableDeficiencyDecigrams(51) * 1000 / 510)
                    .isLessThan(ShortWeight.tolerableDeficiencyDecigrams(50) * 1000 / 500);
        }

        @Test
        void is_positive_below_9_percent_rounded_up_and_never_more_than_one_decigram_above_the_exact_percentage() {
            long[][] percentBands = {{1, 50, 90}, {101, 200, 45}, {301, 500, 30}, {1_001, 10_000, 15}, {15_001, 50_000, 10}};
            for (long[] band : percentBands) {
                for (long qn = band[0]; qn <= band[1]; qn++) {
                    long t = ShortWeight.tolerableDeficiencyDecigrams(qn);
                    long exactTimes1000 = qn * 10 * band[2];
                    assertThat(t * 1000).as("T(%d)", qn).isGreaterThanOrEqualTo(exactTimes1000);
                    assertThat((t - 1) * 1000).as("T(%d)", qn).isLessThan(exactTimes1000);
                }
            }
            for (long qn = 1; qn <= 50_000; qn++) {
                long t = ShortWeight.tolerableDeficiencyDecigrams(qn);
                assertThat(t).isPositive();
                assertThat((t - 1) * 1000).as("T(%d) at most 9 %% rounded up", qn).isLessThan(qn * 10 * 90);
            }
        }
    }

    @Nested
    class Judge {
        @Test
        void exact_and_overfilled_packages_are_within_tolerance() {
            assertThat(ShortWeight.judge(500, 5_000)).isEqualTo(WITHIN_TOLERANCE);
            assertThat(ShortWeight.judge(500, 6_000)).isEqualTo(WITHIN_TOLERANCE);
        }

        @Test
        void deficiency_of_exactly_t_is_within_tolerance_and_one_decigram_more_is_t1() {
            // Qn 500 g: T = 15 g
            assertThat(ShortWeight.judge(500, 4_850)).isEqualTo(WITHIN_TOLERANCE);
            assertThat(ShortWeight.judge(500, 4_849)).isEqualTo(T1);
        }

        @Test
        void deficiency_of_exactly_2t_is_t1_and_one_decigram_more_is_t2() {
            assertThat(ShortWeight.judge(500, 4_700)).isEqualTo(T1);
            assertThat(ShortWeight.judge(500, 4_699)).isEqualTo(T2);
            assertThat(ShortWeight.judge(500, 0)).isEqualTo(T2);
        }

        @Test
        void uses_the_rounded_up_t_in_percent_bands() {
            // Qn 101 g: T = 4.545 g rounded up to 4.6 g
            assertThat(ShortWeight.judge(101, 1_010 - 46)).isEqualTo(WITHIN_TOLERANCE);
            assertThat(ShortWeight.judge(101, 1_010 - 47)).isEqualTo(T1);
            assertThat(ShortWeight.judge(101, 1_010 - 92)).isEqualTo(T1);
            assertThat(ShortWeight.judge(101, 1_010 - 93)).isEqualTo(T2);
        }

        @Test
        void smallest_package_has_one_decigram_tolerance() {
            assertThat(ShortWeight.judge(1, 9)).isEqualTo(WITHIN_TOLERANCE);
            assertThat(ShortWeight.judge(1, 8)).isEqualTo(T1);
            assertThat(ShortWeight.judge(1, 7)).isEqualTo(T2);
        }

        @Test
        void rejects_negative_absurd_or_missing_actual_mass() {
            assertRejected(() -> ShortWeight.judge(500, -1), ErrorCode.INVALID_MASS);
            assertRejected(() -> ShortWeight.judge(500, ShortWeight.MAX_ACTUAL_DECIGRAMS + 1), ErrorCode.INVALID_MASS)
                    .hasMessageContaining("0.0 g..500000.0 g, got 500000.1 g").hasMessageNotContaining("dg");
            assertThat(ShortWeight.judge(500, ShortWeight.MAX_ACTUAL_DECIGRAMS)).isEqualTo(WITHIN_TOLERANCE);
            assertRejected(() -> ShortWeight.judgeAll(500, Arrays.asList(5_000L, null)), ErrorCode.INVALID_MASS)
                    .hasMessageContaining("missing");
        }

        @Test
        void rejects_nominal_mass_outside_the_table() {
            assertRejected(() -> ShortWeight.judge(50_001, 500_010), ErrorCode.INVALID_MASS);
            assertRejected(() -> ShortWeight.judge(0, 0), ErrorCode.INVALID_MASS);
        }
    }

    @Nested
    class Plausibility {
        @Test
        void accepts_half_to_twice_the_nominal_mass_inclusive() {
            assertThat(ShortWeight.requirePlausibleWeighing(500, 2_500)).isEqualTo(2_500);
            assertThat(ShortWeight.requirePlausibleWeighing(500, 10_000)).isEqualTo(10_000);
            assertThat(ShortWeight.requirePlausibleWeighing(1, 5)).isEqualTo(5);
            assertThat(ShortWeight.requirePlausibleWeighing(1, 20)).isEqualTo(20);
            assertThat(ShortWeight.requirePlausibleWeighing(50_000, 1_000_000)).isEqualTo(1_000_000);
        }

        @Test
        void keeps_every_t2_error_down_to_half_the_nominal_mass() {
            // 2T is at most 18 % of Qn (T = 9 % up to 50 g), so the range keeps all of (Qn - 2T, Qn] and more
            for (long qn = 1; qn <= 50_000; qn++) {
                long twoT = 2 * ShortWeight.tolerableDeficiencyDecigrams(qn);
                assertThat(qn * 10 - twoT).as("Qn %d g", qn).isGreaterThan(ShortWeight.minimumPlausibleDecigrams(qn));
            }
        }

        @Test
        void refuses_zero_and_unit_errors_in_grams() {
            assertRejected(() -> ShortWeight.requirePlausibleWeighing(500, 510_000), ErrorCode.INVALID_WEIGHING)
                    .hasMessageContaining("51000.0 g").hasMessageContaining("500 g")
                    .hasMessageContaining("250.0 g..1000.0 g").hasMessageNotContaining("dg");
            assertRejected(() -> ShortWeight.requirePlausibleWeighing(500, 0), ErrorCode.INVALID_WEIGHING)
                    .hasMessageContaining("0.0 g");
            assertRejected(() -> ShortWeight.requirePlausibleWeighing(500, 2_499), ErrorCode.INVALID_WEIGHING);
            assertRejected(() -> ShortWeight.requirePlausibleWeighing(500, 10_001), ErrorCode.INVALID_WEIGHING);
            assertRejected(() -> ShortWeight.requirePlausibleWeighing(500, -1), ErrorCode.INVALID_MASS)
                    .hasMessageContaining("-0.1 g");
            assertRejected(() -> ShortWeight.requirePlausibleWeighing(0, 10), ErrorCode.INVALID_MASS);
        }

        @Test
        void formats_decigrams_as_grams() {
            assertThat(Masses.formatDecigrams(4_985)).isEqualTo("498.5 g");
            assertThat(Masses.formatDecigrams(0)).isEqualTo("0.0 g");
            assertThat(Masses.formatDecigrams(-1)).isEqualTo("-0.1 g");
            assertThat(Masses.formatDecigrams(Long.MIN_VALUE)).isEqualTo("-922337203685477580.8 g");
        }
    }

    @Nested
    class Average {
        @Test
        void average_exactly_nominal_is_met() {
            assertThat(ShortWeight.averageRequirementMet(500, List.of(4_990L, 5_010L))).isTrue();
        }

        @Test
        void average_one_decigram_short_in_total_is_not_met() {
            assertThat(ShortWeight.averageRequirementMet(500, List.of(4_990L, 5_009L))).isFalse();
        }

        @Test
        void is_exact_where_a_floating_point_average_would_round() {
            List<Long> actuals = List.of(5_000L, 5_000L, 4_999L);
            assertThat(ShortWeight.averageRequirementMet(500, actuals)).isFalse();
            assertThat(ShortWeight.judgeAll(500, actuals).averageDecigramsFloor()).isEqualTo(4_999);
        }

        @Test
        void rejects_empty_receipt() {
            assertRejected(() -> ShortWeight.averageRequirementMet(500, List.of()), ErrorCode.INVALID_ARGUMENT);
            assertRejected(() -> ShortWeight.judgeAll(500, List.of()), ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class JudgeAll {
        @Test
        void counts_t1_and_t2_separately_and_checks_the_average() {
            WeighingVerdict verdict = ShortWeight.judgeAll(500, List.of(5_100L, 4_849L, 4_699L, 4_700L, 5_000L));
            assertThat(verdict.nominalGrams()).isEqualTo(500);
            assertThat(verdict.tolerableDeficiencyDecigrams()).isEqualTo(150);
            assertThat(verdict.findings()).containsExactly(WITHIN_TOLERANCE, T1, T2, T1, WITHIN_TOLERANCE);
            assertThat(verdict.t1Count()).isEqualTo(2);
            assertThat(verdict.t2Count()).isEqualTo(1);
            // x̄ = 486.9 g, s = 17.0 g, λ(5) = 2.059: Qn − λ·s = 464.9 g, so the mean criterion holds
            assertThat(verdict.averageMet()).isTrue();
            assertThat(verdict.averageDecigramsFloor()).isEqualTo((5_100 + 4_849 + 4_699 + 4_700 + 5_000) / 5);
            // five packages all 1 g short: s = 0, so the mean must reach Qn
            assertThat(ShortWeight.judgeAll(500, List.of(4_990L, 4_990L, 4_990L, 4_990L, 4_990L)).averageMet()).isFalse();
        }

        @Test
        void the_average_requirement_applies_only_to_several_packages_of_one_nominal_mass() {
            WeighingVerdict single = ShortWeight.judgeAll(500, List.of(4_990L));
            assertThat(single.findings()).containsExactly(WITHIN_TOLERANCE);
            assertThat(single.averageApplies()).isFalse();
            assertThat(single.averageMet()).isTrue();
            assertThat(single.averageDecigramsFloor()).isEqualTo(4_990);
            WeighingVerdict two = ShortWeight.judgeAll(500, List.of(4_990L, 4_990L));
            assertThat(two.averageApplies()).isTrue();
            assertThat(two.averageMet()).isFalse();
            assertThat(ShortWeight.judgeAll(500, List.of(4_990L, 5_010L)).averageMet()).isTrue();
            // λ(2) = 45.012: two packages say little about the lot, so a mean 0.05 g short with s = 1.3 g passes
            assertThat(ShortWeight.judgeAll(500, List.of(4_990L, 5_009L)).averageMet()).isTrue();
        }

        @Test
        void honest_receipt_has_no_findings() {
            WeighingVerdict verdict = ShortWeight.judgeAll(1_000, List.of(10_000L, 10_020L, 9_990L));
            assertThat(verdict.findings()).containsOnly(WITHIN_TOLERANCE);
            assertThat(verdict.t1Count()).isZero();
            assertThat(verdict.t2Count()).isZero();
            assertThat(verdict.averageMet()).isTrue();
            assertThat(verdict.averageDecigramsFloor()).isEqualTo(10_003);
        }

        @Test
        void serializes_canonically_for_the_ledger() {
            assertThat(CanonicalJson.toJson(ShortWeight.judgeAll(500, List.of(4_849L))))
                    .isEqualTo("{\"averageApplies\":false,\"averageDecigramsFloor\":4849,\"averageMet\":true,"
                            + "\"findings\":[\"T1\"],"
                            + "\"nominalGrams\":500,\"t1Count\":1,\"t2Count\":0,\"tolerableDeficiencyDecigrams\":150}");
        }
    }
}
