package org.fairmark.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A channel for tests: the "kv" chaincode over a {@link MemoryStateStore}, one transaction per block. */
final class TestLedger {
    static final String CHANNEL = "fairmark";
    static final String NAMESPACE = "kv";
    static final Instant GENESIS = Instant.parse("2025-03-01T08:00:00Z");

    final MemoryStateStore store = new MemoryStateStore();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong blocks = new AtomicLong();

    /** The chaincode, loaded once for all tests (loading scans the classpath). */
    static InProcessChaincode chaincode() {
        return Holder.KV;
    }

    Invocation invocation(String... args) {
        long number = transactions.incrementAndGet();
        return Invocation.builder()
                .channelId(CHANNEL)
                .txId("tx" + number)
                .timestamp(GENESIS.plusSeconds(number))
                .creator(TestIdentities.GROWER)
                .peerMspId(TestIdentities.MSP_ID)
                .args(args)
                .build();
    }

    SimulationResult evaluate(String... args) {
        return chaincode().execute(store, invocation(args));
    }

    /** Executes and commits; fails the test unless the transaction succeeds and is valid. */
    SimulationResult submit(String... args) {
        Invocation invocation = invocation(args);
        SimulationResult result = chaincode().execute(store, invocation);
        assertThat(result.isSuccess()).as("%s: %s", invocation.stringArgs(), result.message()).isTrue();
        assertThat(commit(result, invocation)).as("valid %s", invocation.stringArgs()).isTrue();
        return result;
    }

    boolean commit(SimulationResult result, Invocation invocation) {
        return store.commitIfValid(
                NAMESPACE, result.readWriteSet(), nextVersion(), invocation.txId(), invocation.timestamp());
    }

    Version nextVersion() {
        return new Version(blocks.incrementAndGet(), 0);
    }

    private static final class Holder {
        static final InProcessChaincode KV = InProcessChaincode.load(NAMESPACE);
    }
}
