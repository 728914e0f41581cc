package org.fairmark.contract;

import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Limits;
import org.fairmark.domain.Role;
import org.fairmark.domain.Text;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.FactKind;
import org.fairmark.domain.model.RecallRecord;
import org.fairmark.domain.model.Requests;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Recalls: a batch withdrawn by its producer or by an inspector with jurisdiction. Irreversible. */
@Contract(name = "recall", info = @Info(title = "Fairmark recalls", version = "0.1.0"))
public final class RecallContract extends FairmarkContract {

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Recall(Context ctx, String request) {
        return write(ctx, request, Requests.Recall.class, RecallContract::recall);
    }

    /** The recall record of a batch; BATCH_STATUS_INVALID when the batch is not recalled. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String request) {
        return read(ctx, request, Requests.BatchRef.class, (c, r) -> {
            Batch batch = Records.requireBatch(c, r.gtin(), r.lot());
            RecallRecord recall = find(c, batch);
            if (recall == null) {
                throw new DomainException(ErrorCode.BATCH_STATUS_INVALID, "batch " + batch.lot() + " is not recalled");
            }
            return recall;
        });
    }

    static RecallRecord find(FairmarkContext ctx, Batch batch) {
        return ctx.get(ctx.key(Keys.RECALL, batch.gtin(), batch.lot()), RecallRecord.class);
    }

    private static Object recall(FairmarkContext ctx, Requests.Recall r) {
        Submitter who = ctx.requireRole(Role.PRODUCER, Role.INSPECTOR);
        Batch batch = Records.requireBatch(ctx, r.gtin(), r.lot());
        if (who.role() == Role.PRODUCER && !who.mspId().equals(batch.producerOrg())) {
            throw new DomainException(ErrorCode.WRONG_ORG, "only the batch's producer org may recall it");
        }
        if (who.role() == Role.INSPECTOR) {
            InspectionContract.requireJurisdiction(who, batch.origin().countyCode());
        }
        String reason = Text.requireText("reason", r.reason(), Limits.MAX_TEXT_LENGTH);
        String key = ctx.key(Keys.RECALL, batch.gtin(), batch.lot());
        if (ctx.exists(key)) {
            throw new DomainException(ErrorCode.ALREADY_RECALLED, "batch " + batch.lot() + " is already recalled");
        }
        RecallRecord recall = new RecallRecord(batch.gtin(), batch.lot(), reason, who.mspId(), who.id(),
                who.role().attributeValue(), ctx.timestampText(), ctx.txId());
        ctx.create(key, recall, who.mspId());
        ctx.fact(FactKind.RECALL, batch.producerOrg(), batch.producerId(), batch.gtin(), batch.lot(), 1);
        ctx.emit("BatchRecalled", event("gtin", batch.gtin(), "lot", batch.lot(), "recalledByOrg", who.mspId(),
                "producerOrg", batch.producerOrg()));
        return recall;
    }
}
