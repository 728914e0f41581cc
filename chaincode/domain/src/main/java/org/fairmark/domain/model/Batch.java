package org.fairmark.domain.model;

import java.util.List;

/**
 * The producer's facts about one harvest lot, as registered. Nothing here is ever written by another org: grade,
 * packing and recall live under their own keys, and the batch's status is derived from them when read.
 */
public record Batch(
        String gtin,
        String lot,
        String product,
        String variety,
        Origin origin,
        String harvestDate,
        Long declaredMassGrams,
        Long packingLossAllowanceGrams,
        List<String> packerOrgs,
        List<String> evidenceHashes,
        String producerId,
        String producerOrg,
        String registeredAt,
        String txId) {

    public Batch {
        packerOrgs = packerOrgs == null ? List.of() : List.copyOf(packerOrgs);
        evidenceHashes = evidenceHashes == null ? List.of() : List.copyOf(evidenceHashes);
    }
}
