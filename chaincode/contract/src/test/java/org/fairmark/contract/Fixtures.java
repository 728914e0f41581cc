package org.fairmark.contract;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Gtin;
import org.fairmark.domain.PublicKeys;
import org.fairmark.domain.model.Requests;
import org.fairmark.samples.Samples;

/**
 * Requests for the contract tests, with the data of the shared chestnut story ({@link Samples}).
 * Request ids are derived from a counter so that runs are reproducible.
 */
final class Fixtures {
    static final String GTIN = Samples.GTIN;
    static final String LOT = "QX-2026-001";
    static final String STANDARD_CODE = Samples.STANDARD_CODE;
    static final String STANDARD_VERSION = Samples.STANDARD_VERSION;
    static final long DECLARED_GRAMS = 1_000_000; // one tonne of chestnuts

    private static long counter;

    private Fixtures() {}

    static String gtin(String first13) {
        return first13 + Gtin.checkDigit(first13);
    }

    static synchronized String requestId() {
        return "req-" + String.format("%08d", ++counter);
    }

    static Requests.RegisterBatch batch(String lot, String county, long declaredGrams) {
        return Samples.registration(requestId(), lot, Samples.origin(county), "2026-09-20", declaredGrams,
                declaredGrams / 100);
    }

    static Requests.RegisterBatch batch() {
        return batch(LOT, Samples.QIANXI, DECLARED_GRAMS);
    }

    static GradingStandard chestnutStandard(String version) {
        return Samples.chestnutStandard(STANDARD_CODE, version);
    }

    static Requests.PublishStandard standard() {
        return new Requests.PublishStandard(requestId(), chestnutStandard(STANDARD_VERSION));
    }

    static Requests.RecordInspection inspection(String lot, long countPerKg, long defectPermille, String requestedGrade) {
        return new Requests.RecordInspection(
                requestId(), GTIN, lot, STANDARD_CODE, STANDARD_VERSION, 200L, 2_000L,
                Map.of(Samples.COUNT_PER_KG, countPerKg, Samples.DEFECT_PERMILLE, defectPermille), requestedGrade, null,
                90L, null, null);
    }

    /** Measurements that meet FIRST but not SPECIAL. */
    static Requests.RecordInspection inspection() {
        return inspection(LOT, 90, 30, null);
    }

    static KeyPair labelKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Requests.RegisterLabelKey labelKey(KeyPair pair) {
        return new Requests.RegisterLabelKey(requestId(), PublicKeys.toBase64(pair.getPublic()));
    }

    static List<Requests.PackageSpec> packages(String prefix, int count, long nominalGrams, String grade) {
        return Samples.serials(prefix, count, 5).stream()
                .map(serial -> new Requests.PackageSpec(serial, null, nominalGrams, grade)).toList();
    }

    static Requests.Pack pack(String lot, String keyId, List<Requests.PackageSpec> packages) {
        return new Requests.Pack(requestId(), GTIN, lot, "2026-10-08", keyId, packages);
    }
}
