package org.fairmark.domain.model;

import java.util.EnumMap;
import java.util.Map;

/**
 * A producer's public integrity record, counted from per-event keys. {@code rating} is a documented summary (see
 * docs/en/integrity.md): A, B, C or D, or NEW while there is too little history to judge.
 */
public record IntegrityRecord(
        String org,
        String producerId,
        Long batches,
        Long inspectionsPassed,
        Long inspectionsFailed,
        Long packages,
        Long packagesWeighed,
        Long t1Findings,
        Long t2Findings,
        Long averageFailures,
        Long disputesOpened,
        Long disputesUpheld,
        Long disputesRejected,
        Long disputesSettled,
        Long recalls,
        String rating,
        Long lotInspectionsPassed,
        Long lotInspectionsFailed) {

    /** A record without lot inspections (as counted before lot inspections existed). */
    public IntegrityRecord(String org, String producerId, Long batches, Long inspectionsPassed, Long inspectionsFailed,
            Long packages, Long packagesWeighed, Long t1Findings, Long t2Findings, Long averageFailures,
            Long disputesOpened, Long disputesUpheld, Long disputesRejected, Long disputesSettled, Long recalls,
            String rating) {
        this(org, producerId, batches, inspectionsPassed, inspectionsFailed, packages, packagesWeighed, t1Findings,
                t2Findings, averageFailures, disputesOpened, disputesUpheld, disputesRejected, disputesSettled, recalls,
                rating, 0L, 0L);
    }

    /** Counts the facts (already filtered to the org, and to the identity when one is named) and rates them. */
    public static IntegrityRecord of(String org, String producerId, Iterable<Fact> facts) {
        Map<FactKind, Long> n = new EnumMap<>(FactKind.class);
        for (FactKind kind : FactKind.values()) {
            n.put(kind, 0L);
        }
        for (Fact fact : facts) {
            n.merge(fact.kind(), fact.count(), Math::addExact);
        }
        return new IntegrityRecord(org, producerId,
                n.get(FactKind.BATCH_REGISTERED), n.get(FactKind.INSPECTION_PASSED), n.get(FactKind.INSPECTION_FAILED),
                n.get(FactKind.PACKAGES_PACKED), n.get(FactKind.PACKAGES_WEIGHED), n.get(FactKind.T1_FINDING),
                n.get(FactKind.T2_FINDING), n.get(FactKind.AVERAGE_FAILED), n.get(FactKind.DISPUTE_OPENED),
                n.get(FactKind.DISPUTE_UPHELD), n.get(FactKind.DISPUTE_REJECTED), n.get(FactKind.DISPUTE_SETTLED),
                n.get(FactKind.RECALL), rate(n), n.get(FactKind.LOT_INSPECTION_PASSED),
                n.get(FactKind.LOT_INSPECTION_FAILED));
    }

    /**
     * The summary rating, documented in docs/en/integrity.md. NEW: no batch, or nothing inspected or weighed yet.
     * D: a T2 rate over 0.5 % of weighed packages, three or more upheld disputes, two or more recalls, or two or more
     * failed average requirements. C: any T2, a T1 rate over 2 %, an upheld dispute, a recall, a failed average,
     * more failed than passed lot inspections, or more failed than passed inspections. B also for any failed lot
     * inspection. B: any T1, failed inspection or settled dispute. A: none of these.
     */
    static String rate(Map<FactKind, Long> n) {
        long weighed = n.get(FactKind.PACKAGES_WEIGHED);
        long t1 = n.get(FactKind.T1_FINDING);
        long t2 = n.get(FactKind.T2_FINDING);
        long upheld = n.get(FactKind.DISPUTE_UPHELD);
        long recalls = n.get(FactKind.RECALL);
        long averages = n.get(FactKind.AVERAGE_FAILED);
        long passed = n.get(FactKind.INSPECTION_PASSED);
        long failed = n.get(FactKind.INSPECTION_FAILED);
        if (n.get(FactKind.BATCH_REGISTERED) == 0
                || (passed + failed == 0 && weighed == 0 && n.get(FactKind.LOT_INSPECTION_PASSED) == 0
                        && n.get(FactKind.LOT_INSPECTION_FAILED) == 0)) {
            return "NEW";
        }
        if (t2 * 1000 > weighed * 5 || upheld >= 3 || recalls >= 2 || averages >= 2) {
            return "D";
        }
        long lotsFailed = n.get(FactKind.LOT_INSPECTION_FAILED);
        long lotsPassed = n.get(FactKind.LOT_INSPECTION_PASSED);
        if (t2 > 0 || t1 * 100 > weighed * 2 || upheld > 0 || recalls > 0 || averages > 0 || failed > passed
                || lotsFailed > lotsPassed) {
            return "C";
        }
        if (t1 > 0 || failed > 0 || lotsFailed > 0 || n.get(FactKind.DISPUTE_SETTLED) > 0) {
            return "B";
        }
        return "A";
    }
}
