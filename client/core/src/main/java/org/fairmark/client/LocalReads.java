package org.fairmark.client;

import java.util.Objects;

/**
 * Answers the contract's read-only transactions from a ledger in this process, without a gateway: what
 * {@link FairmarkClient#reading} builds a client on. The command line implements it with the development network's
 * ledger reader when no network runs; its answers must be the bytes a gateway's {@code Evaluate} returns.
 *
 * <pre>{@code
 * LocalReads reads = (identity, function, argument) -> new LocalReads.Answer(200, "", contractAnswer);
 * try (FairmarkClient client = FairmarkClient.reading(identity, "fairmark", "fairmark", reads)) {
 *     BatchView view = client.participant().batch("06901234567892", "QX-2024-001");
 * }
 * }</pre>
 */
@FunctionalInterface
public interface LocalReads {
    /** Runs the read-only transaction {@code function} with its one JSON argument as {@code identity}. */
    Answer evaluate(FairmarkIdentity identity, String function, byte[] argument);

    /**
     * The contract's answer.
     *
     * @param status 200 on success, 400 and above for an error
     * @param message the error message ({@code CODE: text} for a coded refusal), empty on success
     * @param payload the result on success
     */
    record Answer(int status, String message, byte[] payload) {
        public Answer {
            Objects.requireNonNull(message, "message == null");
            payload = payload == null ? new byte[0] : payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }
}
