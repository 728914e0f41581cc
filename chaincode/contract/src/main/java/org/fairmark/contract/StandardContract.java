package org.fairmark.contract;

import java.util.Comparator;
import java.util.List;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.PublishedStandard;
import org.fairmark.domain.model.Requests;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Grading standards: published by inspectors, immutable per version; a new version supersedes the old. */
@Contract(name = "standard", info = @Info(title = "Fairmark grading standards", version = "0.1.0"))
public final class StandardContract extends FairmarkContract {

    /** Publishes a grading standard version. Role inspector. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Publish(Context ctx, String request) {
        return write(ctx, request, Requests.PublishStandard.class, StandardContract::publish);
    }

    /** A standard by code and version; without a version, the latest published. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String request) {
        return read(ctx, request, Requests.StandardRef.class, StandardContract::get);
    }

    private static Object publish(FairmarkContext ctx, Requests.PublishStandard r) {
        Submitter inspector = ctx.requireRole(Role.INSPECTOR);
        if (r.standard() == null) {
            throw new DomainException(ErrorCode.STANDARD_INVALID, "standard is required");
        }
        GradingStandard standard = r.standard(); // valid: the record's constructor checked it when the request was read
        String key = ctx.key(Keys.STANDARD, standard.code(), standard.version());
        if (ctx.exists(key)) {
            throw new DomainException(
                    ErrorCode.STANDARD_EXISTS,
                    "standard " + standard.code() + " version " + standard.version() + " is already published");
        }
        PublishedStandard published =
                new PublishedStandard(standard, inspector.id(), inspector.mspId(), ctx.timestampText(), ctx.txId());
        ctx.create(key, published, inspector.mspId());
        ctx.emit("StandardPublished", event("code", standard.code(), "version", standard.version(),
                "product", standard.product(), "publisherOrg", inspector.mspId()));
        return published;
    }

    private static Object get(FairmarkContext ctx, Requests.StandardRef r) {
        GradingStandard.requireReference(r.code(), r.version());
        if (r.version() != null) {
            return Records.requireStandard(ctx, r.code(), r.version());
        }
        List<PublishedStandard> versions = ctx.list(PublishedStandard.class, Keys.STANDARD, r.code());
        return versions.stream()
                .max(Comparator.comparing(PublishedStandard::publishedAt).thenComparing(PublishedStandard::txId))
                .orElseThrow(() -> new DomainException(ErrorCode.STANDARD_NOT_FOUND, "no grading standard " + r.code()));
    }
}
