package org.fairmark.domain;

import org.fairmark.testkit.Property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.testkit.Property.forAll;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradingPropertyTest {
    private static final GradingStandard CHESTNUT = GradingStandardTest.chestnut();

    static Map<String, Long> measurements(java.util.Random random) {
        Map<String, Long> measurements = new HashMap<>();
        measurements.put("defect_rate_permille", Property.longBetween(random, 0, 150));
        measurements.put("kernels_per_kg", Property.longBetween(random, 60, 160));
        measurements.put("moisture_permille", Property.longBetween(random, 400, 700));
        return measurements;
    }

    @Test
    void the_derived_grade_is_met_and_every_better_grade_is_not() {
        forAll(GradingPropertyTest::measurements, measurements -> {
            String derived = CHESTNUT.derive(measurements);
            List<GradeDefinition> grades = CHESTNUT.grades();
            int rank = CHESTNUT.rank(derived);
            for (int better = 0; better < rank; better++) {
                assertThat(meets(grades.get(better), measurements)).as(grades.get(better).name()).isFalse();
            }
            assertThat(rank == grades.size() - 1 || meets(grades.get(rank), measurements)).isTrue();
        });
    }

    @Test
    void worse_measurements_never_earn_a_better_grade() {
        forAll(GradingPropertyTest::measurements, measurements -> {
            Map<String, Long> worse = new HashMap<>(measurements);
            worse.merge("defect_rate_permille", 5L, Long::sum);
            assertThat(CHESTNUT.rank(CHESTNUT.derive(worse))).isGreaterThanOrEqualTo(CHESTNUT.rank(CHESTNUT.derive(measurements)));
        });
    }

    @Test
    void the_awarded_grade_is_never_better_than_the_derived_one() {
        forAll(random -> new String[] {
                    CHESTNUT.derive(measurements(random)),
                    CHESTNUT.grades().get(random.nextInt(CHESTNUT.grades().size())).name()
                },
                pair -> {
                    String awarded = DomainAssertions.returnsOrRejectsWith(
                            () -> CHESTNUT.resolveAwarded(pair[0], pair[1]), ErrorCode.GRADE_UPGRADE_REFUSED);
                    assertThat(awarded == null).isEqualTo(CHESTNUT.rank(pair[1]) < CHESTNUT.rank(pair[0]));
                    if (awarded != null) {
                        assertThat(CHESTNUT.isAtMost(awarded, pair[0])).isTrue();
                    }
                });
    }

    @Test
    void random_grade_names_only_fail_with_unknown_grade() {
        forAll(random -> random.nextBoolean() ? Property.anyString(random, 12) : Property.from(random, "FIRSTCOND_", 0, 8),
                name -> DomainAssertions.returnsOrRejectsWith(() -> CHESTNUT.rank(name), ErrorCode.UNKNOWN_GRADE));
    }

    @Test
    void random_standard_parts_only_fail_with_standard_invalid() {
        forAll(random -> new String[] {
                    random.nextBoolean() ? Property.anyString(random, 45) : Property.from(random, "Gb/T.-_1 ", 0, 42),
                    random.nextBoolean() ? Property.anyString(random, 22) : Property.from(random, "v1.-_ /", 0, 22),
                    Property.anyString(random, 10),
                    random.nextBoolean() ? Property.anyString(random, 35) : Property.from(random, "AZ09_a-", 0, 34),
                    random.nextBoolean() ? Property.anyString(random, 42) : Property.from(random, "az09_A-", 0, 42)
                },
                parts -> DomainAssertions.returnsOrRejectsWith(
                        () -> new GradingStandard(parts[0], parts[1], parts[2], "title", List.of(
                                new GradeDefinition(parts[3], List.of(new Threshold(parts[4], Threshold.Bound.MAX, 1))),
                                new GradeDefinition("OUT_OF_GRADE", List.of()))),
                        ErrorCode.STANDARD_INVALID));
    }

    private static boolean meets(GradeDefinition grade, Map<String, Long> measurements) {
        return grade.thresholds().stream().allMatch(t -> t.isMetBy(measurements.get(t.measurement())));
    }
}
