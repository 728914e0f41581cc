package org.fairmark.contract;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairmark.devca.Identity;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.PublicKeys;
import org.fairmark.simulator.InProcessChaincode;
import org.fairmark.simulator.Invocation;
import org.fairmark.simulator.MemoryStateStore;
import org.fairmark.simulator.SimulationResult;
import org.fairmark.simulator.Version;

/**
 * A one-peer ledger for contract tests: each submit runs the real contract through the shim's contract routing on the
 * simulator and, when it succeeds, commits its write set as the next block. Time is a test clock, so runs are
 * reproducible.
 */
final class Chain {
    /**
     * Another way to run the same calls: a test of another module (the gateway access matrix of network/embedded) sets
     * a factory, and every {@code new Chain()} then sends its submits and evaluations there instead of the simulator.
     */
    interface Backend {
        Outcome submit(Identity who, String function, String json);

        Outcome evaluate(Identity who, String function, String json);
    }

    /** The backend factory of chains created from now on, or null for the simulator. */
    static volatile java.util.function.Supplier<Backend> backendFactory;

    private final Backend backend;
    static final String CHANNEL = "fairmark";
    static final String CHAINCODE = "fairmark";
    private static final InProcessChaincode CONTRACT = InProcessChaincode.load(CHAINCODE);

    private final MemoryStateStore store = new MemoryStateStore();
    private Instant clock;
    private long block;
    private long sequence;

    Chain() {
        this(Instant.parse("2026-10-08T02:00:00Z"));
    }

    Chain(Instant start) {
        this.clock = start;
        java.util.function.Supplier<Backend> factory = backendFactory;
        this.backend = factory == null ? null : factory.get();
    }

    MemoryStateStore store() {
        return store;
    }

    Instant now() {
        return clock;
    }

    void advance(Duration duration) {
        clock = clock.plus(duration);
    }

    /** Submits and commits when the contract succeeds (one transaction per block). */
    Outcome submit(Identity who, String function, Object request) {
        if (backend != null) {
            return backend.submit(who, function, json(request));
        }
        SimulationResult result = execute(who, function, json(request));
        boolean commit = result.status() == 200 && store.isValid(CHAINCODE, result.readWriteSet());
        if (commit) {
            block++;
            store.commit(CHAINCODE, result.readWriteSet(), new Version(block, 0), lastTxId, clock);
        }
        return new Outcome(result, commit);
    }

    /** Evaluates: runs the contract, commits nothing. */
    Outcome evaluate(Identity who, String function, Object request) {
        if (backend != null) {
            return backend.evaluate(who, function, json(request));
        }
        return new Outcome(execute(who, function, json(request)), false);
    }

    /** Runs with raw arguments (for malformed-input tests); never commits. */
    Outcome raw(Identity who, List<byte[]> args) {
        return new Outcome(executeArgs(who.serialized(), args), false);
    }

    Outcome rawCreator(byte[] creator, String function, String json) {
        return new Outcome(executeArgs(creator, List.of(function.getBytes(UTF_8), json.getBytes(UTF_8))), false);
    }

    private String lastTxId;

    private SimulationResult execute(Identity who, String function, String json) {
        return executeArgs(who.serialized(), List.of(function.getBytes(UTF_8), json.getBytes(UTF_8)));
    }

    private SimulationResult executeArgs(byte[] creator, List<byte[]> args) {
        sequence++;
        clock = clock.plusMillis(1);
        lastTxId = PublicKeys.sha256Hex("tx-" + sequence + "-" + HexFormat.of().formatHex(creator, 0, 8));
        Invocation invocation =
                new Invocation(CHANNEL, lastTxId, clock, creator, args, Map.of(), null, new byte[0], "PeerMSP");
        return CONTRACT.execute(store, CHAINCODE, invocation);
    }

    static String json(Object request) {
        return request instanceof String s ? s : CanonicalJson.toJson(request);
    }

    static String requestId() {
        return UUID.randomUUID().toString();
    }
}
