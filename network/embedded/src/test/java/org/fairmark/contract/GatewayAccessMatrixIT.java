package org.fairmark.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Wallet;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.simulator.ReadWriteSet;
import org.fairmark.simulator.SimulationResult;
import org.fairmark.testkit.Campaign;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access table of {@code docs/access-control.md} (every transaction × role × same/other org) through the real
 * gateway path: the unchanged fabric-gateway client → the embedded network's GatewayService → endorsement → ordering →
 * validation → commit. It runs the cells of {@link AccessControlTableTest} (same scenarios, same expectations), each
 * on a fresh embedded network whose five organizations are the contract tests' CAs. A refused cell must answer its
 * code and order nothing (the ledger height does not move); an evaluation never moves it.
 *
 * <p>{@code mvn -B verify} runs every {@code reliability.access}-th cell (quick slice: every 9th, rotating with
 * {@code -Dfairmark.seed}); {@code -Dreliability.access=1} (the {@code reliability/hostile.sh} default) runs them all.
 */
@Tag(Campaign.TAG)
class GatewayAccessMatrixIT {
    static final List<String> ORGS =
            List.of(Parties.COOP, Parties.COOP2, Parties.BUREAU, Parties.CARRIER, Parties.MARKET);
    private static final Pattern CHAINCODE_MESSAGE = Pattern.compile("chaincode response [0-9]+, (.*)", Pattern.DOTALL);
    private static final Map<String, Identity> PEERS = new LinkedHashMap<>();
    private static final Map<String, Integer> FIGURES = new LinkedHashMap<>();

    @TempDir
    static Path root;

    private static int networks;

    @TestFactory
    Stream<DynamicTest> every_cell_through_the_gateway() throws IOException {
        int stride = Math.max(1, Campaign.size("access", 9));
        int offset = Math.floorMod(Campaign.seed(0), stride);
        List<AccessControlTableTest.Row> rows = AccessControlTableTest.rows();
        List<DynamicTest> tests = new ArrayList<>();
        int cell = 0;
        for (AccessControlTableTest.Row row : rows) {
            for (int i = 0; i < AccessControlTableTest.ROLE_COLUMNS.size(); i++, cell++) {
                if (cell % stride != offset) {
                    continue;
                }
                String role = AccessControlTableTest.ROLE_COLUMNS.get(i);
                String expected = row.cells().get(i);
                tests.add(DynamicTest.dynamicTest(
                        row.transaction() + " " + row.org() + " org as " + role + " → " + expected, () -> {
                            List<GatewayBackend> started = new ArrayList<>();
                            Chain.backendFactory = () -> {
                                GatewayBackend backend = new GatewayBackend();
                                started.add(backend);
                                return backend;
                            };
                            try {
                                AccessControlTableTest.runCell(row, role, expected);
                                FIGURES.merge(expected.equals("ALLOW") ? "allowed" : "refused_with_code", 1, Integer::sum);
                            } finally {
                                Chain.backendFactory = null;
                                for (GatewayBackend backend : started) {
                                    backend.close();
                                }
                            }
                        }));
            }
        }
        assertThat(tests).isNotEmpty();
        FIGURES.put("cells_in_table", rows.size() * AccessControlTableTest.ROLE_COLUMNS.size());
        FIGURES.put("cells_run", tests.size());
        return tests.stream();
    }

    @AfterAll
    static void report() {
        Map<String, Object> figures = new LinkedHashMap<>(FIGURES);
        figures.put("networks_started", networks);
        Campaign.record("access-gateway", figures);
    }

    /** A data directory laid out as an embedded network's, with the contract tests' CAs as its organizations. */
    static synchronized Path layout() {
        try {
            Path dir = Files.createDirectories(root.resolve("net-" + (++networks)));
            for (String mspId : ORGS) {
                CertificateAuthority ca = Parties.ca(mspId);
                Path orgDir = dir.resolve("orgs").resolve(mspId);
                ca.save(orgDir.resolve("ca"));
                Identity peer = PEERS.computeIfAbsent(mspId, m -> ca.issuePeer("peer0." + m.toLowerCase()));
                Wallet.open(orgDir.resolve("peer")).put(peer);
            }
            Properties properties = new Properties();
            properties.setProperty("channel", Chain.CHANNEL);
            properties.setProperty("chaincode", Chain.CHAINCODE);
            properties.setProperty("organizations", String.join(",", ORGS));
            try (Writer writer = Files.newBufferedWriter(dir.resolve("network.properties"), UTF_8)) {
                properties.store(writer, "GatewayAccessMatrixIT");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a chain's calls through fabric-gateway to a fresh embedded network. */
    static final class GatewayBackend implements Chain.Backend, AutoCloseable {
        private final EmbeddedNetwork network;
        private final ManagedChannel channel;
        private final Map<Identity, Gateway> gateways = new IdentityHashMap<>();

        GatewayBackend() {
            try {
                network = EmbeddedNetwork.builder().dataDir(layout()).port(-1).blockSize(1)
                        .blockTimeout(Duration.ofMillis(5)).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            channel = network.inProcessChannel();
        }

        private Contract contract(Identity who) {
            Gateway gateway = gateways.computeIfAbsent(who, w -> Gateway.newInstance()
                    .identity(new X509Identity(w.mspId(), w.certificate()))
                    .signer(Signers.newPrivateKeySigner(w.privateKey()))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .evaluateOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                    .endorseOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                    .submitOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                    .commitStatusOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                    .connect());
            return gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
        }

        @Override
        public Outcome submit(Identity who, String function, String json) {
            long before = network.height();
            try {
                SubmittedTransaction transaction =
                        contract(who).newProposal(function).addArguments(json).build().endorse().submitAsync();
                byte[] result = transaction.getResult();
                Status status = transaction.getStatus();
                if (!status.isSuccessful()) {
                    return failed(status.getCode().name() + ": transaction " + status.getTransactionId() + " invalid");
                }
                return new Outcome(new SimulationResult(200, "", result, ReadWriteSet.empty(), null), true);
            } catch (GatewayException e) {
                Outcome outcome = failed(chaincodeMessage(e));
                assertThat(network.height()).as("a refused " + function + " ordered nothing").isEqualTo(before);
                return outcome;
            } catch (Exception e) {
                throw new AssertionError(function + ": " + e, e);
            }
        }

        @Override
        public Outcome evaluate(Identity who, String function, String json) {
            long before = network.height();
            try {
                byte[] result = contract(who).evaluateTransaction(function, json);
                return new Outcome(new SimulationResult(200, "", result, ReadWriteSet.empty(), null), false);
            } catch (GatewayException e) {
                return failed(chaincodeMessage(e));
            } finally {
                assertThat(network.height()).as("an evaluation of " + function + " ordered nothing").isEqualTo(before);
            }
        }

        private static Outcome failed(String message) {
            return new Outcome(new SimulationResult(500, message, null, ReadWriteSet.empty(), null), false);
        }

        /** The chaincode's own message ({@code CODE: text}) out of the gateway's error, else the error as it is. */
        static String chaincodeMessage(GatewayException e) {
            List<String> texts = new ArrayList<>();
            if (e.getDetails() != null) {
                e.getDetails().forEach(detail -> texts.add(detail.getMessage()));
            }
            texts.add(e.getMessage());
            for (String text : texts) {
                Matcher matcher = CHAINCODE_MESSAGE.matcher(text == null ? "" : text);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            return String.join(" | ", texts);
        }

        @Override
        public void close() {
            gateways.values().forEach(Gateway::close);
            channel.shutdownNow();
            network.close();
        }
    }
}
