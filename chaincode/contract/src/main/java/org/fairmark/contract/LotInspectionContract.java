package org.fairmark.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Gs1;
import org.fairmark.domain.Limits;
import org.fairmark.domain.LotInspectionPlan;
import org.fairmark.domain.Masses;
import org.fairmark.domain.Role;
import org.fairmark.domain.ShortWeight;
import org.fairmark.domain.Text;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.FactKind;
import org.fairmark.domain.model.LotInspection;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Verdict;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Lot inspections of prepackages (OIML R 87 reference test, JJF 1070): an inspector of another org than the producer's,
 * inside their jurisdiction, weighs the plan's sample of a lot at the packing station; the chaincode counts the lot on
 * the ledger, picks the plan and derives the verdict. A failing lot cannot be handed over until a re-inspection passes.
 */
@Contract(name = "lot", info = @Info(title = "Fairmark lot inspections", version = "0.1.0"))
public final class LotInspectionContract extends FairmarkContract {
    /** The most an average tare may be: 50 kg, in decigrams. */
    static final long MAX_TARE_DECIGRAMS = 500_000;

    /** Records a lot inspection. Role inspector, of an org other than the producer's, with jurisdiction. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Inspect(Context ctx, String request) {
        return write(ctx, request, Requests.InspectLot.class, LotInspectionContract::inspect);
    }

    /** The inspections of a lot, latest first; empty when the lot was never inspected. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String request) {
        return read(ctx, request, Requests.LotRef.class, (c, r) -> {
            Batch batch = Records.requireBatch(c, r.gtin(), r.lot());
            List<LotInspection> all = inspections(c, batch.gtin(), batch.lot(), Masses.requireNominalMass(requireNominal(r.nominalMassGrams())));
            Collections.reverse(all);
            return all;
        });
    }

    private static long requireNominal(Long nominal) {
        if (nominal == null) {
            throw new DomainException(ErrorCode.INVALID_MASS, "nominalMassGrams is required");
        }
        return nominal;
    }

    /** The lot's inspections, oldest first (by time, then id). */
    static List<LotInspection> inspections(FairmarkContext ctx, String gtin, String lot, long nominalGrams) {
        List<LotInspection> all = ctx.list(LotInspection.class, Keys.LOT_INSPECTION, gtin, lot, Long.toString(nominalGrams));
        all.sort(Comparator.comparing(LotInspection::inspectedAt).thenComparing(LotInspection::inspectionId));
        return all;
    }

    private static Object inspect(FairmarkContext ctx, Requests.InspectLot r) {
        Submitter inspector = ctx.requireRole(Role.INSPECTOR);
        Batch batch = Records.requireBatch(ctx, r.gtin(), r.lot());
        if (inspector.mspId().equals(batch.producerOrg())) {
            throw new DomainException(
                    ErrorCode.CONFLICT_OF_INTEREST, "an inspector may not inspect a lot of their own org");
        }
        InspectionContract.requireJurisdiction(inspector, batch.origin().countyCode());
        Records.requireNotRecalled(ctx, batch);
        long nominal = Masses.requireNominalMass(requireNominal(r.nominalMassGrams()));
        LotInspection.TareMethod tareMethod = requireTareMethod(r.tareMethod());
        Long tare = r.averageTareDecigrams();
        if (tareMethod == LotInspection.TareMethod.AVERAGE) {
            if (tare == null || tare < 0 || tare > MAX_TARE_DECIGRAMS) {
                throw new DomainException(ErrorCode.INVALID_MASS,
                        "averageTareDecigrams must be 0.." + MAX_TARE_DECIGRAMS + " for the AVERAGE tare method");
            }
        } else if (tare != null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "averageTareDecigrams is only for the AVERAGE tare method");
        }
        String notes = r.notes() == null ? null : Text.requireText("notes", r.notes(), Limits.MAX_TEXT_LENGTH);
        List<Requests.LotSample> given = r.sample();
        if (given == null || given.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_SAMPLE, "sample must list the weighed packages");
        }
        if (given.size() > Limits.MAX_PACKAGES_PER_TRANSACTION) {
            throw new DomainException(ErrorCode.TOO_MANY_PACKAGES,
                    given.size() + " packages; at most " + Limits.MAX_PACKAGES_PER_TRANSACTION);
        }

        // the lot as the ledger knows it: every package of the batch with this nominal mass
        Map<String, PackageRecord> lot = new HashMap<>();
        Map<String, String> bySscc = new HashMap<>();
        for (PackageRecord pkg : ctx.list(PackageRecord.class, Keys.PACKAGE, batch.gtin(), batch.lot())) {
            if (pkg.nominalMassGrams() == nominal) {
                lot.put(pkg.serial(), pkg);
                if (pkg.sscc() != null) {
                    bySscc.put(pkg.sscc(), pkg.serial());
                }
            }
        }
        if (lot.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_SAMPLE,
                    "batch " + batch.gtin() + " lot " + batch.lot() + " has no package of " + nominal + " g");
        }
        Set<String> seen = new HashSet<>();
        List<Long> masses = new ArrayList<>();
        List<PackageRecord> sampled = new ArrayList<>();
        String station = null;
        for (Requests.LotSample s : given) {
            if (s == null || (s.serial() == null) == (s.sscc() == null)) {
                throw new DomainException(ErrorCode.INVALID_SAMPLE, "each sampled package names a serial or an SSCC");
            }
            String serial = s.serial() != null ? Gs1.requireSerial(s.serial()) : bySscc.get(Gs1.requireSscc(s.sscc()));
            PackageRecord pkg = serial == null ? null : lot.get(serial);
            if (pkg == null) {
                throw new DomainException(ErrorCode.INVALID_SAMPLE, "package " + (s.serial() != null ? s.serial() : "SSCC " + s.sscc())
                        + " is not a " + nominal + " g package of batch " + batch.gtin() + " lot " + batch.lot());
            }
            if (!seen.add(pkg.serial())) {
                throw new DomainException(ErrorCode.INVALID_SAMPLE, "package " + pkg.serial() + " is sampled twice");
            }
            Custody custody = Packages.custody(ctx, pkg);
            if (custody.status() != Custody.CustodyStatus.HELD || !batch.packerOrgs().contains(custody.holderOrg())) {
                throw new DomainException(ErrorCode.INVALID_SAMPLE, "package " + pkg.serial()
                        + " is not at a packing station of the batch (" + custody.status() + " with " + custody.holderOrg() + ")");
            }
            if (station == null) {
                station = custody.holderOrg();
            } else if (!station.equals(custody.holderOrg())) {
                throw new DomainException(ErrorCode.INVALID_SAMPLE, "a lot is sampled at one packing station; "
                        + pkg.serial() + " is at " + custody.holderOrg() + ", not " + station);
            }
            if (s.netDecigrams() == null) {
                throw new DomainException(ErrorCode.INVALID_MASS, "the net mass of package " + pkg.serial() + " is missing");
            }
            masses.add(ShortWeight.requirePlausibleWeighing(nominal, s.netDecigrams()));
            sampled.add(pkg);
        }
        LotInspectionPlan.Verdict v = LotInspectionPlan.judge(nominal, lot.size(), masses);
        List<LotInspection.SampledPackage> sample = new ArrayList<>();
        for (int i = 0; i < sampled.size(); i++) {
            PackageRecord pkg = sampled.get(i);
            sample.add(new LotInspection.SampledPackage(pkg.serial(), pkg.sscc(), masses.get(i),
                    ShortWeight.judge(nominal, masses.get(i))));
        }
        Verdict verdict = v.passed() ? Verdict.PASS : Verdict.FAIL;
        String inspectionId = ctx.txId();
        LotInspection inspection = new LotInspection(inspectionId, batch.gtin(), batch.lot(), nominal,
                v.tolerableDeficiencyDecigrams(), v.lotSize(), v.sampleSize(), v.lambdaThousandths(), v.allowedT1(),
                v.t1Count(), v.t2Count(), v.meanDecigramsFloor(), v.standardDeviationDecigramsFloor(),
                v.meanLimitDecigramsCeiling(), v.meanMet(), verdict, v.reasons(), tareMethod.name(), tare, station,
                sample, notes, batch.producerOrg(), inspector.id(), inspector.mspId(), ctx.timestampText());
        ctx.create(ctx.key(Keys.LOT_INSPECTION, batch.gtin(), batch.lot(), Long.toString(nominal), inspectionId),
                inspection, inspector.mspId());
        ctx.fact(verdict == Verdict.PASS ? FactKind.LOT_INSPECTION_PASSED : FactKind.LOT_INSPECTION_FAILED,
                batch.producerOrg(), batch.producerId(), batch.gtin(), batch.lot(), 1);
        ctx.emit("LotInspected", event("gtin", batch.gtin(), "lot", batch.lot(), "nominalMassGrams", nominal,
                "inspectionId", inspectionId, "verdict", verdict.name(), "lotSize", v.lotSize(),
                "sampleSize", v.sampleSize(), "inspectorOrg", inspector.mspId(), "producerOrg", batch.producerOrg()));
        return inspection;
    }

    private static LotInspection.TareMethod requireTareMethod(String method) {
        if (method == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "tareMethod is required: INDIVIDUAL or AVERAGE");
        }
        try {
            return LotInspection.TareMethod.valueOf(method);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "tareMethod must be INDIVIDUAL or AVERAGE");
        }
    }

    /** Lots by "gtin/lot/nominal": the latest inspection's verdict, read once per lot however many packages move. */
    static final class LotCache {
        private final FairmarkContext ctx;
        private final Map<String, LotInspection> latest = new HashMap<>();
        private final Set<String> read = new HashSet<>();

        LotCache(FairmarkContext ctx) {
            this.ctx = ctx;
        }

        /** Refuses a package whose lot's latest inspection failed, with {@link ErrorCode#LOT_INSPECTION_FAILED}. */
        void requireNotFailed(PackageRecord pkg) {
            String id = pkg.gtin() + "/" + pkg.lot() + "/" + pkg.nominalMassGrams();
            if (read.add(id)) {
                List<LotInspection> all = inspections(ctx, pkg.gtin(), pkg.lot(), pkg.nominalMassGrams());
                latest.put(id, all.isEmpty() ? null : all.get(all.size() - 1));
            }
            LotInspection last = latest.get(id);
            if (last != null && last.verdict() == Verdict.FAIL) {
                throw new DomainException(ErrorCode.LOT_INSPECTION_FAILED, "the " + pkg.nominalMassGrams()
                        + " g lot of batch " + pkg.gtin() + " lot " + pkg.lot() + " failed lot inspection "
                        + last.inspectionId() + " (" + String.join("; ", last.reasons())
                        + "); it may not be handed over until a re-inspection passes (package " + pkg.serial() + ")");
            }
        }
    }
}
