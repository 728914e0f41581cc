package org.fairmark.simulator;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The effect of a valid transaction on one key, as Fabric's committer computes it from the write set, the metadata
 * write set and the committed state (see {@link ReadWriteSet#stateUpdates}).
 *
 * @param key the key
 * @param value the new committed entry, or {@code null} when the key is deleted
 * @param valueWritten whether the transaction wrote or deleted the value itself (and so adds a history entry),
 *     rather than only changing the validation parameter
 */
public record StateUpdate(String key, VersionedValue value, boolean valueWritten) {
    public StateUpdate {
        Objects.requireNonNull(key, "key == null");
        if (value == null && !valueWritten) {
            throw new IllegalArgumentException("a delete is always a value write");
        }
    }

    /** Whether the key is removed from the state. */
    public boolean isDelete() {
        return value == null;
    }

    /** The history entry this update adds, if the value was written or deleted. */
    public Optional<KeyModificationRecord> historyRecord(String txId, Instant timestamp) {
        if (!valueWritten) {
            return Optional.empty();
        }
        byte[] written = value == null ? null : value.value();
        return Optional.of(new KeyModificationRecord(txId, timestamp, written, value == null));
    }
}
