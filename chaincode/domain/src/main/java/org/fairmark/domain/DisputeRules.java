package org.fairmark.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.RulingOrder;

/**
 * The rules of a dispute's claim and ruling that need no ledger state, in one place: the contract's
 * {@code dispute:Open} and {@code dispute:Resolve} apply them where they read the ledger, and the client library
 * applies {@link #requireClaim} and {@link #requireRuling(Requests.ResolveDispute)} before it submits, so a bad request
 * is refused the same way without a transaction. The state machine is {@link
 * org.fairmark.domain.model.DisputeStatus}.
 *
 * <pre>{@code
 * DisputeRules.Ruling ruling = DisputeRules.requireRuling(request, dispute.type());
 * }</pre>
 */
public final class DisputeRules {
    /** 100 million yuan, in fen: the largest refund a ruling awards. */
    public static final long MAX_AMOUNT_FEN = 10_000_000_000L;

    /** Code points of a claim's description, a ruling's reasons and a withdrawal's reason. */
    public static final int MAX_STATEMENT_LENGTH = 2000;

    private DisputeRules() {}

    /**
     * A ruling that fits its outcome and claim: {@code order} is never null ({@link RulingOrder#NONE} when none was
     * given) and {@code downgradeTo} is set only with {@link RulingOrder#DOWNGRADE}.
     */
    public record Ruling(
            DisputeOutcome outcome, Remedy remedy, Long amountFen, String reasons, RulingOrder order, String downgradeTo) {}

    /**
     * A dispute id: {@code D-} and 24 lower-case hex digits (the start of the opening transaction's id).
     *
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT}
     */
    public static String requireDisputeId(String disputeId) {
        if (disputeId == null || !disputeId.matches("D-[0-9a-f]{24}")) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "disputeId must look like D- and 24 hex digits");
        }
        return disputeId;
    }

    /**
     * The checks of a claim that need no ledger state, in the contract's order: type, description, evidence hashes,
     * serials, and a {@link DisputeType#SHORT_WEIGHT} claim's receipt.
     *
     * @throws DomainException with the code of the first rule broken
     */
    public static void requireClaim(Requests.OpenDispute r) {
        requireType(r.type());
        requireDescription(r.description());
        requireEvidenceHashes(r.evidenceHashes());
        requireSerials(r.serials());
        requireReceiptLinked(r.type(), r.receiptId());
    }

    /** @throws DomainException {@link ErrorCode#INVALID_ARGUMENT} when the claim has no type */
    public static DisputeType requireType(DisputeType type) {
        if (type == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "type is required");
        }
        return type;
    }

    /** @throws DomainException {@link ErrorCode#INVALID_ARGUMENT} unless text of at most {@value #MAX_STATEMENT_LENGTH} */
    public static String requireDescription(String description) {
        return Text.requireText("description", description, MAX_STATEMENT_LENGTH);
    }

    /**
     * At most {@link Limits#MAX_EVIDENCE_HASHES} SHA-256 hashes, in their order (a repeat is kept, as the contract
     * always has).
     *
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT} for too many, {@link ErrorCode#INVALID_HASH}
     */
    public static List<String> requireEvidenceHashes(List<String> hashes) {
        List<String> evidence = new ArrayList<>();
        if (hashes != null) {
            if (hashes.size() > Limits.MAX_EVIDENCE_HASHES) {
                throw new DomainException(ErrorCode.INVALID_ARGUMENT,
                        "at most " + Limits.MAX_EVIDENCE_HASHES + " evidenceHashes");
            }
            for (String hash : hashes) {
                evidence.add(Sha256Hex.requireValid(hash));
            }
        }
        return evidence;
    }

    /**
     * The disputed serials, without repeats, at most {@link Limits#MAX_PACKAGES_PER_TRANSACTION}; empty for a claim
     * against the whole batch.
     *
     * @throws DomainException {@link ErrorCode#TOO_MANY_PACKAGES}, {@link ErrorCode#INVALID_ARGUMENT}
     */
    public static List<String> requireSerials(List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > Limits.MAX_PACKAGES_PER_TRANSACTION) {
            throw new DomainException(ErrorCode.TOO_MANY_PACKAGES, "at most "
                    + Limits.MAX_PACKAGES_PER_TRANSACTION + " serials");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String serial : given) {
            if (!unique.add(Gs1.requireSerial(serial))) {
                throw new DomainException(ErrorCode.INVALID_ARGUMENT, "serial " + serial + " is listed twice");
            }
        }
        return List.copyOf(unique);
    }

    /** @throws DomainException {@link ErrorCode#INVALID_ARGUMENT} for a short-weight claim without its receipt */
    public static void requireReceiptLinked(DisputeType type, String receiptId) {
        if (type == DisputeType.SHORT_WEIGHT && receiptId == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "a SHORT_WEIGHT claim links its receipt");
        }
    }

    /**
     * A short-weight claim stands on a receipt that weighed the claimed packages of the batch (any of its packages
     * for a claim on the whole batch) and found short weight in one of them, or found the average requirement failed
     * for a nominal quantity of the batch's packages.
     *
     * @param serials the claimed packages, empty for the whole batch
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT}
     */
    public static void requireShortWeightShown(Receipt receipt, String gtin, String lot, List<String> serials) {
        List<Receipt.PackageWeighing> ofBatch = receipt.weighings().stream()
                .filter(w -> w.gtin().equals(gtin) && w.lot().equals(lot))
                .toList();
        if (ofBatch.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "the receipt weighed no package of this batch");
        }
        for (String serial : serials) {
            if (ofBatch.stream().noneMatch(w -> w.serial().equals(serial))) {
                throw new DomainException(ErrorCode.INVALID_ARGUMENT, "the receipt did not weigh package " + serial);
            }
        }
        boolean finding = ofBatch.stream().anyMatch(w -> (serials.isEmpty() || serials.contains(w.serial()))
                && w.finding() != ShortWeight.Finding.WITHIN_TOLERANCE);
        if (!finding && !receipt.averageFailedFor(gtin, lot)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "the receipt shows no short weight for these packages");
        }
    }

    /**
     * The checks of a ruling that need neither the ledger nor the claim's type; what {@link #requireRuling(
     * Requests.ResolveDispute, DisputeType)} adds is that only a quality claim's ruling orders anything.
     *
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT} naming the first rule broken
     */
    public static Ruling requireRuling(Requests.ResolveDispute r) {
        return ruling(r, null);
    }

    /**
     * A ruling's outcome, remedy, amount, reasons and order must fit each other and the claim: a rejected claim
     * carries remedy NONE and an upheld one names a remedy; an amount (1..{@value #MAX_AMOUNT_FEN} fen) goes with
     * REFUND or PARTIAL_REFUND only and PARTIAL_REFUND needs one; only an upheld {@link DisputeType#INFERIOR_QUALITY}
     * ruling orders a re-inspection or a downgrade, and a downgrade names its grade. Checked in that order.
     *
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT} naming the first rule broken
     */
    public static Ruling requireRuling(Requests.ResolveDispute r, DisputeType claimType) {
        return ruling(r, java.util.Objects.requireNonNull(claimType, "claimType == null"));
    }

    private static Ruling ruling(Requests.ResolveDispute r, DisputeType claimType) {
        if (r.outcome() == null || r.remedy() == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "outcome and remedy are required");
        }
        if (r.outcome() == DisputeOutcome.REJECTED && r.remedy() != Remedy.NONE) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "a rejected claim carries remedy NONE");
        }
        if (r.outcome() == DisputeOutcome.UPHELD && r.remedy() == Remedy.NONE) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "an upheld claim names a remedy");
        }
        Long amount = r.amountFen();
        if (r.remedy() == Remedy.PARTIAL_REFUND && amount == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "PARTIAL_REFUND needs amountFen");
        }
        if (amount != null && (r.remedy() != Remedy.PARTIAL_REFUND && r.remedy() != Remedy.REFUND
                || amount < 1 || amount > MAX_AMOUNT_FEN)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT,
                    "amountFen (1.." + MAX_AMOUNT_FEN + ") goes with REFUND or PARTIAL_REFUND only");
        }
        String reasons = Text.requireText("reasons", r.reasons(), MAX_STATEMENT_LENGTH);
        RulingOrder order = r.order() == null ? RulingOrder.NONE : r.order();
        if (order != RulingOrder.NONE && (r.outcome() != DisputeOutcome.UPHELD
                || claimType != null && claimType != DisputeType.INFERIOR_QUALITY)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT,
                    "only an upheld INFERIOR_QUALITY ruling orders a re-inspection or downgrade");
        }
        if (order != RulingOrder.DOWNGRADE && r.downgradeTo() != null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "downgradeTo goes with order DOWNGRADE");
        }
        if (order == RulingOrder.DOWNGRADE && r.downgradeTo() == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "order DOWNGRADE needs downgradeTo");
        }
        return new Ruling(r.outcome(), r.remedy(), amount, reasons, order, r.downgradeTo());
    }

    /**
     * Reason text of a withdrawal.
     *
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT}
     */
    public static String requireWithdrawalReason(String reason) {
        return Text.requireText("reason", reason, MAX_STATEMENT_LENGTH);
    }
}
