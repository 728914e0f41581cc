package org.fairmark.client;

import java.util.List;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.Requests;

/**
 * A party that can hold packages: packers (the first holder), carriers and buyers hand them over and accept them.
 *
 * <pre>{@code
 * List<Custody> moving = client.packer().handOver(new Requests.HandOver(null, refs, "CarrierMSP", null));
 * List<Custody> held = carrierClient.carrier().accept(new Requests.Accept(null, refs));
 * }</pre>
 */
public interface CustodyHolder extends Participant {

    /** {@code custody:HandOver}: hands packages the submitter's org holds to another org; they are in transit. */
    List<Custody> handOver(Requests.HandOver request);

    /** {@code custody:Accept}: accepts packages handed over to the submitter's org. */
    List<Custody> accept(Requests.Accept request);
}
