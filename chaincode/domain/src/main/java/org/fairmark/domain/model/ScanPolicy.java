package org.fairmark.domain.model;

/**
 * Channel parameters of clone detection: a serial scanned more than {@code maxScans} times, or at two places whose
 * distance over the time between the scans needs more than {@code maxSpeedKmPerHour}, is flagged.
 */
public record ScanPolicy(Long maxScans, Long maxSpeedKmPerHour, String setByOrg, String setAt) {
    public static final ScanPolicy DEFAULT = new ScanPolicy(20L, 300L, null, null);
}
