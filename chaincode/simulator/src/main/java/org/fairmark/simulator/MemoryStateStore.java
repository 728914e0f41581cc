package org.fairmark.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The reference {@link StateStore}: committed state and history of every namespace, in memory. Thread-safe;
 * commits are atomic with respect to reads.
 *
 * <pre>{@code
 * MemoryStateStore store = new MemoryStateStore();
 * SimulationResult result = chaincode.execute(store, invocation);
 * boolean committed = store.commitIfValid("fairmark", result.readWriteSet(), new Version(1, 0), txId, timestamp);
 * }</pre>
 */
public final class MemoryStateStore implements StateStore {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, NavigableMap<String, VersionedValue>> state = new HashMap<>();
    /**
     * The same entries as {@link #state}, hashed: a point read costs one hash lookup instead of a descent of the
     * sorted map, whose keys share long composite-key prefixes (at 1,000,000 packages some 20 comparisons of 40
     * characters each). The sorted map serves range queries and the export order.
     */
    private final Map<String, Map<String, VersionedValue>> points = new HashMap<>();
    private final Map<String, Map<String, List<KeyModificationRecord>>> history = new HashMap<>();

    public MemoryStateStore() {}

    @Override
    public VersionedValue get(String namespace, String key) {
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(key, "key == null");
        lock.readLock().lock();
        try {
            Map<String, VersionedValue> entries = points.get(namespace);
            return entries == null ? null : entries.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Map.Entry<String, VersionedValue>> range(String namespace, String startKey, String endKey, int limit) {
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(startKey, "startKey == null");
        Objects.requireNonNull(endKey, "endKey == null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1: " + limit);
        }
        lock.readLock().lock();
        try {
            NavigableMap<String, VersionedValue> entries = state.get(namespace);
            if (entries == null) {
                return List.of();
            }
            NavigableMap<String, VersionedValue> slice;
            if (endKey.isEmpty()) {
                slice = entries.tailMap(startKey, true);
            } else if (Utf8Order.INSTANCE.compare(startKey, endKey) >= 0) {
                return List.of();
            } else {
                slice = entries.subMap(startKey, true, endKey, false);
            }
            List<Map.Entry<String, VersionedValue>> result = new ArrayList<>(Math.min(limit, slice.size()));
            for (Map.Entry<String, VersionedValue> entry : slice.entrySet()) {
                if (result.size() == limit) {
                    break;
                }
                result.add(Map.entry(entry.getKey(), entry.getValue()));
            }
            return Collections.unmodifiableList(result);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<KeyModificationRecord> history(String namespace, String key) {
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(key, "key == null");
        lock.readLock().lock();
        try {
            List<KeyModificationRecord> records =
                    history.getOrDefault(namespace, Map.of()).getOrDefault(key, List.of());
            List<KeyModificationRecord> newestFirst = new ArrayList<>(records);
            Collections.reverse(newestFirst);
            return Collections.unmodifiableList(newestFirst);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Fabric's MVCC check of {@code rwset} against the current state; see {@link Mvcc}. */
    public boolean isValid(String namespace, ReadWriteSet rwset) {
        lock.readLock().lock();
        try {
            return Mvcc.validate(this, namespace, rwset);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Applies the writes, deletes and validation parameters of a transaction as valid, at {@code version}, and
     * appends its value writes to the history. Does not validate; see {@link #commitIfValid}.
     */
    public void commit(String namespace, ReadWriteSet rwset, Version version, String txId, Instant timestamp) {
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(rwset, "rwset == null");
        Objects.requireNonNull(version, "version == null");
        Objects.requireNonNull(txId, "txId == null");
        Objects.requireNonNull(timestamp, "timestamp == null");
        lock.writeLock().lock();
        try {
            apply(namespace, rwset.stateUpdates(this, namespace, version), txId, timestamp);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Validates and, when valid, commits a transaction atomically, like a peer committing a block of one
     * transaction.
     *
     * @return whether the transaction was valid and committed
     */
    public boolean commitIfValid(
            String namespace, ReadWriteSet rwset, Version version, String txId, Instant timestamp) {
        lock.writeLock().lock();
        try {
            if (!Mvcc.validate(this, namespace, rwset)) {
                return false;
            }
            commit(namespace, rwset, version, txId, timestamp);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void apply(String namespace, List<StateUpdate> updates, String txId, Instant timestamp) {
        NavigableMap<String, VersionedValue> entries =
                state.computeIfAbsent(namespace, ns -> new TreeMap<>(Utf8Order.INSTANCE));
        Map<String, VersionedValue> hashed = points.computeIfAbsent(namespace, ns -> new HashMap<>());
        Map<String, List<KeyModificationRecord>> keyHistory = history.computeIfAbsent(namespace, ns -> new HashMap<>());
        for (StateUpdate update : updates) {
            if (update.isDelete()) {
                entries.remove(update.key());
                hashed.remove(update.key());
            } else {
                entries.put(update.key(), update.value());
                hashed.put(update.key(), update.value());
            }
            update.historyRecord(txId, timestamp).ifPresent(record -> keyHistory
                    .computeIfAbsent(update.key(), key -> new ArrayList<>())
                    .add(record));
        }
    }

    /**
     * What {@link #export} hands out: every committed entry, then every key's history (oldest first). For snapshots
     * of the state; {@link #restoreEntry} and {@link #restoreHistory} put them back into an empty store.
     */
    public interface Exporter {
        void entry(String namespace, String key, VersionedValue value) throws java.io.IOException;

        void history(String namespace, String key, List<KeyModificationRecord> oldestFirst) throws java.io.IOException;
    }

    /**
     * Hands every committed entry (namespaces in sorted order, keys in state order) and then every key's history to
     * {@code exporter}, with no commit meanwhile.
     */
    public void export(Exporter exporter) throws java.io.IOException {
        Objects.requireNonNull(exporter, "exporter == null");
        lock.readLock().lock();
        try {
            for (String namespace : new TreeMap<>(state).keySet()) {
                for (Map.Entry<String, VersionedValue> entry : state.get(namespace).entrySet()) {
                    exporter.entry(namespace, entry.getKey(), entry.getValue());
                }
            }
            for (String namespace : new TreeMap<>(history).keySet()) {
                for (Map.Entry<String, List<KeyModificationRecord>> entry : history.get(namespace).entrySet()) {
                    exporter.history(namespace, entry.getKey(), Collections.unmodifiableList(entry.getValue()));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Puts back an entry {@link #export} handed out; replaces what the key held. */
    public void restoreEntry(String namespace, String key, VersionedValue value) {
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(value, "value == null");
        lock.writeLock().lock();
        try {
            state.computeIfAbsent(namespace, ns -> new TreeMap<>(Utf8Order.INSTANCE)).put(key, value);
            points.computeIfAbsent(namespace, ns -> new HashMap<>()).put(key, value);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Puts back a key's history (oldest first) {@link #export} handed out; replaces what the key held. */
    public void restoreHistory(String namespace, String key, List<KeyModificationRecord> oldestFirst) {
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(key, "key == null");
        List<KeyModificationRecord> records = new ArrayList<>(oldestFirst);
        lock.writeLock().lock();
        try {
            history.computeIfAbsent(namespace, ns -> new HashMap<>()).put(key, records);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        lock.readLock().lock();
        try {
            StringBuilder text = new StringBuilder("MemoryStateStore[");
            state.forEach((namespace, entries) ->
                    text.append(namespace).append('=').append(entries.size()).append(" keys "));
            return text.append(']').toString();
        } finally {
            lock.readLock().unlock();
        }
    }
}
