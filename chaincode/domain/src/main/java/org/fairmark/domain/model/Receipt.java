package org.fairmark.domain.model;

import java.util.List;
import org.fairmark.domain.ShortWeight;

/**
 * A buyer's weighing of received packages, judged by OIML R 87 / JJF 1070: each package against the tolerable
 * deficiency T (T1: deficiency over T, T2: over 2T) and, per nominal quantity of several packages, the average
 * requirement (the mean actual mass must be at least the nominal). {@code averageMet} is {@code false} when a group the
 * requirement applies to failed it.
 */
public record Receipt(
        String receiptId,
        String scaleId,
        String evidenceHash,
        List<PackageWeighing> weighings,
        List<GroupVerdict> groups,
        Long t1Count,
        Long t2Count,
        Boolean averageMet,
        String receiverOrg,
        String receiverId,
        String receivedAt) {

    public Receipt {
        weighings = List.copyOf(weighings);
        groups = List.copyOf(groups);
    }

    /**
     * Whether a nominal quantity this receipt weighed packages of the batch at failed the average requirement (see
     * {@link GroupVerdict#averageFailed()}).
     */
    public boolean averageFailedFor(String gtin, String lot) {
        return groups.stream().anyMatch(g -> g.averageFailed() && weighings.stream()
                .anyMatch(w -> w.gtin().equals(gtin) && w.lot().equals(lot)
                        && w.nominalMassGrams().equals(g.nominalMassGrams())));
    }

    /**
     * One package's measurement and finding ({@code WITHIN_TOLERANCE}, {@code T1} or {@code T2}; JSON writes the
     * name), with the receipt it belongs to so that a package's trace can date it.
     */
    public record PackageWeighing(
            String gtin,
            String lot,
            String serial,
            Long nominalMassGrams,
            Long measuredNetDecigrams,
            Long tolerableDeficiencyDecigrams,
            ShortWeight.Finding finding,
            String producerOrg,
            String receiptId,
            String receiverOrg,
            String receivedAt) {}

    /**
     * The average requirement for the packages of one nominal quantity. It applies only to several packages
     * ({@code averageApplies}, two or more); {@code averageMet} is {@code false} only when it applies and the mean is
     * below the nominal. Receipts recorded before {@code averageApplies} existed lack it: read it with
     * {@link #averageFailed()}.
     */
    public record GroupVerdict(
            Long nominalMassGrams, Long packageCount, Long averageDecigramsFloor, Boolean averageMet,
            Boolean averageApplies) {

        /** Whether this group failed the average requirement: several packages whose mean is below the nominal. */
        public boolean averageFailed() {
            return packageCount != null && packageCount >= ShortWeight.MIN_PACKAGES_FOR_AVERAGE
                    && Boolean.FALSE.equals(averageMet);
        }
    }
}
