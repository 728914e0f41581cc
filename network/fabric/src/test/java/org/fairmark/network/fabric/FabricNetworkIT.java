package org.fairmark.network.fabric;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fairmark.client.ConnectionProfile;
import org.fairmark.devca.Roster;
import org.fairmark.domain.Gtin;
import org.fairmark.samples.Samples;
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
    private static Path state;
    private static AutoCloseable lock;

    @BeforeAll
    static void up() throws Exception {
        List<String> missing = NativeFabric.missingBinaries(System.getenv("PATH"));
        Assumptions.assumeTrue(missing.isEmpty(),
                "Fabric binaries not on PATH: " + String.join(", ", missing) + " (native Fabric test skipped)");
        lock = NativeFabric.lock();
        state = Files.createTempDirectory("fairmark-fabric-it");
        NativeFabric.run(600, "up.sh", state.toString());
        NativeFabric.run(600, "deploy.sh", state.toString());
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (state != null) {
                NativeFabric.run(120, "down.sh", state.toString(), "--clean");
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    @Test
    void register_commits_valid_and_get_reads_it_back() throws Exception {
        ConnectionProfile profile = ConnectionProfile.load(state.resolve("connection-profile.json"));
        assertThat(profile.channel()).isEqualTo("fairmark");
        assertThat(profile.organizations()).containsExactlyInAnyOrder("CoopMSP", "BureauMSP", "CarrierMSP", "MarketMSP");
        ConnectionProfile.GatewayEndpoint coop = profile.gateway("CoopMSP");
        assertThat(coop.endpoint()).isEqualTo("127.0.0.1:7051");
        assertThat(coop.tls()).isTrue();
        assertThat(coop.serverNameOverride()).contains("peer0.coop.fairmark.local");
        Path wallet = state.resolve("wallet").resolve(Roster.PRODUCER);
        ManagedChannel channel = NativeFabric.channel(coop);
        try (Reader cert = Files.newBufferedReader(wallet.resolve("cert.pem"));
                Reader key = Files.newBufferedReader(wallet.resolve("key.pem"));
                Gateway gateway = Gateway.newInstance()
                        .identity(new X509Identity("CoopMSP", Identities.readX509Certificate(cert)))
                        .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(key)))
                        .hash(Hash.SHA256)
                        .connection(channel)
                        .connect()) {
            Contract contract = gateway.getNetwork("fairmark").getContract("fairmark");
            String gtin = Samples.GTIN;
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
}
