package org.fairmark.domain.model;

/**
 * Where a batch was harvested.
 *
 * @param countyCode GB/T 2260 county-level code, e.g. {@code 130324}
 * @param township township (乡镇) name
 * @param village village (村) name
 * @param plot plot or farm id, optional
 * @param point optional WGS84 point
 */
public record Origin(String countyCode, String township, String village, String plot, GeoPoint point) {}
