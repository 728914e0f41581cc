package org.fairmark.network.fabric.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Roster;
import org.fairmark.domain.Gtin;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.samples.Samples;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * Register-batch throughput and commit latency on native Hyperledger Fabric (the {@code network/fabric} scripts) and on
 * the embedded network, each with the chosen chaincode policy ({@code MAJORITY}) and with a single-org one ({@code OR}
 * of the four orgs on Fabric, {@code ANY} on the embedded network), at 1, 8, 32 and 128 clients, in one run and one
 * markdown report. Not a test: a main class run with the test classpath on a machine as quiet as you can get.
 *
 * <pre>
 * mvn -B -q -pl chaincode/contract,network/fabric -am package dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test -DskipTests
 * PATH=/path/to/fabric-2.5/bin:$PATH java -cp network/fabric/target/test-classes:network/fabric/target/classes:$(cat /tmp/cp.txt) \
 *     [-Dbench.seconds=10] [-Dbench.maxTransactions=2000] [-Dbench.clients=1,8,32,128] [-Dbench.native=true]
 *     [-Dbench.embedded=true] [-Dbench.out=bench/results/real-fabric.md] \
 *     org.fairmark.network.fabric.bench.RealFabricBenchmark
 * </pre>
 *
 * <p>Each client is a thread with its own fabric-gateway connection to the cooperative's peer (TLS on Fabric, plaintext
 * loopback on the embedded network) submitting {@code batch:Register} of a new lot as {@code producer@coop} (endorse,
 * submit, wait for the commit status) back to back. Every level runs at most {@code bench.seconds} and
 * {@code bench.maxTransactions} after a warm-up. The embedded network is given the orderer's batch settings from
 * {@code config/configtx.yaml} (250 ms, 100 transactions). The whole native part holds an exclusive lock on
 * {@code /tmp/fairmark-fabric.lock} (the ports are fixed, other runs take the same lock) and always ends with
 * {@code down.sh --clean}.
 */
public final class RealFabricBenchmark {
    private static final Logger FAIRMARK_LOGGER = Logger.getLogger("org.fairmark");
    private static final Logger FABRIC_LOGGER = Logger.getLogger("org.hyperledger");
    private static final Logger GRPC_LOGGER = Logger.getLogger("io.grpc");
    private static final String GTIN = Samples.GTIN;
    private static final String CHANNEL = "fairmark";
    private static final String CHAINCODE = "fairmark";

    private RealFabricBenchmark() {}

    public static void main(String[] args) throws Exception {
        long seconds = Long.getLong("bench.seconds", 10);
        int maxTransactions = Integer.getInteger("bench.maxTransactions", 2000);
        List<Integer> clientLevels = new ArrayList<>();
        for (String value : System.getProperty("bench.clients", "1,8,32,128").split(",")) {
            clientLevels.add(Integer.parseInt(value.strip()));
        }
        boolean runNative = Boolean.parseBoolean(System.getProperty("bench.native", "true"));
        boolean runEmbedded = Boolean.parseBoolean(System.getProperty("bench.embedded", "true"));
        Path root = repositoryRoot();
        Path scripts = root.resolve("network/fabric");
        Path report = Path.of(System.getProperty("bench.out", root.resolve("bench/results/real-fabric.md").toString()));
        Path lockFile = Path.of(System.getProperty("bench.lock", "/tmp/fairmark-fabric.lock"));
        FAIRMARK_LOGGER.setLevel(Level.WARNING);
        FABRIC_LOGGER.setLevel(Level.WARNING);
        GRPC_LOGGER.setLevel(Level.SEVERE);

        Batch batch = Batch.read(scripts.resolve("config/configtx.yaml"));
        String loadBefore = loadAverage();
        String started = now();
        System.out.println("load before: " + loadBefore + "; orderer batch " + batch);
        List<Section> sections = new ArrayList<>();
        String fabricVersion = "not run";
        if (runNative) {
            fabricVersion = command(List.of("peer", "version"), scripts).strip().replaceAll("\\s*\\n\\s*", "; ");
            sections.addAll(runNative(scripts, lockFile, clientLevels, seconds, maxTransactions));
        }
        if (runEmbedded) {
            sections.add(runEmbedded("MAJORITY", batch, clientLevels, seconds, maxTransactions));
            sections.add(runEmbedded("ANY", batch, clientLevels, seconds, maxTransactions));
        }
        String loadAfter = loadAverage();
        String markdown = markdown(sections, batch, seconds, maxTransactions, loadBefore, loadAfter, started,
                fabricVersion);
        System.out.println();
        System.out.println(markdown);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, markdown, UTF_8);
        System.out.println("written to " + report.toAbsolutePath());
    }

    // ------------------------------------------------------------------ native Fabric

    private static List<Section> runNative(Path scripts, Path lockFile, List<Integer> clientLevels, long seconds,
            int maxTransactions) throws Exception {
        List<Section> sections = new ArrayList<>();
        System.out.println("waiting for the lock " + lockFile + " ...");
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockChannel.lock()) {
            System.out.println("holding " + lockFile + (lock.isShared() ? " (shared)" : " (exclusive)"));
            Path state = Files.createTempDirectory("fairmark-fabric-bench");
            Thread cleanup = new Thread(() -> down(scripts, state), "fabric-bench-down");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                script(scripts, 600, "up.sh", state.toString());
                script(scripts, 600, "deploy.sh", state.toString(), "--policy", "majority");
                sections.add(runNativeSection("MAJORITY", "channel's MAJORITY Endorsement (3 of 4 orgs)", state,
                        clientLevels, seconds, maxTransactions));
                script(scripts, 600, "deploy.sh", state.toString(), "--policy", "or", "--sequence", "2");
                sections.add(runNativeSection("OR",
                        "OR('CoopMSP.peer','BureauMSP.peer','CarrierMSP.peer','MarketMSP.peer')", state,
                        clientLevels, seconds, maxTransactions));
            } finally {
                down(scripts, state);
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway; down.sh on a cleaned directory does nothing
                }
            }
        }
        return sections;
    }

    private static Section runNativeSection(String policy, String policyText, Path state, List<Integer> clientLevels,
            long seconds, int maxTransactions) throws Exception {
        System.out.printf(Locale.ROOT, "native Fabric, policy %s%n", policy);
        String profile = Files.readString(state.resolve("connection-profile.json"));
        Matcher coop = Pattern.compile("\"CoopMSP\":\\{\"endpoint\":\"([^\":]+):(\\d+)\",\"tls\":true,"
                        + "\"tlsCACerts\":\\{\"path\":\"([^\"]+)\"},\"serverNameOverride\":\"([^\"]+)\"")
                .matcher(profile);
        if (!coop.find()) {
            throw new IllegalStateException("no CoopMSP entry in " + state.resolve("connection-profile.json"));
        }
        String host = coop.group(1);
        int port = Integer.parseInt(coop.group(2));
        Path caCert = state.resolve(coop.group(3));
        String serverName = coop.group(4);
        Path wallet = state.resolve("wallet").resolve(Roster.PRODUCER);
        X509Certificate certificate;
        PrivateKey key;
        try (Reader certReader = Files.newBufferedReader(wallet.resolve("cert.pem"));
                Reader keyReader = Files.newBufferedReader(wallet.resolve("key.pem"))) {
            certificate = Identities.readX509Certificate(certReader);
            key = Identities.readPrivateKey(keyReader);
        }
        Client client = new Client("CoopMSP", certificate, key, () -> {
            try {
                return NettyChannelBuilder.forAddress(host, port)
                        .sslContext(GrpcSslContexts.forClient().trustManager(caCert.toFile()).build())
                        .overrideAuthority(serverName)
                        .build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return measure("native Fabric 2.5", policy, policyText, client, clientLevels, seconds, maxTransactions);
    }

    private static void down(Path scripts, Path state) {
        if (!Files.exists(state)) {
            return;
        }
        try {
            script(scripts, 120, "down.sh", state.toString(), "--clean");
        } catch (Exception e) {
            System.err.println("down.sh --clean failed: " + e);
        }
    }

    // ------------------------------------------------------------------ embedded network

    private static Section runEmbedded(String policy, Batch batch, List<Integer> clientLevels, long seconds,
            int maxTransactions) throws Exception {
        System.out.printf(Locale.ROOT, "embedded network, policy %s%n", policy);
        Path dataDir = Files.createTempDirectory("fairmark-embedded-bench");
        try (EmbeddedNetwork network = EmbeddedNetwork.builder()
                .dataDir(dataDir)
                .port(0)
                .blockSize(batch.maxMessageCount())
                .blockTimeout(Duration.ofMillis(batch.timeoutMs()))
                .endorsementPolicy(policy)
                .start()) {
            Identity producer = network.wallet().get(EmbeddedNetwork.PRODUCER);
            Client client = new Client(producer.mspId(), producer.certificate(), producer.privateKey(),
                    () -> ManagedChannelBuilder.forAddress("127.0.0.1", network.port()).usePlaintext().build());
            return measure("embedded", policy, network.endorsementPolicy(), client, clientLevels, seconds,
                    maxTransactions);
        } finally {
            deleteRecursively(dataDir);
        }
    }

    // ------------------------------------------------------------------ the workload

    private static Section measure(String networkName, String policy, String policyText, Client client,
            List<Integer> clientLevels, long seconds, int maxTransactions) throws InterruptedException {
        // Warm-up: JIT, connections, the peers' connections to the contract, identity caches.
        LevelResult warmUp = run(client, 8, 4, 200);
        System.out.printf(Locale.ROOT, "  warm-up: %s%n", warmUp.describe());
        List<LevelResult> results = new ArrayList<>();
        for (int clients : clientLevels) {
            LevelResult result = run(client, clients, seconds, maxTransactions);
            System.out.printf(Locale.ROOT, "  %3d client(s): %s%n", clients, result.describe());
            results.add(result);
        }
        return new Section(networkName, policy, policyText, List.copyOf(results));
    }

    private static LevelResult run(Client client, int clients, long seconds, int maxTransactions)
            throws InterruptedException {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger started = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                ManagedChannel channel = client.channels().get();
                try (Gateway gateway = Gateway.newInstance()
                        .identity(new X509Identity(client.mspId(), client.certificate()))
                        .signer(Signers.newPrivateKeySigner(client.key()))
                        .hash(Hash.SHA256)
                        .connection(channel)
                        .connect()) {
                    Contract contract = gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
                    while (System.nanoTime() < deadline && started.incrementAndGet() <= maxTransactions) {
                        long begin = System.nanoTime();
                        try {
                            contract.submitTransaction("batch:Register", registerBatch());
                            latencies.add(System.nanoTime() - begin);
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            if (failures.size() < 3) {
                                failures.add(e.toString().replace('\n', ' '));
                            }
                        }
                    }
                } finally {
                    channel.shutdownNow();
                }
            }, "bench-client-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new LevelResult(clients, sorted.size(), failed.get(), elapsed, percentile(sorted, 0.50),
                percentile(sorted, 0.99), List.copyOf(failures));
    }

    /** The same request as the embedded benchmark: a new lot, a new request id. */
    static String registerBatch() {
        String lot = "B-" + UUID.randomUUID().toString().substring(0, 18);
        return "{\"requestId\":\"" + UUID.randomUUID() + "\",\"gtin\":\"" + GTIN + "\",\"lot\":\"" + lot + "\","
                + "\"product\":\"chestnut\",\"origin\":{\"countyCode\":\"130227\",\"township\":\"Hanerzhuang\","
                + "\"village\":\"Yuhu\"},\"harvestDate\":\"2025-09-20\",\"declaredMassGrams\":1000000}";
    }

    static double percentile(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    // ------------------------------------------------------------------ report

    private static String markdown(List<Section> sections, Batch batch, long seconds, int maxTransactions,
            String loadBefore, String loadAfter, String started, String fabricVersion) {
        StringBuilder out = new StringBuilder();
        out.append("# Register-batch on native Fabric and on the embedded network\n\n");
        out.append("Measured ").append(started).append(" (UTC) with `RealFabricBenchmark` ")
                .append("(network/fabric/src/test/java/org/fairmark/network/fabric/bench), one run, on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.version")).append(".\n\n");
        out.append("- Load average (1, 5, 15 min) before: **").append(loadBefore).append("**, after: **")
                .append(loadAfter).append("**. The machine is shared with other builds; a load above the core count ")
                .append("means they competed for the CPU, so read the figures as lower bounds and the ratios as the ")
                .append("result.\n");
        out.append("- Fabric: `").append(fabricVersion).append("`; native processes from `network/fabric/up.sh` ")
                .append("(one Raft orderer, one peer per org, TLS, LevelDB), contract as chaincode-as-a-service ")
                .append("(`deploy.sh --policy majority`, then `deploy.sh --policy or --sequence 2` on the same ")
                .append("network).\n");
        out.append("- Embedded network: the same contract in one process, block size ").append(batch.maxMessageCount())
                .append(" and block timeout ").append(batch.timeoutMs())
                .append(" ms, the orderer's `BatchSize.MaxMessageCount` and `BatchTimeout` in ")
                .append("`network/fabric/config/configtx.yaml`.\n");
        out.append("- Workload: each client is a thread with its own fabric-gateway connection to the cooperative's ")
                .append("gateway (TLS on Fabric, plaintext loopback on the embedded network) submitting ")
                .append("`batch:Register` of a new lot as `producer@coop` (endorse, submit, wait for the commit ")
                .append("status), back to back. Each level runs at most ").append(seconds).append(" s and ")
                .append(maxTransactions).append(" transactions, after a warm-up. Latency is the client's ")
                .append("submit-to-commit-status time.\n\n");
        out.append("Command (from the repository root, Fabric 2.5 binaries on PATH):\n\n```bash\n")
                .append("mvn -B -q -pl chaincode/contract,network/fabric -am package dependency:build-classpath ")
                .append("-Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test -DskipTests\n")
                .append("PATH=/path/to/fabric-2.5/bin:$PATH \\\n  ")
                .append("java -cp network/fabric/target/test-classes:network/fabric/target/classes:$(cat /tmp/cp.txt) ")
                .append("org.fairmark.network.fabric.bench.RealFabricBenchmark\n```\n\n");
        out.append("| network | policy | clients | committed | failed | seconds | tx/s | p50 (ms) | p99 (ms) |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Section section : sections) {
            for (LevelResult result : section.results()) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.1f | %.1f | %.0f | %.0f |%n",
                        section.network(), section.policy(), result.clients(), result.committed(), result.failed(),
                        result.seconds(), result.throughput(), result.p50Millis(), result.p99Millis()));
            }
        }
        out.append("\nPolicies: ");
        List<String> policies = new ArrayList<>();
        for (Section section : sections) {
            policies.add(section.network() + " " + section.policy() + " = `" + section.policyText() + "`");
        }
        out.append(String.join("; ", policies)).append(".\n");
        for (Section section : sections) {
            for (LevelResult result : section.results()) {
                if (!result.failures().isEmpty()) {
                    out.append("\nFailures, ").append(section.network()).append(' ').append(section.policy())
                            .append(" at ").append(result.clients()).append(" clients (first few): ")
                            .append(String.join("; ", result.failures())).append('\n');
                }
            }
        }
        out.append("\n## Ratios\n\n");
        out.append("| clients | Fabric MAJORITY ÷ OR (tx/s) | embedded MAJORITY ÷ ANY (tx/s) | embedded ÷ Fabric, MAJORITY "
                + "(tx/s) | Fabric MAJORITY ÷ OR (p50) | embedded MAJORITY ÷ ANY (p50) |\n");
        out.append("|---:|---:|---:|---:|---:|---:|\n");
        Section fabricMajority = find(sections, "native Fabric 2.5", "MAJORITY");
        Section fabricOr = find(sections, "native Fabric 2.5", "OR");
        Section embeddedMajority = find(sections, "embedded", "MAJORITY");
        Section embeddedAny = find(sections, "embedded", "ANY");
        Section any = sections.isEmpty() ? null : sections.get(0);
        if (any != null) {
            for (int i = 0; i < any.results().size(); i++) {
                int index = i;
                out.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s |%n", any.results().get(i).clients(),
                        ratio(fabricMajority, fabricOr, index, LevelResult::throughput),
                        ratio(embeddedMajority, embeddedAny, index, LevelResult::throughput),
                        ratio(embeddedMajority, fabricMajority, index, LevelResult::throughput),
                        ratio(fabricMajority, fabricOr, index, LevelResult::p50Millis),
                        ratio(embeddedMajority, embeddedAny, index, LevelResult::p50Millis)));
            }
        }
        return out.toString();
    }

    private static Section find(List<Section> sections, String network, String policy) {
        return sections.stream()
                .filter(section -> section.network().equals(network) && section.policy().equals(policy))
                .findFirst()
                .orElse(null);
    }

    private static String ratio(Section a, Section b, int index, java.util.function.ToDoubleFunction<LevelResult> value) {
        if (a == null || b == null || index >= a.results().size() || index >= b.results().size()) {
            return "–";
        }
        double denominator = value.applyAsDouble(b.results().get(index));
        if (denominator == 0 || Double.isNaN(denominator)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", value.applyAsDouble(a.results().get(index)) / denominator);
    }

    // ------------------------------------------------------------------ helpers

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("network/fabric/up.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from the repository (no network/fabric/up.sh above " + here + ")");
    }

    private static void script(Path scripts, int timeoutSeconds, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(scripts.resolve(script).toString()));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Path log = Files.createTempFile("fairmark-bench-" + script, ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(scripts.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = Files.readString(log);
            System.out.printf(Locale.ROOT, "%s %s: %d ms%n", script, String.join(" ", args),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException(script + " failed (" + (finished ? "exit " + process.exitValue()
                        : "timed out after " + timeoutSeconds + " s") + "):\n" + output);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String command(List<String> command, Path dir) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static char checkDigit(String first13) {
        for (char digit = '0'; digit <= '9'; digit++) {
            if (Gtin.isValid(first13 + digit)) {
                return digit;
            }
        }
        throw new IllegalArgumentException(first13);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The orderer's batch cut settings, read from configtx.yaml so the embedded network uses the same. */
    record Batch(long timeoutMs, int maxMessageCount) {
        static Batch read(Path configtx) throws IOException {
            String text = Files.readString(configtx);
            Matcher timeout = Pattern.compile("(?m)^\\s*BatchTimeout:\\s*(\\d+)(ms|s)\\s*$").matcher(text);
            Matcher count = Pattern.compile("(?m)^\\s*MaxMessageCount:\\s*(\\d+)\\s*$").matcher(text);
            if (!timeout.find() || !count.find()) {
                throw new IllegalStateException("no BatchTimeout / MaxMessageCount in " + configtx);
            }
            long millis = Long.parseLong(timeout.group(1)) * (timeout.group(2).equals("s") ? 1000 : 1);
            return new Batch(millis, Integer.parseInt(count.group(1)));
        }

        @Override
        public String toString() {
            return timeoutMs + " ms / " + maxMessageCount + " tx";
        }
    }

    private record Client(String mspId, X509Certificate certificate, PrivateKey key,
            Supplier<ManagedChannel> channels) {}

    private record Section(String network, String policy, String policyText, List<LevelResult> results) {}

    private record LevelResult(
            int clients, long committed, long failed, double seconds, double p50Millis, double p99Millis,
            List<String> failures) {
        double throughput() {
            return committed / seconds;
        }

        String describe() {
            return String.format(Locale.ROOT, "%d committed, %d failed in %.1f s: %.1f tx/s, p50 %.1f ms, p99 %.1f ms",
                    committed, failed, seconds, throughput(), p50Millis, p99Millis);
        }
    }
}
