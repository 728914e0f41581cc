package org.fairmark.contract;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Gs1;
import org.fairmark.domain.Gtin;
import org.fairmark.domain.IsoDates;
import org.fairmark.domain.Limits;
import org.fairmark.domain.MassBalance;
import org.fairmark.domain.Masses;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.FactKind;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.PackingRun;
import org.fairmark.domain.model.Requests;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Packing: a packer of an org the producer named packs a certified batch into many labelled packages in one
 * transaction, under the mass balance.
 */
@Contract(name = "packaging", info = @Info(title = "Fairmark packaging", version = "0.1.0"))
public final class PackagingContract extends FairmarkContract {

    /** Packs packages from a batch. Role packer, of one of the batch's packer orgs. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Pack(Context ctx, String request) {
        return write(ctx, request, Requests.Pack.class, PackagingContract::pack);
    }

    /** One package by GTIN, lot and serial, as on its label. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetPackage(Context ctx, String request) {
        return read(ctx, request, PackageRef.class, (c, r) -> requirePackage(c, r.gtin(), r.lot(), r.serial()));
    }

    /** The request of {@link #GetPackage}. */
    public record PackageRef(String gtin, String lot, String serial) {}

    static PackageRecord requirePackage(FairmarkContext ctx, String gtin, String lot, String serial) {
        PackageRecord record = ctx.get(
                ctx.key(Keys.PACKAGE, Gtin.requireValid(gtin), Gs1.requireLot(lot), Gs1.requireSerial(serial)),
                PackageRecord.class);
        if (record == null) {
            throw new DomainException(ErrorCode.PACKAGE_NOT_FOUND, "no package " + gtin + " lot " + lot + " serial " + serial);
        }
        return record;
    }

    private static Object pack(FairmarkContext ctx, Requests.Pack r) {
        Submitter packer = ctx.requireRole(Role.PACKER);
        Batch batch = Records.requireBatch(ctx, r.gtin(), r.lot());
        if (!batch.packerOrgs().contains(packer.mspId())) {
            throw new DomainException(
                    ErrorCode.WRONG_ORG, "org " + packer.mspId() + " is not a packer the producer named for this batch");
        }
        Records.requireNotRecalled(ctx, batch);
        LocalDate packingDate = IsoDates.requireDate(r.packingDate());
        if (packingDate.isAfter(ctx.businessDate()) || packingDate.toString().compareTo(batch.harvestDate()) < 0) {
            throw new DomainException(
                    ErrorCode.INVALID_DATE, "packingDate must lie between the harvest date and today");
        }
        Inspection inspection = Records.latestInspection(ctx, batch);
        if (inspection == null || !inspection.certifiesOn(ctx.businessDate().toString())) {
            throw new DomainException(
                    ErrorCode.INSPECTION_REQUIRED,
                    inspection == null ? "the batch was never inspected"
                            : "the latest inspection is " + inspection.verdict() + " valid until " + inspection.validUntil());
        }
        GradingStandard standard =
                Records.requireStandard(ctx, inspection.standardCode(), inspection.standardVersion()).standard();
        LabelKey labelKey = requireUsableLabelKey(ctx, r.labelKeyId(), packer);

        List<Requests.PackageSpec> specs = r.packages();
        if (specs == null || specs.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "packages must list at least one package");
        }
        if (specs.size() > Limits.MAX_PACKAGES_PER_TRANSACTION) {
            throw new DomainException(
                    ErrorCode.TOO_MANY_PACKAGES,
                    specs.size() + " packages; at most " + Limits.MAX_PACKAGES_PER_TRANSACTION + " per transaction");
        }
        Set<String> serials = new HashSet<>();
        Set<String> ssccs = new HashSet<>();
        Set<String> grades = new HashSet<>();
        long additional = 0;
        for (Requests.PackageSpec spec : specs) {
            if (spec == null) {
                throw new DomainException(ErrorCode.INVALID_ARGUMENT, "packages holds a null entry");
            }
            String serial = Gs1.requireSerial(spec.serial());
            if (!serials.add(serial)) {
                throw new DomainException(ErrorCode.PACKAGE_EXISTS, "serial " + serial + " appears twice");
            }
            if (spec.sscc() != null && !ssccs.add(Gs1.requireSscc(spec.sscc()))) {
                throw new DomainException(ErrorCode.PACKAGE_EXISTS, "SSCC " + spec.sscc() + " appears twice");
            }
            if (spec.nominalMassGrams() == null) {
                throw new DomainException(ErrorCode.INVALID_MASS, "nominalMassGrams is required");
            }
            additional = Math.addExact(additional, Masses.requireNominalMass(spec.nominalMassGrams()));
            String grade = spec.grade() == null ? inspection.grade() : spec.grade();
            standard.rank(grade);
            if (!standard.isAtMost(grade, inspection.grade())) {
                throw new DomainException(
                        ErrorCode.GRADE_EXCEEDS_CERTIFIED,
                        "package grade " + grade + " is better than the certified " + inspection.grade());
            }
            grades.add(grade);
        }

        long alreadyPacked = 0;
        for (PackingRun run : Records.packingRuns(ctx, batch)) {
            alreadyPacked = Math.addExact(alreadyPacked, run.nominalTotalGrams());
        }
        MassBalance.requireFits(batch.declaredMassGrams(), batch.packingLossAllowanceGrams(), alreadyPacked, additional);

        String packingId = ctx.txId();
        String now = ctx.timestampText();
        List<String> created = new ArrayList<>(specs.size());
        for (Requests.PackageSpec spec : specs) {
            String serial = spec.serial();
            String serialKey = ctx.key(Keys.SERIAL, batch.gtin(), serial);
            if (ctx.exists(serialKey)) {
                throw new DomainException(
                        ErrorCode.PACKAGE_EXISTS, "GTIN " + batch.gtin() + " serial " + serial + " is already packed");
            }
            if (spec.sscc() != null) {
                String ssccKey = ctx.key(Keys.SSCC, spec.sscc());
                if (ctx.exists(ssccKey)) {
                    throw new DomainException(ErrorCode.PACKAGE_EXISTS, "SSCC " + spec.sscc() + " is already packed");
                }
                ctx.create(ssccKey, new PackageRef(batch.gtin(), batch.lot(), serial), packer.mspId());
            }
            String grade = spec.grade() == null ? inspection.grade() : spec.grade();
            PackageRecord record = new PackageRecord(
                    batch.gtin(), serial, batch.lot(), spec.sscc(), spec.nominalMassGrams(), grade,
                    packingDate.toString(), labelKey.keyId(), packingId, packer.id(), packer.mspId(), now);
            ctx.create(ctx.key(Keys.PACKAGE, batch.gtin(), batch.lot(), serial), record, packer.mspId());
            ctx.create(serialKey, new PackageRef(batch.gtin(), batch.lot(), serial), packer.mspId());
            // The custody record exists from the start, bound to the packer's org: the first hand-over is then a
            // change of an owned key, which needs the holder's endorsement, not the creation of a new one.
            ctx.create(Packages.custodyKey(ctx, record), Packages.initialCustody(record), packer.mspId());
            created.add(serial);
        }
        PackingRun run = new PackingRun(
                packingId, batch.gtin(), batch.lot(), (long) specs.size(), additional,
                grades.size() == 1 ? grades.iterator().next() : null, packingDate.toString(), labelKey.keyId(),
                packer.id(), packer.mspId(), now);
        ctx.create(ctx.key(Keys.PACKING, batch.gtin(), batch.lot(), packingId), run, packer.mspId());
        ctx.fact(FactKind.PACKAGES_PACKED, batch.producerOrg(), batch.producerId(), batch.gtin(), batch.lot(), specs.size());
        long remaining = MassBalance.remainingGrams(
                batch.declaredMassGrams(), batch.packingLossAllowanceGrams(), alreadyPacked + additional);
        ctx.emit("PackagesPacked", event("gtin", batch.gtin(), "lot", batch.lot(), "packingId", packingId,
                "packageCount", specs.size(), "nominalTotalGrams", additional, "packerOrg", packer.mspId(),
                "producerOrg", batch.producerOrg(), "serials", created));
        return new PackResult(run, created, remaining);
    }

    private static LabelKey requireUsableLabelKey(FairmarkContext ctx, String keyId, Submitter packer) {
        LabelKey key = LabelKeyContract.requireLabelKey(ctx, keyId);
        if (!key.ownerOrg().equals(packer.mspId())) {
            throw new DomainException(ErrorCode.WRONG_ORG, "label key " + keyId + " belongs to another org");
        }
        if (Boolean.TRUE.equals(key.revoked())) {
            throw new DomainException(ErrorCode.LABEL_KEY_REVOKED, "label key " + keyId + " is revoked");
        }
        return key;
    }
}
