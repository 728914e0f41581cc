package org.fairmark.client;

import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Requests;

/**
 * A wholesaler, retailer or platform shop: accepts packages, weighs them on receipt (OIML R 87 judged by the
 * contract), opens and withdraws disputes.
 *
 * <pre>{@code
 * Receipt receipt = client.buyer().recordReceipt(new Requests.RecordReceipt(null, "scale-01", null,
 *         List.of(new Requests.Weighing(gtin, lot, "P0001", 4_790L))));
 * if (receipt.t1Count() > 0) {
 *     client.buyer().openDispute(new Requests.OpenDispute(null, DisputeType.SHORT_WEIGHT, gtin, lot,
 *             List.of("P0001"), receipt.receiptId(), "short by 21 g", List.of()));
 * }
 * }</pre>
 *
 * <p>A {@code null} request id is generated. Every method throws {@link FairmarkException} when refused.
 */
public interface Buyer extends CustodyHolder {

    /** {@code receipt:Record}: the weighing of received packages, judged for short weight. */
    Receipt recordReceipt(Requests.RecordReceipt request);

    /**
     * {@code dispute:Open}: a claim against packages or a batch. A claim that breaks a rule needing no ledger state
     * ({@link org.fairmark.domain.DisputeRules#requireClaim}) is refused before sending, at stage {@code CLIENT}.
     */
    Dispute openDispute(Requests.OpenDispute request);

    /** {@code dispute:Withdraw}: withdraws the buyer's own open dispute. */
    Dispute withdrawDispute(Requests.WithdrawDispute request);
}
