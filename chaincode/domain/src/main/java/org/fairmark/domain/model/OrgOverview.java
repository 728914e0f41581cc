package org.fairmark.domain.model;

import java.util.List;

/**
 * An organization's public page in one read: its profile (or {@code null} when it has written none), its integrity
 * record, its most recently registered batches with their status, the latest inspections of those batches, and the
 * disputes ruled on them, newest first.
 */
public record OrgOverview(
        String org,
        OrgProfile profile,
        IntegrityRecord integrity,
        List<BatchView> batches,
        List<Inspection> inspections,
        List<Dispute> rulings) {
    public OrgOverview {
        batches = batches == null ? List.of() : List.copyOf(batches);
        inspections = inspections == null ? List.of() : List.copyOf(inspections);
        rulings = rulings == null ? List.of() : List.copyOf(rulings);
    }
}
