package org.fairmark.domain.model;

import java.util.List;

/** Everything recorded about a batch so far: versions of the producer's record, inspections, packing runs. */
public record BatchHistory(
        List<KeyModification> batchVersions, List<Inspection> inspections, List<PackingRun> packingRuns) {
    public BatchHistory {
        batchVersions = List.copyOf(batchVersions);
        inspections = List.copyOf(inspections);
        packingRuns = List.copyOf(packingRuns);
    }
}
