package org.fairmark.contract;

import java.util.List;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.RecallRecord;
import org.fairmark.domain.model.CustodyHop;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.LabelTrace;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.PackingRun;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Trace;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Provenance in one evaluate call: batch, inspections with derived grades, packing, custody hops, receipts, disputes
 * and rulings, recall and scan summary. Every part is a composite-key read or a range under one batch or package, so
 * the cost does not grow with the ledger.
 */
@Contract(name = "trace", info = @Info(title = "Fairmark provenance", version = "0.1.0"))
public final class TraceContract extends FairmarkContract {

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Package(Context ctx, String request) {
        return read(ctx, request, Requests.PackageRef.class, TraceContract::ofPackage);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Batch(Context ctx, String request) {
        return read(ctx, request, Requests.BatchRef.class, (c, r) -> {
            Batch batch = Records.requireBatch(c, r.gtin(), r.lot());
            return new Trace(Records.view(c, batch), Records.inspections(c, batch), Records.packingRuns(c, batch),
                    null, null, List.of(), List.of(), DisputeContract.ofBatch(c, batch), RecallContract.find(c, batch),
                    null);
        });
    }

    /**
     * What online label verification needs in one call: the label key the label names and, when that key exists and
     * is not revoked, the trace of the package it names ({@code null} when the ledger has no such package). The
     * client checks the signature with the returned key and compares the claim with the package.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Label(Context ctx, String request) {
        return read(ctx, request, Requests.LabelRef.class, TraceContract::ofLabel);
    }

    private static Object ofLabel(FairmarkContext ctx, Requests.LabelRef r) {
        LabelKey key = LabelKeyContract.findLabelKey(ctx, r.keyId());
        if (key == null || Boolean.TRUE.equals(key.revoked())) {
            return new LabelTrace(key, null);
        }
        Requests.PackageRef ref = new Requests.PackageRef(r.gtin(), r.lot(), r.serial());
        Trace trace;
        try {
            trace = (Trace) ofPackage(ctx, ref);
        } catch (DomainException e) {
            if (e.code() != ErrorCode.PACKAGE_NOT_FOUND && e.code() != ErrorCode.BATCH_NOT_FOUND) {
                throw e;
            }
            trace = null;
        }
        return new LabelTrace(key, trace);
    }

    private static Object ofPackage(FairmarkContext ctx, Requests.PackageRef r) {
        PackageRecord pkg = Packages.require(ctx, r);
        Batch batch = Records.requireBatch(ctx, pkg.gtin(), pkg.lot());
        List<CustodyHop> hops = ctx.list(CustodyHop.class, Keys.HOP, pkg.gtin(), pkg.serial());
        hops = hops.stream().sorted(java.util.Comparator.comparing(CustodyHop::acceptedAt)).toList();
        List<Receipt.PackageWeighing> weighings =
                ctx.list(Receipt.PackageWeighing.class, Keys.WEIGHING, pkg.gtin(), pkg.serial());
        List<Dispute> disputes = DisputeContract.ofBatch(ctx, batch).stream()
                .filter(d -> d.serials().isEmpty() || d.serials().contains(pkg.serial()))
                .toList();
        // inspections, packing runs and the recall are read once, for the batch view and for the trace
        List<Inspection> inspections = Records.inspections(ctx, batch);
        List<PackingRun> batchRuns = Records.packingRuns(ctx, batch);
        RecallRecord recall = RecallContract.find(ctx, batch);
        BatchView view = Records.view(batch, inspections.isEmpty() ? null : inspections.get(inspections.size() - 1),
                batchRuns, recall != null);
        List<PackingRun> runs = batchRuns.stream().filter(run -> run.packingId().equals(pkg.packingId())).toList();
        return new Trace(view, inspections, runs, pkg, Packages.custody(ctx, pkg), hops, weighings, disputes, recall,
                ScanContract.summary(ctx, pkg));
    }
}
