package org.fairmark.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A grade of a grading standard and the thresholds a batch's measurements must all meet to earn it.
 *
 * <p>A measurement may carry one {@link Threshold.Bound#MAX} and one {@link Threshold.Bound#MIN} threshold in a
 * grade (a range, e.g. a size class), never two of the same bound, and never a range that no value can meet:
 * either would make the standard ambiguous or the grade unreachable.
 *
 * @param name the grade, {@code [A-Z][A-Z0-9_]{0,31}} (e.g. {@code SPECIAL}, {@code FIRST}, {@code OUT_OF_GRADE})
 * @param thresholds at most {@link Limits#MAX_MEASUREMENTS}; empty only for the fall-back grade of a standard
 */
public record GradeDefinition(String name, List<Threshold> thresholds) {
    private static final Pattern GRADE_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    /** @throws DomainException {@link ErrorCode#STANDARD_INVALID} when the grade is malformed */
    public GradeDefinition {
        if (name == null || !GRADE_NAME.matcher(name).matches()) {
            throw new DomainException(
                    ErrorCode.STANDARD_INVALID,
                    "grade name " + Strings.quote(name) + " must match " + GRADE_NAME.pattern());
        }
        if (thresholds == null) {
            throw new DomainException(ErrorCode.STANDARD_INVALID, "grade " + name + " has no threshold list");
        }
        if (thresholds.size() > Limits.MAX_MEASUREMENTS) {
            throw new DomainException(
                    ErrorCode.STANDARD_INVALID,
                    "grade " + name + " has " + thresholds.size() + " thresholds, at most " + Limits.MAX_MEASUREMENTS
                            + " allowed");
        }
        Map<String, Threshold> maxima = new HashMap<>();
        Map<String, Threshold> minima = new HashMap<>();
        for (Threshold threshold : new ArrayList<>(thresholds)) {
            if (threshold == null) {
                throw new DomainException(ErrorCode.STANDARD_INVALID, "grade " + name + " has a null threshold");
            }
            Map<String, Threshold> sameBound = threshold.bound() == Threshold.Bound.MAX ? maxima : minima;
            if (sameBound.putIfAbsent(threshold.measurement(), threshold) != null) {
                throw new DomainException(
                        ErrorCode.STANDARD_INVALID,
                        "grade " + name + " has two " + threshold.bound() + " thresholds on " + threshold.measurement());
            }
        }
        for (Threshold max : maxima.values()) {
            Threshold min = minima.get(max.measurement());
            if (min != null && min.limit() > max.limit()) {
                throw new DomainException(
                        ErrorCode.STANDARD_INVALID,
                        "grade " + name + " needs " + max.measurement() + " at least " + min.limit() + " and at most "
                                + max.limit() + ", which no value meets");
            }
        }
        thresholds = List.copyOf(thresholds);
    }

    /** Whether every threshold is met; {@code measurements} holds a non-null value for each one. */
    boolean isMetBy(Map<String, Long> measurements) {
        for (Threshold threshold : thresholds) {
            if (!threshold.isMetBy(measurements.get(threshold.measurement()))) {
                return false;
            }
        }
        return true;
    }
}
