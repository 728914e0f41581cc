package org.fairmark.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InProcessChaincodeTest {
    private final TestLedger ledger = new TestLedger();

    @Nested
    class Routing {
        @Test
        void routes_to_the_default_contract_and_commits_its_writes() {
            SimulationResult put = ledger.submit("put", "a", "apple");

            assertThat(put.status()).isEqualTo(200);
            assertThat(put.readWriteSet().writes()).containsOnlyKeys("a");
            assertThat(ledger.evaluate("get", "a").payloadAsString()).isEqualTo("apple");
            assertThat(ledger.evaluate("kv:get", "a").payloadAsString()).isEqualTo("apple");
        }

        @Test
        void gives_the_contract_the_invocations_identity_and_context() {
            Invocation invocation = ledger.invocation("whoAmI");

            SimulationResult result = TestLedger.chaincode().execute(ledger.store, invocation);

            assertThat(result.payloadAsString())
                    .isEqualTo("GrowerMSP|GrowerMSP|fairmark|" + invocation.txId() + "|" + invocation.timestamp()
                            + "|whoAmI|[]");
        }

        @Test
        void answers_the_get_metadata_system_transaction() {
            SimulationResult result = ledger.evaluate("org.hyperledger.fabric:GetMetadata");

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.payloadAsString()).contains("\"kv\"").contains("\"putThenGet\"");
        }

        @Test
        void returns_a_chaincode_exception_as_an_error_with_its_payload_and_no_read_write_set() {
            SimulationResult result = ledger.evaluate("reject", "BATCH_NOT_FOUND");

            assertThat(result.status()).isEqualTo(500);
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.message()).isEqualTo("rejected with BATCH_NOT_FOUND");
            assertThat(result.payloadAsString()).isEqualTo("BATCH_NOT_FOUND");
            assertThat(result.readWriteSet()).isEqualTo(ReadWriteSet.empty());
            assertThat(result.event()).isNull();
        }

        @Test
        void returns_an_unexpected_exception_as_a_generic_error() {
            SimulationResult result = ledger.evaluate("crash");

            assertThat(result.status()).isEqualTo(500);
            assertThat(result.message()).isEqualTo("Error during contract method execution");
        }

        @Test
        void routes_an_extra_contracts_functions_to_it_and_keeps_it_out_of_the_metadata() {
            InProcessChaincode withExtra = TestLedger.chaincode().withContract("extra", new Chaincode() {
                @Override
                public Response init(ChaincodeStub stub) {
                    return ResponseUtils.newSuccessResponse();
                }

                @Override
                public Response invoke(ChaincodeStub stub) {
                    stub.putStringState("x", stub.getFunction() + "|" + String.join(",", stub.getParameters()));
                    return ResponseUtils.newSuccessResponse("done".getBytes(UTF_8));
                }
            });

            SimulationResult extra = withExtra.execute(ledger.store, ledger.invocation("extra:Write", "1", "2"));
            SimulationResult routed = withExtra.execute(ledger.store, ledger.invocation("kv:get", "a"));
            SimulationResult metadata =
                    withExtra.execute(ledger.store, ledger.invocation("org.hyperledger.fabric:GetMetadata"));

            assertThat(extra.status()).isEqualTo(200);
            assertThat(extra.payloadAsString()).isEqualTo("done");
            assertThat(extra.readWriteSet().writes()).containsOnlyKeys("x");
            assertThat(routed.status()).isEqualTo(200);
            assertThat(metadata.payloadAsString()).contains("\"kv\"").doesNotContain("\"extra\"");
            assertThat(TestLedger.chaincode().execute(ledger.store, ledger.invocation("extra:Write")).status())
                    .isEqualTo(500);
        }

        @Test
        void rejects_an_unknown_function() {
            SimulationResult result = ledger.evaluate("noSuchFunction");

            assertThat(result.status()).isEqualTo(500);
            assertThat(result.message()).isEqualTo("Undefined contract method called");
        }

        @Test
        void an_unsupported_stub_call_fails_with_a_message_naming_the_feature() {
            SimulationResult result = ledger.evaluate("privateRead");

            assertThat(result.status()).isEqualTo(500);
            assertThat(result.message()).startsWith("private data (getPrivateData) is not supported");
        }
    }

    @Nested
    class ReadYourWrites {
        @Test
        void a_read_after_a_write_returns_the_committed_value() {
            ledger.submit("put", "a", "committed");

            SimulationResult result = ledger.evaluate("putThenGet", "a", "mine");

            assertThat(result.payloadAsString()).isEqualTo("[committed]");
            assertThat(result.readWriteSet().writes().get("a")).isEqualTo("mine".getBytes(UTF_8));
        }

        @Test
        void a_read_after_a_delete_returns_the_committed_value() {
            ledger.submit("put", "a", "committed");

            assertThat(ledger.evaluate("delThenGet", "a").payloadAsString()).isEqualTo("[committed]");
        }

        @Test
        void a_read_after_writing_a_new_key_returns_nothing() {
            assertThat(ledger.evaluate("putThenGet", "new", "mine").payloadAsString()).isEqualTo("[]");
        }

        @Test
        void writing_an_empty_value_deletes_the_key() {
            ledger.submit("put", "a", "1");
            ledger.submit("putEmpty", "a");

            assertThat(ledger.store.get(TestLedger.NAMESPACE, "a")).isNull();
        }
    }

    @Nested
    class CompositeKeys {
        @Test
        void lists_items_by_partial_composite_key() {
            ledger.submit("putItem", "batch", "org1", "b1", "100g");
            ledger.submit("putItem", "batch", "org1", "b2", "200g");
            ledger.submit("putItem", "batch", "org10", "b3", "300g");
            ledger.submit("putItem", "lot", "org1", "l1", "lot");
            ledger.submit("put", "plain", "not composite");

            assertThat(ledger.evaluate("listItems", "batch", "org1").payloadAsString())
                    .isEqualTo("org1/b1=100g\norg1/b2=200g");
            assertThat(ledger.evaluate("listItems", "batch", "").payloadAsString())
                    .isEqualTo("org1/b1=100g\norg1/b2=200g\norg10/b3=300g");
            assertThat(ledger.evaluate("range", "", "").payloadAsString()).isEqualTo("plain");
        }

        @Test
        void pages_through_items_with_bookmarks() {
            for (int i = 0; i < 5; i++) {
                ledger.submit("putItem", "batch", "org1", "b" + i, "v");
            }

            String first = ledger.evaluate("itemsPage", "batch", "2", "").payloadAsString();
            String bookmark = first.split("\\|")[1];
            String second = ledger.evaluate("itemsPage", "batch", "2", bookmark).payloadAsString();
            String third = ledger.evaluate("itemsPage", "batch", "2", second.split("\\|")[1]).payloadAsString();

            assertThat(first).startsWith("org1/b0,org1/b1|").endsWith("|2");
            assertThat(second).startsWith("org1/b2,org1/b3|").endsWith("|2");
            assertThat(third).isEqualTo("org1/b4||1");
        }
    }

    @Nested
    class Ranges {
        @Test
        void orders_range_results_by_utf8_bytes() {
            String apple = "k\uD83C\uDF4E";
            String replacement = "k\uFFFD";
            ledger.submit("put", apple, "apple");
            ledger.submit("put", replacement, "replacement");
            ledger.submit("put", "kz", "z");

            assertThat(ledger.evaluate("range", "k", "l").payloadAsString())
                    .isEqualTo("kz," + replacement + "," + apple);
        }

        @Test
        void pages_through_a_range() {
            for (String key : List.of("k1", "k2", "k3", "k4", "k5")) {
                ledger.submit("put", key, key);
            }

            assertThat(ledger.evaluate("page", "k", "l", "2", "").payloadAsString()).isEqualTo("k1,k2|k3|2");
            assertThat(ledger.evaluate("page", "k", "l", "2", "k3").payloadAsString()).isEqualTo("k3,k4|k5|2");
            assertThat(ledger.evaluate("page", "k", "l", "2", "k5").payloadAsString()).isEqualTo("k5||1");
        }

        @Test
        void a_write_after_a_paginated_query_fails_with_an_empty_read_write_set() {
            SimulationResult result = ledger.evaluate("pageThenPut", "a");

            assertThat(result.status()).isEqualTo(500);
            assertThat(result.message())
                    .startsWith("PUT_STATE failed: transaction ID: ")
                    .endsWith("Transaction has already performed a paginated query. Writes are not allowed");
            assertThat(result.readWriteSet()).isEqualTo(ReadWriteSet.empty());
        }

        @Test
        void the_failure_stands_even_when_the_contract_catches_it() {
            SimulationResult result = ledger.evaluate("pageThenPutCaught", "a");

            assertThat(result.status()).isEqualTo(500);
            assertThat(result.message()).startsWith("PUT_STATE failed");
        }

        @Test
        void a_paginated_query_after_a_write_fails() {
            SimulationResult result = ledger.evaluate("putThenPage", "a");

            assertThat(result.status()).isEqualTo(500);
            assertThat(result.message()).endsWith("Paginated queries are supported only in a read-only transaction");
        }
    }

    @Nested
    class History {
        @Test
        void lists_writes_and_deletes_newest_first() {
            ledger.submit("put", "a", "1");
            ledger.submit("put", "a", "2");
            ledger.submit("del", "a");
            ledger.submit("put", "a", "4");

            assertThat(ledger.evaluate("history", "a").payloadAsString())
                    .isEqualTo("tx4|false|4\ntx3|true|\ntx2|false|2\ntx1|false|1");
        }
    }

    @Nested
    class Events {
        @Test
        void returns_the_event_of_a_successful_transaction() {
            SimulationResult result = ledger.evaluate("emit", "BatchRegistered", "{\"id\":\"b1\"}");

            assertThat(result.event())
                    .isEqualTo(new ChaincodeEventRecord("BatchRegistered", "{\"id\":\"b1\"}".getBytes(UTF_8)));
        }

        @Test
        void keeps_only_the_last_event_of_a_transaction() {
            assertThat(ledger.evaluate("emitTwice").event().name()).isEqualTo("second");
        }

        @Test
        void a_transaction_without_event_has_none() {
            assertThat(ledger.evaluate("put", "a", "1").event()).isNull();
        }
    }

    @Nested
    class ValidationParameters {
        @Test
        void sets_and_reads_a_key_level_endorsement_policy() {
            ledger.submit("put", "a", "1");
            SimulationResult set = ledger.submit("setPolicy", "a", "policy-bytes");

            assertThat(set.readWriteSet().metadataWrites()).containsOnlyKeys("a");
            assertThat(set.readWriteSet().toKvRwSet().getMetadataWrites(0).getEntries(0).getName())
                    .isEqualTo("VALIDATION_PARAMETER");
            assertThat(ledger.evaluate("getPolicy", "a").payloadAsString()).isEqualTo("policy-bytes");
            assertThat(ledger.evaluate("get", "a").payloadAsString()).as("value kept").isEqualTo("1");
            assertThat(ledger.evaluate("getPolicy", "other").payloadAsString()).isEqualTo("<none>");
        }

        @Test
        void reading_a_policy_records_a_read_of_the_key() {
            ledger.submit("put", "a", "1");
            Version committed = ledger.store.get(TestLedger.NAMESPACE, "a").version();

            SimulationResult result = ledger.evaluate("getPolicy", "a");

            assertThat(result.readWriteSet().reads()).containsEntry("a", committed);
        }
    }

    @Nested
    class Mvcc {
        @Test
        void a_transaction_that_read_a_key_updated_since_is_invalid() {
            ledger.submit("put", "counter", "1");
            Invocation late = ledger.invocation("increment", "counter");
            SimulationResult simulatedEarly = TestLedger.chaincode().execute(ledger.store, late);

            ledger.submit("increment", "counter");

            assertThat(ledger.store.isValid(TestLedger.NAMESPACE, simulatedEarly.readWriteSet())).isFalse();
            assertThat(ledger.commit(simulatedEarly, late)).isFalse();
            assertThat(ledger.evaluate("get", "counter").payloadAsString()).isEqualTo("2");
        }

        @Test
        void a_key_inserted_into_a_range_read_is_a_phantom() {
            ledger.submit("put", "k1", "1");
            Invocation count = ledger.invocation("countRange", "k", "l", "count");
            SimulationResult counted = TestLedger.chaincode().execute(ledger.store, count);

            ledger.submit("put", "k2", "phantom");

            assertThat(ledger.commit(counted, count)).isFalse();
        }

        @Test
        void a_write_outside_what_was_read_leaves_it_valid() {
            ledger.submit("put", "k1", "1");
            Invocation count = ledger.invocation("countRange", "k", "l", "count");
            SimulationResult counted = TestLedger.chaincode().execute(ledger.store, count);

            ledger.submit("put", "z", "unrelated");

            assertThat(ledger.commit(counted, count)).isTrue();
            assertThat(ledger.evaluate("get", "count").payloadAsString()).isEqualTo("1");
        }
    }

    @Nested
    class Determinism {
        @Test
        void the_same_execution_on_equal_stores_gives_identical_read_write_set_bytes() {
            TestLedger other = new TestLedger();
            for (TestLedger each : List.of(ledger, other)) {
                each.submit("put", "k1", "1");
                each.submit("putItem", "batch", "org1", "b1", "v");
                each.submit("put", "z", "2");
            }
            Invocation invocation = ledger.invocation("countRange", "k", "l", "count");

            SimulationResult here = TestLedger.chaincode().execute(ledger.store, invocation);
            SimulationResult there = TestLedger.chaincode().execute(other.store, invocation);
            SimulationResult again = TestLedger.chaincode().execute(ledger.store, invocation);

            assertThat(here.readWriteSet().toKvRwSetBytes())
                    .isEqualTo(there.readWriteSet().toKvRwSetBytes())
                    .isEqualTo(again.readWriteSet().toKvRwSetBytes());
            assertThat(here.readWriteSet().toTxReadWriteSetBytes("kv"))
                    .isEqualTo(there.readWriteSet().toTxReadWriteSetBytes("kv"));
            assertThat(here).isEqualTo(there);
        }
    }

    @Nested
    class Concurrency {
        @Test
        void concurrent_increments_lose_no_update() throws Exception {
            int threads = 8;
            int incrementsPerThread = 25;
            AtomicLong blocks = new AtomicLong();
            AtomicInteger conflicts = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Callable<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    workers.add(() -> {
                        for (int i = 0; i < incrementsPerThread; i++) {
                            incrementUntilCommitted(blocks, conflicts);
                            ledger.submit("put", "own-" + thread + "-" + i, "x");
                        }
                        return thread;
                    });
                }
                for (Future<Integer> done : pool.invokeAll(workers)) {
                    done.get();
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(ledger.evaluate("get", "counter").payloadAsString())
                    .isEqualTo(Integer.toString(threads * incrementsPerThread));
            assertThat(ledger.store.range(TestLedger.NAMESPACE, "own-", "own.", 1000))
                    .hasSize(threads * incrementsPerThread);
            assertThat(ledger.store.history(TestLedger.NAMESPACE, "counter")).hasSize(threads * incrementsPerThread);
        }

        private void incrementUntilCommitted(AtomicLong blocks, AtomicInteger conflicts) {
            while (true) {
                Invocation invocation = ledger.invocation("increment", "counter");
                SimulationResult result = TestLedger.chaincode().execute(ledger.store, invocation);
                assertThat(result.isSuccess()).as(result.message()).isTrue();
                Version version = new Version(1_000_000 + blocks.incrementAndGet(), 0);
                if (ledger.store.commitIfValid(TestLedger.NAMESPACE, result.readWriteSet(), version,
                        invocation.txId(), invocation.timestamp())) {
                    return;
                }
                conflicts.incrementAndGet();
            }
        }
    }

    @Nested
    class Logging {
        @Test
        void keeps_routine_transactions_and_business_errors_out_of_the_log_but_not_bugs() {
            TestLedger.chaincode();
            Logger fabric = Logger.getLogger("org.hyperledger.fabric");
            List<LogRecord> records = new ArrayList<>();
            Handler capture = new Handler() {
                @Override
                public synchronized void publish(LogRecord record) {
                    records.add(record);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
            capture.setLevel(Level.ALL);
            fabric.addHandler(capture);
            try {
                ledger.submit("put", "a", "1");
                ledger.evaluate("get", "a");
                ledger.evaluate("reject", "CODE");
                assertThat(records).as("routine and business errors").isEmpty();

                ledger.evaluate("crash");
                assertThat(records).extracting(LogRecord::getLevel).containsExactly(Level.SEVERE);
            } finally {
                fabric.removeHandler(capture);
            }
        }

    }
}
