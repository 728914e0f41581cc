package org.fairmark.client;

import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.LotInspection;
import org.fairmark.domain.model.PublishedStandard;
import org.fairmark.domain.model.RecallRecord;
import org.fairmark.domain.model.Requests;

/**
 * A county quality inspector: publishes grading standards, inspects batches of other orgs within their
 * jurisdiction, reviews and rules on disputes as a neutral party, and recalls batches.
 *
 * <pre>{@code
 * Inspection inspection = client.inspector().recordInspection(new Requests.RecordInspection(null,
 *         "06901234567892", "QX-2024-001", "GB/T-22346", "2008", 50L, 5_000L,
 *         Map.of("defect_rate_permille", 12L), null, null, 180L, null, "sampled at the station"));
 * inspection.grade();   // derived by the contract from the standard's thresholds
 * }</pre>
 *
 * <p>A {@code null} request id is generated. Every method throws {@link FairmarkException} when refused.
 */
public interface Inspector extends Participant {

    /** {@code standard:Publish}: a new, immutable version of a grading standard. */
    PublishedStandard publishStandard(Requests.PublishStandard request);

    /** {@code inspection:Record}: sampling and measurements; the contract derives the grade. */
    Inspection recordInspection(Requests.RecordInspection request);

    /**
     * {@code lot:Inspect}: the reference test of a lot of prepackages at the packing station (OIML R 87, JJF 1070);
     * the contract counts the lot, checks the sample follows the plan and derives the verdict. A FAIL blocks the
     * lot's hand-over until a re-inspection passes.
     */
    LotInspection inspectLot(Requests.InspectLot request);

    /** {@code dispute:Take}: takes an open dispute of other orgs for review. */
    Dispute takeDispute(Requests.TakeDispute request);

    /**
     * {@code dispute:Resolve}: rules on a dispute under review; final. A ruling whose outcome, remedy, amount and
     * order do not fit ({@link org.fairmark.domain.DisputeRules#requireRuling(Requests.ResolveDispute)}) is refused
     * before sending, at stage {@code CLIENT}.
     */
    Dispute resolveDispute(Requests.ResolveDispute request);

    /** {@code recall:Recall}: withdraws a batch from the inspector's jurisdiction; irreversible. */
    RecallRecord recallBatch(Requests.Recall request);
}
