package org.fairmark.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The peer's state iterator over one range, wrapped as Fabric's {@code resultsItr}: every key pulled is recorded
 * with its version, the end key follows the last key pulled, and pulling past the end marks the iterator
 * exhausted. Reads the store in chunks; not thread-safe.
 */
final class RangeScan {
    /** One response batch of the peer plus the key that tells it more are pending. */
    private static final int FETCH_SIZE = RangeQueryIterator.MAX_RESULT_LIMIT + 1;

    private final StateStore store;
    private final String namespace;
    private final String startKey;
    private final String endKey;
    private final ArrayDeque<Map.Entry<String, VersionedValue>> fetched = new ArrayDeque<>();
    private final List<RangeQueryInfo.Read> reads = new ArrayList<>();
    private String cursor;
    private boolean storeExhausted;
    private String lastKeyPulled = "";
    private boolean exhausted;

    RangeScan(StateStore store, String namespace, String startKey, String endKey) {
        this.store = store;
        this.namespace = namespace;
        this.startKey = startKey;
        this.endKey = endKey;
        this.cursor = startKey;
    }

    /** The next entry of the range, recorded as read, or {@code null} (recorded as exhaustion) at the end. */
    Map.Entry<String, VersionedValue> pull() {
        refillIfNeeded();
        Map.Entry<String, VersionedValue> entry = fetched.poll();
        if (entry == null) {
            exhausted = true;
            return null;
        }
        reads.add(new RangeQueryInfo.Read(entry.getKey(), entry.getValue().version()));
        lastKeyPulled = entry.getKey();
        return entry;
    }

    /**
     * The key the next {@link #pull()} would return, without recording it, or {@code ""}: the bookmark of a page,
     * as LevelDB's {@code GetBookmarkAndClose} computes it.
     */
    String peekKey() {
        refillIfNeeded();
        Map.Entry<String, VersionedValue> entry = fetched.peek();
        return entry == null ? "" : entry.getKey();
    }

    RangeQueryInfo info() {
        return new RangeQueryInfo(startKey, exhausted ? endKey : lastKeyPulled, exhausted, reads);
    }

    private void refillIfNeeded() {
        if (!fetched.isEmpty() || storeExhausted) {
            return;
        }
        List<Map.Entry<String, VersionedValue>> chunk = store.range(namespace, cursor, endKey, FETCH_SIZE);
        fetched.addAll(chunk);
        if (chunk.size() < FETCH_SIZE) {
            storeExhausted = true;
        } else {
            cursor = Utf8Order.successor(chunk.get(chunk.size() - 1).getKey());
        }
    }
}
