package org.fairmark.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Fabric's MVCC validation of a transaction's read-write set against committed state, for any {@link StateStore}.
 *
 * <p>A transaction is valid when
 *
 * <ul>
 *   <li>every key it read still has the version it read ({@code null}: still absent), and
 *   <li>every range query would still return the same keys with the same versions (phantom read protection). A
 *       query whose iterator was not exhausted is re-run only up to and including the last key read.
 * </ul>
 *
 * <p>Validate each transaction of a block against the state that includes the block's earlier valid transactions.
 *
 * <pre>{@code
 * if (Mvcc.validate(store, "fairmark", rwset)) {
 *     // apply rwset.stateUpdates(store, "fairmark", new Version(block, tx))
 * }
 * }</pre>
 */
public final class Mvcc {
    private static final int DESCRIBED_READS = 8;

    private Mvcc() {}

    /** Whether {@code rwset} is valid against {@code committed}. */
    public static boolean validate(StateStore committed, String namespace, ReadWriteSet rwset) {
        return findConflict(committed, namespace, rwset, Set.of()).isEmpty();
    }

    /** The first reason {@code rwset} is invalid against {@code committed}, if any. */
    public static Optional<String> findConflict(StateStore committed, String namespace, ReadWriteSet rwset) {
        return findConflict(committed, namespace, rwset, Set.of());
    }

    /**
     * The first reason {@code rwset} is invalid, if any, where {@code keysWrittenEarlierInBlock} are the keys of
     * {@code namespace} that valid transactions earlier in the same block wrote or deleted. Fabric invalidates a
     * read of such a key even when the versions would agree (a delete of an absent key leaves it absent).
     */
    public static Optional<String> findConflict(
            StateStore committed, String namespace, ReadWriteSet rwset, Set<String> keysWrittenEarlierInBlock) {
        Objects.requireNonNull(committed, "committed == null");
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(rwset, "rwset == null");
        Objects.requireNonNull(keysWrittenEarlierInBlock, "keysWrittenEarlierInBlock == null");
        for (Map.Entry<String, Version> read : rwset.reads().entrySet()) {
            String key = read.getKey();
            if (keysWrittenEarlierInBlock.contains(key)) {
                return Optional.of("read conflict on key [" + Keys.printable(key)
                        + "]: written by an earlier transaction in the block");
            }
            VersionedValue current = committed.get(namespace, key);
            Version committedVersion = current == null ? null : current.version();
            if (!Objects.equals(read.getValue(), committedVersion)) {
                return Optional.of("read conflict on key [" + Keys.printable(key) + "]: read version "
                        + read.getValue() + ", committed version " + committedVersion);
            }
        }
        for (RangeQueryInfo rangeQuery : rwset.rangeQueries()) {
            List<RangeQueryInfo.Read> now = rerun(committed, namespace, rangeQuery);
            if (!now.equals(rangeQuery.reads())) {
                return Optional.of("phantom read conflict in range [" + Keys.printable(rangeQuery.startKey()) + ", "
                        + Keys.printable(rangeQuery.endKey()) + (rangeQuery.iteratorExhausted() ? ")" : "]")
                        + ": read " + describe(rangeQuery.reads()) + ", now " + describe(now));
            }
        }
        return Optional.empty();
    }

    /**
     * The range as the validator sees it now, at most one entry more than was read: {@code [start, end)} when the
     * iterator was exhausted, else {@code [start, end]} where end is the last key read.
     */
    private static List<RangeQueryInfo.Read> rerun(StateStore committed, String namespace, RangeQueryInfo query) {
        int limit = query.reads().size() + 1;
        List<RangeQueryInfo.Read> now = new ArrayList<>(limit);
        for (Map.Entry<String, VersionedValue> entry :
                committed.range(namespace, query.startKey(), query.endKey(), limit)) {
            now.add(new RangeQueryInfo.Read(entry.getKey(), entry.getValue().version()));
        }
        boolean includeEndKey = !query.iteratorExhausted() && !query.endKey().isEmpty();
        if (includeEndKey && now.size() < limit) {
            VersionedValue end = committed.get(namespace, query.endKey());
            if (end != null) {
                now.add(new RangeQueryInfo.Read(query.endKey(), end.version()));
            }
        }
        return now;
    }

    private static String describe(List<RangeQueryInfo.Read> reads) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < reads.size(); i++) {
            if (i == DESCRIBED_READS) {
                text.append(", ... (").append(reads.size()).append(" keys)");
                break;
            }
            if (i > 0) {
                text.append(", ");
            }
            text.append(Keys.printable(reads.get(i).key())).append('@').append(reads.get(i).version());
        }
        return text.append(']').toString();
    }
}
