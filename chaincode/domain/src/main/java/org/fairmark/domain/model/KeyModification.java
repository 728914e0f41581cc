package org.fairmark.domain.model;

/** One version of a ledger record, from the key's history. */
public record KeyModification(String txId, String timestamp, Boolean deleted, Object value) {}
