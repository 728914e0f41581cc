package org.fairmark.domain.model;

/** What a dispute claims. */
public enum DisputeType {
    INFERIOR_QUALITY,
    SHORT_WEIGHT,
    COUNTERFEIT_LABEL,
    OTHER
}
