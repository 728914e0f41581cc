package org.fairmark.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/** A key's history, newest first; walked once, like the shim's iterator. */
final class HistoryIterator implements QueryResultsIterator<KeyModification> {
    private Iterator<KeyModificationRecord> records;

    HistoryIterator(List<KeyModificationRecord> records) {
        this.records = records.iterator();
    }

    @Override
    public Iterator<KeyModification> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public KeyModification next() {
                return new Modification(records.next());
            }
        };
    }

    @Override
    public void close() {
        records = List.<KeyModificationRecord>of().iterator();
    }

    private record Modification(KeyModificationRecord record) implements KeyModification {
        @Override
        public String getTxId() {
            return record.txId();
        }

        @Override
        public byte[] getValue() {
            return record.value();
        }

        @Override
        public String getStringValue() {
            return new String(record.value(), UTF_8);
        }

        @Override
        public Instant getTimestamp() {
            return record.timestamp();
        }

        @Override
        public boolean isDeleted() {
            return record.deleted();
        }
    }
}
