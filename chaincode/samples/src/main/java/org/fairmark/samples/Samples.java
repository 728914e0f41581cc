package org.fairmark.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairmark.domain.GradeDefinition;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Gtin;
import org.fairmark.domain.Threshold;
import org.fairmark.domain.model.GeoPoint;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.Requests;

/**
 * The chestnut story Fairmark tells, written once: chestnuts of a Qianxi (迁西县, Hebei) cooperative under one GTIN,
 * graded by the chestnut standard GB/T 22346, packed in 500 g bags. The {@code demo} command and the test fixtures of
 * the contract, the embedded network, the client library and the CLI all take their data from here, so a change to
 * the story (a new grade, another county) is made in one place.
 *
 * <pre>{@code
 * Requests.RegisterBatch batch = Samples.registration(null, "QX-2026-001", "2026-09-20", 1_000_000L, 10_000L);
 * GradingStandard standard = Samples.chestnutStandard(Samples.STANDARD_CODE, Samples.STANDARD_VERSION);
 * }</pre>
 */
public final class Samples {
    /** The GS1 company prefix and item reference of the cooperative's chestnuts (no check digit). */
    public static final String GTIN_WITHOUT_CHECK_DIGIT = "0690123456789";
    /** The chestnuts' GTIN-14, {@code 06901234567892}. */
    public static final String GTIN = GTIN_WITHOUT_CHECK_DIGIT + Gtin.checkDigit(GTIN_WITHOUT_CHECK_DIGIT);
    /** The GS1 company prefix inside {@link #GTIN} (the seven digits after the indicator digit). */
    public static final String COMPANY_PREFIX = GTIN.substring(1, 8);

    /** Qianxi county, Hebei (迁西县): chestnut country, inside the development inspector's jurisdiction. */
    public static final String QIANXI = "130227";
    /** Tangshan prefecture, Hebei, which holds Qianxi: the development inspector's second jurisdiction code. */
    public static final String TANGSHAN = "1302";
    /** Zhaoqing's Deqing county, Guangdong: outside the development inspector's jurisdiction. */
    public static final String DEQING = "441226";

    /** The product, in Chinese and English as the demo and the pages show it. */
    public static final String PRODUCT = "板栗 chestnut";
    /** The variety. */
    public static final String VARIETY = "燕山早丰 Yanshan Zaofeng";
    /** The standard's code in the contract and client tests and the web fixture (the demo shows it as {@code GB/T-22346}). */
    public static final String STANDARD_CODE = "GB-T-22346";
    /** The standard's version. */
    public static final String STANDARD_VERSION = "2008";
    /** The standard's measurements. */
    public static final String COUNT_PER_KG = "count_per_kg";
    public static final String DEFECT_PERMILLE = "defect_permille";
    /** The nominal mass of one retail bag. */
    public static final long BAG_GRAMS = 500;

    private Samples() {}

    /**
     * The chestnut grading standard: SPECIAL (at most 80 nuts per kg, 20 ‰ defects) &gt; FIRST (100, 40) &gt; SECOND
     * (120, 60) &gt; OUT_OF_GRADE.
     */
    public static GradingStandard chestnutStandard(String code, String version) {
        return new GradingStandard(code, version, PRODUCT, "板栗质量等级 Chestnut quality grades", List.of(
                grade("SPECIAL", 80, 20),
                grade("FIRST", 100, 40),
                grade("SECOND", 120, 60),
                new GradeDefinition("OUT_OF_GRADE", List.of())));
    }

    private static GradeDefinition grade(String name, long maxCountPerKg, long maxDefectPermille) {
        return new GradeDefinition(name, List.of(
                new Threshold(COUNT_PER_KG, Threshold.Bound.MAX, maxCountPerKg),
                new Threshold(DEFECT_PERMILLE, Threshold.Bound.MAX, maxDefectPermille)));
    }

    /** Measurements that meet FIRST but not SPECIAL (92 nuts per kg, 28 ‰ defects). */
    public static Map<String, Long> firstGradeMeasurements() {
        return Map.of(COUNT_PER_KG, 92L, DEFECT_PERMILLE, 28L);
    }

    /** Measurements that meet SPECIAL (76 nuts per kg, 12 ‰ defects). */
    public static Map<String, Long> specialGradeMeasurements() {
        return Map.of(COUNT_PER_KG, 76L, DEFECT_PERMILLE, 12L);
    }

    /** The cooperative's plot in Qianxi's Xingcheng township, with its position. */
    public static Origin qianxiOrigin() {
        return new Origin(QIANXI, "兴城镇 Xingcheng", "东庄村 Dongzhuang", "plot-7", new GeoPoint(40_146_000L, 118_314_000L));
    }

    /** A plot in {@code countyCode} without a position. */
    public static Origin origin(String countyCode) {
        return new Origin(countyCode, "兴城镇 Xingcheng", "东庄村 Dongzhuang", "plot-7", null);
    }

    /** A registration of chestnuts from {@link #qianxiOrigin()} under {@link #GTIN}, packable by the producer's org. */
    public static Requests.RegisterBatch registration(
            String requestId, String lot, String harvestDate, long declaredGrams, long lossAllowanceGrams) {
        return registration(requestId, lot, qianxiOrigin(), harvestDate, declaredGrams, lossAllowanceGrams);
    }

    /** {@link #registration(String, String, String, long, long)} from another origin. */
    public static Requests.RegisterBatch registration(String requestId, String lot, Origin origin, String harvestDate,
            long declaredGrams, long lossAllowanceGrams) {
        return new Requests.RegisterBatch(requestId, GTIN, lot, PRODUCT, VARIETY, origin, harvestDate, declaredGrams,
                lossAllowanceGrams, null, null);
    }

    /** An inspection of {@code lot} by the chestnut standard: 200 nuts (2 kg) sampled, certificate valid 180 days. */
    public static Requests.RecordInspection inspection(
            String requestId, String lot, String standardCode, Map<String, Long> measurements, String notes) {
        return new Requests.RecordInspection(requestId, GTIN, lot, standardCode, STANDARD_VERSION, 200L, 2_000L,
                measurements, null, null, 180L, null, notes);
    }

    /** Serials {@code prefix} followed by 1..count, zero-padded to {@code digits}: {@code P00001}, ... */
    public static List<String> serials(String prefix, int count, int digits) {
        List<String> serials = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            serials.add(prefix + String.format(Locale.ROOT, "%0" + digits + "d", i));
        }
        return serials;
    }

    /** Packages of {@code nominalGrams} with the {@link #serials} of {@code prefix}, the grade left to the ledger. */
    public static List<Requests.PackageSpec> packages(String prefix, int count, int digits, long nominalGrams) {
        return serials(prefix, count, digits).stream()
                .map(serial -> new Requests.PackageSpec(serial, null, nominalGrams, null))
                .toList();
    }
}
