package org.fairmark.domain.model;

/** The life-cycle status of a batch, derived from its batch, inspection, packing and recall records. */
public enum BatchStatus {
    REGISTERED,
    CERTIFIED,
    REJECTED,
    PACKED,
    RECALLED;

    /**
     * Derives the status. A recall wins over everything; packages packed make a batch PACKED; otherwise the latest
     * inspection decides.
     *
     * @param latestVerdict the verdict of the latest inspection, or {@code null} when never inspected
     */
    public static BatchStatus derive(boolean recalled, long packageCount, Verdict latestVerdict) {
        if (recalled) {
            return RECALLED;
        }
        if (packageCount > 0) {
            return PACKED;
        }
        if (latestVerdict == null) {
            return REGISTERED;
        }
        return latestVerdict == Verdict.PASS ? CERTIFIED : REJECTED;
    }
}
