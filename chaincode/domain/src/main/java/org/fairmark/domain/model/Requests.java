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

    /** Implemented by every write request. */
    public interface Write {
        String requestId();
    }

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
}
