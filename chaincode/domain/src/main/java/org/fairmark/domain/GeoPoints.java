package org.fairmark.domain;

import org.fairmark.domain.model.GeoPoint;

/** WGS84 points as the ledger keeps them: integer micro-degrees within ±90° latitude and ±180° longitude. */
public final class GeoPoints {
    private GeoPoints() {}

    /**
     * Returns {@code point} unchanged when valid; {@code null} (no point) is valid.
     *
     * @throws DomainException {@link ErrorCode#INVALID_LOCATION} when a coordinate is missing or out of range
     */
    public static GeoPoint requireValid(GeoPoint point) {
        if (point == null) {
            return null;
        }
        Long lat = point.latitudeMicrodegrees();
        Long lon = point.longitudeMicrodegrees();
        if (lat == null || lon == null || Math.abs(lat) > 90_000_000L || Math.abs(lon) > 180_000_000L) {
            throw new DomainException(ErrorCode.INVALID_LOCATION, "point must be WGS84 micro-degrees within ±90°/±180°");
        }
        return point;
    }
}
