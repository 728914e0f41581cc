package org.fairmark.client;

import org.fairmark.domain.model.GeoPoint;

/**
 * Where a label was scanned, coarsely: a county code and/or a point the contract rounds to 0.1°. Either may be
 * {@code null}, not both.
 *
 * <pre>{@code
 * ScanPlace place = ScanPlace.county("110105");
 * ScanPlace there = new ScanPlace(null, new GeoPoint(39_900_000L, 116_400_000L));
 * }</pre>
 *
 * @param countyCode GB/T 2260 county code, or {@code null}
 * @param point WGS84 point in micro-degrees, or {@code null}
 */
public record ScanPlace(String countyCode, GeoPoint point) {
    public ScanPlace {
        if (countyCode == null && point == null) {
            throw new IllegalArgumentException("a scan place needs a county code or a point");
        }
    }

    /** A place known only by its county. */
    public static ScanPlace county(String countyCode) {
        return new ScanPlace(java.util.Objects.requireNonNull(countyCode, "countyCode == null"), null);
    }
}
