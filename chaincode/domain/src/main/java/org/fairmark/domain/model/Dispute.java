package org.fairmark.domain.model;

import java.util.List;

/** A claim against packages or a batch, and its review and ruling. */
public record Dispute(
        String disputeId,
        DisputeType type,
        String gtin,
        String lot,
        List<String> serials,
        String receiptId,
        String description,
        List<String> evidenceHashes,
        String claimantOrg,
        String claimantId,
        String respondentOrg,
        String openedAt,
        DisputeStatus status,
        String withdrawnAt,
        String withdrawalReason,
        Review review) {

    public Dispute {
        serials = serials == null ? List.of() : List.copyOf(serials);
        evidenceHashes = evidenceHashes == null ? List.of() : List.copyOf(evidenceHashes);
    }

    /** The neutral inspector's review, then ruling. Kept under the reviewer org's own key. */
    public record Review(
            String disputeId,
            String reviewerOrg,
            String reviewerId,
            String takenAt,
            DisputeOutcome outcome,
            Remedy remedy,
            Long amountFen,
            String reasons,
            RulingOrder order,
            String downgradeTo,
            String resolvedAt) {}
}
