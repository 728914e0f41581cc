package org.fairmark.domain.model;

/** What the respondent owes after a ruling. */
public enum Remedy {
    REFUND,
    REPLACE,
    PARTIAL_REFUND,
    NONE
}
