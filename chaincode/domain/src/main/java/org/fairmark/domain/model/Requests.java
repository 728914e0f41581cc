package org.fairmark.domain.model;

import java.util.List;
import java.util.Map;
import org.fairmark.domain.GradingStandard;

/**
 * The JSON request bodies of the contract's transactions. Every write carries a client-generated {@code requestId}:
 * resubmitting the same request returns the first result and writes nothing.
 */
public final class Requests {
    private Requests() {}

    /** Implemented by every write request (a record with a {@code requestId} component). */
    public interface Write {
        String requestId();
    }

    /**
     * A copy of the write {@code request} with its {@code requestId} replaced and every other field as it is: the
     * record's components are copied through its canonical constructor, so a field added later is copied too.
     *
     * <pre>{@code
     * Requests.RegisterBatch withId = Requests.withRequestId(request, "batch-2026-001");
     * }</pre>
     *
     * @throws IllegalArgumentException when the request is no record with a {@code requestId} component
     */
    public static <T extends Write> T withRequestId(T request, String requestId) {
        Class<?> type = request.getClass();
        RecordCopier copier = COPIERS.get(type);
        if (copier.problem() != null) {
            throw new IllegalArgumentException(copier.problem());
        }
        Object[] values = new Object[copier.accessors().length];
        try {
            for (int i = 0; i < values.length; i++) {
                values[i] = i == copier.requestIdIndex() ? requestId : copier.accessors()[i].invoke(request);
            }
            @SuppressWarnings("unchecked")
            T copy = (T) copier.constructor().newInstance(values);
            return copy;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot copy " + type.getName() + ": " + e, e);
        }
    }

    /**
     * A record type's component accessors and canonical constructor, looked up once per type (the lookup cost ~10 µs
     * per copy under C1, the copy itself about 1 µs), or the problem that makes the type uncopyable.
     */
    private record RecordCopier(
            java.lang.reflect.Method[] accessors,
            java.lang.reflect.Constructor<?> constructor,
            int requestIdIndex,
            String problem) {
        static RecordCopier of(Class<?> type) {
            java.lang.reflect.RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                return new RecordCopier(null, null, -1, type.getName() + " is not a record");
            }
            java.lang.reflect.Method[] accessors = new java.lang.reflect.Method[components.length];
            Class<?>[] types = new Class<?>[components.length];
            int requestIdIndex = -1;
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                accessors[i] = components[i].getAccessor();
                if (components[i].getName().equals("requestId")) {
                    requestIdIndex = i;
                }
            }
            if (requestIdIndex < 0) {
                return new RecordCopier(null, null, -1, type.getName() + " has no requestId component");
            }
            try {
                return new RecordCopier(accessors, type.getDeclaredConstructor(types), requestIdIndex, null);
            } catch (NoSuchMethodException | SecurityException e) {
                return new RecordCopier(null, null, -1, "cannot copy " + type.getName() + ": " + e);
            }
        }
    }

    private static final ClassValue<RecordCopier> COPIERS = new ClassValue<>() {
        @Override
        protected RecordCopier computeValue(Class<?> type) {
            return RecordCopier.of(type);
        }
    };

    public record RegisterBatch(
            String requestId,
            String gtin,
            String lot,
            String product,
            String variety,
            Origin origin,
            String harvestDate,
            Long declaredMassGrams,
            Long packingLossAllowanceGrams,
            List<String> packerOrgs,
            List<String> evidenceHashes)
            implements Write {}

    public record PublishStandard(String requestId, GradingStandard standard) implements Write {}

    /**
     * @param requestedGrade optional downgrade of the derived grade (never an upgrade)
     * @param verdict optional: {@code FAIL} fails a batch whatever the measurements say; {@code PASS} cannot
     *     overturn a failed measurement
     * @param validDays days the certificate is valid from the inspection date, 1..366
     */
    public record RecordInspection(
            String requestId,
            String gtin,
            String lot,
            String standardCode,
            String standardVersion,
            Long sampleSize,
            Long sampledMassGrams,
            Map<String, Long> measurements,
            String requestedGrade,
            Verdict verdict,
            Long validDays,
            String labReportHash,
            String notes)
            implements Write {}

    public record PackageSpec(String serial, String sscc, Long nominalMassGrams, String grade) {}

    public record Pack(
            String requestId,
            String gtin,
            String lot,
            String packingDate,
            String labelKeyId,
            List<PackageSpec> packages)
            implements Write {}

    /** @param publicKey base64 DER SubjectPublicKeyInfo or PEM of an EC P-256 public key */
    public record RegisterLabelKey(String requestId, String publicKey) implements Write {}

    public record RevokeLabelKey(String requestId, String keyId, String reason) implements Write {}

    public record BatchRef(String gtin, String lot) {}

    public record BatchPage(String gtin, String lot, Long pageSize, String bookmark) {}

    /** @param version optional: the latest published version when absent */
    public record StandardRef(String code, String version) {}

    public record LabelKeyRef(String keyId) {}

    // ---- trade half: custody, receipts, disputes, recalls, scans, integrity, trace ----

    /** A package as its label names it. */
    public record PackageRef(String gtin, String lot, String serial) {}

    /** A label as online verification reads it: the package it names and the id of the label key it names. */
    public record LabelRef(String gtin, String lot, String serial, String keyId) {}

    /**
     * Hands packages over from their current holder to the next holder's org (and optionally a named identity), who
     * accepts them on arrival.
     */
    public record HandOver(String requestId, List<PackageRef> packages, String toOrg, String toId) implements Write {}

    public record Accept(String requestId, List<PackageRef> packages) implements Write {}

    /** One package weighed on receipt: measured net mass in decigrams (0.1 g), as the scale shows it. */
    public record Weighing(String gtin, String lot, String serial, Long measuredNetDecigrams) {}

    public record RecordReceipt(String requestId, String scaleId, String evidenceHash, List<Weighing> weighings)
            implements Write {}

    public record ReceiptRef(String receiptId) {}

    /**
     * @param serials the disputed packages of the batch; empty for a claim against the whole batch
     * @param receiptId required for SHORT_WEIGHT: the receipt whose weighing supports the claim
     */
    public record OpenDispute(
            String requestId,
            DisputeType type,
            String gtin,
            String lot,
            List<String> serials,
            String receiptId,
            String description,
            List<String> evidenceHashes)
            implements Write {}

    public record TakeDispute(String requestId, String disputeId) implements Write {}

    /**
     * @param amountFen the refund in fen (1/100 yuan): required for PARTIAL_REFUND, optional for REFUND
     * @param order for an upheld INFERIOR_QUALITY claim: NONE, REINSPECTION (certification suspended until a new
     *     inspection passes) or DOWNGRADE (to {@code downgradeTo})
     */
    public record ResolveDispute(
            String requestId,
            String disputeId,
            DisputeOutcome outcome,
            Remedy remedy,
            Long amountFen,
            String reasons,
            RulingOrder order,
            String downgradeTo)
            implements Write {}

    public record WithdrawDispute(String requestId, String disputeId, String reason) implements Write {}

    public record DisputeRef(String disputeId) {}

    public record Recall(String requestId, String gtin, String lot, String reason) implements Write {}

    /**
     * A label verification. The place is coarse on purpose (privacy): a county code and/or a point rounded to 0.1°.
     */
    public record RecordScan(String requestId, String gtin, String lot, String serial, String countyCode, GeoPoint point)
            implements Write {}

    /** Channel parameters of clone detection; see docs. */
    public record SetScanPolicy(String requestId, Long maxScans, Long maxSpeedKmPerHour) implements Write {}

    /** @param producerId optional: one producer identity within the org */
    public record IntegrityRef(String org, String producerId) {}

    /** The request of a read that takes no arguments: {@code {}}. */
    /**
     * A lot inspection of prepackages: the lot is the packages of batch {@code gtin}/{@code lot} with nominal mass
     * {@code nominalMassGrams}; {@code sample} names each weighed package by serial or SSCC with its net mass.
     */
    public record InspectLot(
            String requestId,
            String gtin,
            String lot,
            Long nominalMassGrams,
            String tareMethod,
            Long averageTareDecigrams,
            List<LotSample> sample,
            String notes)
            implements Write {}

    /** One weighed package of a lot inspection: {@code serial} or {@code sscc}, and the net mass in decigrams. */
    public record LotSample(String serial, String sscc, Long netDecigrams) {}

    /** A lot: the packages of one batch with one nominal mass. */
    public record LotRef(String gtin, String lot, Long nominalMassGrams) {}

    public record NoArguments() {}
}
