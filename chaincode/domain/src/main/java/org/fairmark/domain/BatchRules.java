package org.fairmark.domain;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.Requests;

/**
 * The rules of a batch registration, in one place: the contract applies them to every {@code batch:Register} and the
 * CSV import's check (and so its dry run) applies the same methods to every row, so both give the same verdict.
 *
 * <pre>{@code
 * Requests.RegisterBatch checked = BatchRules.requireValid(request, BusinessDates.of(txTimestamp));
 * }</pre>
 */
public final class BatchRules {
    /** Organizations a producer may name as packers of one batch. */
    public static final int MAX_PACKER_ORGS = 10;

    private BatchRules() {}

    /**
     * Checks a registration and returns it normalized: canonical date, a loss allowance of 0 when none is given,
     * packer orgs sorted without repeats (empty when none are named: the producer's org packs), evidence hashes in
     * their order. The request id is kept as given. Checks run in field order, so the first problem is reported.
     *
     * @param businessDate today's business date ({@link BusinessDates}); the harvest date may not be later
     * @throws DomainException with the code of the first rule broken
     */
    public static Requests.RegisterBatch requireValid(Requests.RegisterBatch r, LocalDate businessDate) {
        String gtin = Gtin.requireValid(r.gtin());
        String lot = Gs1.requireLot(r.lot());
        String product = Text.requireText("product", r.product(), Limits.MAX_TEXT_LENGTH);
        String variety = r.variety() == null ? null : Text.requireText("variety", r.variety(), Limits.MAX_TEXT_LENGTH);
        Origin origin = requireOrigin(r.origin());
        String harvestDate = requireHarvestDate(r.harvestDate(), businessDate);
        if (r.declaredMassGrams() == null) {
            throw new DomainException(ErrorCode.INVALID_MASS, "declaredMassGrams is required");
        }
        long declared = Masses.requireDeclaredMass(r.declaredMassGrams());
        long loss = requireLossAllowance(declared, r.packingLossAllowanceGrams());
        List<String> packerOrgs = requirePackerOrgs(r.packerOrgs());
        List<String> evidence = requireEvidenceHashes(r.evidenceHashes());
        return new Requests.RegisterBatch(
                r.requestId(), gtin, lot, product, variety, origin, harvestDate, declared, loss, packerOrgs, evidence);
    }

    /**
     * Where the batch was harvested: a county-level code in use (a retired one is refused with its successor), township, village, optional plot and point.
     *
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT}, {@link ErrorCode#INVALID_COUNTY_CODE},
     *     {@link ErrorCode#RETIRED_COUNTY_CODE}, {@link ErrorCode#INVALID_LOCATION}
     */
    public static Origin requireOrigin(Origin o) {
        if (o == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "origin is required");
        }
        String county = CountyCode.requireCurrent(o.countyCode());
        String township = Text.requireText("origin.township", o.township(), Limits.MAX_TEXT_LENGTH);
        String village = Text.requireText("origin.village", o.village(), Limits.MAX_TEXT_LENGTH);
        String plot = o.plot() == null ? null : Text.requireText("origin.plot", o.plot(), Limits.MAX_TEXT_LENGTH);
        return new Origin(county, township, village, plot, GeoPoints.requireValid(o.point()));
    }

    /**
     * A harvest date, {@code yyyy-MM-dd}, not after {@code businessDate}.
     *
     * @throws DomainException {@link ErrorCode#INVALID_DATE}
     */
    public static String requireHarvestDate(String date, LocalDate businessDate) {
        LocalDate harvest = IsoDates.requireDate(date);
        if (harvest.isAfter(businessDate)) {
            throw new DomainException(ErrorCode.INVALID_DATE, harvest + " is in the future");
        }
        return harvest.toString();
    }

    /**
     * The packing-loss allowance: 0 when not given, else {@code 0 <= loss < declared}.
     *
     * @throws DomainException {@link ErrorCode#INVALID_MASS}
     */
    public static long requireLossAllowance(long declaredMassGrams, Long lossAllowanceGrams) {
        long loss = lossAllowanceGrams == null ? 0 : lossAllowanceGrams;
        MassBalance.remainingGrams(declaredMassGrams, loss, 0);
        return loss;
    }

    /**
     * At most {@value #MAX_PACKER_ORGS} MSP ids, sorted, repeats merged; empty when none are named.
     *
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT}
     */
    public static List<String> requirePackerOrgs(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        if (requested.size() > MAX_PACKER_ORGS) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "at most " + MAX_PACKER_ORGS + " packerOrgs");
        }
        Set<String> orgs = new TreeSet<>();
        for (String org : requested) {
            orgs.add(MspId.require("packerOrgs", org));
        }
        return List.copyOf(orgs);
    }

    /**
     * At most {@link Limits#MAX_EVIDENCE_HASHES} distinct SHA-256 hashes (64 lower-case hex digits), in their order.
     *
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT} for too many or a repeat, {@link ErrorCode#INVALID_HASH}
     */
    public static List<String> requireEvidenceHashes(List<String> hashes) {
        if (hashes == null) {
            return List.of();
        }
        if (hashes.size() > Limits.MAX_EVIDENCE_HASHES) {
            throw new DomainException(
                    ErrorCode.INVALID_ARGUMENT, "at most " + Limits.MAX_EVIDENCE_HASHES + " evidenceHashes");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String hash : hashes) {
            if (!unique.add(Sha256Hex.requireValid(hash))) {
                throw new DomainException(ErrorCode.INVALID_ARGUMENT, "evidenceHashes holds a duplicate");
            }
        }
        return List.copyOf(unique);
    }
}
