package org.fairmark.domain;

import org.fairmark.testkit.Property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.testkit.Property.forAll;

import java.util.List;
import java.util.Random;
import org.fairmark.domain.ShortWeight.Finding;
import org.fairmark.domain.ShortWeight.WeighingVerdict;
import org.junit.jupiter.api.Test;

class ShortWeightPropertyTest {
    record Package(long nominalGrams, long actualDecigrams) {}

    record Receipt(long nominalGrams, List<Long> actualDecigrams) {}

    static long nominal(Random random) {
        return Property.longBetween(random, 1, 50_000);
    }

    /** An actual mass near the interesting edges (T and 2T) most of the time. */
    static long actualNear(Random random, long nominalGrams) {
        long nominalDecigrams = nominalGrams * 10;
        long t = ShortWeight.tolerableDeficiencyDecigrams(nominalGrams);
        long around = switch (random.nextInt(4)) {
            case 0 -> nominalDecigrams - t;
            case 1 -> nominalDecigrams - 2 * t;
            case 2 -> nominalDecigrams;
            default -> random.nextLong(0, 2 * nominalDecigrams + 1);
        };
        return Math.max(0, around + random.nextInt(-3, 4));
    }

    @Test
    void the_t1_and_t2_edges_are_exclusive() {
        forAll(ShortWeightPropertyTest::nominal, nominal -> {
            long full = nominal * 10;
            long t = ShortWeight.tolerableDeficiencyDecigrams(nominal);
            assertThat(ShortWeight.judge(nominal, full - t)).isEqualTo(Finding.WITHIN_TOLERANCE);
            assertThat(ShortWeight.judge(nominal, full - t - 1)).isEqualTo(Finding.T1);
            assertThat(ShortWeight.judge(nominal, full - 2 * t)).isEqualTo(Finding.T1);
            if (full - 2 * t - 1 >= 0) {
                assertThat(ShortWeight.judge(nominal, full - 2 * t - 1)).isEqualTo(Finding.T2);
            }
        });
    }

    @Test
    void finding_is_exactly_the_band_of_the_deficiency() {
        forAll(random -> {
            long nominal = nominal(random);
            return new Package(nominal, actualNear(random, nominal));
        }, p -> {
            long deficiency = p.nominalGrams() * 10 - p.actualDecigrams();
            long t = ShortWeight.tolerableDeficiencyDecigrams(p.nominalGrams());
            Finding finding = ShortWeight.judge(p.nominalGrams(), p.actualDecigrams());
            assertThat(finding == Finding.WITHIN_TOLERANCE).isEqualTo(deficiency <= t);
            assertThat(finding == Finding.T1).isEqualTo(deficiency > t && deficiency <= 2 * t);
            assertThat(finding == Finding.T2).isEqualTo(deficiency > 2 * t);
        });
    }

    @Test
    void less_mass_never_gives_a_better_finding() {
        forAll(random -> {
            long nominal = nominal(random);
            return new Package(nominal, actualNear(random, nominal));
        }, p -> {
            Finding more = ShortWeight.judge(p.nominalGrams(), p.actualDecigrams() + 1);
            Finding less = ShortWeight.judge(p.nominalGrams(), p.actualDecigrams());
            assertThat(less.ordinal()).isGreaterThanOrEqualTo(more.ordinal());
        });
    }

    @Test
    void judge_all_agrees_with_judging_each_package_and_with_the_average_rule() {
        forAll(random -> {
            long nominal = nominal(random);
            return new Receipt(nominal, Property.listOf(random, 30, r -> actualNear(r, nominal)));
        }, receipt -> {
            WeighingVerdict verdict = ShortWeight.judgeAll(receipt.nominalGrams(), receipt.actualDecigrams());
            long sum = receipt.actualDecigrams().stream().mapToLong(Long::longValue).sum();
            long n = receipt.actualDecigrams().size();
            assertThat(verdict.findings())
                    .containsExactlyElementsOf(receipt.actualDecigrams().stream()
                            .map(actual -> ShortWeight.judge(receipt.nominalGrams(), actual))
                            .toList());
            assertThat(verdict.t1Count()).isEqualTo(verdict.findings().stream().filter(f -> f == Finding.T1).count());
            assertThat(verdict.t2Count()).isEqualTo(verdict.findings().stream().filter(f -> f == Finding.T2).count());
            assertThat(verdict.averageApplies()).isEqualTo(n >= 2);
            assertThat(verdict.averageMet())
                    .isEqualTo(n < 2 || LotInspectionPlan.meanCriterionMet(receipt.nominalGrams(),
                            receipt.actualDecigrams(), StudentT.lambdaThousandths((int) n)));
            // the mean criterion never asks more than the plain average requirement
            if (ShortWeight.averageRequirementMet(receipt.nominalGrams(), receipt.actualDecigrams())) {
                assertThat(verdict.averageMet()).isTrue();
            }
            assertThat(sum >= receipt.nominalGrams() * 10 * n)
                    .isEqualTo(ShortWeight.averageRequirementMet(receipt.nominalGrams(), receipt.actualDecigrams()));
            assertThat(verdict.averageDecigramsFloor() * n).isLessThanOrEqualTo(sum);
            assertThat((verdict.averageDecigramsFloor() + 1) * n).isGreaterThan(sum);
        });
    }

    @Test
    void random_masses_only_fail_with_invalid_mass() {
        forAll(random -> new Package(
                        Property.longBetween(random, -10, 60_000), Property.longBetween(random, -10, 6_000_000)),
                p -> DomainAssertions.returnsOrRejectsWith(
                        () -> ShortWeight.judge(p.nominalGrams(), p.actualDecigrams()), ErrorCode.INVALID_MASS));
    }
}
