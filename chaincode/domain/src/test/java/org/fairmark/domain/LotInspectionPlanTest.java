package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LotInspectionPlanTest {
    @ParameterizedTest(name = "lot {0}: n = {1}, T1 allowed {2}, λ = {3}‰")
    @CsvSource({
        "1, 1, 0, 0", "10, 10, 0, 0",
        "11, 10, 0, 1028", "50, 10, 0, 1028",
        "51, 13, 1, 848", "99, 13, 1, 848",
        "100, 50, 3, 379", "500, 50, 3, 379",
        "501, 80, 5, 295", "3200, 80, 5, 295",
        "3201, 125, 7, 234", "1000000, 125, 7, 234"
    })
    void sample_plan_by_lot_size_at_every_band_boundary(long lot, int n, int allowedT1, int lambda) {
        LotInspectionPlan plan = LotInspectionPlan.forLot(lot);
        assertThat(plan.sampleSizeFor(lot)).isEqualTo(n);
        assertThat(plan.allowedT1()).isEqualTo(allowedT1);
        assertThat(plan.lambdaThousandths()).isEqualTo(lambda);
    }

    @Test
    void a_lot_without_packages_has_no_plan() {
        assertRejected(() -> LotInspectionPlan.forLot(0), ErrorCode.INVALID_SAMPLE);
    }

    @Test
    void the_printed_lambdas_match_the_student_quantile() {
        for (LotInspectionPlan plan : LotInspectionPlan.PLANS) {
            if (plan.sampleSize() == 0) {
                continue;
            }
            int n = plan.sampleSize();
            double computed = StudentT.quantile995(n - 1) / Math.sqrt(n);
            assertThat(plan.lambdaThousandths() / 1000.0).as("λ for n = %d", n).isCloseTo(computed, within(0.001));
        }
    }

    @Test
    void student_quantiles_match_published_tables() {
        assertThat(StudentT.quantile995(1)).isCloseTo(63.657, within(0.001));
        assertThat(StudentT.quantile995(9)).isCloseTo(3.250, within(0.001));
        assertThat(StudentT.quantile995(49)).isCloseTo(2.680, within(0.001));
        assertThat(StudentT.quantile995(100_000)).isCloseTo(2.576, within(0.001));
        assertThat(StudentT.lambdaThousandths(50)).isEqualTo(379);
        assertThat(StudentT.lambdaThousandths(80)).isEqualTo(295);
        assertThat(StudentT.lambdaThousandths(125)).isEqualTo(234);
        assertThat(StudentT.lambdaThousandths(2)).isEqualTo(45_012);
        assertThat(StudentT.lambdaThousandths(20)).isEqualTo(640);
    }

    @Test
    void refuses_a_sample_of_the_wrong_size() {
        assertRejected(() -> LotInspectionPlan.judge(500, 200, repeat(5000, 49)), ErrorCode.INVALID_SAMPLE)
                .hasMessageContaining("a lot of 200 packages needs a sample of 50, got 49");
        assertRejected(() -> LotInspectionPlan.judge(500, 7, repeat(5000, 6)), ErrorCode.INVALID_SAMPLE)
                .hasMessageContaining("needs a sample of 7 (every package)");
    }

    @Test
    void passes_a_lot_at_nominal() {
        LotInspectionPlan.Verdict v = LotInspectionPlan.judge(500, 200, repeat(5000, 50));
        assertThat(v.passed()).isTrue();
        assertThat(v.reasons()).isEmpty();
        assertThat(v.meanDecigramsFloor()).isEqualTo(5000);
        assertThat(v.standardDeviationDecigramsFloor()).isZero();
    }

    @Test
    void t1_errors_up_to_the_allowance_pass_one_more_fails() {
        // 500 g: T = 15 g; 484.9 g is a T1 error. Over-filled packages keep the mean up.
        List<Long> three = sample(50, 3, 4849, 5100);
        assertThat(LotInspectionPlan.judge(500, 200, three).passed()).isTrue();
        LotInspectionPlan.Verdict four = LotInspectionPlan.judge(500, 200, sample(50, 4, 4849, 5100));
        assertThat(four.passed()).isFalse();
        assertThat(four.t1Count()).isEqualTo(4);
        assertThat(four.reasons()).containsExactly("4 package(s) short by more than T; 3 allowed");
    }

    @Test
    void a_single_t2_error_fails_the_lot() {
        // 2T = 30 g: 469.9 g is a T2 error
        LotInspectionPlan.Verdict v = LotInspectionPlan.judge(500, 200, sample(50, 1, 4699, 5100));
        assertThat(v.passed()).isFalse();
        assertThat(v.t2Count()).isEqualTo(1);
        assertThat(v.meanMet()).isTrue();
        assertThat(v.reasons()).containsExactly("1 package(s) short by more than 2T; none is allowed");
    }

    @Test
    void mean_criterion_boundary_is_exact() {
        // n = 50, λ = 0.379. Half the sample at Qn + d, half at Qn − d: s = d·√(50/49) and x̄ = Qn.
        // Shift everything down by k decigrams: the lot passes while k ≤ λ·s.
        // d = 100 dg: s = 101.015 dg, λ·s = 38.28 dg, so k = 38 passes and k = 39 fails.
        assertThat(LotInspectionPlan.meanCriterionMet(500, spread(5000 - 38, 100, 50), 379)).isTrue();
        assertThat(LotInspectionPlan.meanCriterionMet(500, spread(5000 - 39, 100, 50), 379)).isFalse();
        LotInspectionPlan.Verdict failing = LotInspectionPlan.judge(500, 200, spread(5000 - 39, 100, 50));
        assertThat(failing.meanMet()).isFalse();
        assertThat(failing.standardDeviationDecigramsFloor()).isEqualTo(101);
        assertThat(failing.meanLimitDecigramsCeiling()).isEqualTo(5000 - 38);
        assertThat(failing.reasons()).containsExactly("mean 496.1 g is below Qn − λ·s = 496.2 g");
    }

    @Test
    void small_lots_are_weighed_whole_and_their_mean_must_reach_nominal() {
        assertThat(LotInspectionPlan.judge(500, 4, List.of(5000L, 5001L, 4999L, 5000L)).passed()).isTrue();
        LotInspectionPlan.Verdict v = LotInspectionPlan.judge(500, 4, List.of(5000L, 5000L, 4999L, 5000L));
        assertThat(v.passed()).isFalse();
        assertThat(v.lambdaThousandths()).isZero();
        assertThat(v.reasons()).containsExactly("mean 499.9 g is below Qn 500.0 g");
        assertThat(LotInspectionPlan.judge(500, 1, List.of(5000L)).passed()).isTrue();
    }

    @Test
    void lots_of_11_to_50_allow_no_t1_error() {
        LotInspectionPlan.Verdict v = LotInspectionPlan.judge(500, 30, sample(10, 1, 4849, 5200));
        assertThat(v.passed()).isFalse();
        assertThat(v.allowedT1()).isZero();
    }

    private static List<Long> repeat(long value, int count) {
        return new ArrayList<>(Collections.nCopies(count, value));
    }

    private static List<Long> sample(int n, int shortCount, long shortValue, long fill) {
        List<Long> xs = repeat(fill, n);
        for (int i = 0; i < shortCount; i++) {
            xs.set(i, shortValue);
        }
        return xs;
    }

    private static List<Long> spread(long centre, long d, int n) {
        List<Long> xs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            xs.add(i % 2 == 0 ? centre + d : centre - d);
        }
        return xs;
    }
}
