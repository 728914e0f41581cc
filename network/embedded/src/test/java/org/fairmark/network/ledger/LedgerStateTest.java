package org.fairmark.network.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fairmark.network.ledger.TestLedger.delete;
import static org.fairmark.network.ledger.TestLedger.put;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairmark.simulator.KeyModificationRecord;
import org.fairmark.simulator.Version;
import org.fairmark.simulator.VersionedValue;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerStateTest {
    private static final String NS = TestLedger.CHAINCODE;
    private static final TxValidationCode VALID = TxValidationCode.VALID;

    private final LedgerState state = LedgerState.empty();
    private final List<Block> blocks = new ArrayList<>();

    @Test
    void history_is_newest_first_with_tx_ids_timestamps_and_deletes() {
        commit(List.of(tx("t1", at(1), put("batch", "v1"))), VALID);
        commit(List.of(tx("t2", at(2), put("batch", "v2")), tx("t3", at(3), put("other", "x"))), VALID, VALID);
        commit(List.of(tx("t4", at(4), delete("batch"))), VALID);
        commit(List.of(tx("t5", at(5), put("batch", "v3"))), VALID);

        assertThat(state.history(NS, "batch")).containsExactly(
                new KeyModificationRecord("t5", at(5), TestLedger.utf8("v3"), false),
                new KeyModificationRecord("t4", at(4), null, true),
                new KeyModificationRecord("t2", at(2), TestLedger.utf8("v2"), false),
                new KeyModificationRecord("t1", at(1), TestLedger.utf8("v1"), false));
        assertThat(state.get(NS, "batch")).isEqualTo(new VersionedValue(TestLedger.utf8("v3"), null, new Version(3, 0)));
        assertThat(state.get(NS, "other").version()).isEqualTo(new Version(1, 1));
        assertThat(state.history(NS, "never")).isEmpty();
    }

    @Test
    void invalid_transactions_change_nothing_but_keep_their_position() {
        commit(List.of(
                        tx("t1", at(1), put("a", "from-invalid")),
                        tx("t2", at(2), put("b", "valid")),
                        tx("t3", at(3), put("a", "also-invalid"))),
                TxValidationCode.MVCC_READ_CONFLICT, VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE);

        assertThat(state.get(NS, "a")).isNull();
        assertThat(state.history(NS, "a")).isEmpty();
        assertThat(state.get(NS, "b").version()).isEqualTo(new Version(0, 1));
        assertThat(state.transaction("t1"))
                .isEqualTo(new TransactionLocation(0, 0, TxValidationCode.MVCC_READ_CONFLICT));
        assertThat(state.transaction("t2")).isEqualTo(new TransactionLocation(0, 1, VALID));
        assertThat(state.transaction("unknown")).isNull();
    }

    @Test
    void a_duplicate_transaction_id_keeps_the_first_location() {
        commit(List.of(tx("dup", at(1), put("a", "1"))), VALID);
        commit(List.of(tx("dup", at(2), put("a", "2"))), TxValidationCode.DUPLICATE_TXID);

        assertThat(state.transaction("dup")).isEqualTo(new TransactionLocation(0, 0, VALID));
        assertThat(state.get(NS, "a").value()).isEqualTo(TestLedger.utf8("1"));
        assertThat(state.transactionCount()).isEqualTo(1);
    }

    @Test
    void an_empty_value_is_a_delete() {
        commit(List.of(tx("t1", at(1), put("a", "1"))), VALID);
        commit(List.of(tx("t2", at(2), KVWrite.newBuilder().setKey("a").build())), VALID);

        assertThat(state.get(NS, "a")).isNull();
        assertThat(state.history(NS, "a").get(0).deleted()).isTrue();
    }

    @Test
    void validation_parameters_follow_fabric_rules() {
        byte[] policy = TestLedger.utf8("policy-1");
        commit(List.of(
                        txWithMetadata("t1", List.of(put("a", "1")), List.of(parameter("a", policy))),
                        txWithMetadata("t2", List.of(), List.of(parameter("absent", policy)))),
                VALID, VALID);
        assertThat(state.get(NS, "a")).isEqualTo(new VersionedValue(TestLedger.utf8("1"), policy, new Version(0, 0)));
        assertThat(state.get(NS, "absent")).as("metadata of an absent key is ignored").isNull();

        // A value write keeps the committed parameter.
        commit(List.of(tx("t3", at(3), put("a", "2"))), VALID);
        assertThat(state.get(NS, "a")).isEqualTo(new VersionedValue(TestLedger.utf8("2"), policy, new Version(1, 0)));

        // A parameter change alone moves the version, keeps the value, and is not history.
        byte[] policy2 = TestLedger.utf8("policy-2");
        commit(List.of(txWithMetadata("t4", List.of(), List.of(parameter("a", policy2)))), VALID);
        assertThat(state.get(NS, "a")).isEqualTo(new VersionedValue(TestLedger.utf8("2"), policy2, new Version(2, 0)));
        assertThat(state.history(NS, "a")).extracting(KeyModificationRecord::txId).containsExactly("t3", "t1");

        // A metadata write without entries removes the parameter.
        commit(List.of(txWithMetadata("t5", List.of(), List.of(KVMetadataWrite.newBuilder().setKey("a").build()))),
                VALID);
        assertThat(state.get(NS, "a")).isEqualTo(new VersionedValue(TestLedger.utf8("2"), null, new Version(3, 0)));

        // A delete removes value and parameter; a later write starts without one.
        commit(List.of(txWithMetadata("t6", List.of(put("a", "3")), List.of(parameter("a", policy)))), VALID);
        commit(List.of(tx("t7", at(7), delete("a"))), VALID);
        commit(List.of(tx("t8", at(8), put("a", "4"))), VALID);
        assertThat(state.get(NS, "a")).isEqualTo(new VersionedValue(TestLedger.utf8("4"), null, new Version(6, 0)));
    }

    @Test
    void range_is_ordered_by_utf8_bytes() {
        String apple = "\uD83C\uDF4E";
        commit(List.of(tx("t1", at(1), put(apple, "apple"), put("\uFFFD", "replacement"), put("b", "b"))), VALID);

        assertThat(state.range(NS, "", "", 10)).extracting(Map.Entry::getKey)
                .containsExactly("b", "\uFFFD", apple);
    }

    @Test
    void writes_of_every_namespace_in_the_rwset_are_applied() {
        KVRWSet first = KVRWSet.newBuilder().addWrites(put("k", "in-fairmark")).build();
        KVRWSet second = KVRWSet.newBuilder().addWrites(put("k", "in-other")).build();
        var rwset = TestLedger.rwset(NS, first).toBuilder()
                .addNsRwset(TestLedger.rwset("other", second).getNsRwset(0))
                .build();
        commit(List.of(TestLedger.transaction("t1", at(1), rwset, null)), VALID);

        assertThat(state.get(NS, "k").value()).isEqualTo(TestLedger.utf8("in-fairmark"));
        assertThat(state.get("other", "k").value()).isEqualTo(TestLedger.utf8("in-other"));
    }

    @Test
    void a_block_without_validation_codes_changes_no_state() {
        Block unvalidated = Blocks.newBlock(0, null, List.of(tx("t1", at(1), put("a", "1"))));
        state.apply(unvalidated);

        assertThat(state.height()).isEqualTo(1);
        assertThat(state.get(NS, "a")).isNull();
        assertThat(state.transaction("t1").validationCode()).isEqualTo(TxValidationCode.NOT_VALIDATED);
    }

    @Test
    void rejects_a_block_out_of_order() {
        commit(List.of(tx("t1", at(1), put("a", "1"))), VALID);
        Block skipping = Blocks.withValidationCodes(
                Blocks.newBlock(5, null, List.of(tx("t2", at(2), put("a", "2")))), List.of(VALID));

        assertThatThrownBy(() -> state.apply(skipping))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("block 5 does not follow the state: the next block must be 1");
        assertThat(state.get(NS, "a").value()).isEqualTo(TestLedger.utf8("1"));
    }

    @Test
    void a_valid_transaction_with_an_unparseable_rwset_changes_nothing() {
        var broken = TestLedger.rwset(NS, KVRWSet.newBuilder().addWrites(put("b", "1")).build()).toBuilder();
        broken.addNsRwset(NsReadWriteSet.newBuilder()
                .setNamespace("other")
                .setRwset(ByteString.copyFrom(new byte[] {(byte) 0xff})));
        Block block = Blocks.withValidationCodes(
                Blocks.newBlock(0, null, List.of(
                        tx("t1", at(1), put("a", "1")), TestLedger.transaction("t2", at(2), broken.build(), null))),
                List.of(VALID, VALID));

        state.apply(block);

        assertThat(state.height()).isEqualTo(1);
        assertThat(state.get(NS, "a")).isNotNull();
        assertThat(state.get(NS, "b")).as("no namespace of the broken transaction is applied").isNull();
        assertThat(state.transaction("t2").validationCode()).isEqualTo(VALID);
    }

    @Test
    void rebuild_from_the_store_equals_the_applied_state(@TempDir Path dir) throws IOException {
        commit(List.of(tx("t1", at(1), put("a", "1")), tx("t2", at(2), put("b", "2"))), VALID, VALID);
        commit(List.of(tx("t3", at(3), delete("a")), tx("t4", at(4), put("b", "lost"))),
                VALID, TxValidationCode.MVCC_READ_CONFLICT);
        try (BlockStore store = BlockStore.open(dir)) {
            for (Block block : blocks) {
                store.append(block);
            }
        }

        LedgerState rebuilt;
        try (BlockStore store = BlockStore.open(dir)) {
            rebuilt = LedgerState.rebuild(store);
        }

        assertThat(rebuilt.height()).isEqualTo(2);
        assertThat(rebuilt.get(NS, "a")).isNull();
        assertThat(rebuilt.get(NS, "b")).isEqualTo(state.get(NS, "b"));
        assertThat(rebuilt.history(NS, "a")).isEqualTo(state.history(NS, "a"));
        assertThat(rebuilt.transaction("t4")).isEqualTo(new TransactionLocation(1, 1, TxValidationCode.MVCC_READ_CONFLICT));
    }

    @Test
    void read_gives_a_view_no_block_changes_meanwhile() {
        commit(List.of(tx("t1", at(1), put("a", "1"))), VALID);

        Version seen = state.read(view -> view.get(NS, "a").version());

        assertThat(seen).isEqualTo(new Version(0, 0));
    }

    @Test
    void a_block_applied_with_its_parsed_transactions_must_come_with_all_of_them_in_order() {
        commit(List.of(tx("t1", at(1), put("a", "1"))), VALID);
        Block block = Blocks.withValidationCodes(Blocks.newBlock(1, BlockHashes.headerHash(blocks.get(0).getHeader()),
                List.of(tx("t2", at(2), put("a", "2")), tx("t3", at(3), put("b", "3")))), List.of(VALID, VALID));
        List<ParsedTransaction> parsed = Blocks.transactions(block, true);

        assertThatThrownBy(() -> state.apply(block, parsed.subList(0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 transactions, 1 were parsed");
        assertThatThrownBy(() -> state.apply(block, List.of(parsed.get(1), parsed.get(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index");
        assertThat(state.height()).isEqualTo(1);
        byte[] a1 = state.read(view -> view.get(NS, "a").value());
        assertThat(a1).isEqualTo(TestLedger.utf8("1"));

        state.apply(block, parsed);

        assertThat(state.height()).isEqualTo(2);
        byte[] a2 = state.read(view -> view.get(NS, "a").value());
        assertThat(a2).isEqualTo(TestLedger.utf8("2"));
        assertThat(state.transaction("t3")).isEqualTo(new TransactionLocation(1, 1, VALID));
    }

    private void commit(List<Envelope> envelopes, TxValidationCode... codes) {
        Block previous = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
        byte[] previousHash = previous == null ? null : BlockHashes.headerHash(previous.getHeader());
        Block block = Blocks.withValidationCodes(
                Blocks.newBlock(blocks.size(), previousHash, envelopes), List.of(codes));
        blocks.add(block);
        state.apply(block);
    }

    private static Envelope tx(String txId, Instant timestamp, KVWrite... writes) {
        KVRWSet.Builder kvRwSet = KVRWSet.newBuilder();
        for (KVWrite write : writes) {
            kvRwSet.addWrites(write);
        }
        return TestLedger.transaction(txId, timestamp, TestLedger.rwset(NS, kvRwSet.build()), null);
    }

    private static Envelope txWithMetadata(String txId, List<KVWrite> writes, List<KVMetadataWrite> metadata) {
        KVRWSet kvRwSet = KVRWSet.newBuilder().addAllWrites(writes).addAllMetadataWrites(metadata).build();
        return TestLedger.transaction(txId, at(9), TestLedger.rwset(NS, kvRwSet), null);
    }

    private static KVMetadataWrite parameter(String key, byte[] policy) {
        return KVMetadataWrite.newBuilder()
                .setKey(key)
                .addEntries(KVMetadataEntry.newBuilder()
                        .setName("VALIDATION_PARAMETER")
                        .setValue(ByteString.copyFrom(policy)))
                .build();
    }

    private static Instant at(int second) {
        return Instant.parse("2025-06-01T08:00:00Z").plusSeconds(second);
    }
}
