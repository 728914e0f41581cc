package org.fairmark.simulator;

import java.util.List;
import java.util.Objects;

/**
 * What a transaction saw of one range query, recorded for phantom read protection exactly as Fabric's
 * {@code kvrwset.RangeQueryInfo}: the keys the peer pulled from its state iterator with their versions, and how
 * far it got.
 *
 * <p>When the iterator was exhausted, {@code endKey} is the query's end key and the validator re-runs the range
 * {@code [startKey, endKey)}. Otherwise {@code endKey} is the last key pulled and the validator re-runs
 * {@code [startKey, endKey]}: keys inserted after the last key read do not invalidate the transaction.
 *
 * @param startKey the query's start key (the bookmark, for a page that continues a paginated query)
 * @param endKey the query's end key when exhausted, else the last key pulled
 * @param iteratorExhausted whether the peer's iterator reached the end of the range
 * @param reads the keys pulled, in order, with the versions they had
 */
public record RangeQueryInfo(String startKey, String endKey, boolean iteratorExhausted, List<Read> reads) {
    public RangeQueryInfo {
        Objects.requireNonNull(startKey, "startKey == null");
        Objects.requireNonNull(endKey, "endKey == null");
        reads = List.copyOf(reads);
    }

    /**
     * One key a range query returned.
     *
     * @param key the key
     * @param version the committed version it had
     */
    public record Read(String key, Version version) {
        public Read {
            Objects.requireNonNull(key, "key == null");
            Objects.requireNonNull(version, "version == null");
        }
    }
}
