package org.fairmark.domain.model;

import java.util.List;

/** One recorded label verification and the clone check made at that moment. */
public record Scan(
        String scanId,
        String gtin,
        String lot,
        String serial,
        String countyCode,
        GeoPoint point,
        String scannedAt,
        String scannerOrg,
        Long scanCount,
        Boolean cloneSuspected,
        List<String> reasons) {

    public Scan {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
