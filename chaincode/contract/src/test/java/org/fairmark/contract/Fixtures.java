package org.fairmark.contract;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairmark.domain.GradeDefinition;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Gtin;
import org.fairmark.domain.PublicKeys;
import org.fairmark.domain.Threshold;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.Requests;

/** Requests for the contract tests. Request ids are derived from a counter so that runs are reproducible. */
final class Fixtures {
    static final String GTIN = gtin("0690123456789");
    static final String LOT = "QX-2026-001";
    static final String STANDARD_CODE = "GB-T-22346";
    static final String STANDARD_VERSION = "2008";
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
        return new Requests.RegisterBatch(
                requestId(), GTIN, lot, "chestnut", "Yanshan early", new Origin(county, "Hanerzhuang", "Yuhu", "plot-7", null),
                "2026-09-20", declaredGrams, declaredGrams / 100, null, List.of());
    }

    static Requests.RegisterBatch batch() {
        return batch(LOT, Parties.QIANXI, DECLARED_GRAMS);
    }

    static GradingStandard chestnutStandard(String version) {
        return new GradingStandard(STANDARD_CODE, version, "chestnut", "Chestnut quality grades", List.of(
                new GradeDefinition("SPECIAL", List.of(
                        new Threshold("count_per_kg", Threshold.Bound.MAX, 80),
                        new Threshold("defect_permille", Threshold.Bound.MAX, 20))),
                new GradeDefinition("FIRST", List.of(
                        new Threshold("count_per_kg", Threshold.Bound.MAX, 100),
                        new Threshold("defect_permille", Threshold.Bound.MAX, 40))),
                new GradeDefinition("SECOND", List.of(
                        new Threshold("count_per_kg", Threshold.Bound.MAX, 120),
                        new Threshold("defect_permille", Threshold.Bound.MAX, 60))),
                new GradeDefinition("OUT_OF_GRADE", List.of())));
    }

    static Requests.PublishStandard standard() {
        return new Requests.PublishStandard(requestId(), chestnutStandard(STANDARD_VERSION));
    }

    static Requests.RecordInspection inspection(String lot, long countPerKg, long defectPermille, String requestedGrade) {
        return new Requests.RecordInspection(
                requestId(), GTIN, lot, STANDARD_CODE, STANDARD_VERSION, 200L, 2_000L,
                Map.of("count_per_kg", countPerKg, "defect_permille", defectPermille), requestedGrade, null, 90L,
                null, null);
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
        List<Requests.PackageSpec> specs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            specs.add(new Requests.PackageSpec(prefix + String.format("%05d", i), null, nominalGrams, grade));
        }
        return specs;
    }

    static Requests.Pack pack(String lot, String keyId, List<Requests.PackageSpec> packages) {
        return new Requests.Pack(requestId(), GTIN, lot, "2026-10-08", keyId, packages);
    }
}
