package org.fairmark.client;

/** The verdict of an online verification, the first thing a buyer's verify page shows. */
public enum LiveStatus {
    /** The label is genuine and the package is neither recalled nor under dispute. */
    GENUINE,
    /** The label is genuine but its batch was recalled: do not sell or eat. */
    RECALLED,
    /** The label is genuine but a dispute against the package or its batch is open or under review. */
    UNDER_DISPUTE,
    /** The label is not genuine: bad signature, unknown or revoked key, or a claim the ledger contradicts. */
    FORGED,
    /** The text is not a readable Fairmark label. */
    UNKNOWN
}
