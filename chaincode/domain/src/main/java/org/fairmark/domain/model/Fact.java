package org.fairmark.domain.model;

/** One event counted against (or for) a producer: {@code count} of {@code kind}, caused by transaction {@code txId}. */
public record Fact(FactKind kind, String producerOrg, String producerId, String gtin, String lot, Long count,
        String txId, String at) {}
