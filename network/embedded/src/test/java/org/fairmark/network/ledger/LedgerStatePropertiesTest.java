package org.fairmark.network.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import org.fairmark.simulator.KeyModificationRecord;
import org.fairmark.testkit.Property;
import org.junit.jupiter.api.Test;
import org.fairmark.simulator.Version;
import org.fairmark.simulator.VersionedValue;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Random sequences of blocks of writes, deletes and validation parameter changes, some transactions invalid: the
 * state applied block by block, the state rebuilt from the reopened store and an independent model of Fabric's
 * commit rules all agree.
 */
class LedgerStatePropertiesTest {
    private static final List<String> NAMESPACES = List.of("fairmark", "other");
    private static final List<String> KEYS = List.of("a", "b", "batch~1", "\u00e4", "\uD83C\uDF4E", "\uFFFD", "k\u0000x");
    private static final List<TxValidationCode> INVALID = List.of(
            TxValidationCode.MVCC_READ_CONFLICT,
            TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
            TxValidationCode.PHANTOM_READ_CONFLICT);

    /** One key's change in a transaction: a value ({@code null}: explicit delete; empty: delete by Fabric's rule). */
    record Write(byte[] value) {}

    /** One key's metadata change: a validation parameter, or {@code null} to remove it. */
    record MetadataWrite(byte[] parameter) {}

    record Tx(String namespace, Map<String, Write> writes, Map<String, MetadataWrite> metadata, TxValidationCode code) {}

    @Test
    void rebuilt_state_equals_state_applied_block_by_block_and_the_model() {
        Property.forAll(60, LedgerStatePropertiesTest::blocks, LedgerStatePropertiesTest::check);
    }

    private static void check(List<List<Tx>> blocks) throws IOException {
        Path dir = Files.createTempDirectory("ledger-property");
        try {
            Model model = new Model();
            LedgerState applied = LedgerState.empty();
            try (BlockStore store = BlockStore.open(dir)) {
                int txCounter = 0;
                for (List<Tx> transactions : blocks) {
                    long number = store.height();
                    List<Envelope> envelopes = new ArrayList<>();
                    List<TxValidationCode> codes = new ArrayList<>();
                    for (int i = 0; i < transactions.size(); i++) {
                        Tx tx = transactions.get(i);
                        String txId = "tx-" + txCounter++;
                        Instant timestamp = Instant.ofEpochSecond(1_700_000_000L + txCounter);
                        envelopes.add(TestLedger.transaction(txId, timestamp, rwset(tx), null));
                        codes.add(tx.code());
                        model.apply(tx, new Version(number, i), txId, timestamp);
                    }
                    Block block = Blocks.withValidationCodes(
                            Blocks.newBlock(number, store.lastHeaderHash(), envelopes), codes);
                    store.append(block);
                    applied.apply(block);
                }
            }
            LedgerState rebuilt;
            try (BlockStore store = BlockStore.open(dir)) {
                rebuilt = LedgerState.rebuild(store);
            }

            assertThat(rebuilt.height()).isEqualTo(applied.height()).isEqualTo(blocks.size());
            for (String namespace : NAMESPACES) {
                assertThat(entries(applied, namespace)).isEqualTo(model.entries(namespace));
                assertThat(entries(rebuilt, namespace)).isEqualTo(model.entries(namespace));
                for (String key : KEYS) {
                    assertThat(applied.get(namespace, key)).isEqualTo(model.get(namespace, key));
                    assertThat(rebuilt.get(namespace, key)).isEqualTo(model.get(namespace, key));
                    assertThat(applied.history(namespace, key)).isEqualTo(model.history(namespace, key));
                    assertThat(rebuilt.history(namespace, key)).isEqualTo(model.history(namespace, key));
                }
            }
        } finally {
            TestLedger.deleteRecursively(dir);
        }
    }

    /** 1..6 blocks of 1..5 transactions; about a quarter of them invalid. */
    static List<List<Tx>> blocks(Random random) {
        List<List<Tx>> blocks = new ArrayList<>();
        int blockCount = random.nextInt(1, 7);
        for (int b = 0; b < blockCount; b++) {
            List<Tx> transactions = new ArrayList<>();
            int txCount = random.nextInt(1, 6);
            for (int t = 0; t < txCount; t++) {
                Map<String, Write> writes = new TreeMap<>();
                int writeCount = random.nextInt(5);
                for (int w = 0; w < writeCount; w++) {
                    writes.put(KEYS.get(random.nextInt(KEYS.size())),
                            new Write(random.nextInt(8) < 6 ? value(random) : null));
                }
                Map<String, MetadataWrite> metadata = new TreeMap<>();
                int metadataCount = random.nextInt(3);
                for (int m = 0; m < metadataCount; m++) {
                    metadata.put(KEYS.get(random.nextInt(KEYS.size())),
                            new MetadataWrite(random.nextInt(4) < 3 ? value(random) : null));
                }
                TxValidationCode code = random.nextInt(4) < 3 ? TxValidationCode.VALID
                        : INVALID.get(random.nextInt(INVALID.size()));
                transactions.add(new Tx(NAMESPACES.get(random.nextInt(NAMESPACES.size())), writes, metadata, code));
            }
            blocks.add(transactions);
        }
        return blocks;
    }

    private static byte[] value(Random random) {
        byte[] value = new byte[random.nextInt(4)];
        random.nextBytes(value);
        return value;
    }

    static TxReadWriteSet rwset(Tx tx) {
        KVRWSet.Builder kvRwSet = KVRWSet.newBuilder();
        tx.writes().forEach((key, write) -> kvRwSet.addWrites(write.value() == null
                ? KVWrite.newBuilder().setKey(key).setIsDelete(true).build()
                : KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFrom(write.value())).build()));
        tx.metadata().forEach((key, metadata) -> {
            KVMetadataWrite.Builder metadataWrite = KVMetadataWrite.newBuilder().setKey(key);
            if (metadata.parameter() != null) {
                metadataWrite.addEntries(KVMetadataEntry.newBuilder()
                        .setName("VALIDATION_PARAMETER")
                        .setValue(ByteString.copyFrom(metadata.parameter())));
            }
            kvRwSet.addMetadataWrites(metadataWrite);
        });
        return TxReadWriteSet.newBuilder()
                .setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(tx.namespace()).setRwset(kvRwSet.build().toByteString()))
                .build();
    }

    private static List<Map.Entry<String, VersionedValue>> entries(LedgerState state, String namespace) {
        return state.range(namespace, "", "", 1000);
    }

    /** Fabric's commit rules written out plainly, independent of the simulator's implementation. */
    private static final class Model {
        private static final Comparator<String> UTF8 = (left, right) -> Arrays.compareUnsigned(
                left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));

        private final Map<String, TreeMap<String, VersionedValue>> state = new HashMap<>();
        private final Map<String, Map<String, List<KeyModificationRecord>>> history = new HashMap<>();

        void apply(Tx tx, Version version, String txId, Instant timestamp) {
            if (tx.code() != TxValidationCode.VALID) {
                return;
            }
            TreeMap<String, VersionedValue> entries = state.computeIfAbsent(tx.namespace(), ns -> new TreeMap<>(UTF8));
            Map<String, List<KeyModificationRecord>> keyHistory =
                    history.computeIfAbsent(tx.namespace(), ns -> new HashMap<>());
            Map<String, VersionedValue> updates = new LinkedHashMap<>();
            for (var entry : tx.writes().entrySet()) {
                String key = entry.getKey();
                byte[] value = entry.getValue().value();
                boolean deleted = value == null || value.length == 0;
                keyHistory.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(0, new KeyModificationRecord(txId, timestamp, deleted ? null : value, deleted));
                if (deleted) {
                    updates.put(key, null);
                } else {
                    byte[] parameter = tx.metadata().containsKey(key)
                            ? tx.metadata().get(key).parameter()
                            : entries.containsKey(key) ? entries.get(key).metadata() : null;
                    updates.put(key, new VersionedValue(value, parameter, version));
                }
            }
            for (var entry : tx.metadata().entrySet()) {
                String key = entry.getKey();
                if (!tx.writes().containsKey(key) && entries.containsKey(key)) {
                    updates.put(key, new VersionedValue(entries.get(key).value(), entry.getValue().parameter(), version));
                }
            }
            updates.forEach((key, value) -> {
                if (value == null) {
                    entries.remove(key);
                } else {
                    entries.put(key, value);
                }
            });
        }

        VersionedValue get(String namespace, String key) {
            return state.getOrDefault(namespace, new TreeMap<>(UTF8)).get(key);
        }

        List<Map.Entry<String, VersionedValue>> entries(String namespace) {
            return state.getOrDefault(namespace, new TreeMap<>(UTF8)).entrySet().stream()
                    .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
                    .toList();
        }

        List<KeyModificationRecord> history(String namespace, String key) {
            return history.getOrDefault(namespace, Map.of()).getOrDefault(key, List.of());
        }
    }
}
