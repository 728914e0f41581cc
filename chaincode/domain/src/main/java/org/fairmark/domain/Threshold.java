package org.fairmark.domain;

/**
 * One condition of a grade: a named measurement must stay at most ({@link Bound#MAX}) or at least
 * ({@link Bound#MIN}) a limit. Measurements are non-negative integers in the unit the standard states (defect
 * rate in ‰, moisture in ‰, count per kg, ...), so comparisons are exact.
 *
 * <pre>{@code
 * new Threshold("defect_rate_permille", Threshold.Bound.MAX, 50).isMetBy(50);   // true
 * }</pre>
 *
 * @param measurement name of the measurement, {@code [a-z][a-z0-9_]{0,39}}
 * @param bound whether the limit is a maximum or a minimum
 * @param limit the limit, at least 0
 */
public record Threshold(String measurement, Bound bound, long limit) {

    /** Which side of the limit a measured value must be on. */
    public enum Bound {
        /** The measured value must be at most the limit (defects, moisture). */
        MAX,
        /** The measured value must be at least the limit (size, sugar content). */
        MIN
    }

    /** @throws DomainException {@link ErrorCode#STANDARD_INVALID} when a component is missing or malformed */
    public Threshold {
        requireMeasurementName(measurement);
        if (bound == null) {
            throw new DomainException(
                    ErrorCode.STANDARD_INVALID, "threshold on " + measurement + " has no bound (MAX or MIN)");
        }
        if (limit < 0) {
            throw new DomainException(
                    ErrorCode.STANDARD_INVALID, "threshold on " + measurement + " has a negative limit " + limit);
        }
    }

    /** Whether a measured value satisfies this threshold; the limit itself always does. */
    public boolean isMetBy(long measured) {
        return bound == Bound.MAX ? measured <= limit : measured >= limit;
    }

    static String requireMeasurementName(String measurement) {
        if (!MeasurementName.isValid(measurement)) {
            throw new DomainException(
                    ErrorCode.STANDARD_INVALID,
                    "measurement name " + Strings.quote(measurement) + " must match " + MeasurementName.SYNTAX);
        }
        return measurement;
    }
}
