package org.fairmark.domain.model;

/** What an upheld quality ruling orders for the batch. */
public enum RulingOrder {
    NONE,
    REINSPECTION,
    DOWNGRADE
}
