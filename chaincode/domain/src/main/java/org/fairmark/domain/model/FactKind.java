package org.fairmark.domain.model;

/**
 * The kinds of per-event facts a producer's integrity record is counted from. Each fact is its own ledger key (org,
 * kind, transaction), so no transaction ever updates a shared counter.
 */
public enum FactKind {
    BATCH_REGISTERED,
    INSPECTION_PASSED,
    INSPECTION_FAILED,
    PACKAGES_PACKED,
    PACKAGES_WEIGHED,
    T1_FINDING,
    T2_FINDING,
    AVERAGE_FAILED,
    DISPUTE_OPENED,
    DISPUTE_UPHELD,
    DISPUTE_REJECTED,
    DISPUTE_SETTLED,
    RECALL,
    LOT_INSPECTION_PASSED,
    LOT_INSPECTION_FAILED
}
