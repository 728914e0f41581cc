package org.fairmark.contract;

import java.util.ArrayList;
import java.util.List;
import org.fairmark.domain.DisputeRules;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.DisputeStatus;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.FactKind;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.RulingOrder;
import org.fairmark.domain.model.Verdict;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Disputes: OPEN → UNDER_REVIEW (a neutral inspector takes it) → RESOLVED, or OPEN → WITHDRAWN by the claimant. The
 * claim lives under the claimant org's key, the review and ruling under the reviewer org's key, so neither party can
 * alter the other's part; the status is derived from both.
 */
@Contract(name = "dispute", info = @Info(title = "Fairmark disputes", version = "0.1.0"))
public final class DisputeContract extends FairmarkContract {
    /** Opens a dispute. Role buyer who holds or weighed the packages (or received packages of the batch). */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Open(Context ctx, String request) {
        return write(ctx, request, Requests.OpenDispute.class, DisputeContract::open);
    }

    /** Takes an open dispute for review. Role inspector of an org that is neither claimant nor respondent. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Take(Context ctx, String request) {
        return write(ctx, request, Requests.TakeDispute.class, DisputeContract::take);
    }

    /** Rules on a dispute under review. Role inspector of the reviewing org. Final. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Resolve(Context ctx, String request) {
        return write(ctx, request, Requests.ResolveDispute.class, DisputeContract::resolve);
    }

    /** Withdraws an open dispute. Role buyer of the claimant org. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Withdraw(Context ctx, String request) {
        return write(ctx, request, Requests.WithdrawDispute.class, DisputeContract::withdraw);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String request) {
        return read(ctx, request, Requests.DisputeRef.class, (c, r) -> require(c, r.disputeId()));
    }

    /** The dispute with its review joined and its status derived. */
    static Dispute require(FairmarkContext ctx, String disputeId) {
        DisputeRules.requireDisputeId(disputeId);
        Dispute claim = ctx.get(ctx.key(Keys.DISPUTE, disputeId), Dispute.class);
        if (claim == null) {
            throw new DomainException(ErrorCode.DISPUTE_NOT_FOUND, "no dispute " + disputeId);
        }
        Dispute.Review review = ctx.get(ctx.key(Keys.REVIEW, disputeId), Dispute.Review.class);
        return withReview(claim, review);
    }

    static Dispute withReview(Dispute claim, Dispute.Review review) {
        DisputeStatus status = claim.withdrawnAt() != null ? DisputeStatus.WITHDRAWN
                : review == null ? DisputeStatus.OPEN
                : review.resolvedAt() == null ? DisputeStatus.UNDER_REVIEW : DisputeStatus.RESOLVED;
        return claim.withReview(status, review);
    }

    /** The disputes on a batch, through its per-batch index. */
    static List<Dispute> ofBatch(FairmarkContext ctx, Batch batch) {
        List<Dispute> out = new ArrayList<>();
        for (Requests.DisputeRef ref : ctx.list(Requests.DisputeRef.class, Keys.BATCH_DISPUTE, batch.gtin(), batch.lot())) {
            out.add(require(ctx, ref.disputeId()));
        }
        return out;
    }

    private static void requireTransition(Dispute dispute, DisputeStatus target) {
        if (!dispute.status().canMoveTo(target)) {
            throw new DomainException(ErrorCode.DISPUTE_STATE_INVALID,
                    "dispute " + dispute.disputeId() + " is " + dispute.status() + "; it cannot become " + target);
        }
    }

    private static Object open(FairmarkContext ctx, Requests.OpenDispute r) {
        Submitter claimant = ctx.requireRole(Role.BUYER);
        DisputeRules.requireType(r.type());
        Batch batch = Records.requireBatch(ctx, r.gtin(), r.lot());
        if (claimant.mspId().equals(batch.producerOrg())) {
            throw new DomainException(ErrorCode.CONFLICT_OF_INTEREST, "the producer's org cannot dispute its own batch");
        }
        String description = DisputeRules.requireDescription(r.description());
        List<String> evidence = DisputeRules.requireEvidenceHashes(r.evidenceHashes());
        List<String> serials = DisputeRules.requireSerials(r.serials());
        for (String serial : serials) {
            PackageRecord pkg = PackagingContract.requirePackage(ctx, batch.gtin(), batch.lot(), serial);
            Custody custody = Packages.custody(ctx, pkg);
            boolean holds = custody.holderOrg().equals(claimant.mspId());
            boolean weighed = ctx.exists(ctx.key(Keys.WEIGHING, pkg.gtin(), pkg.serial(), claimant.mspId()));
            if (!holds && !weighed) {
                throw new DomainException(ErrorCode.NOT_HOLDER,
                        "the claimant neither holds nor received package " + serial);
            }
        }
        if (serials.isEmpty() && ctx.list(Requests.ReceiptRef.class, Keys.BATCH_RECEIPT, batch.gtin(), batch.lot(),
                claimant.mspId()).isEmpty()) {
            throw new DomainException(ErrorCode.NOT_HOLDER, "the claimant received no package of this batch");
        }
        String receiptId = null;
        if (r.type() == DisputeType.SHORT_WEIGHT) {
            DisputeRules.requireReceiptLinked(r.type(), r.receiptId());
            Receipt receipt = ReceiptContract.requireReceipt(ctx, r.receiptId());
            if (!receipt.receiverOrg().equals(claimant.mspId())) {
                throw new DomainException(ErrorCode.WRONG_ORG, "the receipt was recorded by another org");
            }
            DisputeRules.requireShortWeightShown(receipt, batch.gtin(), batch.lot(), serials);
            receiptId = receipt.receiptId();
        } else if (r.receiptId() != null) {
            receiptId = ReceiptContract.requireReceipt(ctx, r.receiptId()).receiptId();
        }
        String disputeId = "D-" + ctx.txId().substring(0, 24);
        Dispute dispute = new Dispute(disputeId, r.type(), batch.gtin(), batch.lot(), serials, receiptId, description,
                evidence, claimant.mspId(), claimant.id(), batch.producerOrg(), ctx.timestampText(), DisputeStatus.OPEN,
                null, null, null);
        ctx.create(ctx.key(Keys.DISPUTE, disputeId), dispute, claimant.mspId());
        ctx.create(ctx.key(Keys.BATCH_DISPUTE, batch.gtin(), batch.lot(), disputeId), new Requests.DisputeRef(disputeId),
                claimant.mspId());
        ctx.fact(FactKind.DISPUTE_OPENED, batch.producerOrg(), batch.producerId(), batch.gtin(), batch.lot(), 1);
        ctx.emit("DisputeOpened", event("disputeId", disputeId, "type", r.type().name(), "gtin", batch.gtin(),
                "lot", batch.lot(), "claimantOrg", claimant.mspId(), "respondentOrg", batch.producerOrg()));
        return dispute;
    }

    private static Object take(FairmarkContext ctx, Requests.TakeDispute r) {
        Submitter inspector = ctx.requireRole(Role.INSPECTOR);
        Dispute dispute = require(ctx, r.disputeId());
        if (inspector.mspId().equals(dispute.claimantOrg()) || inspector.mspId().equals(dispute.respondentOrg())) {
            throw new DomainException(ErrorCode.CONFLICT_OF_INTEREST,
                    "a reviewer's org must be neither claimant nor respondent");
        }
        requireTransition(dispute, DisputeStatus.UNDER_REVIEW);
        Dispute.Review review =
                Dispute.Review.taken(dispute.disputeId(), inspector.mspId(), inspector.id(), ctx.timestampText());
        ctx.create(ctx.key(Keys.REVIEW, dispute.disputeId()), review, inspector.mspId());
        ctx.emit("DisputeTaken", event("disputeId", dispute.disputeId(), "reviewerOrg", inspector.mspId()));
        return withReview(dispute, review);
    }

    private static Object resolve(FairmarkContext ctx, Requests.ResolveDispute r) {
        Submitter inspector = ctx.requireRole(Role.INSPECTOR);
        Dispute dispute = require(ctx, r.disputeId());
        requireTransition(dispute, DisputeStatus.RESOLVED);
        Dispute.Review review = dispute.review();
        if (!review.reviewerOrg().equals(inspector.mspId())) {
            throw new DomainException(ErrorCode.WRONG_ORG, "the dispute is under review by " + review.reviewerOrg());
        }
        DisputeRules.Ruling ruling = DisputeRules.requireRuling(r, dispute.type());
        RulingOrder order = ruling.order();
        Batch batch = Records.requireBatch(ctx, dispute.gtin(), dispute.lot());
        if (order != RulingOrder.NONE) {
            orderOnBatch(ctx, inspector, batch, dispute, order, ruling.downgradeTo());
        }
        Dispute.Review ruled = review.ruled(ruling, ctx.timestampText());
        ctx.update(ctx.key(Keys.REVIEW, dispute.disputeId()), ruled);
        FactKind kind = switch (r.outcome()) {
            case UPHELD -> FactKind.DISPUTE_UPHELD;
            case REJECTED -> FactKind.DISPUTE_REJECTED;
            case SETTLED -> FactKind.DISPUTE_SETTLED;
        };
        ctx.fact(kind, batch.producerOrg(), batch.producerId(), batch.gtin(), batch.lot(), 1);
        ctx.emit("DisputeResolved", event("disputeId", dispute.disputeId(), "outcome", r.outcome().name(),
                "remedy", r.remedy().name(), "amountFen", ruling.amountFen(), "order", order.name(),
                "gtin", batch.gtin(), "lot", batch.lot(), "respondentOrg", dispute.respondentOrg()));
        return withReview(dispute, ruled);
    }

    /**
     * Carries out a ruling's order as an inspection record of the reviewing org, which supersedes the batch's
     * latest inspection: REINSPECTION suspends certification (verdict FAIL) until a new inspection passes; DOWNGRADE
     * awards a lower grade of the same standard.
     */
    private static void orderOnBatch(FairmarkContext ctx, Submitter inspector, Batch batch, Dispute dispute,
            RulingOrder order, String downgradeTo) {
        Inspection latest = Records.latestInspection(ctx, batch);
        if (latest == null) {
            throw new DomainException(ErrorCode.INSPECTION_REQUIRED, "the batch was never inspected");
        }
        GradingStandard standard =
                Records.requireStandard(ctx, latest.standardCode(), latest.standardVersion()).standard();
        String grade = latest.grade();
        Verdict verdict = Verdict.FAIL;
        String notes = "re-inspection ordered by dispute " + dispute.disputeId();
        if (order == RulingOrder.DOWNGRADE) {
            if (standard.rank(downgradeTo) <= standard.rank(latest.grade())) {
                throw new DomainException(ErrorCode.GRADE_UPGRADE_REFUSED,
                        "a downgrade goes below the current grade " + latest.grade());
            }
            grade = downgradeTo;
            verdict = standard.isPassingGrade(grade) ? latest.verdict() : Verdict.FAIL;
            notes = "downgraded by dispute " + dispute.disputeId();
        }
        String validUntil = order == RulingOrder.DOWNGRADE ? latest.validUntil() : ctx.businessDate().toString();
        Inspection ordered = new Inspection(ctx.txId(), batch.gtin(), batch.lot(), latest.standardCode(),
                latest.standardVersion(), latest.sampleSize(), latest.sampledMassGrams(), latest.measurements(),
                latest.derivedGrade(), grade, verdict, validUntil, null, notes, inspector.id(), inspector.mspId(),
                ctx.timestampText());
        ctx.create(ctx.key(Keys.INSPECTION, batch.gtin(), batch.lot(), ctx.txId()), ordered, inspector.mspId());
    }


    private static Object withdraw(FairmarkContext ctx, Requests.WithdrawDispute r) {
        Submitter claimant = ctx.requireRole(Role.BUYER);
        Dispute dispute = require(ctx, r.disputeId());
        if (!dispute.claimantOrg().equals(claimant.mspId())) {
            throw new DomainException(ErrorCode.WRONG_ORG, "only the claimant's org may withdraw a dispute");
        }
        requireTransition(dispute, DisputeStatus.WITHDRAWN);
        String reason = DisputeRules.requireWithdrawalReason(r.reason());
        Dispute withdrawn = dispute.withdrawn(ctx.timestampText(), reason);
        ctx.update(ctx.key(Keys.DISPUTE, dispute.disputeId()), withdrawn);
        ctx.emit("DisputeWithdrawn", event("disputeId", dispute.disputeId(), "claimantOrg", claimant.mspId()));
        return withdrawn;
    }
}
