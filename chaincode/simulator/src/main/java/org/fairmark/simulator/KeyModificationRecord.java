package org.fairmark.simulator;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a key's history: the transaction that wrote or deleted the key, as Fabric's history database
 * returns it through {@code getHistoryForKey}.
 *
 * @param txId the writing transaction
 * @param timestamp the transaction's timestamp (from its proposal header)
 * @param value the written value; empty for a delete
 * @param deleted whether the transaction deleted the key
 */
public record KeyModificationRecord(String txId, Instant timestamp, byte[] value, boolean deleted) {
    public KeyModificationRecord {
        Objects.requireNonNull(txId, "txId == null");
        Objects.requireNonNull(timestamp, "timestamp == null");
        value = Bytes.copyOrEmpty(value);
    }

    @Override
    public byte[] value() {
        return Bytes.copy(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyModificationRecord that
                && txId.equals(that.txId)
                && timestamp.equals(that.timestamp)
                && Arrays.equals(value, that.value)
                && deleted == that.deleted;
    }

    @Override
    public int hashCode() {
        return Objects.hash(txId, timestamp, Arrays.hashCode(value), deleted);
    }

    @Override
    public String toString() {
        return "KeyModificationRecord[txId=" + txId + ", timestamp=" + timestamp + ", value=" + Bytes.describe(value)
                + ", deleted=" + deleted + "]";
    }
}
