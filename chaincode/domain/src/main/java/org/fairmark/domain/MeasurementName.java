package org.fairmark.domain;

import java.util.regex.Pattern;

/**
 * The name of a measurement in a grading standard and an inspection ({@code count_per_kg}, {@code defect_permille}):
 * a lower-case letter, then up to 39 lower-case letters, digits or underscores. One definition for the standard's
 * thresholds and the inspection's measurements, which refuse a bad name with their own codes.
 */
public final class MeasurementName {
    /** The syntax, for messages. */
    public static final String SYNTAX = "[a-z][a-z0-9_]{0,39}";

    private static final Pattern PATTERN = Pattern.compile(SYNTAX);

    private MeasurementName() {}

    /** Whether {@code name} is a valid measurement name; {@code null} is not. */
    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }
}
