package org.fairmark.network.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.fairmark.devca.Identity;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.samples.Samples;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * Write throughput and commit latency of the embedded network through the fabric-gateway client over loopback TCP,
 * at 1, 8 and 64 concurrent clients, next to the crypto-bound ceiling of this machine measured in the same run.
 * Not a test: run it on a quiet machine.
 *
 * <pre>
 * mvn -q -pl network/embedded -am install -DskipTests
 * mvn -pl network/embedded exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.fairmark.network.bench.EmbeddedNetworkBenchmark \
 *     [-Dbench.seconds=15] [-Dbench.maxTransactions=3000] [-Dbench.blockTimeoutsMs=200,20] [-Dbench.out=FILE]
 *     [-Dbench.clients=1,8,64] [-Dbench.policies=MAJORITY,ANY]
 * </pre>
 *
 * <p>Each client is a thread with its own gateway connection, submitting {@code batch:Register} of a new lot as a
 * producer (endorse, submit, wait for commit status) back to back. Every level runs for at most
 * {@code bench.seconds} seconds and {@code bench.maxTransactions} transactions after a short warm-up.
 */
public final class EmbeddedNetworkBenchmark {
    /** Held so the levels set survive: java.util.logging keeps loggers only weakly. */
    private static final Logger FAIRMARK_LOGGER = Logger.getLogger("org.fairmark");
    private static final Logger FABRIC_LOGGER = Logger.getLogger("org.hyperledger");
    private static final String GTIN = Samples.GTIN;

    private EmbeddedNetworkBenchmark() {}

    public static void main(String[] args) throws Exception {
        long seconds = Long.getLong("bench.seconds", 15);
        int maxTransactions = Integer.getInteger("bench.maxTransactions", 3000);
        int blockSize = Integer.getInteger("bench.blockSize", EmbeddedNetwork.DEFAULT_BLOCK_SIZE);
        List<Long> blockTimeouts = new ArrayList<>();
        for (String value : System.getProperty("bench.blockTimeoutsMs", "200,20").split(",")) {
            blockTimeouts.add(Long.parseLong(value.strip()));
        }
        List<Integer> clientLevels = new ArrayList<>();
        for (String value : System.getProperty("bench.clients", "1,8,64").split(",")) {
            clientLevels.add(Integer.parseInt(value.strip()));
        }
        List<String> policies = new ArrayList<>();
        for (String value : System.getProperty("bench.policies", "MAJORITY").split(",")) {
            policies.add(value.strip());
        }
        Path report = Path.of(System.getProperty("bench.out", defaultReportPath()));
        FAIRMARK_LOGGER.setLevel(Level.WARNING);
        FABRIC_LOGGER.setLevel(Level.WARNING);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        System.out.println("measuring ECDSA P-256 ...");
        List<CryptoRate> rates = measureCrypto();
        rates.forEach(rate -> System.out.printf(Locale.ROOT, "  %-28s sign %8.0f/s  verify %8.0f/s%n",
                rate.name(), rate.signPerSecond(), rate.verifyPerSecond()));

        List<Configuration> configurations = new ArrayList<>();
        for (String policy : policies) {
            for (long blockTimeoutMs : blockTimeouts) {
                configurations.add(
                        runConfiguration(policy, blockSize, blockTimeoutMs, clientLevels, seconds, maxTransactions));
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String markdown = markdown(rates, configurations, seconds, maxTransactions, loadBefore, loadAfter);
        System.out.println();
        System.out.println(markdown);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, markdown, UTF_8);
        System.out.println("written to " + report.toAbsolutePath());
    }

    private static Configuration runConfiguration(String policy, int blockSize, long blockTimeoutMs,
            List<Integer> clientLevels, long seconds, int maxTransactions) throws Exception {
        System.out.printf(Locale.ROOT, "policy %s, block size %d, block timeout %d ms%n", policy, blockSize,
                blockTimeoutMs);
        Path dataDir = Files.createTempDirectory("fairmark-bench");
        List<LevelResult> results = new ArrayList<>();
        try (EmbeddedNetwork network = EmbeddedNetwork.builder()
                .dataDir(dataDir)
                .port(0)
                .blockSize(blockSize)
                .blockTimeout(Duration.ofMillis(blockTimeoutMs))
                .endorsementPolicy(policy)
                .start()) {
            Identity producer = network.wallet().get(EmbeddedNetwork.PRODUCER);
            AtomicLong clientSignatures = new AtomicLong();
            // Warm-up: JIT, connection set-up, identity caches.
            run(network, producer, 8, 4, 300, clientSignatures);
            EmbeddedNetwork.CryptoCounters before = network.cryptoCounters();
            long clientSignaturesBefore = clientSignatures.get();
            for (int clients : clientLevels) {
                System.out.printf(Locale.ROOT, "  %d client(s) ...%n", clients);
                LevelResult result = run(network, producer, clients, seconds, maxTransactions, clientSignatures);
                results.add(result);
                System.out.printf(Locale.ROOT, "    %s%n", result.describe());
            }
            EmbeddedNetwork.CryptoCounters after = network.cryptoCounters();
            long transactions = results.stream().mapToLong(result -> result.committed() + result.failed()).sum();
            PerTransaction perTransaction = new PerTransaction(
                    (double) (after.signatures() - before.signatures()) / transactions,
                    (double) (after.verifications() - before.verifications()) / transactions,
                    (double) (clientSignatures.get() - clientSignaturesBefore) / transactions);
            return new Configuration(policy, network.endorsementPolicy(), blockSize, blockTimeoutMs,
                    network.signatureProvider(), perTransaction, List.copyOf(results));
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static LevelResult run(
            EmbeddedNetwork network,
            Identity producer,
            int clients,
            long seconds,
            int maxTransactions,
            AtomicLong clientSignatures)
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
                ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", network.port())
                        .usePlaintext()
                        .build();
                Signer signer = countingSigner(producer, clientSignatures);
                try (Gateway gateway = Gateway.newInstance()
                        .identity(new X509Identity(producer.mspId(), producer.certificate()))
                        .signer(signer)
                        .hash(Hash.SHA256)
                        .connection(channel)
                        .connect()) {
                    Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
                    while (System.nanoTime() < deadline && started.incrementAndGet() <= maxTransactions) {
                        long begin = System.nanoTime();
                        try {
                            contract.submitTransaction("batch:Register", registerBatch());
                            latencies.add(System.nanoTime() - begin);
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            if (failures.size() < 3) {
                                failures.add(e.toString());
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
        return new LevelResult(clients, sorted.size(), failed.get(), elapsed,
                percentile(sorted, 0.50), percentile(sorted, 0.99), List.copyOf(failures));
    }

    private static Signer countingSigner(Identity identity, AtomicLong counter) {
        // -Dbench.signer=fast: the client signs on FastEcdsa (what FairmarkClient's FastSigner does); else fabric-gateway's
        Signer signer;
        if ("fast".equals(System.getProperty("bench.signer"))) {
            org.fairmark.devca.FastEcdsa ecdsa = org.fairmark.devca.FastEcdsa.on(org.fairmark.devca.FastEcdsa.get().provider());
            java.security.PrivateKey key = ecdsa.importKey(identity.privateKey());
            signer = digest -> ecdsa.signDigest(key, digest);
        } else {
            signer = Signers.newPrivateKeySigner((ECPrivateKey) identity.privateKey());
        }
        return digest -> {
            counter.incrementAndGet();
            return signer.sign(digest);
        };
    }

    private static String registerBatch() {
        String lot = "B-" + UUID.randomUUID().toString().substring(0, 18);
        return "{\"requestId\":\"" + UUID.randomUUID() + "\",\"gtin\":\"" + GTIN + "\",\"lot\":\"" + lot + "\","
                + "\"product\":\"chestnut\",\"origin\":{\"countyCode\":\"130227\",\"township\":\"Hanerzhuang\","
                + "\"village\":\"Yuhu\"},\"harvestDate\":\"2025-09-20\",\"declaredMassGrams\":1000000}";
    }

    private static double percentile(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    /** Signs and verifies with each JCA provider, and signs as the fabric-gateway client does. */
    private static List<CryptoRate> measureCrypto() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] message = new byte[1500];
        new java.security.SecureRandom().nextBytes(message);
        List<CryptoRate> rates = new ArrayList<>();
        List<Provider> providers = new ArrayList<>();
        providers.add(Security.getProvider("SunEC"));
        providers.add(new BouncyCastleProvider());
        for (Provider provider : providers) {
            Signature signer = Signature.getInstance("SHA256withECDSA", provider);
            Signature verifier = Signature.getInstance("SHA256withECDSA", provider);
            java.security.PublicKey publicKey = java.security.KeyFactory.getInstance("EC", provider)
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(pair.getPublic().getEncoded()));
            java.security.PrivateKey privateKey = java.security.KeyFactory.getInstance("EC", provider)
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
            signer.initSign(privateKey);
            signer.update(message);
            byte[] signature = signer.sign();
            double signRate = rate(() -> {
                signer.initSign(privateKey);
                signer.update(message);
                signer.sign();
            });
            double verifyRate = rate(() -> {
                verifier.initVerify(publicKey);
                verifier.update(message);
                if (!verifier.verify(signature)) {
                    throw new IllegalStateException("verification failed");
                }
            });
            rates.add(new CryptoRate("JCA " + provider.getName() + " SHA256withECDSA", signRate, verifyRate));
        }
        Signer clientSigner = Signers.newPrivateKeySigner((ECPrivateKey) pair.getPrivate());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
        double clientRate = rate(() -> clientSigner.sign(digest));
        rates.add(new CryptoRate("fabric-gateway client signer", clientRate, Double.NaN));
        return rates;
    }

    /** Operations per second of {@code operation}: 1 s of warm-up, then 2 s measured. */
    private static double rate(Operation operation) throws Exception {
        long warmUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < warmUp) {
            operation.run();
        }
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(2);
        long count = 0;
        while (System.nanoTime() < end) {
            operation.run();
            count++;
        }
        return count * 1e9 / (System.nanoTime() - start);
    }

    private static String markdown(
            List<CryptoRate> rates,
            List<Configuration> configurations,
            long seconds,
            int maxTransactions,
            double loadBefore,
            double loadAfter) {
        String provider = configurations.get(0).provider();
        CryptoRate network = rates.stream()
                .filter(rate -> rate.name().contains(" " + provider + " "))
                .findFirst()
                .orElse(rates.get(0));
        CryptoRate client = rates.get(rates.size() - 1);
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder out = new StringBuilder();
        out.append("# Embedded network: write throughput and the crypto-bound ceiling\n\n");
        out.append("Measured ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
                .append(" with `EmbeddedNetworkBenchmark` (network/embedded/src/test/java/org/fairmark/network/bench) on ")
                .append(cores).append(" cores, Java ").append(System.getProperty("java.version")).append(", ")
                .append(System.getProperty("os.name"))
                .append(String.format(Locale.ROOT, "; system load average %.1f before and %.1f after the run", loadBefore,
                        loadAfter))
                .append(" (the machine is shared; a load above the core count means other work competed). Client and ")
                .append("network run in one JVM and talk over loopback TCP, plaintext.\n\n");
        out.append("Workload: each client is a thread with its own fabric-gateway connection submitting `batch:Register` ")
                .append("of a new lot as a CoopMSP producer (endorse, submit, wait for the commit status), back to back; ")
                .append("chaincode endorsement policy as named per section. Each level runs at most ").append(seconds)
                .append(" s and ").append(maxTransactions).append(" transactions, after a warm-up.\n");
        for (Configuration configuration : configurations) {
            out.append("\n## Policy ").append(configuration.policy()).append(", block size ")
                    .append(configuration.blockSize()).append(", block timeout ")
                    .append(configuration.blockTimeoutMs()).append(" ms\n\n");
            out.append("Chaincode policy `").append(configuration.policyText()).append(String.format(Locale.ROOT,
                    "`: per transaction %.2f endorsement signatures and %.2f verifications by the network.%n%n",
                    configuration.perTransaction().signatures(), configuration.perTransaction().verifications()));
            out.append("| clients | committed | failed | seconds | tx/s | p50 commit latency (ms) | p99 (ms) |\n");
            out.append("|---:|---:|---:|---:|---:|---:|---:|\n");
            for (LevelResult result : configuration.results()) {
                out.append(String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %.1f | %.1f |%n",
                        result.clients(), result.committed(), result.failed(), result.seconds(), result.throughput(),
                        result.p50Millis(), result.p99Millis()));
            }
            for (LevelResult result : configuration.results()) {
                if (!result.failures().isEmpty()) {
                    out.append("\nFailures at ").append(result.clients()).append(" clients (first few): ")
                            .append(String.join("; ", result.failures())).append('\n');
                }
            }
        }
        out.append("\nWith fewer clients than a block holds, every transaction waits for the block timeout, so ")
                .append("throughput is clients ÷ latency, as on Fabric; the short timeout shows what the network does ")
                .append("when that wait is small.\n");
        out.append("\n## ECDSA P-256 on this machine (one thread, 1.5 kB messages)\n\n");
        out.append("| implementation | sign/s | verify/s |\n|---|---:|---:|\n");
        for (CryptoRate rate : rates) {
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %s |%n", rate.name(), rate.signPerSecond(),
                    Double.isNaN(rate.verifyPerSecond()) ? "–" : String.format(Locale.ROOT, "%.0f", rate.verifyPerSecond())));
        }
        out.append("\nThe network chose **").append(provider).append("** by measurement at start-up. The ")
                .append("fabric-gateway client signs with the JDK's default provider (NONEwithECDSA over the digest).\n\n");
        out.append("## Crypto-bound ceiling\n\n");
        out.append("Per transaction, counted during each section's run: endorsement signatures and signature ")
                .append("verifications by the network (proposal; transaction at submission, which the committer does not ")
                .append("repeat; endorsements at commit; commit-status request; certificate chains are cached), and the ")
                .append("client's signatures (proposal, transaction, commit-status request). The CPU time of that ")
                .append("public-key crypto bounds throughput on ").append(cores).append(" cores.\n\n");
        out.append("| policy | signatures | verifications | client signatures | crypto ms/tx | ceiling tx/s "
                + "(network + clients) | ceiling tx/s (network alone) | best measured tx/s | share of ceiling |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Configuration configuration : configurations) {
            PerTransaction counts = configuration.perTransaction();
            double networkSeconds = counts.signatures() / network.signPerSecond()
                    + counts.verifications() / network.verifyPerSecond();
            double cryptoSeconds = networkSeconds + counts.clientSignatures() / client.signPerSecond();
            double ceiling = cores / cryptoSeconds;
            double best = configuration.results().stream().mapToDouble(LevelResult::throughput).max().orElse(0);
            out.append(String.format(Locale.ROOT, "| %s, %d ms | %.2f | %.2f | %.2f | %.3f | %.0f | %.0f | %.1f | **%.0f%%** |%n",
                    configuration.policy(), configuration.blockTimeoutMs(), counts.signatures(), counts.verifications(),
                    counts.clientSignatures(), cryptoSeconds * 1000, ceiling, cores / networkSeconds, best, 100 * best / ceiling));
        }
        out.append(String.format(Locale.ROOT, "%nRates used: network sign %.0f/s and verify %.0f/s (%s), client sign "
                        + "%.0f/s. The rest of the CPU goes to protobuf and gRPC on both sides, the contract (JSON, the "
                        + "shim's routing), the block's fsync and hashing, and at low concurrency to waiting for the "
                        + "block timeout.%n",
                network.signPerSecond(), network.verifyPerSecond(), provider, client.signPerSecond()));
        return out.toString();
    }

    private static String defaultReportPath() {
        Path here = Path.of("").toAbsolutePath();
        // exec:java runs in the module directory; the report belongs to the repository's bench/results.
        Path root = Files.exists(here.resolve("bench")) || !Files.exists(here.resolve("../../pom.xml"))
                ? here
                : here.resolve("../..").normalize();
        return root.resolve("bench/results/embedded-network.md").toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @FunctionalInterface
    private interface Operation {
        void run() throws Exception;
    }

    private record Configuration(
            String policy, String policyText, int blockSize, long blockTimeoutMs, String provider, PerTransaction perTransaction, List<LevelResult> results) {}

    private record CryptoRate(String name, double signPerSecond, double verifyPerSecond) {}

    private record PerTransaction(double signatures, double verifications, double clientSignatures) {}

    private record LevelResult(
            int clients,
            long committed,
            long failed,
            double seconds,
            double p50Millis,
            double p99Millis,
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
