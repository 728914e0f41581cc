package org.fairmark.client;

import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.RecallRecord;
import org.fairmark.domain.model.Requests;

/**
 * A producer (farmer, cooperative, village e-commerce station): registers harvest lots and recalls them.
 *
 * <pre>{@code
 * BatchView batch = client.producer().registerBatch(new Requests.RegisterBatch(null, "06901234567892", "QX-2024-001",
 *         "板栗 chestnut", "Yanshan", new Origin("130227", "Xinglonghu", "Dongzhuang", "plot-7", null),
 *         "2024-09-10", 1_000_000L, 20_000L, null, null));
 * }</pre>
 *
 * <p>A request whose {@code requestId} is {@code null} gets a fresh one; supply your own to resubmit the same request
 * safely after a crash. Every method throws {@link FairmarkException} with the contract's code when refused.
 */
public interface Producer extends Participant {

    /** {@code batch:Register}: a new harvest lot; the result is the batch as readers see it. */
    BatchView registerBatch(Requests.RegisterBatch request);

    /** {@code recall:Recall}: withdraws a batch of the producer's org; irreversible. */
    RecallRecord recallBatch(Requests.Recall request);
}
