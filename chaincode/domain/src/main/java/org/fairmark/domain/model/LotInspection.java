package org.fairmark.domain.model;

import java.util.List;
import org.fairmark.domain.ShortWeight;

/**
 * An inspector's reference test of a lot of prepackages (OIML R 87, JJF 1070): the packages of one batch with one
 * nominal mass, sampled at the packing station. The chaincode derives the plan from the lot size it counts on the
 * ledger, and the verdict from the sample ({@link org.fairmark.domain.LotInspectionPlan}). The latest inspection of a
 * lot supersedes earlier ones; while it is FAIL, the lot's packages cannot be handed over.
 *
 * @param tareMethod how the net masses were obtained: {@code INDIVIDUAL} (each package's own tare weighed) or
 *     {@code AVERAGE} (an average tare from a tare sample, OIML R 87 Annex B, JJF 1070 Appendix B)
 * @param averageTareDecigrams the average tare subtracted, for {@code AVERAGE}; else {@code null}
 * @param stationOrg the packing station (packer org) holding the sampled packages
 * @param sample the packages weighed, with their findings
 * @param reasons why the lot failed; empty when it passed
 */
public record LotInspection(
        String inspectionId,
        String gtin,
        String lot,
        Long nominalMassGrams,
        Long tolerableDeficiencyDecigrams,
        Long lotSize,
        Long sampleSize,
        Long lambdaThousandths,
        Long allowedT1,
        Long t1Count,
        Long t2Count,
        Long meanDecigramsFloor,
        Long standardDeviationDecigramsFloor,
        Long meanLimitDecigramsCeiling,
        Boolean meanMet,
        Verdict verdict,
        List<String> reasons,
        String tareMethod,
        Long averageTareDecigrams,
        String stationOrg,
        List<SampledPackage> sample,
        String notes,
        String producerOrg,
        String inspectorId,
        String inspectorOrg,
        String inspectedAt) {

    /** One weighed package of the sample. */
    public record SampledPackage(String serial, String sscc, Long netDecigrams, ShortWeight.Finding finding) {}

    /** The two tare methods of OIML R 87 Annex B and JJF 1070 Appendix B that Fairmark records. */
    public enum TareMethod {
        INDIVIDUAL,
        AVERAGE
    }
}
