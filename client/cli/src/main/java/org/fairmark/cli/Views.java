package org.fairmark.cli;

import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.CustodyHop;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Trace;

/** Human-readable forms of ledger records, a few short lines each. */
final class Views {
    private Views() {}

    static void batch(Output out, BatchView view) {
        var batch = view.batch();
        out.say("view.batch", batch.gtin(), batch.lot(), batch.product(), batch.variety() == null ? "" : batch.variety(),
                view.status());
        out.say("view.origin", Output.county(batch.origin().countyCode()), batch.origin().township(), batch.origin().village(),
                batch.origin().plot() == null ? "" : batch.origin().plot(), batch.harvestDate());
        out.say("view.producer", out.org(batch.producerOrg()), batch.producerId());
        out.say("view.mass", Quantities.formatGrams(batch.declaredMassGrams()),
                Quantities.formatGrams(nonNull(view.packedNominalGrams())), nonNull(view.packageCount()),
                Quantities.formatGrams(nonNull(view.remainingGrams())));
        if (view.latestInspection() != null) {
            inspection(out, view.latestInspection());
        }
    }

    static void inspection(Output out, Inspection inspection) {
        out.say("view.inspection", inspection.standardCode(), inspection.standardVersion(), inspection.grade(),
                inspection.verdict(), inspection.validUntil(), out.org(inspection.inspectorOrg()));
    }

    static void receipt(Output out, Receipt receipt) {
        out.say("view.receipt", receipt.receiptId(), out.org(receipt.receiverOrg()), receipt.scaleId());
        for (Receipt.PackageWeighing weighing : receipt.weighings()) {
            out.say("view.weighing", weighing.serial(), Quantities.formatGrams(weighing.nominalMassGrams()),
                    Quantities.formatDecigrams(weighing.measuredNetDecigrams()),
                    Quantities.formatDecigrams(weighing.tolerableDeficiencyDecigrams()), weighing.finding());
        }
        out.say("view.receiptSummary", nonNull(receipt.t1Count()), nonNull(receipt.t2Count()),
                Boolean.TRUE.equals(receipt.averageMet()) ? "OK" : "FAILED");
    }

    static void dispute(Output out, Dispute dispute) {
        out.say("view.dispute", dispute.disputeId(), dispute.type(), dispute.status(), dispute.gtin(), dispute.lot(),
                dispute.serials().isEmpty() ? "*" : String.join(",", dispute.serials()));
        out.say("view.disputeParties", out.org(dispute.claimantOrg()), out.org(dispute.respondentOrg()));
        Dispute.Review review = dispute.review();
        if (review != null) {
            if (review.outcome() == null) {
                out.say("view.review", out.org(review.reviewerOrg()), review.reviewerId());
            } else {
                out.say("view.ruling", review.outcome(), review.remedy(),
                        review.amountFen() == null ? "" : Quantities.formatYuan(review.amountFen()) + " yuan/元",
                        out.org(review.reviewerOrg()), review.reasons());
            }
        }
    }

    /** The record with its org shown by its profile name and MSP id. */
    static void integrity(Output out, IntegrityRecord record) {
        out.say("view.integrity", out.org(record.org()), record.producerId() == null ? "" : " / " + record.producerId(),
                record.rating());
        out.say("view.integrityCounts", nonNull(record.batches()), nonNull(record.inspectionsPassed()),
                nonNull(record.inspectionsFailed()), nonNull(record.packages()), nonNull(record.packagesWeighed()));
        out.say("view.integrityFindings", nonNull(record.t1Findings()), nonNull(record.t2Findings()),
                nonNull(record.averageFailures()), nonNull(record.disputesOpened()), nonNull(record.disputesUpheld()),
                nonNull(record.disputesRejected()), nonNull(record.recalls()));
    }

    static void custody(Output out, Custody custody) {
        if (custody == null) {
            return;
        }
        if (custody.status() == Custody.CustodyStatus.IN_TRANSIT) {
            out.say("view.custodyTransit", custody.serial(), out.org(custody.holderOrg()), out.org(custody.pendingOrg()));
        } else {
            out.say("view.custodyHeld", custody.serial(), out.org(custody.holderOrg()), custody.holderId());
        }
    }

    static void trace(Output out, Trace trace) {
        batch(out, trace.batch());
        if (trace.pkg() != null) {
            out.say("view.package", trace.pkg().serial(), trace.pkg().grade(),
                    Quantities.formatGrams(trace.pkg().nominalMassGrams()), trace.pkg().packingDate(),
                    out.org(trace.pkg().packerOrg()));
        } else {
            out.say("view.packingRuns", trace.packingRuns().size());
        }
        for (CustodyHop hop : trace.hops()) {
            out.say("view.hop", out.org(hop.fromOrg()), out.org(hop.toOrg()), hop.handedOverAt(),
                    hop.acceptedAt() == null ? "-" : hop.acceptedAt());
        }
        custody(out, trace.custody());
        for (Receipt.PackageWeighing weighing : trace.weighings()) {
            out.say("view.weighing", weighing.serial(), Quantities.formatGrams(weighing.nominalMassGrams()),
                    Quantities.formatDecigrams(weighing.measuredNetDecigrams()),
                    Quantities.formatDecigrams(weighing.tolerableDeficiencyDecigrams()), weighing.finding());
        }
        for (Dispute dispute : trace.disputes()) {
            dispute(out, dispute);
        }
        if (trace.recall() != null) {
            out.say("view.recall", trace.recall().recalledAt(), out.org(trace.recall().recalledByOrg()), trace.recall().reason());
        }
        if (trace.scans() != null && trace.scans().count() != null && trace.scans().count() > 0) {
            out.say("view.scans", trace.scans().count(),
                    Boolean.TRUE.equals(trace.scans().cloneSuspected()) ? "CLONE SUSPECTED / 疑似克隆" : "ok");
        }
    }

    private static long nonNull(Long value) {
        return value == null ? 0 : value;
    }
}
