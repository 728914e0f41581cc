package org.fairmark.domain.model;

import org.fairmark.domain.GradingStandard;

/** A grading standard as published on the ledger: immutable; a new version supersedes. */
public record PublishedStandard(
        GradingStandard standard, String publisherId, String publisherOrg, String publishedAt, String txId) {}
