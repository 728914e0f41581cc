package org.fairmark.domain.model;

import java.util.List;
import org.fairmark.domain.DisputeRules;

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

    /** This dispute with {@code review} joined and {@code status} derived from both parts. */
    public Dispute withReview(DisputeStatus status, Review review) {
        return new Dispute(disputeId, type, gtin, lot, serials, receiptId, description, evidenceHashes, claimantOrg,
                claimantId, respondentOrg, openedAt, status, withdrawnAt, withdrawalReason, review);
    }

    /** This dispute withdrawn by its claimant at {@code at}. */
    public Dispute withdrawn(String at, String reason) {
        return new Dispute(disputeId, type, gtin, lot, serials, receiptId, description, evidenceHashes, claimantOrg,
                claimantId, respondentOrg, openedAt, DisputeStatus.WITHDRAWN, at, reason, review);
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
            String resolvedAt) {

        /** A review just taken: no ruling yet. */
        public static Review taken(String disputeId, String reviewerOrg, String reviewerId, String takenAt) {
            return new Review(disputeId, reviewerOrg, reviewerId, takenAt, null, null, null, null, null, null, null);
        }

        /** This review with its ruling, made at {@code resolvedAt}. */
        public Review ruled(DisputeRules.Ruling ruling, String resolvedAt) {
            return new Review(disputeId, reviewerOrg, reviewerId, takenAt, ruling.outcome(), ruling.remedy(),
                    ruling.amountFen(), ruling.reasons(), ruling.order(), ruling.downgradeTo(), resolvedAt);
        }
    }
}
