package org.fairmark.domain.model;

/** One unit of sale packed from a batch. Identity: GTIN + serial (an SGTIN); SSCC optional. */
public record PackageRecord(
        String gtin,
        String serial,
        String lot,
        String sscc,
        Long nominalMassGrams,
        String grade,
        String packingDate,
        String labelKeyId,
        String packingId,
        String packerId,
        String packerOrg,
        String packedAt) {}
