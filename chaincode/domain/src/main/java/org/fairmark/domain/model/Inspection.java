package org.fairmark.domain.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * One sampling and measurement of a batch by an inspector. {@code derivedGrade} is what the chaincode derived from the
 * standard's thresholds; {@code grade} is what was awarded (equal, or lower when the inspector downgraded).
 */
public record Inspection(
        String inspectionId,
        String gtin,
        String lot,
        String standardCode,
        String standardVersion,
        Long sampleSize,
        Long sampledMassGrams,
        Map<String, Long> measurements,
        String derivedGrade,
        String grade,
        Verdict verdict,
        String validUntil,
        String labReportHash,
        String notes,
        String inspectorId,
        String inspectorOrg,
        String inspectedAt) {

    public Inspection {
        measurements = measurements == null ? Map.of() : new TreeMap<>(measurements);
    }

    /** True when this inspection certifies the batch on {@code date} (ISO yyyy-MM-dd). */
    public boolean certifiesOn(String date) {
        return verdict == Verdict.PASS && validUntil.compareTo(date) >= 0;
    }
}
