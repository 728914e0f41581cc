package org.fairmark.domain.model;

import java.util.Set;

/**
 * The dispute state machine: OPEN → UNDER_REVIEW → RESOLVED, or OPEN → WITHDRAWN. RESOLVED and WITHDRAWN are final.
 */
public enum DisputeStatus {
    OPEN,
    UNDER_REVIEW,
    RESOLVED,
    WITHDRAWN;

    /** The states this one may move to. */
    public Set<DisputeStatus> next() {
        return switch (this) {
            case OPEN -> Set.of(UNDER_REVIEW, WITHDRAWN);
            case UNDER_REVIEW -> Set.of(RESOLVED);
            case RESOLVED, WITHDRAWN -> Set.of();
        };
    }

    public boolean canMoveTo(DisputeStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
