package org.fairmark.domain.model;

/**
 * Who holds a package. Until its first hand-over a package is held by its packer; a hand-over makes it
 * {@code IN_TRANSIT} to {@code pendingOrg} until that org accepts it.
 */
public record Custody(
        String gtin,
        String lot,
        String serial,
        String holderOrg,
        String holderId,
        CustodyStatus status,
        String pendingOrg,
        String pendingId,
        Long hops,
        String since,
        String txId) {

    /** Whether a package is with its holder or on its way to the next one. */
    public enum CustodyStatus {
        HELD,
        IN_TRANSIT
    }
}
