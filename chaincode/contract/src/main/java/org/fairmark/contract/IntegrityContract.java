package org.fairmark.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.Fact;
import org.fairmark.domain.model.FactKind;
import org.fairmark.domain.model.IntegrityPoint;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Requests;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Producers' public integrity records, counted from per-event fact keys (never a shared counter). */
@Contract(name = "integrity", info = @Info(title = "Fairmark integrity records", version = "0.1.0"))
public final class IntegrityContract extends FairmarkContract {

    /** The integrity record of a producer org, or of one producer identity within it. Anyone may read it. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String request) {
        return read(ctx, request, Requests.IntegrityRef.class, IntegrityContract::get);
    }

    /** The record as it stood after each day with facts, oldest first (at most the last 366 days with facts). */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String History(Context ctx, String request) {
        return read(ctx, request, Requests.IntegrityRef.class, (c, r) -> {
            validate(r);
            return IntegrityPoint.history(r.org(), r.producerId(), facts(c, r.org(), r.producerId()), MAX_POINTS);
        });
    }

    static final int MAX_POINTS = 366;

    static List<Fact> facts(FairmarkContext ctx, String org, String producerId) {
        List<Fact> facts = ctx.list(Fact.class, Keys.FACT, org);
        List<Fact> mine = producerId == null ? facts : facts.stream().filter(f -> producerId.equals(f.producerId())).toList();
        return countable(ctx, mine);
    }

    /**
     * The facts that count. Earlier builds of this contract wrote an {@code AVERAGE_FAILED} fact for a receipt of a single
     * package below its nominal mass, although the average requirement binds only several packages of one nominal
     * mass (DOMAIN.md, rule 6). Such a fact is left out when its receipt shows no group of several packages of that
     * batch that failed the requirement; the receipt is one read per average failure, never per package.
     */
    private static List<Fact> countable(FairmarkContext ctx, List<Fact> facts) {
        Map<String, Receipt> receipts = new HashMap<>();
        List<Fact> out = new ArrayList<>(facts.size());
        for (Fact fact : facts) {
            if (fact.kind() == FactKind.AVERAGE_FAILED) {
                Receipt receipt = receipts.computeIfAbsent(fact.txId(), id -> ctx.get(ctx.key(Keys.RECEIPT, id), Receipt.class));
                if (receipt != null && !receipt.averageFailedFor(fact.gtin(), fact.lot())) {
                    continue;
                }
            }
            out.add(fact);
        }
        return out;
    }

    static IntegrityRecord of(FairmarkContext ctx, String org, String producerId) {
        return IntegrityRecord.of(org, producerId, facts(ctx, org, producerId));
    }

    private static Object get(FairmarkContext ctx, Requests.IntegrityRef r) {
        validate(r);
        return of(ctx, r.org(), r.producerId());
    }

    private static void validate(Requests.IntegrityRef r) {
        Records.requireMspId("org", r.org());
        if (r.producerId() != null && (r.producerId().isBlank() || r.producerId().length() > 512)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "producerId must be a client identity id");
        }
    }
}
