package org.fairmark.domain.model;

/** How a neutral inspector ruled. */
public enum DisputeOutcome {
    UPHELD,
    REJECTED,
    SETTLED
}
