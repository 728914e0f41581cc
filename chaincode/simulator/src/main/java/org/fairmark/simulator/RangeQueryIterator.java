package org.fairmark.simulator;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A range query's results as the shim sees them, fetched from a {@link RangeScan} in the batches a Fabric 2.5 peer
 * sends ({@code QueryResponseGenerator.BuildQueryResponse}). The batching decides which keys the peer pulls, and so
 * the recorded range reads:
 *
 * <ul>
 *   <li>unpaginated: a response holds up to {@value #MAX_RESULT_LIMIT} results; the peer pulls one more to know
 *       there are more, and the shim asks for the next response when the chaincode iterates past the batch;
 *   <li>paginated: one response of up to page size results (at most {@value #TOTAL_QUERY_LIMIT}); the bookmark is
 *       the next key in the range, {@code ""} when there is none.
 * </ul>
 *
 * Like the shim's iterator, all {@link #iterator()}s share one cursor: the results can be walked once.
 */
final class RangeQueryIterator implements QueryResultsIterator<KeyValue>, QueryResultsIteratorWithMetadata<KeyValue> {
    /** {@code core/chaincode}: {@code QueryResponseGenerator{MaxResultLimit: 100}}. */
    static final int MAX_RESULT_LIMIT = 100;

    /** {@code core.yaml}: {@code ledger.state.totalQueryLimit}. */
    static final int TOTAL_QUERY_LIMIT = 100_000;

    private final RangeScan scan;
    private final boolean paginated;
    private final int totalReturnLimit;
    private final ArrayDeque<KeyValue> pending = new ArrayDeque<>();
    private final QueryResponseMetadata metadata;
    private ArrayDeque<KeyValue> batch = new ArrayDeque<>();
    private boolean hasMore;
    private int totalReturned;

    private RangeQueryIterator(RangeScan scan, boolean paginated, int totalReturnLimit) {
        this.scan = scan;
        this.paginated = paginated;
        this.totalReturnLimit = totalReturnLimit;
        respond();
        this.metadata = paginated
                ? QueryResponseMetadata.newBuilder()
                        .setFetchedRecordsCount(totalReturned)
                        .setBookmark(scan.peekKey())
                        .build()
                : QueryResponseMetadata.getDefaultInstance();
    }

    static RangeQueryIterator unpaginated(RangeScan scan) {
        return new RangeQueryIterator(scan, false, TOTAL_QUERY_LIMIT);
    }

    static RangeQueryIterator paginated(RangeScan scan, int pageSize) {
        int limit = pageSize > 0 && pageSize < TOTAL_QUERY_LIMIT ? pageSize : TOTAL_QUERY_LIMIT;
        return new RangeQueryIterator(scan, true, limit);
    }

    /** One peer response: fills {@link #batch} and decides {@link #hasMore}. */
    private void respond() {
        while (true) {
            if (totalReturned >= totalReturnLimit) {
                cut(false);
                return;
            }
            Map.Entry<String, VersionedValue> result = scan.pull();
            if (result == null) {
                cut(false);
                return;
            }
            if (!paginated && pending.size() == MAX_RESULT_LIMIT) {
                cut(true);
                pending.add(new SimulatedKeyValue(result.getKey(), result.getValue()));
                totalReturned++;
                return;
            }
            pending.add(new SimulatedKeyValue(result.getKey(), result.getValue()));
            totalReturned++;
        }
    }

    private void cut(boolean more) {
        batch = new ArrayDeque<>(pending);
        pending.clear();
        hasMore = more;
    }

    @Override
    public QueryResponseMetadata getMetadata() {
        return metadata;
    }

    @Override
    public Iterator<KeyValue> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !batch.isEmpty() || hasMore;
            }

            @Override
            public KeyValue next() {
                if (batch.isEmpty()) {
                    if (!hasMore) {
                        throw new NoSuchElementException();
                    }
                    respond();
                }
                KeyValue next = batch.poll();
                if (next == null) {
                    throw new NoSuchElementException();
                }
                return next;
            }
        };
    }

    @Override
    public void close() {
        batch.clear();
        pending.clear();
        hasMore = false;
    }
}
