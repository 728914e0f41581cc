package org.fairmark.domain.model;

import java.util.List;

/**
 * The provenance of a package (or of a batch when {@code pkg} is null), read in one evaluate call from composite-key
 * look-ups only: its cost does not grow with the ledger. The producer's integrity record is a separate read
 * ({@code integrity:Get}) because it grows with the producer's history.
 */
public record Trace(
        BatchView batch,
        List<Inspection> inspections,
        List<PackingRun> packingRuns,
        PackageRecord pkg,
        Custody custody,
        List<CustodyHop> hops,
        List<Receipt.PackageWeighing> weighings,
        List<Dispute> disputes,
        RecallRecord recall,
        ScanSummary scans) {

    public Trace {
        inspections = List.copyOf(inspections);
        packingRuns = List.copyOf(packingRuns);
        hops = List.copyOf(hops);
        weighings = List.copyOf(weighings);
        disputes = List.copyOf(disputes);
    }

    /** How often and where a package's label was verified, and whether it looks cloned. */
    public record ScanSummary(Long count, Boolean cloneSuspected, String lastScannedAt, List<String> reasons) {
        public ScanSummary {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }
}
