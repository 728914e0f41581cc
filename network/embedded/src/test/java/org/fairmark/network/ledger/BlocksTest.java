package org.fairmark.network.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fairmark.network.ledger.TestLedger.put;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

class BlocksTest {
    @Test
    void new_block_has_fabric_header_data_and_five_empty_metadata_entries() {
        Envelope first = TestLedger.writing("tx-1", put("a", "1"));
        Envelope second = TestLedger.writing("tx-2", put("b", "2"));
        byte[] previous = BlockHashesTest.sha256(TestLedger.utf8("block 6"));

        Block block = Blocks.newBlock(7, previous, List.of(first, second));

        assertThat(block.getHeader().getNumber()).isEqualTo(7);
        assertThat(block.getHeader().getPreviousHash().toByteArray()).isEqualTo(previous);
        assertThat(block.getData().getDataList()).containsExactly(first.toByteString(), second.toByteString());
        assertThat(block.getHeader().getDataHash().toByteArray())
                .isEqualTo(BlockHashesTest.sha256(first.toByteString().concat(second.toByteString()).toByteArray()));
        assertThat(block.getMetadata().getMetadataList()).hasSize(5).allMatch(ByteString::isEmpty);
        assertThat(BlockMetadataIndex.TRANSACTIONS_FILTER.getNumber()).isEqualTo(2);
    }

    @Test
    void genesis_block_has_an_empty_previous_hash() {
        Block block = Blocks.newBlock(0, null, List.of());

        assertThat(block.getHeader().getPreviousHash()).isEmpty();
        assertThat(block.getHeader().getDataHash().toByteArray()).isEqualTo(BlockHashesTest.sha256(new byte[0]));
    }

    @Test
    void validation_codes_are_one_raw_byte_per_transaction_in_transactions_filter() {
        Block block = Blocks.newBlock(0, null, List.of(
                TestLedger.writing("tx-1"), TestLedger.writing("tx-2"), TestLedger.writing("tx-3")));

        Block validated = Blocks.withValidationCodes(block, List.of(
                TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT, TxValidationCode.NOT_VALIDATED));

        assertThat(validated.getMetadata().getMetadata(2).toByteArray()).containsExactly(0, 11, 254);
        assertThat(Blocks.validationCodes(validated)).containsExactly(
                TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT, TxValidationCode.NOT_VALIDATED);
        assertThat(validated.getHeader()).isEqualTo(block.getHeader());
        assertThat(Blocks.validationCodes(block)).isEmpty();
    }

    @Test
    void validation_codes_fill_in_missing_metadata_entries() {
        Block bare = Blocks.newBlock(0, null, List.of(TestLedger.writing("tx-1")));
        bare = bare.toBuilder().clearMetadata().build();

        Block validated = Blocks.withValidationCodes(bare, List.of(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));

        assertThat(validated.getMetadata().getMetadataCount()).isEqualTo(5);
        assertThat(Blocks.validationCodes(validated)).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void rejects_a_validation_code_count_that_differs_from_the_transactions() {
        Block block = Blocks.newBlock(3, null, List.of(TestLedger.writing("tx-1")));

        assertThatThrownBy(() -> Blocks.withValidationCodes(block, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("block 3 has 1 transactions but 0 validation codes were given");
    }

    @Test
    void parses_every_field_of_an_endorser_transaction() throws Exception {
        Instant timestamp = Instant.parse("2025-06-01T08:15:30.123456789Z");
        KVRWSet kvRwSet = KVRWSet.newBuilder().addWrites(put("batch-1", "{}")).build();
        TxReadWriteSet rwset = TestLedger.rwset("fairmark", kvRwSet);
        ChaincodeEvent event = ChaincodeEvent.newBuilder()
                .setChaincodeId("fairmark")
                .setTxId("tx-1")
                .setEventName("BatchRegistered")
                .setPayload(ByteString.copyFromUtf8("{\"id\":\"batch-1\"}"))
                .build();
        Block block = Blocks.withValidationCodes(
                Blocks.newBlock(0, null, List.of(
                        TestLedger.transaction("tx-1", timestamp, rwset, event),
                        TestLedger.writing("tx-2"))),
                List.of(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT));

        List<ParsedTransaction> transactions = Blocks.transactions(block);

        assertThat(transactions).hasSize(2);
        ParsedTransaction first = transactions.get(0);
        assertThat(first.index()).isZero();
        assertThat(first.validationCode()).isEqualTo(TxValidationCode.VALID);
        assertThat(first.isValid()).isTrue();
        assertThat(first.txId()).isEqualTo("tx-1");
        assertThat(first.channelId()).isEqualTo(TestLedger.CHANNEL);
        assertThat(first.type()).isEqualTo(HeaderType.ENDORSER_TRANSACTION);
        assertThat(first.isEndorserTransaction()).isTrue();
        assertThat(first.timestamp()).isEqualTo(timestamp);
        assertThat(first.creatorMspId()).isEqualTo(TestLedger.MSP);
        assertThat(SerializedIdentity.parseFrom(first.creator()).getMspid()).isEqualTo(TestLedger.MSP);
        assertThat(first.namespace()).isEqualTo(TestLedger.CHAINCODE);
        assertThat(first.rwset()).isEqualTo(rwset);
        assertThat(first.event()).isEqualTo(event);
        assertThat(first.hasEvent()).isTrue();
        assertThat(first.malformed()).isNull();

        ParsedTransaction second = transactions.get(1);
        assertThat(second.index()).isEqualTo(1);
        assertThat(second.validationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(second.isValid()).isFalse();
        assertThat(second.event()).isNull();
    }

    @Test
    void parsing_in_parallel_gives_the_same_transactions_in_the_same_order() {
        List<Envelope> envelopes = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            envelopes.add(i % 7 == 3
                    ? Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("not a payload " + i)).build()
                    : TestLedger.writing("tx-" + i, put("k" + i, "v" + i)));
        }
        List<TxValidationCode> codes = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            codes.add(i % 5 == 0 ? TxValidationCode.MVCC_READ_CONFLICT : TxValidationCode.VALID);
        }
        Block block = Blocks.withValidationCodes(Blocks.newBlock(9, null, envelopes), codes);

        List<ParsedTransaction> parallel = Blocks.transactions(block, true);

        assertThat(parallel).isEqualTo(Blocks.transactions(block)).hasSize(40);
        assertThat(parallel).extracting(ParsedTransaction::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 40).boxed().toList());
        assertThatThrownBy(() -> parallel.add(parallel.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void transactions_of_an_unvalidated_block_are_not_validated() {
        Block block = Blocks.newBlock(0, null, List.of(TestLedger.writing("tx-1")));

        assertThat(Blocks.transactions(block)).singleElement()
                .extracting(ParsedTransaction::validationCode)
                .isEqualTo(TxValidationCode.NOT_VALIDATED);
    }

    @Test
    void a_malformed_envelope_is_reported_not_thrown() throws Exception {
        Envelope garbage = Envelope.newBuilder()
                .setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}))
                .build();
        Block block = Blocks.withValidationCodes(
                Blocks.newBlock(0, null, List.of(garbage)), List.of(TxValidationCode.BAD_PAYLOAD));

        ParsedTransaction parsed = Blocks.transactions(block).get(0);

        assertThat(parsed.malformed()).startsWith("payload: ");
        assertThat(parsed.txId()).isEmpty();
        assertThat(parsed.isEndorserTransaction()).isFalse();
        assertThat(parsed.rwset()).isEqualTo(TxReadWriteSet.getDefaultInstance());
    }

    @Test
    void a_config_transaction_has_its_header_fields_but_no_chaincode_action() throws Exception {
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(SerializedIdentity.newBuilder().setMspid("OrdererMSP").build().toByteString())
                .build();
        Envelope config = Envelope.newBuilder()
                .setPayload(Payload.newBuilder()
                        .setHeader(Header.newBuilder()
                                .setChannelHeader(ChannelHeader.newBuilder()
                                        .setType(HeaderType.CONFIG_VALUE)
                                        .setChannelId("fairmark")
                                        .build()
                                        .toByteString())
                                .setSignatureHeader(signatureHeader.toByteString()))
                        .setData(ByteString.copyFromUtf8("config envelope"))
                        .build()
                        .toByteString())
                .build();

        ParsedTransaction parsed = Blocks.transactions(Blocks.newBlock(0, null, List.of(config))).get(0);

        assertThat(parsed.type()).isEqualTo(HeaderType.CONFIG);
        assertThat(parsed.creatorMspId()).isEqualTo("OrdererMSP");
        assertThat(parsed.malformed()).isNull();
        assertThat(parsed.isEndorserTransaction()).isFalse();
        assertThat(parsed.timestamp()).isEqualTo(Instant.EPOCH);
    }
}
