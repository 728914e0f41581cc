package org.fairmark.contract;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fairmark.domain.CountyCode;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Jurisdiction;
import org.fairmark.domain.Limits;
import org.fairmark.domain.MeasurementName;
import org.fairmark.domain.Role;
import org.fairmark.domain.Sha256Hex;
import org.fairmark.domain.Text;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.FactKind;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.PublishedStandard;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Verdict;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Inspections: an inspector of another org, inside their jurisdiction, samples a batch; the chaincode derives the
 * grade from the published standard. The latest inspection supersedes earlier ones.
 */
@Contract(name = "inspection", info = @Info(title = "Fairmark inspections", version = "0.1.0"))
public final class InspectionContract extends FairmarkContract {
    static final long DEFAULT_VALID_DAYS = 180;
    static final long MAX_VALID_DAYS = 366;
    static final long MAX_SAMPLE_SIZE = 1_000_000;
    static final long MAX_MEASUREMENT_VALUE = 1_000_000_000_000L;

    /** Records an inspection of a batch. Role inspector, of an org other than the producer's, with jurisdiction. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Record(Context ctx, String request) {
        return write(ctx, request, Requests.RecordInspection.class, InspectionContract::record);
    }

    /** All inspections of a batch, latest first. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String List(Context ctx, String request) {
        return read(ctx, request, Requests.BatchRef.class, (c, r) -> {
            List<Inspection> all = Records.inspections(c, Records.requireBatch(c, r.gtin(), r.lot()));
            Collections.reverse(all);
            return all;
        });
    }

    private static Object record(FairmarkContext ctx, Requests.RecordInspection r) {
        Submitter inspector = ctx.requireRole(Role.INSPECTOR);
        Batch batch = Records.requireBatch(ctx, r.gtin(), r.lot());
        if (inspector.mspId().equals(batch.producerOrg())) {
            throw new DomainException(
                    ErrorCode.CONFLICT_OF_INTEREST, "an inspector may not inspect a batch of their own org");
        }
        requireJurisdiction(inspector, batch.origin().countyCode());
        Records.requireNotRecalled(ctx, batch);
        if (r.standardCode() == null || r.standardVersion() == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "standardCode and standardVersion are required");
        }
        PublishedStandard published = Records.requireStandard(ctx, r.standardCode(), r.standardVersion());
        GradingStandard standard = published.standard();
        if (!standard.product().equalsIgnoreCase(batch.product())) {
            throw new DomainException(
                    ErrorCode.INVALID_ARGUMENT,
                    "standard " + standard.code() + " grades " + standard.product() + ", the batch is " + batch.product());
        }
        long sampleSize = requireRange("sampleSize", r.sampleSize(), 1, MAX_SAMPLE_SIZE);
        Long sampledMass = r.sampledMassGrams();
        if (sampledMass == null || sampledMass < 1 || sampledMass > batch.declaredMassGrams()) {
            throw new DomainException(ErrorCode.INVALID_MASS, "sampled mass must be at most the batch's declared mass, 1.."
                    + batch.declaredMassGrams() + " g, got " + (sampledMass == null ? "none" : sampledMass + " g"));
        }
        Map<String, Long> measurements = measurements(r.measurements());

        String derived = standard.derive(measurements);
        String awarded = standard.resolveAwarded(derived, r.requestedGrade());
        Verdict measured = standard.isPassingGrade(awarded) ? Verdict.PASS : Verdict.FAIL;
        Verdict verdict = measured;
        if (r.verdict() == Verdict.FAIL) {
            verdict = Verdict.FAIL;
        } else if (r.verdict() == Verdict.PASS && measured == Verdict.FAIL) {
            throw new DomainException(
                    ErrorCode.GRADE_UPGRADE_REFUSED, "the measurements meet no grade of " + standard.code());
        }
        long validDays = r.validDays() == null ? DEFAULT_VALID_DAYS : requireRange("validDays", r.validDays(), 1, MAX_VALID_DAYS);
        String labReportHash = r.labReportHash() == null ? null : Sha256Hex.requireValid(r.labReportHash());
        String notes = r.notes() == null ? null : Text.requireText("notes", r.notes(), Limits.MAX_TEXT_LENGTH);

        String inspectionId = ctx.txId();
        Inspection inspection = new Inspection(
                inspectionId, batch.gtin(), batch.lot(), standard.code(), standard.version(), sampleSize, sampledMass,
                measurements, derived, awarded, verdict, ctx.businessDate().plusDays(validDays).toString(),
                labReportHash, notes, inspector.id(), inspector.mspId(), ctx.timestampText());
        ctx.create(ctx.key(Keys.INSPECTION, batch.gtin(), batch.lot(), inspectionId), inspection, inspector.mspId());
        ctx.fact(verdict == Verdict.PASS ? FactKind.INSPECTION_PASSED : FactKind.INSPECTION_FAILED, batch.producerOrg(),
                batch.producerId(), batch.gtin(), batch.lot(), 1);
        ctx.emit("InspectionRecorded", event("gtin", batch.gtin(), "lot", batch.lot(), "inspectionId", inspectionId,
                "grade", awarded, "verdict", verdict.name(), "inspectorOrg", inspector.mspId(),
                "producerOrg", batch.producerOrg()));
        return inspection;
    }

    static void requireJurisdiction(Submitter inspector, String countyCode) {
        if (inspector.jurisdiction() == null || inspector.jurisdiction().isBlank()) {
            throw new DomainException(ErrorCode.OUT_OF_JURISDICTION, "the inspector's certificate names no jurisdiction");
        }
        Jurisdiction jurisdiction;
        try {
            jurisdiction = Jurisdiction.parse(inspector.jurisdiction());
        } catch (DomainException e) {
            throw new DomainException(ErrorCode.OUT_OF_JURISDICTION, "the inspector's jurisdiction attribute is invalid");
        }
        if (!jurisdiction.covers(CountyCode.requireValid(countyCode))) {
            throw new DomainException(
                    ErrorCode.OUT_OF_JURISDICTION, "county " + countyCode + " is outside the inspector's jurisdiction");
        }
    }


    private static Map<String, Long> measurements(Map<String, Long> given) {
        if (given == null || given.isEmpty()) {
            throw new DomainException(ErrorCode.MEASUREMENT_MISSING, "measurements are required");
        }
        if (given.size() > Limits.MAX_MEASUREMENTS) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "at most " + Limits.MAX_MEASUREMENTS + " measurements");
        }
        Map<String, Long> sorted = new TreeMap<>();
        for (Map.Entry<String, Long> e : given.entrySet()) {
            if (!MeasurementName.isValid(e.getKey())) {
                throw new DomainException(ErrorCode.INVALID_ARGUMENT, "measurement names are " + MeasurementName.SYNTAX);
            }
            sorted.put(e.getKey(), requireRange("measurements." + e.getKey(), e.getValue(), 0, MAX_MEASUREMENT_VALUE));
        }
        return sorted;
    }

    static long requireRange(String field, Long value, long min, long max) {
        if (value == null || value < min || value > max) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, field + " must be " + min + ".." + max);
        }
        return value;
    }
}
