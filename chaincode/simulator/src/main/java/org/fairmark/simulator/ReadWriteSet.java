package org.fairmark.simulator;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;

/**
 * The read-write set of one transaction in one namespace, as a Fabric 2.5 peer's {@code RWSetBuilder} records it:
 *
 * <ul>
 *   <li>{@link #reads()}: every key read with {@code getState} or {@code getStateValidationParameter}, with the
 *       committed version it had ({@code null} when absent);
 *   <li>{@link #rangeQueries()}: one {@link RangeQueryInfo} per distinct range query, in execution order;
 *   <li>{@link #writes()}: the last value written per key, {@code null} for a delete;
 *   <li>{@link #metadataWrites()}: the last validation parameter set per key ({@code null} removes it).
 * </ul>
 *
 * <p>Maps are sorted by {@link Utf8Order}, so the protobuf form is deterministic: equal simulations give equal
 * bytes. Instances are immutable; byte arrays are copied in and out.
 *
 * <pre>{@code
 * ReadWriteSet rwset = ReadWriteSet.builder().read("a", new Version(1, 0)).write("b", bytes).build();
 * byte[] kvrwset = rwset.toKvRwSetBytes();
 * }</pre>
 */
public final class ReadWriteSet {
    /** The state metadata entry name Fabric uses for a key-level endorsement policy ({@code MetaDataKeys}). */
    public static final String VALIDATION_PARAMETER = "VALIDATION_PARAMETER";

    private static final ReadWriteSet EMPTY = builder().build();

    private final SortedMap<String, Version> reads;
    private final List<RangeQueryInfo> rangeQueries;
    private final TreeMap<String, byte[]> writes;
    private final TreeMap<String, byte[]> metadataWrites;
    private volatile byte[] kvRwSetBytes;
    private volatile SortedSet<String> writtenKeys;

    private ReadWriteSet(Builder builder) {
        this.reads = Collections.unmodifiableSortedMap(new TreeMap<>(builder.reads));
        this.rangeQueries = List.copyOf(builder.rangeQueries.values());
        this.writes = copyValues(builder.writes);
        this.metadataWrites = copyValues(builder.metadataWrites);
    }

    /** A read-write set with no reads and no writes. */
    public static ReadWriteSet empty() {
        return EMPTY;
    }

    /** A builder for read-write sets assembled by hand (tests, or a store that replays transactions). */
    public static Builder builder() {
        return new Builder();
    }

    /** Keys read, each with the committed version seen, {@code null} for a key that was absent. */
    public SortedMap<String, Version> reads() {
        return reads;
    }

    /** The range queries, in the order they were started, without duplicates. */
    public List<RangeQueryInfo> rangeQueries() {
        return rangeQueries;
    }

    /** Keys written, each with its new value, {@code null} for a delete. The arrays are copies. */
    public SortedMap<String, byte[]> writes() {
        return Collections.unmodifiableSortedMap(copyValues(writes));
    }

    /** Keys whose validation parameter was set, each with the new parameter, {@code null} for a removal. */
    public SortedMap<String, byte[]> metadataWrites() {
        return Collections.unmodifiableSortedMap(copyValues(metadataWrites));
    }

    /** Keys written or deleted (not those only given a validation parameter), without copying the values. */
    public SortedSet<String> valueWrittenKeys() {
        return Collections.unmodifiableSortedSet(writes.navigableKeySet());
    }

    /** Keys whose validation parameter was set or removed, without copying the parameters. */
    public SortedSet<String> metadataWrittenKeys() {
        return Collections.unmodifiableSortedSet(metadataWrites.navigableKeySet());
    }

    /**
     * Every key this transaction changes: written, deleted or given a validation parameter. Computed once (a
     * committer asks for it several times per transaction).
     */
    public SortedSet<String> writtenKeys() {
        SortedSet<String> keys = writtenKeys;
        if (keys == null) {
            // from the sorted write keys in linear time, then the (usually already present) metadata keys
            TreeSet<String> merged = new TreeSet<>(writes.navigableKeySet());
            for (String key : metadataWrites.keySet()) {
                if (!writes.containsKey(key)) {
                    merged.add(key);
                }
            }
            keys = Collections.unmodifiableSortedSet(merged);
            writtenKeys = keys;
        }
        return keys;
    }

    /** Whether the transaction changes nothing. */
    public boolean isReadOnly() {
        return writes.isEmpty() && metadataWrites.isEmpty();
    }

    /**
     * Fabric's {@code kvrwset.KVRWSet}: reads with block/tx versions (none for an absent key), range query infos
     * with raw reads, writes with {@code is_delete}, metadata writes with one {@value #VALIDATION_PARAMETER} entry.
     */
    public KVRWSet toKvRwSet() {
        KVRWSet.Builder proto = KVRWSet.newBuilder();
        reads.forEach((key, version) -> proto.addReads(kvRead(key, version)));
        for (RangeQueryInfo rangeQuery : rangeQueries) {
            org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo.Builder info =
                    org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo.newBuilder()
                            .setStartKey(rangeQuery.startKey())
                            .setEndKey(rangeQuery.endKey())
                            .setItrExhausted(rangeQuery.iteratorExhausted());
            // Like Fabric, a query that returned nothing carries no raw_reads at all.
            if (!rangeQuery.reads().isEmpty()) {
                QueryReads.Builder rawReads = QueryReads.newBuilder();
                rangeQuery.reads().forEach(read -> rawReads.addKvReads(kvRead(read.key(), read.version())));
                info.setRawReads(rawReads);
            }
            proto.addRangeQueriesInfo(info);
        }
        writes.forEach((key, value) -> proto.addWrites(KVWrite.newBuilder()
                .setKey(key)
                .setIsDelete(value == null)
                .setValue(value == null ? ByteString.EMPTY : ByteString.copyFrom(value))));
        metadataWrites.forEach((key, parameter) -> {
            KVMetadataWrite.Builder write = KVMetadataWrite.newBuilder().setKey(key);
            if (parameter != null) {
                write.addEntries(KVMetadataEntry.newBuilder()
                        .setName(VALIDATION_PARAMETER)
                        .setValue(ByteString.copyFrom(parameter)));
            }
            proto.addMetadataWrites(write);
        });
        return proto.build();
    }

    /** The serialized {@link #toKvRwSet()}; deterministic. */
    public byte[] toKvRwSetBytes() {
        return Bytes.copy(kvRwSetBytes());
    }

    /**
     * Fabric's {@code rwset.TxReadWriteSet} for a transaction that touched only {@code namespace}: data model
     * {@code KV} and one namespace entry holding {@link #toKvRwSetBytes()}. This is the {@code results} field of
     * the chaincode action in a proposal response.
     */
    public byte[] toTxReadWriteSetBytes(String namespace) {
        Objects.requireNonNull(namespace, "namespace == null");
        return TxReadWriteSet.newBuilder()
                .setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder()
                        .setNamespace(namespace)
                        .setRwset(ByteString.copyFrom(kvRwSetBytes())))
                .build()
                .toByteArray();
    }

    /**
     * Reads a {@code kvrwset.KVRWSet}, e.g. from a transaction in a block. Writes with an empty value are deletes,
     * as Fabric treats them (FAB-18386).
     *
     * @throws IllegalArgumentException if range reads are summarised as Merkle hashes, or metadata other than
     *     {@value #VALIDATION_PARAMETER} is written; this simulator produces neither
     */
    public static ReadWriteSet fromKvRwSet(KVRWSet proto) {
        Objects.requireNonNull(proto, "proto == null");
        Builder builder = builder();
        for (KVRead read : proto.getReadsList()) {
            builder.read(read.getKey(), read.hasVersion() ? version(read.getVersion()) : null);
        }
        for (org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo info : proto.getRangeQueriesInfoList()) {
            if (info.hasReadsMerkleHashes()) {
                throw new IllegalArgumentException("range query [" + Keys.printable(info.getStartKey()) + ", "
                        + Keys.printable(info.getEndKey()) + ") has reads summarised as Merkle hashes; not supported");
            }
            List<RangeQueryInfo.Read> rangeReads = info.getRawReads().getKvReadsList().stream()
                    .map(read -> new RangeQueryInfo.Read(read.getKey(), version(read.getVersion())))
                    .toList();
            builder.rangeQuery(
                    new RangeQueryInfo(info.getStartKey(), info.getEndKey(), info.getItrExhausted(), rangeReads));
        }
        for (KVWrite write : proto.getWritesList()) {
            if (write.getIsDelete() || write.getValue().isEmpty()) {
                builder.delete(write.getKey());
            } else {
                builder.write(write.getKey(), write.getValue().toByteArray());
            }
        }
        for (KVMetadataWrite write : proto.getMetadataWritesList()) {
            byte[] parameter = null;
            for (KVMetadataEntry entry : write.getEntriesList()) {
                if (!VALIDATION_PARAMETER.equals(entry.getName())) {
                    throw new IllegalArgumentException("metadata entry '" + entry.getName() + "' of key ["
                            + Keys.printable(write.getKey()) + "] is not supported, only " + VALIDATION_PARAMETER);
                }
                parameter = entry.getValue().toByteArray();
            }
            builder.metadataWrite(write.getKey(), parameter);
        }
        return builder.build();
    }

    /** Parses serialized {@code kvrwset.KVRWSet} bytes; see {@link #fromKvRwSet}. */
    public static ReadWriteSet parseKvRwSet(byte[] kvRwSetBytes) {
        Objects.requireNonNull(kvRwSetBytes, "kvRwSetBytes == null");
        try {
            return fromKvRwSet(KVRWSet.parseFrom(kvRwSetBytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a kvrwset.KVRWSet: " + e.getMessage(), e);
        }
    }

    /**
     * The read-write set of {@code namespace} in serialized {@code rwset.TxReadWriteSet} bytes, empty when the
     * transaction did not touch the namespace.
     *
     * @throws IllegalArgumentException if the bytes are not a KV {@code TxReadWriteSet}, or the namespace carries
     *     private data hashes (not supported)
     */
    public static ReadWriteSet parseTxReadWriteSet(byte[] txReadWriteSetBytes, String namespace) {
        Objects.requireNonNull(txReadWriteSetBytes, "txReadWriteSetBytes == null");
        Objects.requireNonNull(namespace, "namespace == null");
        TxReadWriteSet txRwSet;
        try {
            txRwSet = TxReadWriteSet.parseFrom(txReadWriteSetBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a rwset.TxReadWriteSet: " + e.getMessage(), e);
        }
        if (txRwSet.getDataModel() != TxReadWriteSet.DataModel.KV) {
            throw new IllegalArgumentException("unsupported data model " + txRwSet.getDataModel());
        }
        for (NsReadWriteSet nsRwSet : txRwSet.getNsRwsetList()) {
            if (nsRwSet.getNamespace().equals(namespace)) {
                if (nsRwSet.getCollectionHashedRwsetCount() > 0) {
                    throw new IllegalArgumentException("namespace " + namespace + " has private data; not supported");
                }
                try {
                    return fromKvRwSet(KVRWSet.parseFrom(nsRwSet.getRwset()));
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalArgumentException("namespace " + namespace + " has no valid kvrwset", e);
                }
            }
        }
        return EMPTY;
    }

    /**
     * How committing this (valid) transaction at {@code version} changes the state of {@code namespace}, merged
     * with {@code committed} state as Fabric's committer does it:
     *
     * <ul>
     *   <li>a delete removes the key and its validation parameter;
     *   <li>a value write keeps the committed validation parameter unless the transaction also sets one;
     *   <li>setting only the validation parameter keeps the committed value and gives the key the new version, and
     *       does nothing for an absent key.
     * </ul>
     *
     * A store applies the updates in order and appends {@link StateUpdate#historyRecord} entries to the history.
     */
    public List<StateUpdate> stateUpdates(StateStore committed, String namespace, Version version) {
        Objects.requireNonNull(committed, "committed == null");
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(version, "version == null");
        List<StateUpdate> updates = new ArrayList<>(writes.size() + metadataWrites.size());
        // Both maps are sorted alike: walk them side by side (every key once, in order, no lookups).
        java.util.Iterator<Map.Entry<String, byte[]>> valueWrites = writes.entrySet().iterator();
        java.util.Iterator<Map.Entry<String, byte[]>> parameterWrites = metadataWrites.entrySet().iterator();
        Map.Entry<String, byte[]> nextValue = valueWrites.hasNext() ? valueWrites.next() : null;
        Map.Entry<String, byte[]> nextParameter = parameterWrites.hasNext() ? parameterWrites.next() : null;
        while (nextValue != null || nextParameter != null) {
            int order = nextValue == null ? 1
                    : nextParameter == null ? -1 : Utf8Order.INSTANCE.compare(nextValue.getKey(), nextParameter.getKey());
            String key = order <= 0 ? nextValue.getKey() : nextParameter.getKey();
            boolean valueWritten = order <= 0;
            byte[] value = valueWritten ? nextValue.getValue() : null;
            boolean metadataWritten = order >= 0;
            byte[] metadata = metadataWritten ? nextParameter.getValue() : null;
            if (valueWritten) {
                nextValue = valueWrites.hasNext() ? valueWrites.next() : null;
            }
            if (metadataWritten) {
                nextParameter = parameterWrites.hasNext() ? parameterWrites.next() : null;
            }
            if (valueWritten && value == null) {
                updates.add(new StateUpdate(key, null, true));
            } else if (valueWritten) {
                byte[] keptMetadata = metadataWritten ? metadata : metadataOf(committed.get(namespace, key));
                updates.add(new StateUpdate(key, new VersionedValue(value, keptMetadata, version), true));
            } else {
                VersionedValue current = committed.get(namespace, key);
                if (current != null) {
                    updates.add(new StateUpdate(key, new VersionedValue(current.value(), metadata, version), false));
                }
            }
        }
        return List.copyOf(updates);
    }

    private static byte[] metadataOf(VersionedValue value) {
        return value == null ? null : value.metadata();
    }

    private byte[] kvRwSetBytes() {
        byte[] bytes = kvRwSetBytes;
        if (bytes == null) {
            bytes = toKvRwSet().toByteArray();
            kvRwSetBytes = bytes;
        }
        return bytes;
    }

    private static KVRead kvRead(String key, Version version) {
        KVRead.Builder read = KVRead.newBuilder().setKey(key);
        if (version != null) {
            read.setVersion(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder()
                    .setBlockNum(version.blockNumber())
                    .setTxNum(version.txNumber()));
        }
        return read.build();
    }

    private static Version version(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version proto) {
        return new Version(proto.getBlockNum(), proto.getTxNum());
    }

    /** A copy with copied values; linear (the sorted map is copied as a tree, no key is compared). */
    private static TreeMap<String, byte[]> copyValues(SortedMap<String, byte[]> map) {
        TreeMap<String, byte[]> copy = new TreeMap<>(map);
        copy.replaceAll((key, value) -> Bytes.copyOrNull(value));
        return copy;
    }

    /** Equal when the protobuf forms are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ReadWriteSet that && Arrays.equals(kvRwSetBytes(), that.kvRwSetBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(kvRwSetBytes());
    }

    @Override
    public String toString() {
        return "ReadWriteSet[reads=" + describe(reads.keySet()) + ", rangeQueries=" + rangeQueries.size()
                + ", writes=" + describe(writes.keySet()) + ", metadataWrites=" + describe(metadataWrites.keySet())
                + "]";
    }

    private static String describe(java.util.Set<String> keys) {
        return keys.stream().map(Keys::printable).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * Collects reads and writes with Fabric's rules: the last read, write and validation parameter of a key win,
     * an empty value is a delete, and a range query equal to an earlier one (same start, end and exhaustion) is
     * recorded once.
     */
    public static final class Builder {
        private final TreeMap<String, Version> reads = new TreeMap<>(Utf8Order.INSTANCE);
        private final java.util.LinkedHashMap<RangeKey, RangeQueryInfo> rangeQueries = new java.util.LinkedHashMap<>();
        private final TreeMap<String, byte[]> writes = new TreeMap<>(Utf8Order.INSTANCE);
        private final TreeMap<String, byte[]> metadataWrites = new TreeMap<>(Utf8Order.INSTANCE);

        private Builder() {}

        /** Records a read of {@code key} at {@code version}, {@code null} when the key was absent. */
        public Builder read(String key, Version version) {
            Objects.requireNonNull(key, "key == null");
            reads.put(key, version);
            return this;
        }

        /** Records a range query, unless one with the same start, end and exhaustion is recorded already. */
        public Builder rangeQuery(RangeQueryInfo rangeQuery) {
            Objects.requireNonNull(rangeQuery, "rangeQuery == null");
            rangeQueries.putIfAbsent(
                    new RangeKey(rangeQuery.startKey(), rangeQuery.endKey(), rangeQuery.iteratorExhausted()),
                    rangeQuery);
            return this;
        }

        /** Records a write of {@code value}; an empty value is recorded as a delete, as Fabric does. */
        public Builder write(String key, byte[] value) {
            Objects.requireNonNull(key, "key == null");
            Objects.requireNonNull(value, "value == null");
            writes.put(key, value.length == 0 ? null : value.clone());
            return this;
        }

        /** Records a delete of {@code key}. */
        public Builder delete(String key) {
            Objects.requireNonNull(key, "key == null");
            writes.put(key, null);
            return this;
        }

        /** Records a new validation parameter for {@code key}; {@code null} removes it. */
        public Builder metadataWrite(String key, byte[] validationParameter) {
            Objects.requireNonNull(key, "key == null");
            metadataWrites.put(key, Bytes.copyOrNull(validationParameter));
            return this;
        }

        public ReadWriteSet build() {
            return new ReadWriteSet(this);
        }
    }

    private record RangeKey(String startKey, String endKey, boolean exhausted) {}
}
