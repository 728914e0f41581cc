package org.fairmark.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.ContractRuntimeException;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulatedStubTest {
    private static final String NS = "kv";
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String TX = "tx-under-test";

    private final MemoryStateStore store = new MemoryStateStore();
    private long blocks;

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private Version seed(String... keysAndValues) {
        ReadWriteSet.Builder rwset = ReadWriteSet.builder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            rwset.write(keysAndValues[i], bytes(keysAndValues[i + 1]));
        }
        Version version = new Version(++blocks, 0);
        store.commit(NS, rwset.build(), version, "seed" + blocks, T0.plusSeconds(blocks));
        return version;
    }

    private void seedNumbered(String prefix, int count, String format) {
        ReadWriteSet.Builder rwset = ReadWriteSet.builder();
        for (int i = 0; i < count; i++) {
            rwset.write(prefix + String.format(format, i), bytes("v" + i));
        }
        store.commit(NS, rwset.build(), new Version(++blocks, 0), "seed" + blocks, T0);
    }

    private SimulatedStub stub(String... args) {
        return new SimulatedStub(
                store,
                NS,
                Invocation.builder()
                        .channelId("fairmark")
                        .txId(TX)
                        .timestamp(T0)
                        .creator(TestIdentities.GROWER)
                        .args(args)
                        .build());
    }

    private static List<String> take(Iterator<KeyValue> results, int count) {
        List<String> keys = new ArrayList<>();
        while (keys.size() < count && results.hasNext()) {
            keys.add(results.next().getKey());
        }
        return keys;
    }

    private static RangeQueryInfo onlyRange(SimulatedStub stub) {
        assertThat(stub.readWriteSet().rangeQueries()).hasSize(1);
        return stub.readWriteSet().rangeQueries().get(0);
    }

    @Nested
    class State {
        @Test
        void reads_the_committed_value_even_after_writing_it_no_read_your_writes() {
            Version v1 = seed("a", "committed");
            SimulatedStub stub = stub();

            stub.putState("a", bytes("mine"));
            assertThat(stub.getStringState("a")).isEqualTo("committed");
            stub.delState("a");
            assertThat(stub.getStringState("a")).isEqualTo("committed");
            stub.putState("new", bytes("mine"));
            assertThat(stub.getState("new")).isEmpty();

            ReadWriteSet rwset = stub.readWriteSet();
            assertThat(rwset.reads()).containsEntry("a", v1).containsEntry("new", null);
            assertThat(rwset.writes()).containsEntry("a", null).containsKey("new");
        }

        @Test
        void reads_an_absent_key_as_an_empty_array_like_the_shim() {
            assertThat(stub().getState("absent")).isNotNull().isEmpty();
        }

        @Test
        void records_an_empty_value_as_a_delete() {
            SimulatedStub stub = stub();
            stub.putState("a", new byte[0]);

            assertThat(stub.readWriteSet().writes()).containsEntry("a", null);
        }

        @Test
        void validates_keys_and_values_like_the_shim() {
            SimulatedStub stub = stub();

            assertThatThrownBy(() -> stub.putState(null, bytes("v"))).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> stub.putState("", bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("key cannot not be an empty string");
            assertThatThrownBy(() -> stub.putState("bad\uD800key", bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be a UTF-8 string");
            assertThatThrownBy(() -> stub.putState("k", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> stub.delState("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> stub.getState("\uDC00")).isInstanceOf(IllegalArgumentException.class);

            stub.putState(stub.createCompositeKey("batch", "b1").toString(), bytes("composite keys are fine"));
            assertThat(stub.readWriteSet().writes()).hasSize(1);
            assertThat(stub.simulationFailure()).as("shim-side checks do not fail the simulation").isEmpty();
        }

        @Test
        void reads_and_records_validation_parameters() {
            Version v1 = seed("a", "1");
            store.commit(NS, ReadWriteSet.builder().metadataWrite("a", bytes("policy")).build(), new Version(7, 2),
                    "policy", T0);
            SimulatedStub stub = stub();

            assertThat(stub.getStateValidationParameter("a")).isEqualTo(bytes("policy"));
            assertThat(stub.getStateValidationParameter("absent")).isNull();
            stub.setStateValidationParameter("b", bytes("new policy"));

            ReadWriteSet rwset = stub.readWriteSet();
            assertThat(rwset.reads()).containsEntry("a", new Version(7, 2)).containsEntry("absent", null);
            assertThat(rwset.metadataWrites()).containsOnlyKeys("b");
            assertThat(rwset.metadataWrites().get("b")).isEqualTo(bytes("new policy"));
            assertThat(v1).isNotEqualTo(new Version(7, 2));
        }
    }

    @Nested
    class RangeQueries {
        @Test
        void an_unbounded_simple_range_leaves_composite_keys_out() {
            seed("b", "1", "a", "2", "\u0000batch\u0000x\u0000", "3");

            List<String> keys = take(stub().getStateByRange("", "").iterator(), 10);

            assertThat(keys).containsExactly("a", "b");
        }

        @Test
        void rejects_composite_keys_as_range_bounds() {
            assertThatThrownBy(() -> stub().getStateByRange("\u0000batch", ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("U+000000");
        }

        @Test
        void records_the_whole_small_range_as_pulled_even_if_the_chaincode_reads_one_key() {
            Version v1 = seed("k1", "1", "k2", "2", "k3", "3");
            SimulatedStub stub = stub();

            assertThat(take(stub.getStateByRange("k", "l").iterator(), 1)).containsExactly("k1");

            RangeQueryInfo info = onlyRange(stub);
            assertThat(info.iteratorExhausted()).isTrue();
            assertThat(info.startKey()).isEqualTo("k");
            assertThat(info.endKey()).isEqualTo("l");
            assertThat(info.reads()).extracting(RangeQueryInfo.Read::key).containsExactly("k1", "k2", "k3");
            assertThat(info.reads()).extracting(RangeQueryInfo.Read::version).containsOnly(v1);
        }

        @Test
        void pulls_large_ranges_in_the_peers_batches_of_one_hundred() {
            seedNumbered("k", 250, "%03d");
            SimulatedStub stub = stub();
            Iterator<KeyValue> results = stub.getStateByRange("k", "l").iterator();

            take(results, 1);
            RangeQueryInfo first = onlyRange(stub);
            assertThat(first.reads()).hasSize(101);
            assertThat(first.iteratorExhausted()).isFalse();
            assertThat(first.endKey()).isEqualTo("k100");

            take(results, 100);
            RangeQueryInfo second = onlyRange(stub);
            assertThat(second.reads()).hasSize(201);
            assertThat(second.endKey()).isEqualTo("k200");

            assertThat(take(results, 1000)).hasSize(149);
            RangeQueryInfo all = onlyRange(stub);
            assertThat(all.reads()).hasSize(250);
            assertThat(all.iteratorExhausted()).isTrue();
            assertThat(all.endKey()).isEqualTo("l");
        }

        @Test
        void walks_results_once_like_the_shims_iterator() {
            seed("a", "1", "b", "2");
            QueryResultsIterator<KeyValue> results = stub().getStateByRange("a", "c");

            assertThat(take(results.iterator(), 1)).containsExactly("a");
            assertThat(take(results.iterator(), 5)).containsExactly("b");
            results.close();
            assertThat(results.iterator().hasNext()).isFalse();
        }

        @Test
        void partial_composite_key_queries_match_whole_attributes_up_to_max_unicode() {
            SimulatedStub writer = stub();
            String b1 = writer.createCompositeKey("batch", "org1", "b1").toString();
            String b2 = writer.createCompositeKey("batch", "org1", "b2").toString();
            String other = writer.createCompositeKey("batch", "org10", "b3").toString();
            String lot = writer.createCompositeKey("lot", "org1", "l1").toString();
            seed(b1, "1", b2, "2", other, "3", lot, "4", "plain", "5");

            SimulatedStub stub = stub();
            List<String> org1 = take(stub.getStateByPartialCompositeKey("batch", "org1").iterator(), 10);
            List<String> batches = take(stub.getStateByPartialCompositeKey("batch").iterator(), 10);
            List<String> viaKey =
                    take(stub.getStateByPartialCompositeKey(new CompositeKey("batch", "org1")).iterator(), 10);
            List<String> viaString = take(stub.getStateByPartialCompositeKey(
                            new CompositeKey("batch", "org1").toString())
                    .iterator(), 10);

            assertThat(org1).containsExactly(b1, b2);
            assertThat(batches).containsExactly(b1, b2, other);
            assertThat(viaKey).isEqualTo(org1);
            assertThat(viaString).isEqualTo(org1);
            assertThat(stub.splitCompositeKey(b2).getAttributes()).containsExactly("org1", "b2");

            RangeQueryInfo info = stub.readWriteSet().rangeQueries().get(0);
            assertThat(info.startKey()).isEqualTo("\u0000batch\u0000org1\u0000");
            assertThat(info.endKey()).isEqualTo("\u0000batch\u0000org1\u0000\uDBFF\uDFFF");
            assertThat(stub.readWriteSet().rangeQueries())
                    .as("the same query again is recorded once")
                    .hasSize(2);
        }
    }

    @Nested
    class Pagination {
        private QueryResultsIteratorWithMetadata<KeyValue> page(SimulatedStub stub, int pageSize, String bookmark) {
            return stub.getStateByRangeWithPagination("k", "l", pageSize, bookmark);
        }

        @Test
        void pages_with_bookmarks_until_the_bookmark_is_empty() {
            seedNumbered("k", 25, "%02d");
            List<String> seen = new ArrayList<>();
            List<String> bookmarks = new ArrayList<>();
            String bookmark = "";
            do {
                QueryResultsIteratorWithMetadata<KeyValue> page = page(stub(), 10, bookmark);
                List<String> keys = take(page.iterator(), 100);
                assertThat(page.getMetadata().getFetchedRecordsCount()).isEqualTo(keys.size());
                seen.addAll(keys);
                bookmark = page.getMetadata().getBookmark();
                bookmarks.add(bookmark);
            } while (!bookmark.isEmpty());

            assertThat(bookmarks).containsExactly("k10", "k20", "");
            assertThat(seen).hasSize(25).doesNotHaveDuplicates().first().isEqualTo("k00");
        }

        @Test
        void an_exactly_full_last_page_has_an_empty_bookmark() {
            seedNumbered("k", 10, "%02d");
            QueryResultsIteratorWithMetadata<KeyValue> page = page(stub(), 5, "k05");

            assertThat(take(page.iterator(), 10)).containsExactly("k05", "k06", "k07", "k08", "k09");
            assertThat(page.getMetadata().getBookmark()).isEmpty();
            assertThat(page.getMetadata().getFetchedRecordsCount()).isEqualTo(5);
        }

        @Test
        void records_the_page_from_the_bookmark_and_stops_at_the_page_size() {
            seedNumbered("k", 25, "%02d");
            SimulatedStub stub = stub();
            take(page(stub, 10, "k10").iterator(), 1);

            RangeQueryInfo info = onlyRange(stub);
            assertThat(info.startKey()).isEqualTo("k10");
            assertThat(info.endKey()).isEqualTo("k19");
            assertThat(info.iteratorExhausted()).isFalse();
            assertThat(info.reads()).hasSize(10);
        }

        @Test
        void paginated_partial_composite_key_queries_page_through_one_type() {
            SimulatedStub writer = stub();
            ReadWriteSet.Builder rwset = ReadWriteSet.builder();
            for (int i = 0; i < 7; i++) {
                rwset.write(writer.createCompositeKey("batch", "b" + i).toString(), bytes("v"));
            }
            rwset.write(writer.createCompositeKey("lot", "l").toString(), bytes("v"));
            store.commit(NS, rwset.build(), new Version(1, 0), "seed", T0);

            QueryResultsIteratorWithMetadata<KeyValue> first =
                    stub().getStateByPartialCompositeKeyWithPagination(new CompositeKey("batch"), 4, "");
            assertThat(take(first.iterator(), 10)).hasSize(4);
            String bookmark = first.getMetadata().getBookmark();
            assertThat(bookmark).isEqualTo(writer.createCompositeKey("batch", "b4").toString());

            QueryResultsIteratorWithMetadata<KeyValue> second =
                    stub().getStateByPartialCompositeKeyWithPagination(new CompositeKey("batch"), 4, bookmark);
            assertThat(take(second.iterator(), 10)).hasSize(3);
            assertThat(second.getMetadata().getBookmark()).isEmpty();
        }

        @Test
        void a_write_after_a_paginated_query_fails_the_simulation_with_the_peers_message() {
            SimulatedStub stub = stub();
            page(stub, 10, "").close();

            assertThatThrownBy(() -> stub.putState("a", bytes("1")))
                    .isInstanceOf(ContractRuntimeException.class)
                    .hasMessage("PUT_STATE failed: transaction ID: " + TX + ": txid [" + TX + "]: unsuppored"
                            + " transaction. Transaction has already performed a paginated query. Writes are not"
                            + " allowed");
            assertThatThrownBy(() -> stub.delState("a")).hasMessageStartingWith("DEL_STATE failed");
            assertThatThrownBy(() -> stub.setStateValidationParameter("a", bytes("p")))
                    .hasMessageStartingWith("PUT_STATE_METADATA failed");
            assertThat(stub.simulationFailure()).hasValueSatisfying(
                    failure -> assertThat(failure).startsWith("PUT_STATE failed"));
            assertThat(stub.readWriteSet().writes()).isEmpty();
        }

        @Test
        void a_paginated_query_after_a_write_fails_the_simulation() {
            SimulatedStub stub = stub();
            stub.putState("a", bytes("1"));

            assertThatThrownBy(() -> page(stub, 10, ""))
                    .isInstanceOf(ContractRuntimeException.class)
                    .hasMessage("GET_STATE_BY_RANGE failed: transaction ID: " + TX + ": txid [" + TX
                            + "]: unsuppored transaction. Paginated queries are supported only in a read-only"
                            + " transaction");
            assertThat(stub.simulationFailure()).isPresent();
        }

        @Test
        void without_page_size_and_bookmark_the_peer_runs_an_ordinary_range_query() {
            seed("k1", "1");
            SimulatedStub stub = stub();
            QueryResultsIteratorWithMetadata<KeyValue> results = page(stub, 0, "");
            stub.putState("a", bytes("a write is still allowed"));

            assertThat(take(results.iterator(), 5)).containsExactly("k1");
            assertThat(results.getMetadata().getFetchedRecordsCount()).isZero();
            assertThat(results.getMetadata().getBookmark()).isEmpty();
            assertThat(stub.simulationFailure()).isEmpty();
        }

        @Test
        void a_null_bookmark_is_rejected_as_the_shims_protobuf_would() {
            assertThatThrownBy(() -> page(stub(), 10, null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Events {
        @Test
        void keeps_the_last_event_and_rejects_blank_names() {
            SimulatedStub stub = stub();
            stub.setEvent("first", bytes("1"));
            stub.setEvent("second", null);

            assertThat(stub.getEvent().getEventName()).isEqualTo("second");
            assertThat(stub.getEvent().getPayload().isEmpty()).isTrue();
            assertThatThrownBy(() -> stub.setEvent(" ", bytes("x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("event name can not be nil string");
            assertThatThrownBy(() -> stub.setEvent(null, bytes("x"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Unsupported {
        @Test
        void private_data_rich_queries_and_chaincode_calls_fail_the_simulation_naming_the_feature() {
            SimulatedStub privateData = stub();
            assertThatThrownBy(() -> privateData.getPrivateData("c", "k"))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage("private data (getPrivateData) is not supported by the Fairmark chaincode simulator");
            assertThat(privateData.simulationFailure()).isPresent();

            assertThatThrownBy(() -> stub().putPrivateData("c", "k", "v"))
                    .hasMessageContaining("private data (putPrivateData)");
            assertThatThrownBy(() -> stub().getQueryResult("{}")).hasMessageContaining("rich queries (getQueryResult)");
            assertThatThrownBy(() -> stub().invokeChaincodeWithStringArgs("other", "fn"))
                    .hasMessageContaining("chaincode-to-chaincode invocation (invokeChaincode)");
        }
    }

    @Nested
    class InvocationValues {
        @Test
        void exposes_the_invocation_like_the_shim() {
            Invocation invocation = Invocation.builder()
                    .channelId("fairmark")
                    .creator(TestIdentities.GROWER)
                    .timestamp(T0)
                    .args("register", "b1", "500")
                    .transientMap(Map.of("secret", bytes("s")))
                    .nonce(new byte[24])
                    .peerMspId("GrowerMSP")
                    .build();
            SimulatedStub stub = new SimulatedStub(store, NS, invocation);

            assertThat(stub.getFunction()).isEqualTo("register");
            assertThat(stub.getParameters()).containsExactly("b1", "500");
            assertThat(stub.getStringArgs()).containsExactly("register", "b1", "500");
            assertThat(stub.getArgs()).hasSize(3);
            assertThat(stub.getTransient()).containsOnlyKeys("secret");
            assertThat(stub.getTxTimestamp()).isEqualTo(T0);
            assertThat(stub.getCreator()).isEqualTo(TestIdentities.GROWER);
            assertThat(stub.getMspId()).isEqualTo("GrowerMSP");
            assertThat(stub.getChannelId()).isEqualTo("fairmark");
            assertThat(stub.getTxId()).as("hex SHA-256 of nonce and creator").hasSize(64);
            assertThat(stub.getBinding()).hasSize(32);
            assertThat(stub.getSignedProposal()).isNull();
        }

        @Test
        void derives_the_same_transaction_id_from_the_same_nonce() {
            Invocation.Builder builder =
                    Invocation.builder().channelId("c").creator(TestIdentities.GROWER).nonce(new byte[24]);

            assertThat(builder.build().txId()).isEqualTo(builder.build().txId());
        }

        @Test
        void get_msp_id_fails_like_the_shim_when_the_peer_msp_is_unset() {
            assertThatThrownBy(() -> stub().getMspId())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CORE_PEER_LOCALMSPID");
        }

        @Test
        void get_function_is_null_without_arguments() {
            assertThat(stub().getFunction()).isNull();
            assertThat(stub().getParameters()).isEmpty();
        }
    }

    @Nested
    class History {
        @Test
        void returns_the_committed_history_newest_first_without_recording_reads() {
            seed("a", "1");
            store.commit(NS, ReadWriteSet.builder().delete("a").build(), new Version(9, 0), "del", T0);
            SimulatedStub stub = stub();

            List<String> entries = new ArrayList<>();
            for (KeyModification modification : stub.getHistoryForKey("a")) {
                entries.add(modification.getTxId() + ":" + modification.isDeleted() + ":"
                        + modification.getStringValue());
            }

            assertThat(entries).containsExactly("del:true:", "seed1:false:1");
            assertThat(stub.readWriteSet()).isEqualTo(ReadWriteSet.empty());
        }
    }
}
