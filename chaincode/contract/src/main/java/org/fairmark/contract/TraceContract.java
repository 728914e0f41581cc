package org.fairmark.contract;

import java.util.List;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.CustodyHop;
import org.fairmark.domain.model.Dispute;
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
        PackingRun run = ctx.get(ctx.key(Keys.PACKING, pkg.gtin(), pkg.lot(), pkg.packingId()), PackingRun.class);
        List<PackingRun> runs = run == null ? List.of() : List.of(run);
        return new Trace(Records.view(ctx, batch), Records.inspections(ctx, batch), runs, pkg,
                Packages.custody(ctx, pkg), hops, weighings, disputes, RecallContract.find(ctx, batch),
                ScanContract.summary(ctx, pkg));
    }
}
