package org.fairmark.simulator;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.ContractRuntimeException;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A {@link ChaincodeStub} over committed state that behaves like the Java shim talking to a Fabric 2.5 peer's
 * transaction simulator, recording the transaction's {@link ReadWriteSet}:
 *
 * <ul>
 *   <li>no read-your-writes: {@code getState} returns the committed value even after {@code putState} or
 *       {@code delState} in the same transaction; an absent key reads as an empty array, as in the shim;
 *   <li>every read records the committed version; writes and validation parameters are recorded, the last per key
 *       winning, and writing an empty value is a delete;
 *   <li>range and partial composite key queries fetch in the peer's batches and record what the peer pulled for
 *       phantom read checks; paginated queries return Fabric's bookmark and fetched-records count;
 *   <li>paginated queries are allowed only in read-only transactions: a write after one, or one after a write,
 *       throws the shim's {@link ContractRuntimeException} with the peer's message and fails the simulation;
 *   <li>one chaincode event per transaction, the last {@code setEvent} wins.
 * </ul>
 *
 * <p>Private data, rich queries and chaincode-to-chaincode calls are not supported: they throw
 * {@link UnsupportedOperationException} naming the feature and fail the simulation. A failed simulation is reported
 * by {@link #simulationFailure()} even when the chaincode caught the exception.
 *
 * <p>One stub serves one transaction on one thread, like the shim's.
 *
 * <pre>{@code
 * SimulatedStub stub = new SimulatedStub(store, "fairmark", invocation);
 * Chaincode.Response response = chaincode.invoke(stub);
 * ReadWriteSet rwset = stub.readWriteSet();
 * }</pre>
 */
public final class SimulatedStub implements ChaincodeStub {
    /** The shim replaces an empty range start with U+0001, which leaves composite keys (U+0000...) out. */
    private static final String UNSPECIFIED_START_KEY = "\u0001";

    /** U+10FFFF, the shim's end of a partial composite key range. */
    private static final String MAX_UNICODE_RUNE = "\udbff\udfff";

    private final StateStore store;
    private final String namespace;
    private final Invocation invocation;
    private final TreeMap<String, Version> reads = new TreeMap<>(Utf8Order.INSTANCE);
    private final List<RangeScan> rangeScans = new ArrayList<>();
    private final TreeMap<String, byte[]> writes = new TreeMap<>(Utf8Order.INSTANCE);
    private final TreeMap<String, byte[]> metadataWrites = new TreeMap<>(Utf8Order.INSTANCE);
    private boolean writePerformed;
    private boolean paginatedQueryPerformed;
    private ChaincodeEvent event;
    private String failure;
    private List<String> stringArgs;

    /**
     * A stub for one execution of {@code invocation} by the chaincode installed as {@code namespace}, reading the
     * committed state of {@code store}.
     */
    public SimulatedStub(StateStore store, String namespace, Invocation invocation) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.namespace = Objects.requireNonNull(namespace, "namespace == null");
        this.invocation = Objects.requireNonNull(invocation, "invocation == null");
    }

    /** What the transaction has read and written so far. */
    public ReadWriteSet readWriteSet() {
        ReadWriteSet.Builder builder = ReadWriteSet.builder();
        reads.forEach(builder::read);
        rangeScans.forEach(scan -> builder.rangeQuery(scan.info()));
        writes.forEach((key, value) -> {
            if (value == null) {
                builder.delete(key);
            } else {
                builder.write(key, value);
            }
        });
        metadataWrites.forEach(builder::metadataWrite);
        return builder.build();
    }

    /**
     * Why the simulation failed, if it did: the first rule violation (a write after a paginated query, a paginated
     * query after a write) or unsupported call. The peer would not endorse such a transaction.
     */
    public Optional<String> simulationFailure() {
        return Optional.ofNullable(failure);
    }

    // ----- invocation

    /**
     * The arguments decoded once per simulation: the shim's routing and a contract ask for the function name and the
     * parameters several times, and decoding a request with Chinese text each time was about 15 % of a registration's
     * JFR samples in the simulator under C1 (bench/results/profile.md, wave 6). The list is immutable; callers get
     * copies.
     */
    private List<String> stringArgs() {
        List<String> decoded = stringArgs;
        if (decoded == null) {
            decoded = invocation.stringArgs();
            stringArgs = decoded;
        }
        return decoded;
    }

    @Override
    public List<byte[]> getArgs() {
        return new ArrayList<>(invocation.args());
    }

    @Override
    public List<String> getStringArgs() {
        return new ArrayList<>(stringArgs());
    }

    @Override
    public String getFunction() {
        List<String> args = stringArgs();
        return args.isEmpty() ? null : args.get(0);
    }

    @Override
    public List<String> getParameters() {
        List<String> args = stringArgs();
        return args.isEmpty() ? new ArrayList<>() : new ArrayList<>(args.subList(1, args.size()));
    }

    @Override
    public String getTxId() {
        return invocation.txId();
    }

    @Override
    public String getChannelId() {
        return invocation.channelId();
    }

    @Override
    public Instant getTxTimestamp() {
        return invocation.timestamp();
    }

    @Override
    public byte[] getCreator() {
        return invocation.creator();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return new HashMap<>(invocation.transientMap());
    }

    @Override
    public byte[] getBinding() {
        return invocation.binding();
    }

    @Override
    public SignedProposal getSignedProposal() {
        return invocation.signedProposal();
    }

    @Override
    public String getMspId() {
        if (invocation.peerMspId() == null) {
            // The shim reads CORE_PEER_LOCALMSPID and fails the same way when the peer did not set it.
            throw new IllegalStateException("CORE_PEER_LOCALMSPID is unset in chaincode process");
        }
        return invocation.peerMspId();
    }

    // ----- world state

    @Override
    public byte[] getState(String key) {
        VersionedValue committed = read(key);
        return committed == null ? new byte[0] : committed.value();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        VersionedValue committed = read(key);
        return committed == null ? null : committed.metadata();
    }

    private VersionedValue read(String key) {
        Keys.requireUtf8(key);
        VersionedValue committed = store.get(namespace, key);
        reads.put(key, committed == null ? null : committed.version());
        return committed;
    }

    @Override
    public void putState(String key, byte[] value) {
        Keys.requireWritable(key);
        Objects.requireNonNull(value, "value cannot be null");
        checkWritePrecondition("PUT_STATE");
        writes.put(key, value.length == 0 ? null : value.clone());
    }

    @Override
    public void delState(String key) {
        Keys.requireWritable(key);
        checkWritePrecondition("DEL_STATE");
        writes.put(key, null);
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        Keys.requireWritable(key);
        Objects.requireNonNull(value, "value cannot be null");
        checkWritePrecondition("PUT_STATE_METADATA");
        metadataWrites.put(key, value.clone());
    }

    /** The peer's {@code txSimulator.checkWritePrecondition}. */
    private void checkWritePrecondition(String messageType) {
        if (paginatedQueryPerformed) {
            throw peerError(
                    messageType,
                    "unsuppored transaction. Transaction has already performed a paginated query."
                            + " Writes are not allowed");
        }
        writePerformed = true;
    }

    // ----- range queries

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        Keys.requireUtf8(start);
        Keys.requireUtf8(end);
        return rangeQuery(start, end);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        Keys.requireUtf8(start);
        Keys.requireUtf8(end);
        return paginatedRangeQuery(start, end, pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        CompositeKey key = compositeKey.startsWith(CompositeKey.NAMESPACE)
                ? CompositeKey.parseCompositeKey(compositeKey)
                : new CompositeKey(compositeKey);
        return getStateByPartialCompositeKey(key);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        String prefix = partialKeyPrefix(compositeKey);
        return rangeQuery(prefix, prefix + MAX_UNICODE_RUNE);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        String prefix = partialKeyPrefix(compositeKey);
        return paginatedRangeQuery(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    private static String partialKeyPrefix(CompositeKey compositeKey) {
        String prefix =
                compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString() : compositeKey.toString();
        Keys.requireUtf8(prefix);
        return prefix;
    }

    private RangeQueryIterator rangeQuery(String startKey, String endKey) {
        RangeScan scan = new RangeScan(store, namespace, startKey, endKey);
        rangeScans.add(scan);
        return RangeQueryIterator.unpaginated(scan);
    }

    /** The peer's {@code HandleGetStateByRange} with query metadata. */
    private RangeQueryIterator paginatedRangeQuery(String startKey, String endKey, int pageSize, String bookmark) {
        // The shim puts the bookmark in a protobuf message, which rejects null.
        Objects.requireNonNull(bookmark, "bookmark cannot be null");
        Keys.requireUtf8(bookmark);
        if (pageSize == 0 && bookmark.isEmpty()) {
            // The peer treats metadata without page size and bookmark as no pagination at all.
            return rangeQuery(startKey, endKey);
        }
        if (writePerformed) {
            throw peerError(
                    "GET_STATE_BY_RANGE",
                    "unsuppored transaction. Paginated queries are supported only in a read-only transaction");
        }
        paginatedQueryPerformed = true;
        RangeScan scan = new RangeScan(store, namespace, bookmark.isEmpty() ? startKey : bookmark, endKey);
        rangeScans.add(scan);
        return RangeQueryIterator.paginated(scan, pageSize);
    }

    // ----- composite keys, history, events

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        Keys.requireUtf8(key);
        return new HistoryIterator(store.history(namespace, key));
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        ChaincodeEvent.Builder builder = ChaincodeEvent.newBuilder().setEventName(name);
        if (payload != null) {
            builder.setPayload(ByteString.copyFrom(payload));
        }
        event = builder.build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    // ----- unsupported

    @Override
    public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        throw unsupported("chaincode-to-chaincode invocation", "invokeChaincode");
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw unsupported("rich queries", "getQueryResult");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            String query, int pageSize, String bookmark) {
        throw unsupported("rich queries", "getQueryResultWithPagination");
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw unsupported("private data", "getPrivateData");
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw unsupported("private data", "getPrivateDataHash");
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw unsupported("private data", "getPrivateDataValidationParameter");
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw unsupported("private data", "putPrivateData");
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw unsupported("private data", "setPrivateDataValidationParameter");
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw unsupported("private data", "delPrivateData");
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw unsupported("private data", "purgePrivateData");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw unsupported("private data", "getPrivateDataByRange");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        throw unsupported("private data", "getPrivateDataByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, CompositeKey compositeKey) {
        throw unsupported("private data", "getPrivateDataByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        throw unsupported("private data", "getPrivateDataByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw unsupported("private data", "getPrivateDataQueryResult");
    }

    // ----- failures

    /**
     * The error the peer returns for a rejected stub call ({@code handler.go} wraps the simulator's error), thrown
     * as the shim throws it. The message keeps the peer's spelling ("unsuppored") so logs can be compared.
     */
    private ContractRuntimeException peerError(String messageType, String reason) {
        String txId = invocation.txId();
        String message = messageType + " failed: transaction ID: " + txId + ": txid [" + txId + "]: " + reason;
        fail(message);
        return new ContractRuntimeException(message);
    }

    private UnsupportedOperationException unsupported(String feature, String method) {
        String message = feature + " (" + method + ") is not supported by the Fairmark chaincode simulator";
        fail(message);
        return new UnsupportedOperationException(message);
    }

    private void fail(String message) {
        if (failure == null) {
            failure = message;
        }
    }

    @Override
    public String toString() {
        return "SimulatedStub[namespace=" + namespace + ", txId=" + invocation.txId() + ", function="
                + getFunction() + "]";
    }

    /** For {@link InProcessChaincode}: the event as a record. */
    ChaincodeEventRecord eventRecord() {
        return event == null ? null : new ChaincodeEventRecord(event.getEventName(), event.getPayload().toByteArray());
    }
}
