package org.fairmark.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReadsMerkleSummary;
import org.junit.jupiter.api.Test;

class ReadWriteSetTest {
    private static final Version V1 = new Version(1, 0);
    private static final Version V2 = new Version(2, 3);

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static ReadWriteSet sample() {
        return ReadWriteSet.builder()
                .read("b", V1)
                .read("a", null)
                .rangeQuery(new RangeQueryInfo("a", "c", true, List.of(new RangeQueryInfo.Read("b", V1))))
                .rangeQuery(new RangeQueryInfo("x", "y", true, List.of()))
                .write("w", bytes("value"))
                .delete("d")
                .metadataWrite("w", bytes("policy"))
                .build();
    }

    @Test
    void names_the_validation_parameter_as_fabric_does() {
        assertThat(ReadWriteSet.VALIDATION_PARAMETER)
                .isEqualTo(org.hyperledger.fabric.protos.peer.MetaDataKeys.VALIDATION_PARAMETER.name());
    }

    @Test
    void keeps_the_last_write_per_key_and_records_an_empty_value_as_a_delete() {
        ReadWriteSet rwset = ReadWriteSet.builder()
                .write("k", bytes("first"))
                .write("k", bytes("second"))
                .write("empty", new byte[0])
                .build();

        assertThat(rwset.writes()).containsOnlyKeys("k", "empty");
        assertThat(rwset.writes().get("k")).isEqualTo(bytes("second"));
        assertThat(rwset.writes().get("empty")).isNull();
    }

    @Test
    void records_a_repeated_range_query_once_in_first_seen_order() {
        RangeQueryInfo second = new RangeQueryInfo("m", "n", true, List.of());
        RangeQueryInfo first = new RangeQueryInfo("a", "b", true, List.of());
        ReadWriteSet rwset = ReadWriteSet.builder()
                .rangeQuery(second)
                .rangeQuery(first)
                .rangeQuery(new RangeQueryInfo("m", "n", true, List.of(new RangeQueryInfo.Read("m", V1))))
                .rangeQuery(new RangeQueryInfo("m", "n", false, List.of()))
                .build();

        assertThat(rwset.rangeQueries())
                .containsExactly(second, first, new RangeQueryInfo("m", "n", false, List.of()));
    }

    @Test
    void builds_fabric_kvrwset_with_versions_deletes_and_validation_parameter() {
        KVRWSet proto = sample().toKvRwSet();

        assertThat(proto.getReadsList()).hasSize(2);
        assertThat(proto.getReads(0).getKey()).isEqualTo("a");
        assertThat(proto.getReads(0).hasVersion()).as("absent key has no version").isFalse();
        assertThat(proto.getReads(1).getKey()).isEqualTo("b");
        assertThat(proto.getReads(1).getVersion().getBlockNum()).isEqualTo(1);
        assertThat(proto.getReads(1).getVersion().getTxNum()).isZero();

        assertThat(proto.getRangeQueriesInfoList()).hasSize(2);
        assertThat(proto.getRangeQueriesInfo(0).getStartKey()).isEqualTo("a");
        assertThat(proto.getRangeQueriesInfo(0).getEndKey()).isEqualTo("c");
        assertThat(proto.getRangeQueriesInfo(0).getItrExhausted()).isTrue();
        assertThat(proto.getRangeQueriesInfo(0).getRawReads().getKvReads(0).getKey()).isEqualTo("b");
        assertThat(proto.getRangeQueriesInfo(1).hasRawReads()).as("no reads, no raw_reads").isFalse();

        assertThat(proto.getWritesList()).extracting(KVWrite::getKey).containsExactly("d", "w");
        assertThat(proto.getWrites(0).getIsDelete()).isTrue();
        assertThat(proto.getWrites(0).getValue()).isEqualTo(ByteString.EMPTY);
        assertThat(proto.getWrites(1).getIsDelete()).isFalse();
        assertThat(proto.getWrites(1).getValue().toStringUtf8()).isEqualTo("value");

        assertThat(proto.getMetadataWritesList()).hasSize(1);
        KVMetadataWrite metadata = proto.getMetadataWrites(0);
        assertThat(metadata.getKey()).isEqualTo("w");
        assertThat(metadata.getEntriesList())
                .containsExactly(KVMetadataEntry.newBuilder()
                        .setName("VALIDATION_PARAMETER")
                        .setValue(ByteString.copyFromUtf8("policy"))
                        .build());
    }

    @Test
    void sorts_keys_in_the_proto_by_utf8_bytes() {
        String apple = "\uD83C\uDF4E";
        String replacement = "\uFFFD";
        KVRWSet proto = ReadWriteSet.builder()
                .write(apple, bytes("1"))
                .write(replacement, bytes("2"))
                .read(apple, V1)
                .read(replacement, V1)
                .build()
                .toKvRwSet();

        assertThat(proto.getWritesList()).extracting(KVWrite::getKey).containsExactly(replacement, apple);
        assertThat(proto.getReads(0).getKey()).isEqualTo(replacement);
    }

    @Test
    void equal_contents_give_identical_bytes_whatever_the_recording_order() {
        ReadWriteSet forwards = ReadWriteSet.builder()
                .read("a", V1)
                .read("b", V2)
                .write("x", bytes("1"))
                .write("y", bytes("2"))
                .build();
        ReadWriteSet backwards = ReadWriteSet.builder()
                .write("y", bytes("2"))
                .write("x", bytes("1"))
                .read("b", V2)
                .read("a", V1)
                .build();

        assertThat(forwards.toKvRwSetBytes()).isEqualTo(backwards.toKvRwSetBytes());
        assertThat(forwards).isEqualTo(backwards).hasSameHashCodeAs(backwards);
    }

    @Test
    void parses_its_own_kvrwset_and_tx_read_write_set_bytes_back() {
        ReadWriteSet rwset = sample();

        assertThat(ReadWriteSet.parseKvRwSet(rwset.toKvRwSetBytes())).isEqualTo(rwset);
        assertThat(ReadWriteSet.parseTxReadWriteSet(rwset.toTxReadWriteSetBytes("kv"), "kv"))
                .isEqualTo(rwset);
        assertThat(ReadWriteSet.parseTxReadWriteSet(rwset.toTxReadWriteSetBytes("kv"), "other"))
                .isEqualTo(ReadWriteSet.empty());
    }

    @Test
    void wraps_the_kvrwset_in_a_kv_tx_read_write_set() throws Exception {
        ReadWriteSet rwset = sample();
        TxReadWriteSet tx = TxReadWriteSet.parseFrom(rwset.toTxReadWriteSetBytes("kv"));

        assertThat(tx.getDataModel()).isEqualTo(TxReadWriteSet.DataModel.KV);
        assertThat(tx.getNsRwsetList()).hasSize(1);
        assertThat(tx.getNsRwset(0).getNamespace()).isEqualTo("kv");
        assertThat(tx.getNsRwset(0).getRwset().toByteArray()).isEqualTo(rwset.toKvRwSetBytes());
        assertThat(tx.getNsRwset(0).getCollectionHashedRwsetList()).isEmpty();
    }

    @Test
    void reads_a_write_with_an_empty_value_as_a_delete_like_fabric() {
        KVRWSet proto = KVRWSet.newBuilder()
                .addWrites(KVWrite.newBuilder().setKey("k").setIsDelete(false))
                .build();

        assertThat(ReadWriteSet.fromKvRwSet(proto).writes()).containsEntry("k", null);
    }

    @Test
    void rejects_merkle_summaries_and_unknown_metadata() {
        KVRWSet merkle = KVRWSet.newBuilder()
                .addRangeQueriesInfo(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo.newBuilder()
                        .setStartKey("a")
                        .setReadsMerkleHashes(QueryReadsMerkleSummary.newBuilder().setMaxDegree(50)))
                .build();
        KVRWSet otherMetadata = KVRWSet.newBuilder()
                .addMetadataWrites(KVMetadataWrite.newBuilder()
                        .setKey("k")
                        .addEntries(KVMetadataEntry.newBuilder().setName("OTHER")))
                .build();

        assertThatThrownBy(() -> ReadWriteSet.fromKvRwSet(merkle)).hasMessageContaining("Merkle");
        assertThatThrownBy(() -> ReadWriteSet.fromKvRwSet(otherMetadata)).hasMessageContaining("OTHER");
        assertThatThrownBy(() -> ReadWriteSet.parseKvRwSet(new byte[] {(byte) 0xff}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reports_written_keys_including_validation_parameters() {
        assertThat(sample().writtenKeys()).containsExactly("d", "w");
        assertThat(sample().isReadOnly()).isFalse();
        assertThat(ReadWriteSet.builder().read("a", V1).build().isReadOnly()).isTrue();
        assertThat(ReadWriteSet.builder().metadataWrite("a", bytes("p")).build().isReadOnly()).isFalse();
    }

    @Test
    void hands_out_copies_of_written_values() {
        ReadWriteSet rwset = sample();
        rwset.writes().get("w")[0] = 'X';

        assertThat(rwset.writes().get("w")).isEqualTo(bytes("value"));
    }
}
