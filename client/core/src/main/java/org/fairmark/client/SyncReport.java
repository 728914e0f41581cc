package org.fairmark.client;

import com.fasterxml.jackson.databind.JavaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.fairmark.domain.ErrorCode;

/**
 * What one {@link Outbox#sync} did, entry by entry: nothing is left out and nothing is dropped silently.
 *
 * <pre>{@code
 * SyncReport report = outbox.sync(client);
 * for (SyncReport.Outcome outcome : report.outcomes()) {
 *     if (outcome instanceof SyncReport.Rejected rejected) {
 *         System.out.println("#" + rejected.entry().sequence() + " " + rejected.code() + ": " + rejected.message());
 *     }
 * }
 * }</pre>
 *
 * @param outcomes one per entry that was pending when the sync started, in outbox order
 */
public record SyncReport(List<Outcome> outcomes) {
    public SyncReport {
        outcomes = List.copyOf(outcomes);
    }

    /** Entries the ledger accepted. */
    public long submitted() {
        return outcomes.stream().filter(Submitted.class::isInstance).count();
    }

    /** Entries the contract refused (conflicts and invalid requests). */
    public long rejected() {
        return outcomes.stream().filter(Rejected.class::isInstance).count();
    }

    /** Entries left pending because the gateway could not be reached. */
    public long deferred() {
        return outcomes.stream().filter(Deferred.class::isInstance).count();
    }

    /** What happened to one entry. */
    public sealed interface Outcome permits Submitted, Rejected, Deferred {
        /** The entry, in its state after the sync. */
        OutboxEntry entry();
    }

    /**
     * The ledger accepted the entry, now or in an earlier attempt whose answer was lost (same request id, same
     * result).
     */
    public record Submitted(OutboxEntry entry) implements Outcome {
        public Submitted {
            Objects.requireNonNull(entry, "entry == null");
        }

        /** The contract's result as a domain record, e.g. {@code resultAs(BatchView.class)}. */
        public <T> T resultAs(Class<T> type) {
            JavaType javaType = Json.type(type);
            return Json.read(entry.resultJson().getBytes(StandardCharsets.UTF_8), javaType, entry.function());
        }
    }

    /**
     * The contract refused the entry: a conflict with what others recorded meanwhile (e.g. {@code BATCH_EXISTS}) or an
     * invalid request. It stays in the outbox as {@link OutboxEntry.Status#REJECTED}.
     */
    public record Rejected(OutboxEntry entry, ErrorCode code, String message) implements Outcome {
        public Rejected {
            Objects.requireNonNull(entry, "entry == null");
            Objects.requireNonNull(code, "code == null");
        }
    }

    /** The gateway was unavailable; the entry stays pending for the next sync. */
    public record Deferred(OutboxEntry entry, String reason) implements Outcome {
        public Deferred {
            Objects.requireNonNull(entry, "entry == null");
        }
    }
}
