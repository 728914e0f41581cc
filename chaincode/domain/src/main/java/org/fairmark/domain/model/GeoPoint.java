package org.fairmark.domain.model;

/**
 * A WGS84 point in integer micro-degrees, so that canonical JSON never holds a floating point number.
 *
 * @param latitudeMicrodegrees -90,000,000 .. 90,000,000
 * @param longitudeMicrodegrees -180,000,000 .. 180,000,000
 */
public record GeoPoint(Long latitudeMicrodegrees, Long longitudeMicrodegrees) {}
