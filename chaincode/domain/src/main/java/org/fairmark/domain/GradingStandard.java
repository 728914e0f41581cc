package org.fairmark.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A grading standard published by an inspector: ordered grades, best first, each with thresholds on named
 * measurements. The last grade is the fall-back (typically {@code OUT_OF_GRADE}, with no thresholds).
 *
 * <p>The chaincode derives the grade from the measurements with {@link #derive} instead of trusting the
 * inspector's word, and lets the inspector only downgrade ({@link #resolveAwarded}): the two ways inferior
 * produce gets sold under a better grade are closed by construction. A standard is validated when constructed,
 * so every instance (built by hand or read with {@link CanonicalJson}) is well-formed.
 *
 * <pre>{@code
 * GradingStandard chestnut = GradingStandard.validated("GB/T-22346", "2008", "chestnut", "Chestnut grades",
 *         List.of(new GradeDefinition("FIRST", List.of(new Threshold("defect_rate_permille", Threshold.Bound.MAX, 30))),
 *                 new GradeDefinition("OUT_OF_GRADE", List.of())));
 * chestnut.derive(Map.of("defect_rate_permille", 25L));   // "FIRST"
 * }</pre>
 *
 * @param code the standard's code, 1..40 characters of {@code [A-Za-z0-9/._-]}
 * @param version the standard's version, 1..20 characters of {@code [A-Za-z0-9._-]}
 * @param product the product it grades (text, at most {@link Limits#MAX_TEXT_LENGTH})
 * @param title a human title (text, at most {@link Limits#MAX_TEXT_LENGTH})
 * @param grades 1..{@link Limits#MAX_GRADES} grades, best first, with unique names
 */
public record GradingStandard(String code, String version, String product, String title, List<GradeDefinition> grades) {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9/._-]{1,40}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,20}");

    /** @throws DomainException {@link ErrorCode#STANDARD_INVALID} naming the first problem found */
    public GradingStandard {
        if (code == null || !CODE.matcher(code).matches()) {
            throw invalid("code " + Strings.quote(code) + " must match " + CODE.pattern());
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw invalid("version " + Strings.quote(version) + " must match " + VERSION.pattern());
        }
        String problem = Text.problem(product, Limits.MAX_TEXT_LENGTH);
        if (problem != null) {
            throw invalid("product " + problem);
        }
        problem = Text.problem(title, Limits.MAX_TEXT_LENGTH);
        if (problem != null) {
            throw invalid("title " + problem);
        }
        if (grades == null || grades.isEmpty() || grades.size() > Limits.MAX_GRADES) {
            throw invalid("a standard has 1.." + Limits.MAX_GRADES + " grades, got "
                    + (grades == null ? "none" : String.valueOf(grades.size())));
        }
        List<GradeDefinition> copy = new ArrayList<>(grades);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < copy.size(); i++) {
            GradeDefinition grade = copy.get(i);
            if (grade == null) {
                throw invalid("grade " + (i + 1) + " is null");
            }
            if (!names.add(grade.name())) {
                throw invalid("grade " + grade.name() + " is defined twice");
            }
            if (grade.thresholds().isEmpty() && i < copy.size() - 1) {
                throw invalid("grade " + grade.name()
                        + " has no thresholds, so every batch would earn it; only the last grade may have none");
            }
        }
        grades = List.copyOf(copy);
    }

    /**
     * Builds and validates a standard; the same as the constructor, named for call sites that take a standard
     * from a request.
     *
     * @throws DomainException {@link ErrorCode#STANDARD_INVALID}
     */
    public static GradingStandard validated(
            String code, String version, String product, String title, List<GradeDefinition> grades) {
        return new GradingStandard(code, version, product, title, grades);
    }

    /**
     * Checks a standard reference as a look-up names it (code and version syntax), so that a malformed reference is
     * refused as {@link ErrorCode#INVALID_ARGUMENT} before it is used in a ledger key.
     *
     * @param version may be null when the caller means "the latest version"
     */
    public static void requireReference(String code, String version) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "standard code must match " + CODE.pattern());
        }
        if (version != null && !VERSION.matcher(version).matches()) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "standard version must match " + VERSION.pattern());
        }
    }

    /** Every measurement some grade has a threshold on, sorted; {@link #derive} needs all of them. */
    public SortedSet<String> measurementNames() {
        TreeSet<String> names = new TreeSet<>();
        for (GradeDefinition grade : grades) {
            for (Threshold threshold : grade.thresholds()) {
                names.add(threshold.measurement());
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /**
     * The grade the measurements earn: the best grade whose thresholds are all met, or the last grade when none
     * is. Measurements the standard does not name are ignored.
     *
     * @throws DomainException {@link ErrorCode#MEASUREMENT_MISSING} listing every measurement of
     *     {@link #measurementNames} that is absent or {@code null}; {@link ErrorCode#INVALID_ARGUMENT} for a
     *     negative measurement
     */
    public String derive(Map<String, Long> measurements) {
        Objects.requireNonNull(measurements, "measurements == null");
        List<String> missing = new ArrayList<>();
        for (String name : measurementNames()) {
            Long value = measurements.get(name);
            if (value == null) {
                missing.add(name);
            } else if (value < 0) {
                throw new DomainException(
                        ErrorCode.INVALID_ARGUMENT, "measurement " + name + " must not be negative, got " + value);
            }
        }
        if (!missing.isEmpty()) {
            throw new DomainException(
                    ErrorCode.MEASUREMENT_MISSING,
                    "standard " + code + " " + version + " needs measurements " + String.join(", ", missing));
        }
        for (GradeDefinition grade : grades) {
            if (grade.isMetBy(measurements)) {
                return grade.name();
            }
        }
        return lowestGrade();
    }

    /**
     * The position of {@code grade}, 0 for the best.
     *
     * @throws DomainException {@link ErrorCode#UNKNOWN_GRADE} when the standard does not define it
     */
    public int rank(String grade) {
        for (int i = 0; i < grades.size(); i++) {
            if (grades.get(i).name().equals(grade)) {
                return i;
            }
        }
        throw new DomainException(
                ErrorCode.UNKNOWN_GRADE,
                "grade " + Strings.quote(grade) + " is not defined by standard " + code + " " + version);
    }

    /**
     * Whether {@code grade} is no better than {@code ceiling}, e.g. a package grade against the certified grade.
     *
     * @throws DomainException {@link ErrorCode#UNKNOWN_GRADE} when either is not defined
     */
    public boolean isAtMost(String grade, String ceiling) {
        return rank(grade) >= rank(ceiling);
    }

    /**
     * The grade to award: the inspector's {@code requested} grade when it is no better than {@code derived}, or
     * {@code derived} when nothing was requested.
     *
     * @throws DomainException {@link ErrorCode#GRADE_UPGRADE_REFUSED} when {@code requested} is better than
     *     {@code derived}; {@link ErrorCode#UNKNOWN_GRADE} when either is not defined
     */
    public String resolveAwarded(String derived, String requested) {
        int derivedRank = rank(derived);
        if (requested == null) {
            return derived;
        }
        if (rank(requested) < derivedRank) {
            throw new DomainException(
                    ErrorCode.GRADE_UPGRADE_REFUSED,
                    "the measurements earn " + derived + "; " + requested + " would be an upgrade");
        }
        return requested;
    }

    /**
     * Whether {@code grade} is a real grade of this standard: one with thresholds that were met. The threshold-less
     * fall-back grade means "out of grade", and an inspection awarding it fails.
     */
    public boolean isPassingGrade(String grade) {
        for (GradeDefinition definition : grades) {
            if (definition.name().equals(grade)) {
                return !definition.thresholds().isEmpty();
            }
        }
        throw new DomainException(ErrorCode.UNKNOWN_GRADE, "grade " + grade + " is not defined by " + code);
    }

    /** The last, lowest grade: what a batch gets when it meets no better grade. */
    public String lowestGrade() {
        return grades.get(grades.size() - 1).name();
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.STANDARD_INVALID, message);
    }
}
