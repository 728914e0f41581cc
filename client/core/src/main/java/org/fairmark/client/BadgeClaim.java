package org.fairmark.client;

/**
 * What an integrity badge states, as signed: whose record it shows, the record's summary at the moment of issue, and the
 * window in which a verifier may rely on it. Carried as canonical JSON in the badge's {@code <metadata>} element.
 *
 * @param format always {@link IntegrityBadge#FORMAT}
 * @param org the producer organization's MSP id
 * @param nameZh the organization's Chinese name from its profile (its MSP id when it has written none)
 * @param nameEn the organization's English name from its profile (its MSP id when it has written none)
 * @param rating the integrity rating (A, B, C, D or NEW)
 * @param inspectionGrade the grade of the latest inspection of the org's recent batches, or {@code null}
 * @param inspectionVerdict PASS or FAIL of that inspection, or {@code null}
 * @param inspectedAt when it was made, or {@code null}
 * @param packagesWeighed packages weighed on receipt
 * @param t1Findings short-weight T1 findings
 * @param t2Findings short-weight T2 findings
 * @param disputesUpheld disputes ruled against the org
 * @param recalls recalls
 * @param lang {@code zh} or {@code en}: the language of the visible text
 * @param pageUrl the org's public page, also in the QR code
 * @param issuedAt when the badge was signed (ISO-8601 instant)
 * @param validUntil after this instant the badge is stale
 * @param signerOrg the MSP id of the signing identity, never {@code org}
 * @param signerName the signer organization's name as shown on the badge
 * @param signerCertificate the signing identity's certificate (PEM), issued by {@code signerOrg}'s CA
 */
public record BadgeClaim(
        String format,
        String org,
        String nameZh,
        String nameEn,
        String rating,
        String inspectionGrade,
        String inspectionVerdict,
        String inspectedAt,
        Long packagesWeighed,
        Long t1Findings,
        Long t2Findings,
        Long disputesUpheld,
        Long recalls,
        String lang,
        String pageUrl,
        String issuedAt,
        String validUntil,
        String signerOrg,
        String signerName,
        String signerCertificate) {}
