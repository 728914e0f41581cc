package org.fairmark.simulator;

import java.util.List;
import java.util.Map;

/**
 * The committed world state of one channel, read side: what a peer's state database and history database answer
 * while a transaction is simulated or validated.
 *
 * <p>Keys of a namespace are ordered by their UTF-8 bytes ({@link Utf8Order}), as in Fabric's LevelDB state
 * database. Implementations must be safe for concurrent reads.
 *
 * <pre>{@code
 * VersionedValue current = store.get("fairmark", "batch-1");   // null when absent
 * }</pre>
 */
public interface StateStore {
    /**
     * The committed entry of {@code key} in {@code namespace}, or {@code null} when the key is absent.
     */
    VersionedValue get(String namespace, String key);

    /**
     * The committed entries with keys in {@code [startKey, endKey)}, in {@link Utf8Order}, at most {@code limit}
     * of them. An empty {@code startKey} starts at the first key, an empty {@code endKey} means no upper bound. A
     * range whose start is not below its end is empty.
     *
     * @param limit the maximum number of entries returned, at least 1
     */
    List<Map.Entry<String, VersionedValue>> range(String namespace, String startKey, String endKey, int limit);

    /**
     * Every committed write and delete of {@code key}, newest first, as Fabric 2.x's history database returns
     * them. Changes of the validation parameter alone are not part of the history.
     */
    List<KeyModificationRecord> history(String namespace, String key);
}
