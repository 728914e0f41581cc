package org.fairmark.bench.jmh;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.fairmark.cli.bench.BenchChaincode;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.PublicKeys;
import org.fairmark.domain.Role;
import org.fairmark.samples.Samples;
import org.fairmark.simulator.InProcessChaincode;
import org.fairmark.simulator.Invocation;
import org.fairmark.simulator.MemoryStateStore;
import org.fairmark.simulator.SimulationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The contract's CPU per call, as the embedded network's endorser spends it: one simulation on the simulator through
 * {@link InProcessChaincode} (the shim's own {@code ContractRouter}), against an empty world state, nothing committed.
 *
 * <ul>
 *   <li>{@code register}: {@code batch:Register} of a new lot by a producer (what the bench's register-batch round
 *       sends);
 *   <li>{@code blindWrite}: the bench's baseline {@code bench:BlindWrite}, a raw {@code Chaincode} (no routing, no
 *       context);
 *   <li>{@code routedBlindWrite}: the same blind put as a {@code @Contract} transaction, through the shim's routing,
 *       argument conversion and default {@code Context} ({@code RoutedBlindContract}).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ContractBenchmarks {
    private static final String CHAINCODE = "fairmark";
    private static final Instant NOW = Instant.parse("2026-10-08T02:00:00Z");

    private InProcessChaincode chaincode;
    private MemoryStateStore store;
    private byte[] producer;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty(InProcessChaincode.PACKAGES_PROPERTY, "org.fairmark.contract,org.fairmark.bench.jmh.contract");
        chaincode = InProcessChaincode.load(CHAINCODE).withContract(BenchChaincode.CONTRACT, new BenchChaincode());
        store = new MemoryStateStore();
        CertificateAuthority ca = CertificateAuthority.create("CoopMSP", "coop");
        Identity identity = ca.issue("producer.CoopMSP", Map.of(Role.ATTRIBUTE, Role.PRODUCER.attributeValue()));
        producer = identity.serialized();
        for (String function : List.of("register", "blind", "routed")) {
            SimulationResult result = run(function);
            if (!result.isSuccess()) {
                throw new IllegalStateException(function + " failed: " + result.status() + " " + result.message());
            }
        }
    }

    SimulationResult run(String which) {
        return execute(next(which));
    }

    /** Executes one prepared call: what the endorser times as the contract's CPU. */
    SimulationResult execute(Invocation invocation) {
        return chaincode.execute(store, CHAINCODE, invocation);
    }

    /** The next call of {@code which} (register, blind, routed): a new lot or key each time, nothing committed. */
    Invocation next(String which) {
        long n = ++sequence;
        List<byte[]> args = switch (which) {
            case "register" -> List.of("batch:Register".getBytes(UTF_8), CanonicalJson.toBytes(Samples.registration(
                    new UUID(0x4000L, n).toString(), "JMH-" + n, "2026-09-20", 1_000_000L, 10_000L)));
            case "blind" -> List.of("bench:BlindWrite".getBytes(UTF_8), ("JMH-" + n).getBytes(UTF_8), ("v" + n).getBytes(UTF_8));
            default -> List.of("routedblind:BlindWrite".getBytes(UTF_8), ("JMH-" + n).getBytes(UTF_8), ("v" + n).getBytes(UTF_8));
        };
        String txId = PublicKeys.sha256Hex("jmh-" + n);
        return new Invocation(CHAINCODE, txId, NOW.plusMillis(n), producer, args, Map.of(), null, new byte[0], "CoopMSP");
    }

    @Benchmark
    public SimulationResult register() {
        return run("register");
    }

    @Benchmark
    public SimulationResult blindWrite() {
        return run("blind");
    }

    @Benchmark
    public SimulationResult routedBlindWrite() {
        return run("routed");
    }
}
