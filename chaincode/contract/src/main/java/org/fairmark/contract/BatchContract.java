package org.fairmark.contract;

import java.util.ArrayList;
import java.util.List;
import org.fairmark.domain.BatchRules;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.BatchHistory;
import org.fairmark.domain.model.FactKind;
import org.fairmark.domain.model.KeyModification;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Requests;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/** Harvest batches: registration by producers, and the reads everyone uses. */
@Contract(name = "batch", info = @Info(title = "Fairmark batches", version = "0.1.0"))
@Default
public final class BatchContract extends FairmarkContract {
    static final long DEFAULT_PAGE_SIZE = 100;

    /** Registers a harvest batch. Role producer; the batch's key is bound to the producer's org. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Register(Context ctx, String request) {
        return write(ctx, request, Requests.RegisterBatch.class, BatchContract::register);
    }

    /** The batch with its derived status. Any identity of the channel. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String request) {
        return read(ctx, request, Requests.BatchRef.class, (c, r) -> Records.view(c, Records.requireBatch(c, r.gtin(), r.lot())));
    }

    /** One page of the batch's packages, in serial order; pass the returned bookmark back for the next page. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListPackages(Context ctx, String request) {
        return read(ctx, request, Requests.BatchPage.class, BatchContract::listPackages);
    }

    /** Every version of the producer's record, every inspection and every packing run of the batch. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String History(Context ctx, String request) {
        return read(ctx, request, Requests.BatchRef.class, BatchContract::history);
    }

    private static Object register(FairmarkContext ctx, Requests.RegisterBatch request) {
        Submitter producer = ctx.requireRole(Role.PRODUCER);
        Requests.RegisterBatch r = BatchRules.requireValid(request, ctx.businessDate());
        String gtin = r.gtin();
        String lot = r.lot();
        Origin origin = r.origin();
        long declared = r.declaredMassGrams();
        List<String> packerOrgs = r.packerOrgs().isEmpty() ? List.of(producer.mspId()) : r.packerOrgs();

        String key = ctx.key(Keys.BATCH, gtin, lot);
        if (ctx.exists(key)) {
            throw new DomainException(ErrorCode.BATCH_EXISTS, "batch " + gtin + " lot " + lot + " is already registered");
        }
        Batch batch = new Batch(
                gtin, lot, r.product(), r.variety(), origin, r.harvestDate(), declared, r.packingLossAllowanceGrams(),
                packerOrgs, r.evidenceHashes(),
                producer.id(), producer.mspId(), ctx.timestampText(), ctx.txId());
        ctx.create(key, batch, producer.mspId());
        ctx.fact(FactKind.BATCH_REGISTERED, producer.mspId(), producer.id(), gtin, lot, 1);
        ctx.emit("BatchRegistered", event("gtin", gtin, "lot", lot, "producerOrg", producer.mspId(),
                "countyCode", origin.countyCode(), "declaredMassGrams", declared));
        // A batch that did not exist until now has no inspection, packing run or recall: each of those requires the
        // batch (Records.requireBatch), and a transaction that adds one in the same block cannot have simulated
        // against a missing batch. So the view is built without reading their ranges (which would only add empty
        // range queries to the read set for the validator to re-run).
        return Records.view(batch, null, List.of(), false);
    }

    private static Object listPackages(FairmarkContext ctx, Requests.BatchPage r) {
        Batch batch = Records.requireBatch(ctx, r.gtin(), r.lot());
        long pageSize = r.pageSize() == null ? DEFAULT_PAGE_SIZE : r.pageSize();
        return ctx.page(PackageRecord.class, pageSize, r.bookmark(), Keys.PACKAGE, batch.gtin(), batch.lot());
    }

    private static Object history(FairmarkContext ctx, Requests.BatchRef r) {
        Batch batch = Records.requireBatch(ctx, r.gtin(), r.lot());
        List<KeyModification> versions = new ArrayList<>();
        try (QueryResultsIterator<org.hyperledger.fabric.shim.ledger.KeyModification> results =
                ctx.getStub().getHistoryForKey(Records.batchKey(ctx, batch.gtin(), batch.lot()))) {
            for (org.hyperledger.fabric.shim.ledger.KeyModification m : results) {
                Object value = m.isDeleted() ? null : CanonicalJson.readStored(m.getValue(), Batch.class);
                versions.add(new KeyModification(m.getTxId(), m.getTimestamp().toString(), m.isDeleted(), value));
            }
        } catch (DomainException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("history query failed", e);
        }
        return new BatchHistory(versions, Records.inspections(ctx, batch), Records.packingRuns(ctx, batch));
    }
}
