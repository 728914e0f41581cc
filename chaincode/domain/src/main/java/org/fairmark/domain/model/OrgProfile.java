package org.fairmark.domain.model;

/**
 * Who an organization of the channel is, as its administrator states it on the ledger: display names in Chinese and
 * English, its unified social credit code (GB 32100), its county (GB/T 2260) and its kind. Pages, labels and exports show
 * these names; the MSP id is a detail.
 *
 * @param mspId the organization's MSP id, the key of the profile
 * @param nameZh the name in Chinese, e.g. 迁西县栗乡板栗专业合作社
 * @param nameEn the name in English
 * @param socialCreditCode the 18-character unified social credit code
 * @param countyCode the county the organization is based in
 * @param updatedAt the transaction time of the latest change
 * @param updatedBy the identity id of the administrator who made it
 */
public record OrgProfile(
        String mspId,
        String nameZh,
        String nameEn,
        String socialCreditCode,
        String countyCode,
        OrgKind kind,
        String createdAt,
        String updatedAt,
        String updatedBy) {}
