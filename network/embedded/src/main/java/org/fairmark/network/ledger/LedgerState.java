package org.fairmark.network.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.logging.Logger;
import org.fairmark.simulator.KeyModificationRecord;
import org.fairmark.simulator.MemoryStateStore;
import org.fairmark.simulator.ReadWriteSet;
import org.fairmark.simulator.StateStore;
import org.fairmark.simulator.Version;
import org.fairmark.simulator.VersionedValue;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The world state and history of a channel, rebuilt from its blocks and kept current as blocks commit; the
 * {@link StateStore} that chaincode simulation and MVCC validation read.
 *
 * <p>Only transactions the block's TRANSACTIONS_FILTER marks {@code VALID} change the state, as in Fabric. For each
 * namespace of such a transaction, in block order: a delete (or a write of an empty value) removes the key and its
 * validation parameter; a write sets the value at version {@code (block, tx)} and keeps the committed validation
 * parameter unless the transaction sets one; a metadata write sets or removes the {@code VALIDATION_PARAMETER} of an
 * existing key at the new version and is ignored for an absent key. Every write and delete appends a history
 * entry (transaction id, channel header timestamp, value, delete flag); {@link #history} returns them newest
 * first. These are the simulator's {@link ReadWriteSet#stateUpdates} rules, applied through a
 * {@link MemoryStateStore}.
 *
 * <p>A block is applied atomically: readers see the state before or after it, never half of it. For a sequence of
 * reads that must see one state (a whole simulation), use {@link #read}.
 *
 * {@snippet :
 * LedgerState state = LedgerState.rebuild(store);      // at startup
 * store.append(committed);
 * state.apply(committed);                              // after each commit
 * }
 */
public final class LedgerState implements StateStore {
    private static final Logger LOG = Logger.getLogger(LedgerState.class.getName());

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final MemoryStateStore state = new MemoryStateStore();
    private final Map<String, TransactionLocation> transactions = new HashMap<>();
    private long height;

    private LedgerState() {}

    /** The state of a ledger without blocks. */
    public static LedgerState empty() {
        return new LedgerState();
    }

    /** Replays every block of {@code store} from block 0. */
    public static LedgerState rebuild(BlockStore store) throws IOException {
        Objects.requireNonNull(store, "store == null");
        LedgerState ledgerState = new LedgerState();
        store.forEach(0, ledgerState::apply);
        LOG.info(() -> "rebuilt world state of " + store.directory() + " from " + ledgerState.height() + " blocks ("
                + ledgerState.transactionCount() + " transactions)");
        return ledgerState;
    }

    /**
     * Applies a committed block, whose validation codes are in its TRANSACTIONS_FILTER metadata. A block without
     * validation codes changes no state (its transactions are recorded as {@code NOT_VALIDATED}).
     *
     * <p>A transaction marked VALID that the validator should have rejected (a malformed envelope, a read-write
     * set that does not parse) changes nothing and is logged at SEVERE, the same way on every replay.
     *
     * @throws IllegalArgumentException if the block's number is not {@link #height()} or its validation codes do
     *     not match its transactions; the state is then unchanged
     */
    public void apply(Block committedBlock) {
        Objects.requireNonNull(committedBlock, "committedBlock == null");
        apply(committedBlock, Blocks.transactions(committedBlock));
    }

    /**
     * {@link #apply(Block)} with the block's transactions already parsed ({@link Blocks#transactions}), for a caller
     * that needs them too.
     *
     * @throws IllegalArgumentException if {@code parsed} is not one transaction per envelope of the block, in order
     */
    public void apply(Block committedBlock, List<ParsedTransaction> parsed) {
        Objects.requireNonNull(committedBlock, "committedBlock == null");
        Objects.requireNonNull(parsed, "parsed == null");
        long number = committedBlock.getHeader().getNumber();
        if (parsed.size() != committedBlock.getData().getDataCount()) {
            throw new IllegalArgumentException("block " + Long.toUnsignedString(number) + " has "
                    + committedBlock.getData().getDataCount() + " transactions, " + parsed.size() + " were parsed");
        }
        for (int i = 0; i < parsed.size(); i++) {
            if (parsed.get(i).index() != i) {
                throw new IllegalArgumentException("parsed transaction " + i + " has index " + parsed.get(i).index());
            }
        }
        List<List<NamespaceWrites>> writes = new ArrayList<>(parsed.size());
        for (ParsedTransaction transaction : parsed) {
            writes.add(transaction.isValid() ? namespaceWrites(number, transaction) : List.of());
        }
        lock.writeLock().lock();
        try {
            if (number != height) {
                throw new IllegalArgumentException("block " + Long.toUnsignedString(number)
                        + " does not follow the state: the next block must be " + height);
            }
            for (ParsedTransaction transaction : parsed) {
                Version version = new Version(number, transaction.index());
                for (NamespaceWrites namespaceWrites : writes.get(transaction.index())) {
                    state.commit(namespaceWrites.namespace(), namespaceWrites.writes(), version, transaction.txId(),
                            transaction.timestamp());
                }
                if (!transaction.txId().isEmpty()) {
                    // As Fabric's transaction index: the first transaction with an id answers for it.
                    transactions.putIfAbsent(transaction.txId(),
                            new TransactionLocation(number, transaction.index(), transaction.validationCode()));
                }
            }
            height = number + 1;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Writes the whole state (entries, histories, transaction index) and its height, with no block applied
     * meanwhile; {@link #readFrom} reads it back. The format is {@link StateSnapshots}' payload.
     */
    void writeTo(DataOutput out) throws IOException {
        lock.readLock().lock();
        try {
            out.writeLong(height);
            // entries and histories come interleaved in one stream: a tag byte before each record
            state.export(new MemoryStateStore.Exporter() {
                @Override
                public void entry(String namespace, String key, VersionedValue value) throws IOException {
                    out.writeByte(1);
                    writeString(out, namespace);
                    writeString(out, key);
                    writeBytes(out, value.value());
                    byte[] metadata = value.metadata();
                    out.writeBoolean(metadata != null);
                    if (metadata != null) {
                        writeBytes(out, metadata);
                    }
                    out.writeLong(value.version().blockNumber());
                    out.writeLong(value.version().txNumber());
                }

                @Override
                public void history(String namespace, String key, List<KeyModificationRecord> oldestFirst)
                        throws IOException {
                    out.writeByte(2);
                    writeString(out, namespace);
                    writeString(out, key);
                    out.writeInt(oldestFirst.size());
                    for (KeyModificationRecord record : oldestFirst) {
                        writeString(out, record.txId());
                        out.writeLong(record.timestamp().getEpochSecond());
                        out.writeInt(record.timestamp().getNano());
                        writeBytes(out, record.value());
                        out.writeBoolean(record.deleted());
                    }
                }
            });
            out.writeByte(0);
            out.writeInt(transactions.size());
            for (Map.Entry<String, TransactionLocation> entry : transactions.entrySet()) {
                writeString(out, entry.getKey());
                out.writeLong(entry.getValue().blockNumber());
                out.writeInt(entry.getValue().txIndex());
                out.writeInt(entry.getValue().validationCode().getNumber());
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The state {@link #writeTo} wrote.
     *
     * @param limit no length read may exceed it (the snapshot's size): a damaged length is refused instead of
     *     allocated
     * @throws IOException if the bytes are not such a state; {@link java.io.EOFException} if they end early
     */
    static LedgerState readFrom(DataInput in, long limit) throws IOException {
        LedgerState restored = new LedgerState();
        long height = in.readLong();
        if (height < 1) {
            throw new IOException("bad state height " + height);
        }
        restored.height = height;
        while (true) {
            int tag = in.readByte();
            if (tag == 0) {
                break;
            }
            String namespace = readString(in, limit);
            String key = readString(in, limit);
            if (tag == 1) {
                byte[] value = readBytes(in, limit);
                byte[] metadata = in.readBoolean() ? readBytes(in, limit) : null;
                Version version = version(in.readLong(), in.readLong(), height);
                if (value.length == 0) {
                    throw new IOException("empty value of key " + key);
                }
                restored.state.restoreEntry(namespace, key, new VersionedValue(value, metadata, version));
            } else if (tag == 2) {
                int count = length(in.readInt(), limit);
                List<KeyModificationRecord> records = new ArrayList<>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    String txId = readString(in, limit);
                    long seconds = in.readLong();
                    int nanos = in.readInt();
                    byte[] value = readBytes(in, limit);
                    boolean deleted = in.readBoolean();
                    Instant timestamp;
                    try {
                        timestamp = Instant.ofEpochSecond(seconds, nanos);
                    } catch (RuntimeException e) {
                        throw new IOException("bad history timestamp of key " + key, e);
                    }
                    records.add(new KeyModificationRecord(txId, timestamp, value, deleted));
                }
                restored.state.restoreHistory(namespace, key, records);
            } else {
                throw new IOException("bad record tag " + tag);
            }
        }
        int count = length(in.readInt(), limit);
        for (int i = 0; i < count; i++) {
            String txId = readString(in, limit);
            long block = in.readLong();
            int index = in.readInt();
            TxValidationCode code = TxValidationCode.forNumber(in.readInt());
            if (block < 0 || block >= height || index < 0 || code == null) {
                throw new IOException("bad location of transaction " + txId);
            }
            restored.transactions.put(txId, new TransactionLocation(block, index, code));
        }
        return restored;
    }

    /**
     * SHA-256 over a canonical form of the whole state: height, entries with values, validation parameters and
     * versions, every key's history, the transaction index with validation codes. Two states with the same digest
     * answer every query the same; {@code ledger verify --snapshot} compares a snapshot with a replay this way.
     */
    public byte[] digest() {
        MessageDigest sha = BlockHashes.sha256();
        lock.readLock().lock();
        try {
            java.io.DataOutputStream out = new java.io.DataOutputStream(
                    new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha));
            out.writeLong(height);
            TreeMap<String, List<KeyModificationRecord>> histories = new TreeMap<>();
            state.export(new MemoryStateStore.Exporter() {
                @Override
                public void entry(String namespace, String key, VersionedValue value) throws IOException {
                    writeString(out, namespace);
                    writeString(out, key);
                    writeBytes(out, value.value());
                    byte[] metadata = value.metadata();
                    writeBytes(out, metadata == null ? new byte[0] : metadata);
                    out.writeBoolean(metadata != null);
                    out.writeLong(value.version().blockNumber());
                    out.writeLong(value.version().txNumber());
                }

                @Override
                public void history(String namespace, String key, List<KeyModificationRecord> oldestFirst) {
                    histories.put(namespace + '\u0000' + key, List.copyOf(oldestFirst));
                }
            });
            for (Map.Entry<String, List<KeyModificationRecord>> entry : histories.entrySet()) {
                writeString(out, entry.getKey());
                out.writeInt(entry.getValue().size());
                for (KeyModificationRecord record : entry.getValue()) {
                    writeString(out, record.txId());
                    out.writeLong(record.timestamp().getEpochSecond());
                    out.writeInt(record.timestamp().getNano());
                    writeBytes(out, record.value());
                    out.writeBoolean(record.deleted());
                }
            }
            for (Map.Entry<String, TransactionLocation> entry : new TreeMap<>(transactions).entrySet()) {
                writeString(out, entry.getKey());
                out.writeLong(entry.getValue().blockNumber());
                out.writeInt(entry.getValue().txIndex());
                out.writeInt(entry.getValue().validationCode().getNumber());
            }
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("digest of memory failed", e);
        } finally {
            lock.readLock().unlock();
        }
        return sha.digest();
    }

    private static Version version(long block, long tx, long height) throws IOException {
        if (block < 0 || block >= height || tx < 0) {
            throw new IOException("bad version " + block + ":" + tx + " at height " + height);
        }
        return new Version(block, tx);
    }

    private static void writeString(DataOutput out, String text) throws IOException {
        writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInput in, long limit) throws IOException {
        return new String(readBytes(in, limit), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInput in, long limit) throws IOException {
        byte[] bytes = new byte[length(in.readInt(), limit)];
        in.readFully(bytes);
        return bytes;
    }

    private static int length(int length, long limit) throws IOException {
        if (length < 0 || length > limit) {
            throw new IOException("bad length " + Integer.toUnsignedString(length));
        }
        return length;
    }

    /** The number of blocks applied. */
    public long height() {
        lock.readLock().lock();
        try {
            return height;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Where the first transaction with {@code txId} was committed and its validation code, {@code null} when no
     * applied block holds it.
     */
    public TransactionLocation transaction(String txId) {
        Objects.requireNonNull(txId, "txId == null");
        lock.readLock().lock();
        try {
            return transactions.get(txId);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many distinct transaction ids the applied blocks hold. */
    public long transactionCount() {
        lock.readLock().lock();
        try {
            return transactions.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code reader} against this state with no block applied meanwhile, as a Fabric peer holds its state lock
     * for the duration of a simulation. Keep it short: commits wait for it.
     */
    public <T> T read(Function<? super StateStore, T> reader) {
        Objects.requireNonNull(reader, "reader == null");
        lock.readLock().lock();
        try {
            return reader.apply(this);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public VersionedValue get(String namespace, String key) {
        lock.readLock().lock();
        try {
            return state.get(namespace, key);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Map.Entry<String, VersionedValue>> range(String namespace, String startKey, String endKey, int limit) {
        lock.readLock().lock();
        try {
            return state.range(namespace, startKey, endKey, limit);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<KeyModificationRecord> history(String namespace, String key) {
        lock.readLock().lock();
        try {
            return state.history(namespace, key);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "LedgerState[height=" + height() + "]";
    }

    /** The writes of one namespace of a transaction; reads do not matter once a transaction is valid. */
    private record NamespaceWrites(String namespace, ReadWriteSet writes) {}

    /**
     * The writes of a VALID transaction. One the validator should not have let through (malformed, or with a
     * read-write set that does not parse) changes nothing and is logged: the block is durable already, and the
     * same decision on every replay keeps the ledger usable.
     */
    private static List<NamespaceWrites> namespaceWrites(long blockNumber, ParsedTransaction transaction) {
        if (transaction.malformed() != null) {
            ignoreValid(blockNumber, transaction, "its envelope is malformed: " + transaction.malformed());
            return List.of();
        }
        if (transaction.type() != HeaderType.ENDORSER_TRANSACTION) {
            return List.of();
        }
        List<NamespaceWrites> result = new ArrayList<>();
        for (NsReadWriteSet nsRwSet : transaction.rwset().getNsRwsetList()) {
            try {
                KVRWSet kvRwSet = KVRWSet.parseFrom(nsRwSet.getRwset());
                result.add(new NamespaceWrites(nsRwSet.getNamespace(), writesOf(kvRwSet)));
            } catch (InvalidProtocolBufferException e) {
                ignoreValid(blockNumber, transaction,
                        "its read-write set of namespace " + nsRwSet.getNamespace() + " does not parse");
                return List.of();
            }
        }
        return List.copyOf(result);
    }

    private static void ignoreValid(long blockNumber, ParsedTransaction transaction, String why) {
        LOG.severe(() -> "block " + blockNumber + " transaction " + transaction.index() + " (" + transaction.txId()
                + ") is marked VALID but " + why + "; its writes are ignored");
    }

    private static ReadWriteSet writesOf(KVRWSet kvRwSet) {
        ReadWriteSet.Builder writes = ReadWriteSet.builder();
        for (KVWrite write : kvRwSet.getWritesList()) {
            // Fabric's rwsetutil.IsKVWriteDelete: an explicit delete, or an empty value.
            if (write.getIsDelete() || write.getValue().isEmpty()) {
                writes.delete(write.getKey());
            } else {
                writes.write(write.getKey(), write.getValue().toByteArray());
            }
        }
        for (KVMetadataWrite metadataWrite : kvRwSet.getMetadataWritesList()) {
            byte[] validationParameter = null;
            for (KVMetadataEntry entry : metadataWrite.getEntriesList()) {
                if (ReadWriteSet.VALIDATION_PARAMETER.equals(entry.getName())) {
                    validationParameter = entry.getValue().toByteArray();
                }
            }
            writes.metadataWrite(metadataWrite.getKey(), validationParameter);
        }
        return writes.build();
    }
}
