package org.fairmark.domain.model;

/** A batch withdrawn from sale; irreversible. */
public record RecallRecord(
        String gtin, String lot, String reason, String recalledByOrg, String recalledById, String role, String recalledAt,
        String txId) {}
