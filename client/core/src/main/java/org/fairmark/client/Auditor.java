package org.fairmark.client;

import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.ScanPolicy;

/**
 * A regulator: reads everything and sets the channel's clone-detection policy.
 *
 * <pre>{@code
 * client.auditor().setScanPolicy(new Requests.SetScanPolicy(null, 30L, 250L));
 * IntegrityRecord record = client.auditor().integrity("CoopMSP", null);
 * }</pre>
 */
public interface Auditor extends Participant {

    /** {@code scan:SetPolicy}: how many scans and what travel speed make a serial look cloned. */
    ScanPolicy setScanPolicy(Requests.SetScanPolicy request);
}
