package org.fairmark.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** A tiny contract exercising the stub through the shim's router. */
@Contract(name = "kv", info = @Info(title = "Simulator test contract", version = "1.0.0"))
@Default
public final class KvContract implements ContractInterface {

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void put(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String get(Context ctx, String key) {
        return ctx.getStub().getStringState(key);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void del(Context ctx, String key) {
        ctx.getStub().delState(key);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void putEmpty(Context ctx, String key) {
        ctx.getStub().putState(key, new byte[0]);
    }

    /** Writes then reads: Fabric has no read-your-writes, so this returns the committed value. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String putThenGet(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        return "[" + ctx.getStub().getStringState(key) + "]";
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String delThenGet(Context ctx, String key) {
        ctx.getStub().delState(key);
        return "[" + ctx.getStub().getStringState(key) + "]";
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void increment(Context ctx, String key) {
        String current = ctx.getStub().getStringState(key);
        int next = current.isEmpty() ? 1 : Integer.parseInt(current) + 1;
        ctx.getStub().putStringState(key, Integer.toString(next));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void putItem(Context ctx, String type, String owner, String id, String value) {
        ChaincodeStub stub = ctx.getStub();
        stub.putStringState(stub.createCompositeKey(type, owner, id).toString(), value);
    }

    /** Items of {@code type}, of one owner unless {@code owner} is empty: {@code owner/id=value} lines. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listItems(Context ctx, String type, String owner) {
        ChaincodeStub stub = ctx.getStub();
        List<String> items = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = owner.isEmpty()
                ? stub.getStateByPartialCompositeKey(type)
                : stub.getStateByPartialCompositeKey(type, owner)) {
            for (KeyValue result : results) {
                CompositeKey key = stub.splitCompositeKey(result.getKey());
                items.add(String.join("/", key.getAttributes()) + "=" + result.getStringValue());
            }
        }
        return String.join("\n", items);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String itemsPage(Context ctx, String type, int pageSize, String bookmark) {
        ChaincodeStub stub = ctx.getStub();
        try (QueryResultsIteratorWithMetadata<KeyValue> results = stub.getStateByPartialCompositeKeyWithPagination(
                stub.createCompositeKey(type), pageSize, bookmark)) {
            return page(stub, results);
        }
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String range(Context ctx, String startKey, String endKey) {
        List<String> keys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange(startKey, endKey)) {
            results.forEach(result -> keys.add(result.getKey()));
        }
        return String.join(",", keys);
    }

    /** Reads only the first key of a range. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String firstInRange(Context ctx, String startKey, String endKey) {
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange(startKey, endKey)) {
            for (KeyValue result : results) {
                return result.getKey();
            }
            return "";
        }
    }

    /** Counts a range and writes the count, so the range read guards a write. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void countRange(Context ctx, String startKey, String endKey, String countKey) {
        int count = 0;
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange(startKey, endKey)) {
            for (KeyValue ignored : results) {
                count++;
            }
        }
        ctx.getStub().putStringState(countKey, Integer.toString(count));
    }

    /** One page: {@code key,key|bookmark|fetchedRecordsCount}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String page(Context ctx, String startKey, String endKey, int pageSize, String bookmark) {
        ChaincodeStub stub = ctx.getStub();
        try (QueryResultsIteratorWithMetadata<KeyValue> results =
                stub.getStateByRangeWithPagination(startKey, endKey, pageSize, bookmark)) {
            return page(stub, results);
        }
    }

    private static String page(ChaincodeStub stub, QueryResultsIteratorWithMetadata<KeyValue> results) {
        List<String> keys = new ArrayList<>();
        for (KeyValue result : results) {
            keys.add(result.getKey().startsWith(CompositeKey.NAMESPACE)
                    ? String.join("/", stub.splitCompositeKey(result.getKey()).getAttributes())
                    : result.getKey());
        }
        return String.join(",", keys) + "|" + results.getMetadata().getBookmark() + "|"
                + results.getMetadata().getFetchedRecordsCount();
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void pageThenPut(Context ctx, String key) {
        ctx.getStub().getStateByRangeWithPagination("", "", 10, "").close();
        ctx.getStub().putStringState(key, "after-page");
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void putThenPage(Context ctx, String key) {
        ctx.getStub().putStringState(key, "before-page");
        ctx.getStub().getStateByRangeWithPagination("", "", 10, "").close();
    }

    /** Catches the peer's refusal, which must still fail the simulation. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String pageThenPutCaught(Context ctx, String key) {
        ctx.getStub().getStateByRangeWithPagination("", "", 10, "").close();
        try {
            ctx.getStub().putStringState(key, "after-page");
            return "written";
        } catch (ChaincodeException e) {
            return "caught: " + e.getMessage();
        }
    }

    /** {@code txId|deleted|value} lines, newest first. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String history(Context ctx, String key) {
        List<String> lines = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> modifications = ctx.getStub().getHistoryForKey(key)) {
            for (KeyModification modification : modifications) {
                lines.add(modification.getTxId() + "|" + modification.isDeleted() + "|"
                        + modification.getStringValue());
            }
        }
        return String.join("\n", lines);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void emit(Context ctx, String name, String payload) {
        ctx.getStub().setEvent(name, payload.getBytes(UTF_8));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void emitTwice(Context ctx) {
        ctx.getStub().setEvent("first", "1".getBytes(UTF_8));
        ctx.getStub().setEvent("second", "2".getBytes(UTF_8));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void setPolicy(Context ctx, String key, String policy) {
        ctx.getStub().setStateValidationParameter(key, policy.getBytes(UTF_8));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getPolicy(Context ctx, String key) {
        byte[] policy = ctx.getStub().getStateValidationParameter(key);
        return policy == null ? "<none>" : new String(policy, UTF_8);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void reject(Context ctx, String code) {
        throw new ChaincodeException("rejected with " + code, code);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void crash(Context ctx) {
        throw new IllegalStateException("a bug in the contract");
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String privateRead(Context ctx) {
        return new String(ctx.getStub().getPrivateData("collection", "key"), UTF_8);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String whoAmI(Context ctx) {
        ChaincodeStub stub = ctx.getStub();
        return ctx.getClientIdentity().getMSPID() + "|" + stub.getMspId() + "|" + stub.getChannelId() + "|"
                + stub.getTxId() + "|" + stub.getTxTimestamp() + "|" + stub.getFunction() + "|"
                + stub.getParameters();
    }
}
