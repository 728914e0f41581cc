package org.fairmark.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.fairmark.simulator.KeyModificationRecord;
import org.fairmark.simulator.StateStore;
import org.fairmark.simulator.StateUpdate;
import org.fairmark.simulator.Utf8Order;
import org.fairmark.simulator.VersionedValue;

/**
 * The committed state as seen by a transaction in the middle of a block: the state before the block with the updates
 * of the block's earlier valid transactions laid over it. Fabric's validator checks reads and re-runs range queries
 * against exactly this view, so a phantom created by an earlier transaction of the same block is caught.
 *
 * <p>Confined to the committing thread.
 */
final class BlockOverlayState implements StateStore {
    private final StateStore base;
    private final String namespace;
    /** Updated keys of {@link #namespace}; a {@code null} value is a delete. */
    private final NavigableMap<String, VersionedValue> updates = new TreeMap<>(Utf8Order.INSTANCE);
    private final Set<String> writtenKeys = new HashSet<>();
    private final Set<String> validationParameterKeys = new HashSet<>();

    BlockOverlayState(StateStore base, String namespace) {
        this.base = Objects.requireNonNull(base, "base == null");
        this.namespace = Objects.requireNonNull(namespace, "namespace == null");
    }

    /** Lays a valid transaction's updates over the state. */
    void apply(List<StateUpdate> stateUpdates, Set<String> keysWritten) {
        for (StateUpdate update : stateUpdates) {
            updates.put(update.key(), update.value());
        }
        writtenKeys.addAll(keysWritten);
    }

    /** Records that a transaction which passed endorsement validation sets these keys' validation parameters. */
    void recordValidationParameterChange(Set<String> keys) {
        validationParameterKeys.addAll(keys);
    }

    /** Keys written, deleted or given a validation parameter by earlier valid transactions of the block. */
    Set<String> writtenKeys() {
        return Collections.unmodifiableSet(writtenKeys);
    }

    /** Whether an earlier valid transaction of the block changed the key's validation parameter. */
    boolean validationParameterChanged(String key) {
        return validationParameterKeys.contains(key);
    }

    @Override
    public VersionedValue get(String namespace, String key) {
        if (this.namespace.equals(namespace) && !updates.isEmpty()) {
            VersionedValue updated = updates.get(key);
            if (updated != null || updates.containsKey(key)) {
                return updated;
            }
        }
        return base.get(namespace, key);
    }

    @Override
    public List<Map.Entry<String, VersionedValue>> range(String namespace, String startKey, String endKey, int limit) {
        if (!this.namespace.equals(namespace) || updates.isEmpty()) {
            return base.range(namespace, startKey, endKey, limit);
        }
        NavigableMap<String, VersionedValue> slice;
        if (endKey.isEmpty()) {
            slice = updates.tailMap(startKey, true);
        } else if (Utf8Order.INSTANCE.compare(startKey, endKey) >= 0) {
            return List.of();
        } else {
            slice = updates.subMap(startKey, true, endKey, false);
        }
        if (slice.isEmpty()) {
            return base.range(namespace, startKey, endKey, limit);
        }
        // Each update can hide at most one base entry, so this many base entries are always enough.
        long wanted = (long) limit + slice.size();
        TreeMap<String, VersionedValue> merged = new TreeMap<>(Utf8Order.INSTANCE);
        for (Map.Entry<String, VersionedValue> entry :
                base.range(namespace, startKey, endKey, (int) Math.min(Integer.MAX_VALUE, wanted))) {
            merged.put(entry.getKey(), entry.getValue());
        }
        for (Map.Entry<String, VersionedValue> entry : slice.entrySet()) {
            if (entry.getValue() == null) {
                merged.remove(entry.getKey());
            } else {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        List<Map.Entry<String, VersionedValue>> result = new ArrayList<>(Math.min(limit, merged.size()));
        for (Map.Entry<String, VersionedValue> entry : merged.entrySet()) {
            if (result.size() == limit) {
                break;
            }
            result.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        return result;
    }

    @Override
    public List<KeyModificationRecord> history(String namespace, String key) {
        return base.history(namespace, key);
    }
}
