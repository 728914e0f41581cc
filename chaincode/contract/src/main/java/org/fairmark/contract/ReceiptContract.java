package org.fairmark.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Limits;
import org.fairmark.domain.Role;
import org.fairmark.domain.Sha256Hex;
import org.fairmark.domain.ShortWeight;
import org.fairmark.domain.Text;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.FactKind;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Requests;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Receipt weighing: the receiving buyer records each package's measured net mass; the chaincode judges short weight
 * by OIML R 87 / JJF 1070 and counts the findings against the producer.
 */
@Contract(name = "receipt", info = @Info(title = "Fairmark receipts", version = "0.1.0"))
public final class ReceiptContract extends FairmarkContract {

    /** Records a weighing of received packages. Role buyer, holding the packages; refused for a recalled batch. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Record(Context ctx, String request) {
        return write(ctx, request, Requests.RecordReceipt.class, ReceiptContract::record);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String request) {
        return read(ctx, request, Requests.ReceiptRef.class, (c, r) -> requireReceipt(c, r.receiptId()));
    }

    static Receipt requireReceipt(FairmarkContext ctx, String receiptId) {
        if (receiptId == null || !receiptId.matches("[0-9a-f]{64}")) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "receiptId must be a transaction id (64 hex)");
        }
        Receipt receipt = ctx.get(ctx.key(Keys.RECEIPT, receiptId), Receipt.class);
        if (receipt == null) {
            throw new DomainException(ErrorCode.RECEIPT_NOT_FOUND, "no receipt " + receiptId);
        }
        return receipt;
    }

    private static Object record(FairmarkContext ctx, Requests.RecordReceipt r) {
        Submitter buyer = ctx.requireRole(Role.BUYER);
        String scaleId = Text.requireText("scaleId", r.scaleId(), 64);
        String evidence = r.evidenceHash() == null ? null : Sha256Hex.requireValid(r.evidenceHash());
        List<Requests.Weighing> weighings = r.weighings();
        if (weighings == null || weighings.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "weighings must list at least one package");
        }
        if (weighings.size() > Limits.MAX_PACKAGES_PER_TRANSACTION) {
            throw new DomainException(ErrorCode.TOO_MANY_PACKAGES,
                    weighings.size() + " weighings; at most " + Limits.MAX_PACKAGES_PER_TRANSACTION);
        }
        String receiptId = ctx.txId();
        Packages.BatchCache batches = new Packages.BatchCache(ctx);
        Set<String> seen = new HashSet<>();
        List<Receipt.PackageWeighing> judged = new ArrayList<>();
        Map<Long, List<Long>> byNominal = new TreeMap<>();
        Map<Long, List<Batch>> batchesByNominal = new TreeMap<>();
        for (Requests.Weighing w : weighings) {
            if (w == null) {
                throw new DomainException(ErrorCode.INVALID_ARGUMENT, "weighings holds a null entry");
            }
            PackageRecord pkg = Packages.require(ctx, new Requests.PackageRef(w.gtin(), w.lot(), w.serial()));
            if (!seen.add(pkg.gtin() + "/" + pkg.serial())) {
                throw new DomainException(ErrorCode.INVALID_ARGUMENT, "package " + pkg.serial() + " is weighed twice");
            }
            // a recalled batch's packages are withdrawn from trade: receiving them is no longer a step of a sale
            batches.requireNotRecalled(pkg, "its packages are not weighed on receipt");
            Custody custody = Packages.custody(ctx, pkg);
            if (custody.status() != Custody.CustodyStatus.HELD || !custody.holderOrg().equals(buyer.mspId())) {
                throw new DomainException(ErrorCode.NOT_HOLDER,
                        "package " + pkg.serial() + " has not been accepted by " + buyer.mspId());
            }
            String weighingKey = ctx.key(Keys.WEIGHING, pkg.gtin(), pkg.serial(), buyer.mspId());
            if (ctx.exists(weighingKey)) {
                throw new DomainException(ErrorCode.RECEIPT_EXISTS,
                        "package " + pkg.serial() + " was already weighed by " + buyer.mspId());
            }
            if (w.measuredNetDecigrams() == null) {
                throw new DomainException(ErrorCode.INVALID_MASS,
                        "the measured net mass of package " + pkg.serial() + " is missing");
            }
            long nominal = pkg.nominalMassGrams();
            long measured = ShortWeight.requirePlausibleWeighing(nominal, w.measuredNetDecigrams());
            Batch batch = batches.batch(pkg);
            Receipt.PackageWeighing weighing = new Receipt.PackageWeighing(pkg.gtin(), pkg.lot(), pkg.serial(), nominal,
                    measured, ShortWeight.tolerableDeficiencyDecigrams(nominal),
                    ShortWeight.judge(nominal, measured), batch.producerOrg(), receiptId, buyer.mspId(),
                    ctx.timestampText());
            judged.add(weighing);
            byNominal.computeIfAbsent(nominal, n -> new ArrayList<>()).add(measured);
            batchesByNominal.computeIfAbsent(nominal, n -> new ArrayList<>()).add(batch);
            ctx.create(weighingKey, weighing, buyer.mspId());
            String marker = ctx.key(Keys.BATCH_RECEIPT, pkg.gtin(), pkg.lot(), buyer.mspId(), receiptId);
            ctx.create(marker, new Requests.ReceiptRef(receiptId), buyer.mspId());
            ctx.fact(FactKind.PACKAGES_WEIGHED, batch.producerOrg(), batch.producerId(), batch.gtin(), batch.lot(), 1);
            if (weighing.finding() != ShortWeight.Finding.WITHIN_TOLERANCE) {
                FactKind kind = weighing.finding() == ShortWeight.Finding.T2 ? FactKind.T2_FINDING : FactKind.T1_FINDING;
                ctx.fact(kind, batch.producerOrg(), batch.producerId(), batch.gtin(), batch.lot(), 1);
            }
        }
        List<Receipt.GroupVerdict> groups = new ArrayList<>();
        long t1 = 0;
        long t2 = 0;
        boolean averageMet = true;
        for (Map.Entry<Long, List<Long>> group : byNominal.entrySet()) {
            ShortWeight.WeighingVerdict verdict = ShortWeight.judgeAll(group.getKey(), group.getValue());
            t1 += verdict.t1Count();
            t2 += verdict.t2Count();
            averageMet &= verdict.averageMet();
            groups.add(new Receipt.GroupVerdict(group.getKey(), (long) group.getValue().size(),
                    verdict.averageDecigramsFloor(), verdict.averageMet(), verdict.averageApplies()));
            if (!verdict.averageMet()) {
                // the average requirement binds the lot as delivered: count it against each producer in the group
                Set<String> producers = new HashSet<>();
                for (Batch batch : batchesByNominal.get(group.getKey())) {
                    if (producers.add(batch.producerOrg() + "|" + batch.producerId() + "|" + batch.gtin() + "|" + batch.lot())) {
                        ctx.fact(FactKind.AVERAGE_FAILED, batch.producerOrg(), batch.producerId(), batch.gtin(),
                                batch.lot(), 1);
                    }
                }
            }
        }
        Receipt receipt = new Receipt(receiptId, scaleId, evidence, judged, groups, t1, t2, averageMet,
                buyer.mspId(), buyer.id(), ctx.timestampText());
        ctx.create(ctx.key(Keys.RECEIPT, receiptId), receipt, buyer.mspId());
        ctx.emit("ReceiptRecorded", event("receiptId", receiptId, "receiverOrg", buyer.mspId(), "packages",
                (long) judged.size(), "t1Count", t1, "t2Count", t2, "averageMet", averageMet,
                "shortWeight", judged.stream().filter(w -> w.finding() != ShortWeight.Finding.WITHIN_TOLERANCE)
                        .map(w -> w.gtin() + "/" + w.lot() + "/" + w.serial() + ":" + w.finding()).toList()));
        return receipt;
    }
}
