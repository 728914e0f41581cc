package org.fairmark.network.fabric;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.domain.Gtin;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts a real Fabric 2.5 network with {@code up.sh}, deploys the contract with {@code deploy.sh}, submits
 * {@code batch:Register} through the fabric-gateway client as the cooperative's producer and reads it back, then stops
 * everything with {@code down.sh --clean}. Skipped, with the reason, when {@code peer}, {@code orderer},
 * {@code configtxgen}, {@code osnadmin} are not on PATH.
 */
class FabricNetworkIT {
    static final List<String> BINARIES = List.of("peer", "orderer", "configtxgen", "osnadmin");
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static Path state;

    /** The binaries of {@link #BINARIES} missing from PATH. */
    static List<String> missingBinaries(String path) {
        List<String> missing = new ArrayList<>();
        for (String binary : BINARIES) {
            boolean found = false;
            for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                missing.add(binary);
            }
        }
        return missing;
    }

    @BeforeAll
    static void up() throws Exception {
        List<String> missing = missingBinaries(System.getenv("PATH"));
        Assumptions.assumeTrue(missing.isEmpty(),
                "Fabric binaries not on PATH: " + String.join(", ", missing) + " (native Fabric test skipped)");
        state = Files.createTempDirectory("fairmark-fabric-it");
        run(600, "up.sh", state.toString());
        run(600, "deploy.sh", state.toString());
    }

    @AfterAll
    static void down() throws Exception {
        if (state != null) {
            run(120, "down.sh", state.toString(), "--clean");
        }
    }

    @Test
    void register_commits_valid_and_get_reads_it_back() throws Exception {
        String profile = Files.readString(state.resolve("connection-profile.json"));
        assertThat(profile).contains("\"CoopMSP\":{\"endpoint\":\"127.0.0.1:7051\"");
        Matcher coop = Pattern.compile("\"CoopMSP\":\\{\"endpoint\":\"([^\"]+)\",\"tls\":true,\"tlsCaCert\":\"([^\"]+)\","
                        + "\"serverName\":\"([^\"]+)\"")
                .matcher(profile);
        assertThat(coop.find()).isTrue();
        Path wallet = state.resolve("wallet").resolve("producer@coop");
        ManagedChannel channel = NettyChannelBuilder.forTarget(coop.group(1))
                .sslContext(GrpcSslContexts.forClient().trustManager(new File(coop.group(2))).build())
                .overrideAuthority(coop.group(3))
                .build();
        try (Reader cert = Files.newBufferedReader(wallet.resolve("cert.pem"));
                Reader key = Files.newBufferedReader(wallet.resolve("key.pem"));
                Gateway gateway = Gateway.newInstance()
                        .identity(new X509Identity("CoopMSP", Identities.readX509Certificate(cert)))
                        .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(key)))
                        .hash(Hash.SHA256)
                        .connection(channel)
                        .connect()) {
            Contract contract = gateway.getNetwork("fairmark").getContract("fairmark");
            String gtin = "0690123456789" + checkDigit("0690123456789");
            String lot = "FABRIC-IT-" + (System.currentTimeMillis() % 1_000_000);
            String register = registerRequest("req-fabric-it-" + lot.substring(10), gtin, lot);

            long start = System.nanoTime();
            SubmittedTransaction submitted = contract.newProposal("batch:Register")
                    .addArguments(register)
                    .build()
                    .endorse()
                    .submitAsync();
            Status status = submitted.getStatus();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("batch:Register on native Fabric: " + status.getCode() + " in " + millis + " ms, block "
                    + status.getBlockNumber());

            assertThat(status.getCode()).isEqualTo(TxValidationCode.VALID);
            assertThat(new String(submitted.getResult(), UTF_8)).contains("\"lot\":\"" + lot + "\"");
            String read = new String(
                    contract.evaluateTransaction("batch:Get", "{\"gtin\":\"" + gtin + "\",\"lot\":\"" + lot + "\"}"),
                    UTF_8);
            assertThat(read).contains("\"lot\":\"" + lot + "\"").contains("\"declaredMassGrams\":1000000");

            // warm latencies: the first call above also opened the peers' connections to the contract
            List<Long> warm = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                String nextLot = lot + "-" + i;
                long begin = System.nanoTime();
                SubmittedTransaction next = contract.newProposal("batch:Register")
                        .addArguments(registerRequest("req-fabric-it-" + nextLot.substring(10), gtin, nextLot))
                        .build()
                        .endorse()
                        .submitAsync();
                assertThat(next.getStatus().getCode()).isEqualTo(TxValidationCode.VALID);
                warm.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
            }
            System.out.println("batch:Register warm latencies (ms): " + warm);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static String registerRequest(String requestId, String gtin, String lot) {
        return "{\"requestId\":\"" + requestId + "\",\"gtin\":\"" + gtin + "\",\"lot\":\"" + lot
                + "\",\"product\":\"chestnut\",\"variety\":\"Yanshan early\","
                + "\"origin\":{\"countyCode\":\"130227\",\"township\":\"Hanerzhuang\",\"village\":\"Yuhu\","
                + "\"plot\":\"plot-7\"},\"harvestDate\":\"2026-09-20\",\"declaredMassGrams\":1000000,"
                + "\"packingLossAllowanceGrams\":10000}";
    }

    static char checkDigit(String first13) {
        for (char digit = '0'; digit <= '9'; digit++) {
            if (Gtin.isValid(first13 + digit)) {
                return digit;
            }
        }
        throw new IllegalArgumentException(first13);
    }

    private static void run(int timeoutSeconds, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve(script).toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("fairmark-" + script, ".log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(HOME.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(script + " took " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms:\n" + output);
        assertThat(finished).as(script + " finished in " + timeoutSeconds + " s").isTrue();
        assertThat(process.exitValue()).as(script + " exit code; output:%n%s", output).isZero();
    }
}
