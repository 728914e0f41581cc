package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fairmark.domain.DomainAssertions.assertRejected;
import static org.fairmark.domain.Threshold.Bound.MAX;
import static org.fairmark.domain.Threshold.Bound.MIN;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GradingStandardTest {
    /** Chestnuts: defects and moisture in permille, kernels per kg; fewer kernels per kg are bigger nuts. */
    static GradingStandard chestnut() {
        return GradingStandard.validated("GB/T-22346", "2008", "板栗 chestnut", "Chestnut quality grades", List.of(
                new GradeDefinition("SPECIAL", List.of(
                        new Threshold("defect_rate_permille", MAX, 20),
                        new Threshold("kernels_per_kg", MAX, 100),
                        new Threshold("moisture_permille", MAX, 550))),
                new GradeDefinition("FIRST", List.of(
                        new Threshold("defect_rate_permille", MAX, 50),
                        new Threshold("kernels_per_kg", MAX, 120))),
                new GradeDefinition("SECOND", List.of(
                        new Threshold("defect_rate_permille", MAX, 100),
                        new Threshold("kernels_per_kg", MAX, 140))),
                new GradeDefinition("OUT_OF_GRADE", List.of())));
    }

    static Map<String, Long> measured(long defects, long kernels, long moisture) {
        return Map.of("defect_rate_permille", defects, "kernels_per_kg", kernels, "moisture_permille", moisture);
    }

    static GradeDefinition grade(String name, Threshold... thresholds) {
        return new GradeDefinition(name, List.of(thresholds));
    }

    static GradingStandard standardWith(List<GradeDefinition> grades) {
        return new GradingStandard("DB33/T-1", "1.0", "tea", "Tea grades", grades);
    }

    @Nested
    class Derive {
        @Test
        void derives_the_best_grade_whose_thresholds_are_all_met() {
            assertThat(chestnut().derive(measured(10, 90, 500))).isEqualTo("SPECIAL");
            assertThat(chestnut().derive(measured(30, 90, 500))).isEqualTo("FIRST");
            assertThat(chestnut().derive(measured(10, 130, 500))).isEqualTo("SECOND");
        }

        @Test
        void a_measurement_equal_to_the_limit_meets_it() {
            assertThat(chestnut().derive(measured(20, 100, 550))).isEqualTo("SPECIAL");
            assertThat(chestnut().derive(measured(21, 100, 550))).isEqualTo("FIRST");
        }

        @Test
        void one_failed_threshold_is_enough_to_lose_a_grade() {
            assertThat(chestnut().derive(measured(0, 0, 551))).isEqualTo("FIRST");
        }

        @Test
        void falls_back_to_the_last_grade_when_no_grade_is_met() {
            assertThat(chestnut().derive(measured(101, 90, 500))).isEqualTo("OUT_OF_GRADE");
        }

        @Test
        void falls_back_to_the_last_grade_even_when_it_has_thresholds_of_its_own() {
            GradingStandard standard = standardWith(List.of(
                    grade("FIRST", new Threshold("defects", MAX, 10)), grade("SECOND", new Threshold("defects", MAX, 20))));
            assertThat(standard.derive(Map.of("defects", 99L))).isEqualTo("SECOND");
        }

        @Test
        void min_thresholds_need_at_least_the_limit() {
            GradingStandard standard = standardWith(List.of(
                    grade("FIRST", new Threshold("sugar_brix_tenths", MIN, 120)), grade("OTHER")));
            assertThat(standard.derive(Map.of("sugar_brix_tenths", 120L))).isEqualTo("FIRST");
            assertThat(standard.derive(Map.of("sugar_brix_tenths", 119L))).isEqualTo("OTHER");
        }

        @Test
        void a_range_of_min_and_max_on_one_measurement_is_a_size_class() {
            GradingStandard standard = standardWith(List.of(
                    grade("LARGE", new Threshold("diameter_mm", MIN, 80)),
                    grade("MEDIUM", new Threshold("diameter_mm", MIN, 70), new Threshold("diameter_mm", MAX, 79)),
                    grade("SMALL")));
            assertThat(standard.derive(Map.of("diameter_mm", 85L))).isEqualTo("LARGE");
            assertThat(standard.derive(Map.of("diameter_mm", 70L))).isEqualTo("MEDIUM");
            assertThat(standard.derive(Map.of("diameter_mm", 69L))).isEqualTo("SMALL");
        }

        @Test
        void names_every_missing_measurement_sorted() {
            assertRejected(() -> chestnut().derive(Map.of("kernels_per_kg", 90L)), ErrorCode.MEASUREMENT_MISSING)
                    .hasMessageContaining("GB/T-22346 2008")
                    .hasMessageContaining("defect_rate_permille, moisture_permille");
        }

        @Test
        void a_null_measurement_is_missing() {
            Map<String, Long> measurements = new HashMap<>(measured(10, 90, 500));
            measurements.put("moisture_permille", null);
            assertRejected(() -> chestnut().derive(measurements), ErrorCode.MEASUREMENT_MISSING)
                    .hasMessageContaining("moisture_permille");
        }

        @Test
        void needs_measurements_of_every_grade_even_when_the_first_grade_decides() {
            GradingStandard standard = standardWith(List.of(
                    grade("FIRST", new Threshold("a", MAX, 10)), grade("SECOND", new Threshold("b", MAX, 10))));
            assertRejected(() -> standard.derive(Map.of("a", 1L)), ErrorCode.MEASUREMENT_MISSING)
                    .hasMessageEndingWith("needs measurements b");
        }

        @Test
        void rejects_negative_measurements() {
            assertRejected(() -> chestnut().derive(measured(-1, 90, 500)), ErrorCode.INVALID_ARGUMENT)
                    .hasMessageContaining("defect_rate_permille must not be negative");
        }

        @Test
        void ignores_measurements_the_standard_does_not_name() {
            Map<String, Long> measurements = new HashMap<>(measured(10, 90, 500));
            measurements.put("temperature_celsius", 30L);
            assertThat(chestnut().derive(measurements)).isEqualTo("SPECIAL");
        }

        @Test
        void a_standard_of_one_grade_without_thresholds_always_derives_it() {
            GradingStandard standard = standardWith(List.of(grade("UNGRADED")));
            assertThat(standard.derive(Map.of())).isEqualTo("UNGRADED");
            assertThat(standard.measurementNames()).isEmpty();
        }

        @Test
        void measurement_names_are_sorted_and_unique() {
            assertThat(chestnut().measurementNames())
                    .containsExactly("defect_rate_permille", "kernels_per_kg", "moisture_permille");
        }
    }

    @Nested
    class Ranks {
        @Test
        void ranks_grades_from_zero_for_the_best() {
            GradingStandard standard = chestnut();
            assertThat(standard.rank("SPECIAL")).isZero();
            assertThat(standard.rank("OUT_OF_GRADE")).isEqualTo(3);
            assertThat(standard.lowestGrade()).isEqualTo("OUT_OF_GRADE");
        }

        @Test
        void rejects_unknown_grades() {
            assertRejected(() -> chestnut().rank("PREMIUM"), ErrorCode.UNKNOWN_GRADE)
                    .hasMessageContaining("\"PREMIUM\" is not defined by standard GB/T-22346 2008");
            assertRejected(() -> chestnut().rank("first"), ErrorCode.UNKNOWN_GRADE);
            assertRejected(() -> chestnut().rank(null), ErrorCode.UNKNOWN_GRADE);
        }

        @Test
        void is_at_most_holds_for_equal_and_worse_grades_only() {
            GradingStandard standard = chestnut();
            assertThat(standard.isAtMost("FIRST", "FIRST")).isTrue();
            assertThat(standard.isAtMost("SECOND", "FIRST")).isTrue();
            assertThat(standard.isAtMost("SPECIAL", "FIRST")).isFalse();
            assertRejected(() -> standard.isAtMost("FIRST", "GOLD"), ErrorCode.UNKNOWN_GRADE);
        }
    }

    @Nested
    class Awarding {
        @Test
        void awards_the_derived_grade_when_nothing_is_requested() {
            assertThat(chestnut().resolveAwarded("FIRST", null)).isEqualTo("FIRST");
        }

        @Test
        void lets_the_inspector_keep_or_downgrade() {
            assertThat(chestnut().resolveAwarded("FIRST", "FIRST")).isEqualTo("FIRST");
            assertThat(chestnut().resolveAwarded("FIRST", "OUT_OF_GRADE")).isEqualTo("OUT_OF_GRADE");
        }

        @Test
        void refuses_an_upgrade() {
            assertRejected(() -> chestnut().resolveAwarded("FIRST", "SPECIAL"), ErrorCode.GRADE_UPGRADE_REFUSED)
                    .hasMessageContaining("earn FIRST; SPECIAL would be an upgrade");
        }

        @Test
        void rejects_unknown_derived_or_requested_grades() {
            assertRejected(() -> chestnut().resolveAwarded("GOLD", null), ErrorCode.UNKNOWN_GRADE);
            assertRejected(() -> chestnut().resolveAwarded("FIRST", "GOLD"), ErrorCode.UNKNOWN_GRADE);
        }
    }

    @Nested
    class Validation {
        @Test
        void a_valid_standard_is_a_value() {
            GradingStandard standard = chestnut();
            assertThat(standard).isEqualTo(chestnut()).hasSameHashCodeAs(chestnut());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "GB/T 22346", "国标22346", "GB/T-22346+1", "A2345678901234567890123456789012345678901"})
        void rejects_malformed_codes(String code) {
            assertRejected(() -> new GradingStandard(code, "1", "tea", "t", List.of(grade("A"))),
                    ErrorCode.STANDARD_INVALID).hasMessageContaining("code");
        }

        @Test
        void accepts_codes_of_40_characters_with_slash_dot_underscore_and_hyphen() {
            String code = "GB/T_1.2-" + "x".repeat(31);
            assertThat(new GradingStandard(code, "1", "tea", "t", List.of(grade("A"))).code()).hasSize(40);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "1/2", "v 1", "123456789012345678901"})
        void rejects_malformed_versions(String version) {
            assertRejected(() -> new GradingStandard("C", version, "tea", "t", List.of(grade("A"))),
                    ErrorCode.STANDARD_INVALID).hasMessageContaining("version");
        }

        @Test
        void rejects_missing_parts_with_standard_invalid_not_a_null_pointer() {
            assertRejected(() -> new GradingStandard(null, "1", "tea", "t", List.of(grade("A"))), ErrorCode.STANDARD_INVALID);
            assertRejected(() -> new GradingStandard("C", null, "tea", "t", List.of(grade("A"))), ErrorCode.STANDARD_INVALID);
            assertRejected(() -> new GradingStandard("C", "1", null, "t", List.of(grade("A"))), ErrorCode.STANDARD_INVALID)
                    .hasMessageContaining("product is missing");
            assertRejected(() -> new GradingStandard("C", "1", "tea", " ", List.of(grade("A"))), ErrorCode.STANDARD_INVALID)
                    .hasMessageContaining("title is blank");
            assertRejected(() -> new GradingStandard("C", "1", "tea", "t", null), ErrorCode.STANDARD_INVALID);
            assertRejected(() -> new GradingStandard("C", "1", "tea", "t", Arrays.asList(grade("A"), null)),
                    ErrorCode.STANDARD_INVALID);
        }

        @Test
        void rejects_over_long_title() {
            assertRejected(() -> new GradingStandard("C", "1", "tea", "t".repeat(201), List.of(grade("A"))),
                    ErrorCode.STANDARD_INVALID).hasMessageContaining("at most 200");
        }

        @Test
        void accepts_1_to_10_grades() {
            List<GradeDefinition> grades = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                grades.add(grade("G" + i, new Threshold("m", MAX, 10L * i)));
            }
            grades.add(grade("LAST"));
            assertThat(standardWith(grades).grades()).hasSize(10);
            grades.add(0, grade("BETTER", new Threshold("m", MAX, 0)));
            assertRejected(() -> standardWith(grades), ErrorCode.STANDARD_INVALID).hasMessageContaining("got 11");
            assertRejected(() -> standardWith(List.of()), ErrorCode.STANDARD_INVALID).hasMessageContaining("got 0");
        }

        @Test
        void rejects_duplicate_grade_names() {
            assertRejected(() -> standardWith(List.of(grade("A", new Threshold("m", MAX, 1)), grade("A"))),
                    ErrorCode.STANDARD_INVALID).hasMessageContaining("grade A is defined twice");
        }

        @Test
        void rejects_a_grade_without_thresholds_before_the_last() {
            assertRejected(() -> standardWith(List.of(grade("A"), grade("B", new Threshold("m", MAX, 1)))),
                    ErrorCode.STANDARD_INVALID).hasMessageContaining("only the last grade may have none");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "first", "1ST", "FIRST-CLASS", "一级", "A234567890123456789012345678901234"})
        void rejects_malformed_grade_names(String name) {
            assertRejected(() -> grade(name), ErrorCode.STANDARD_INVALID).hasMessageContaining("grade name");
        }

        @Test
        void accepts_grade_names_of_32_characters() {
            assertThat(grade("A" + "_1".repeat(15) + "Z").name()).hasSize(32);
        }

        @Test
        void accepts_measurement_names_of_40_characters() {
            assertThat(new Threshold("m" + "_9".repeat(19) + "z", MAX, 1).measurement()).hasSize(40);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Moisture", "1st", "defect-rate", "a2345678901234567890123456789012345678901"})
        void rejects_malformed_measurement_names(String measurement) {
            assertRejected(() -> new Threshold(measurement, MAX, 1), ErrorCode.STANDARD_INVALID)
                    .hasMessageContaining("measurement name");
        }

        @Test
        void rejects_threshold_without_bound_or_with_negative_limit() {
            assertRejected(() -> new Threshold("m", null, 1), ErrorCode.STANDARD_INVALID).hasMessageContaining("bound");
            assertRejected(() -> new Threshold("m", MAX, -1), ErrorCode.STANDARD_INVALID)
                    .hasMessageContaining("negative limit");
            assertThat(new Threshold("m", MIN, 0).isMetBy(0)).isTrue();
        }

        @Test
        void rejects_more_than_32_thresholds_in_a_grade() {
            List<Threshold> thresholds = new ArrayList<>();
            for (int i = 0; i < 33; i++) {
                thresholds.add(new Threshold("m" + i, MAX, 1));
            }
            assertThat(new GradeDefinition("A", thresholds.subList(0, 32)).thresholds()).hasSize(32);
            assertRejected(() -> new GradeDefinition("A", thresholds), ErrorCode.STANDARD_INVALID)
                    .hasMessageContaining("33 thresholds");
        }

        @Test
        void rejects_two_thresholds_of_the_same_bound_on_one_measurement() {
            assertRejected(() -> grade("A", new Threshold("m", MAX, 1), new Threshold("m", MAX, 2)),
                    ErrorCode.STANDARD_INVALID).hasMessageContaining("two MAX thresholds on m");
        }

        @Test
        void rejects_a_range_no_value_can_meet() {
            assertRejected(() -> grade("A", new Threshold("m", MIN, 11), new Threshold("m", MAX, 10)),
                    ErrorCode.STANDARD_INVALID).hasMessageContaining("which no value meets");
            assertThat(grade("A", new Threshold("m", MIN, 10), new Threshold("m", MAX, 10)).thresholds()).hasSize(2);
        }

        @Test
        void rejects_missing_or_null_thresholds() {
            assertRejected(() -> new GradeDefinition("A", null), ErrorCode.STANDARD_INVALID);
            assertRejected(() -> new GradeDefinition("A", Collections.singletonList(null)), ErrorCode.STANDARD_INVALID);
        }

        @Test
        void copies_lists_so_the_standard_cannot_change_after_validation() {
            List<GradeDefinition> grades = new ArrayList<>(List.of(grade("A", new Threshold("m", MAX, 1)), grade("B")));
            GradingStandard standard = standardWith(grades);
            grades.add(grade("C"));
            assertThat(standard.grades()).hasSize(2);
            assertThatThrownBy(() -> standard.grades().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Json {
        @Test
        void writes_only_the_record_components_in_sorted_order() {
            GradingStandard standard = standardWith(List.of(grade("A", new Threshold("m", MAX, 5)), grade("B")));
            assertThat(CanonicalJson.toJson(standard)).isEqualTo(
                    "{\"code\":\"DB33/T-1\",\"grades\":[{\"name\":\"A\",\"thresholds\":[{\"bound\":\"MAX\",\"limit\":5,"
                            + "\"measurement\":\"m\"}]},{\"name\":\"B\",\"thresholds\":[]}],\"product\":\"tea\","
                            + "\"title\":\"Tea grades\",\"version\":\"1.0\"}");
        }

        @Test
        void reads_back_equal() {
            GradingStandard standard = chestnut();
            assertThat(CanonicalJson.read(CanonicalJson.toBytes(standard), GradingStandard.class)).isEqualTo(standard);
        }

        @Test
        void reading_an_invalid_standard_reports_standard_invalid() {
            String json = CanonicalJson.toJson(chestnut()).replace("\"SPECIAL\"", "\"special\"");
            assertRejected(() -> CanonicalJson.read(json, GradingStandard.class), ErrorCode.STANDARD_INVALID)
                    .hasMessageContaining("grade name \"special\"");
        }

        @Test
        void reading_a_standard_of_the_wrong_shape_reports_malformed_request() {
            String json = CanonicalJson.toJson(chestnut()).replace("\"limit\":20", "\"limit\":20.5");
            assertRejected(() -> CanonicalJson.read(json, GradingStandard.class), ErrorCode.MALFORMED_REQUEST)
                    .hasMessageContaining("$.grades[0].thresholds[0].limit");
        }
    }
}
