package org.fairmark.domain.model;

/**
 * The summary of one packing transaction; mass balance sums these instead of every package, so its cost grows with
 * packing runs, not packages.
 */
public record PackingRun(
        String packingId,
        String gtin,
        String lot,
        Long packageCount,
        Long nominalTotalGrams,
        String grade,
        String packingDate,
        String labelKeyId,
        String packerId,
        String packerOrg,
        String packedAt) {}
