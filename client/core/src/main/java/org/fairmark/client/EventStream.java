package org.fairmark.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A stream of the contract's chaincode events as {@link LedgerEvent}s, in commit order, with an optional durable
 * checkpoint: after processing an event, {@link #checkpoint} records it (fabric-gateway's {@code FileCheckpointer},
 * forced to disk), and a stream opened later on the same file resumes right after it: nothing is lost and nothing
 * already checkpointed is delivered again.
 *
 * <pre>{@code
 * try (EventStream events = client.eventStream().checkpointFile(Path.of("state/events.checkpoint")).open()) {
 *     while (running) {
 *         LedgerEvent event = events.take();
 *         handle(event);
 *         events.checkpoint(event);
 *     }
 * }
 * }</pre>
 *
 * <p>Delivery is at-least-once for an event whose handling was interrupted before its checkpoint; make handlers
 * idempotent (events carry the request id and transaction id) or checkpoint in the same step that records the effect.
 * One thread should consume a stream.
 */
public interface EventStream extends AutoCloseable {

    /**
     * The next event, waiting as long as it takes.
     *
     * @throws FairmarkException {@link FairmarkException.Stage#EVENTS} when the stream failed or was closed
     */
    LedgerEvent take();

    /**
     * The next event, or empty when none arrives within {@code timeout}.
     *
     * @throws FairmarkException {@link FairmarkException.Stage#EVENTS} when the stream failed or was closed
     */
    Optional<LedgerEvent> poll(Duration timeout);

    /**
     * Durably records that {@code event} and every event before it were processed. Without a checkpoint file it only
     * moves the in-memory position.
     *
     * @throws FairmarkException {@link FairmarkException.Stage#EVENTS} when the checkpoint cannot be written
     */
    void checkpoint(LedgerEvent event);

    /** Stops listening and releases the checkpoint file. Idempotent. */
    @Override
    void close();

    /** Settings of an {@link EventStream}, from {@link FairmarkClient#eventStream()}. */
    final class Builder {
        private final FairmarkClientImpl client;
        Path checkpointFile;
        long startBlock = -1;

        Builder(FairmarkClientImpl client) {
            this.client = client;
        }

        /**
         * The file that keeps the position (created when absent). A stream resumes from it when it holds a position;
         * otherwise from {@link #startBlock} or, by default, from the next block committed.
         */
        public Builder checkpointFile(Path checkpointFile) {
            this.checkpointFile = Objects.requireNonNull(checkpointFile, "checkpointFile == null");
            return this;
        }

        /** The block to start from when no checkpoint says otherwise; 0 replays the whole ledger. */
        public Builder startBlock(long startBlock) {
            if (startBlock < 0) {
                throw new IllegalArgumentException("startBlock must not be negative");
            }
            this.startBlock = startBlock;
            return this;
        }

        /**
         * Opens the stream.
         *
         * @throws FairmarkException {@link FairmarkException.Stage#EVENTS} when the checkpoint file is damaged or locked
         *     by another stream
         */
        public EventStream open() {
            return EventStreamImpl.open(client, this);
        }
    }
}
