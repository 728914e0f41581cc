package org.fairmark.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairmark.domain.CountyCode;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.SocialCreditCode;
import org.fairmark.domain.Text;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.DisputeStatus;
import org.fairmark.domain.model.Fact;
import org.fairmark.domain.model.FactKind;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.OrgOverview;
import org.fairmark.domain.model.OrgProfile;
import org.fairmark.domain.model.ProfileRequests;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Organization profiles: who each org of the channel is (names, credit code, county, kind), written by its admin. */
@Contract(name = "profile", info = @Info(title = "Fairmark organization profiles", version = "0.1.0"))
public final class ProfileContract extends FairmarkContract {
    /** Longest display name, in code points. */
    static final int MAX_NAME_LENGTH = 100;
    static final long DEFAULT_LIMIT = 20;
    static final long MAX_LIMIT = 50;

    /** Creates or changes the profile of the submitter's org. Only an administrator (NodeOU admin) of that org. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Set(Context ctx, String request) {
        return write(ctx, request, ProfileRequests.SetProfile.class, ProfileContract::set);
    }

    /** The profile of an org; {@code PROFILE_NOT_FOUND} when it has written none. Anyone may read it. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String request) {
        return read(ctx, request, ProfileRequests.OrgRef.class, (c, r) -> require(c, r.org()));
    }

    /** One page of all profiles, in MSP id order. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String List(Context ctx, String request) {
        return read(ctx, request, ProfileRequests.ProfilePage.class, (c, r) -> c.page(OrgProfile.class,
                r.pageSize() == null ? 100 : r.pageSize(), r.bookmark(), Keys.PROFILE));
    }

    /**
     * The org's public page in one read: profile, integrity record, latest batches with status, their latest
     * inspections and the rulings on them. Batches are found through the org's {@code BATCH_REGISTERED} facts.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Overview(Context ctx, String request) {
        return read(ctx, request, ProfileRequests.OverviewRef.class, ProfileContract::overview);
    }

    static OrgProfile find(FairmarkContext ctx, String org) {
        return ctx.get(ctx.key(Keys.PROFILE, Records.requireMspId("org", org)), OrgProfile.class);
    }

    static OrgProfile require(FairmarkContext ctx, String org) {
        OrgProfile profile = find(ctx, org);
        if (profile == null) {
            throw new DomainException(ErrorCode.PROFILE_NOT_FOUND, "organization " + org + " has written no profile");
        }
        return profile;
    }

    private static Object set(FairmarkContext ctx, ProfileRequests.SetProfile r) {
        Submitter admin = ctx.requireOrgAdmin();
        String nameZh = Text.requireText("nameZh", r.nameZh(), MAX_NAME_LENGTH).strip();
        String nameEn = Text.requireText("nameEn", r.nameEn(), MAX_NAME_LENGTH).strip();
        String code = SocialCreditCode.requireValid(r.socialCreditCode());
        String county = CountyCode.requireValid(r.countyCode());
        if (r.kind() == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "kind is missing");
        }
        String key = ctx.key(Keys.PROFILE, admin.mspId());
        OrgProfile earlier = ctx.get(key, OrgProfile.class);
        OrgProfile profile = new OrgProfile(admin.mspId(), nameZh, nameEn, code, county, r.kind(),
                earlier == null ? ctx.timestampText() : earlier.createdAt(), ctx.timestampText(), admin.id());
        if (earlier == null) {
            ctx.create(key, profile, admin.mspId());
        } else {
            ctx.update(key, profile);
        }
        ctx.emit(earlier == null ? "ProfileCreated" : "ProfileUpdated", event("org", admin.mspId()));
        return profile;
    }

    private static Object overview(FairmarkContext ctx, ProfileRequests.OverviewRef r) {
        String org = Records.requireMspId("org", r.org());
        long limit = r.limit() == null ? DEFAULT_LIMIT : r.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "limit must be 1.." + MAX_LIMIT);
        }
        List<Fact> registered = ctx.list(Fact.class, Keys.FACT, org, FactKind.BATCH_REGISTERED.name());
        registered.sort(Comparator.comparing(Fact::at).thenComparing(Fact::txId).reversed());
        Map<String, Fact> latest = new LinkedHashMap<>();
        for (Fact fact : registered) {
            latest.putIfAbsent(fact.gtin() + "\u0000" + fact.lot(), fact);
        }
        List<BatchView> batches = new ArrayList<>();
        List<Inspection> inspections = new ArrayList<>();
        List<Dispute> rulings = new ArrayList<>();
        for (Fact fact : latest.values()) {
            if (batches.size() >= limit) {
                break;
            }
            Batch batch = ctx.get(Records.batchKey(ctx, fact.gtin(), fact.lot()), Batch.class);
            if (batch == null) {
                continue;
            }
            BatchView view = Records.view(ctx, batch);
            batches.add(view);
            if (view.latestInspection() != null) {
                inspections.add(view.latestInspection());
            }
            for (Dispute dispute : DisputeContract.ofBatch(ctx, batch)) {
                if (dispute.status() == DisputeStatus.RESOLVED) {
                    rulings.add(dispute);
                }
            }
        }
        inspections.sort(Comparator.comparing(Inspection::inspectedAt).reversed());
        rulings.sort(Comparator.comparing((Dispute d) -> d.review().resolvedAt()).reversed());
        return new OrgOverview(org, find(ctx, org), IntegrityContract.of(ctx, org, null), batches,
                inspections.subList(0, (int) Math.min(limit, inspections.size())),
                rulings.subList(0, (int) Math.min(limit, rulings.size())));
    }
}
