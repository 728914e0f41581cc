package org.fairmark.client;

import java.util.Objects;

/**
 * One write recorded in an {@link Outbox}.
 *
 * @param sequence the entry's position in the outbox, from 1
 * @param function the contract function, e.g. {@code batch:Register}
 * @param requestId the request id, fixed when the entry was added, so that every resubmission is the same request
 * @param requestJson the request as canonical JSON
 * @param addedAt when it was added (device clock, ISO-8601)
 * @param status where it stands
 * @param resultJson the contract's result once submitted, else {@code null}
 * @param errorCode the contract's code when rejected, else {@code null}
 * @param errorMessage the contract's message when rejected, else {@code null}
 */
public record OutboxEntry(
        long sequence,
        String function,
        String requestId,
        String requestJson,
        String addedAt,
        Status status,
        String resultJson,
        String errorCode,
        String errorMessage) {

    /** Where an entry stands. */
    public enum Status {
        /** Not yet accepted by the ledger. */
        PENDING,
        /** Committed (or found committed by an earlier attempt); {@code resultJson} holds the result. */
        SUBMITTED,
        /** Refused by the contract; kept with the reason until the outbox is compacted. */
        REJECTED
    }

    public OutboxEntry {
        Objects.requireNonNull(function, "function == null");
        Objects.requireNonNull(requestId, "requestId == null");
        Objects.requireNonNull(requestJson, "requestJson == null");
        Objects.requireNonNull(status, "status == null");
    }

    OutboxEntry submitted(String result) {
        return new OutboxEntry(sequence, function, requestId, requestJson, addedAt, Status.SUBMITTED, result, null, null);
    }

    OutboxEntry rejected(String code, String message) {
        return new OutboxEntry(sequence, function, requestId, requestJson, addedAt, Status.REJECTED, null, code, message);
    }
}
