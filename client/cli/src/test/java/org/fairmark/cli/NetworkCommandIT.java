package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.fairmark.devca.Roster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairmark network start|stop|status} with a real background process, and commands sharing it over TCP. */
class NetworkCommandIT {
    @TempDir
    Path dataDir;

    @AfterEach
    void stopWhateverRuns() {
        BackgroundNetwork.stop(dataDir, java.time.Duration.ofSeconds(30));
    }

    @Test
    void starts_a_background_network_that_commands_share_and_stops_exactly_that_process() throws Exception {
        CliRun cli = new CliRun(dataDir);

        JsonNode before = cli.run("--json", "network", "status").ok().json();
        JsonNode started = cli.run("--json", "network", "start", "--port", "0").ok().json();
        long pid = started.get("pid").asLong();
        int port = started.get("port").asInt();
        JsonNode again = cli.run("--json", "network", "start", "--port", "0").ok().json();
        JsonNode running = cli.run("--json", "network", "status").ok().json();
        CliRun.Result human = cli.run("network", "status").ok();
        // the background process holds the ledger: these commands can only succeed over TCP
        LedgerFixture ledger = LedgerFixture.create(dataDir);
        String lot = ledger.certified();
        JsonNode batch = cli.run("--json", "batch", "get", LedgerFixture.GTIN, lot).ok().json();
        Path profile = dataDir.resolve("connection.json");
        JsonNode viaProfile = cli.run("--json", "--network", profile.toString(), "--as", Roster.INSPECTOR, "batch",
                "get", LedgerFixture.GTIN, lot).ok().json();
        Path producer = dataDir.resolve("wallet").resolve(Roster.PRODUCER);
        JsonNode viaGateway = cli.run("--json", "--gateway", "127.0.0.1:" + port, "--msp-id", "CoopMSP", "--cert",
                producer.resolve("cert.pem").toString(), "--key", producer.resolve("key.pem").toString(), "batch", "get",
                LedgerFixture.GTIN, lot).ok().json();
        CliRun.Result certWithoutGateway = cli.run("--cert", producer.resolve("cert.pem").toString(), "batch", "get",
                LedgerFixture.GTIN, lot);
        List<String> pidFile = Files.readAllLines(dataDir.resolve("network.pid"));
        String portFile = Files.readString(dataDir.resolve("network.port")).strip();
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        String commandLine = process.flatMap(handle -> handle.info().commandLine()).orElse("");
        JsonNode stopped = cli.run("--json", "network", "stop").ok().json();
        boolean aliveAfterStop = process.map(ProcessHandle::isAlive).orElse(false);
        JsonNode after = cli.run("--json", "network", "status").ok().json();
        JsonNode stopAgain = cli.run("--json", "network", "stop").ok().json();
        boolean cryptoFileAfterStop = Files.exists(dataDir.resolve(CryptoInfo.NETWORK_FILE));
        CliRun.Result verify = cli.run("--json", "ledger", "verify").ok();

        assertThat(before.get("running").asBoolean()).isFalse();
        assertThat(cryptoFileAfterStop).isFalse();
        assertThat(after.has("networkCryptoProvider")).isFalse();
        assertThat(started.get("started").asBoolean()).isTrue();
        assertThat(port).isPositive();
        assertThat(pidFile.get(0)).isEqualTo(Long.toString(pid));
        assertThat(portFile).isEqualTo(Integer.toString(port));
        assertThat(commandLine).contains("org.fairmark.network.EmbeddedNetworkMain");
        assertThat(again.get("started").asBoolean()).isFalse();
        assertThat(again.get("pid").asLong()).isEqualTo(pid);
        assertThat(running.get("running").asBoolean()).isTrue();
        assertThat(running.get("port").asInt()).isEqualTo(port);
        assertThat(human.out()).contains("Network running: pid " + pid + ", gateway 127.0.0.1:" + port)
                .contains("Connection profile: " + profile);
        // the ECDSA provider: this command's (it signs as the client) and the one the background network chose
        assertThat(running.get("cryptoProvider").get("name").asText()).isEqualTo("Conscrypt");
        assertThat(running.get("cryptoProvider").get("version").asText()).startsWith("2.");
        assertThat(running.get("cryptoProvider").get("choice").asText()).isEqualTo("first in the fixed order");
        assertThat(running.get("networkCryptoProvider").asText()).matches("Conscrypt 2\\.\\d+\\.\\d+");
        assertThat(human.out()).contains("Signatures by Conscrypt 2.")
                .contains("The network signs and verifies with Conscrypt 2.");
        assertThat(before.get("cryptoProvider").get("name").asText()).isEqualTo("Conscrypt");
        assertThat(before.has("networkCryptoProvider")).isFalse();
        assertThat(started.get("connectionProfile").asText()).isEqualTo(profile.toString());
        assertThat(running.get("connectionProfile").asText()).isEqualTo(profile.toString());
        assertThat(viaProfile).isEqualTo(batch);
        assertThat(profile).as("removed when the network stopped").doesNotExist();
        assertThat(after.has("connectionProfile")).isFalse();
        assertThat(batch.get("status").asText()).isEqualTo("CERTIFIED");
        assertThat(viaGateway).isEqualTo(batch);
        assertThat(certWithoutGateway.exit()).isEqualTo(2);
        assertThat(certWithoutGateway.err()).startsWith("error: USAGE: ");
        assertThat(stopped.get("stopped").asBoolean()).isTrue();
        assertThat(stopped.get("pid").asLong()).isEqualTo(pid);
        assertThat(aliveAfterStop).isFalse();
        assertThat(dataDir.resolve("network.pid")).doesNotExist();
        assertThat(after.get("running").asBoolean()).isFalse();
        assertThat(stopAgain.get("stopped").asBoolean()).isFalse();
        assertThat(verify.json().get("ok").asBoolean()).isTrue();
        // genesis, standard, label key, batch, inspection: the network committed what it was sent before it stopped
        assertThat(verify.json().get("blocksChecked").asLong()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void network_start_tls_serves_tls_and_commands_and_the_profile_reach_it() throws Exception {
        CliRun cli = new CliRun(dataDir);

        JsonNode started = cli.run("--json", "network", "start", "--port", "0", "--tls").ok().json();
        LedgerFixture ledger = LedgerFixture.create(dataDir);
        String lot = ledger.certified();
        JsonNode batch = cli.run("--json", "batch", "get", LedgerFixture.GTIN, lot).ok().json();
        Path profile = dataDir.resolve("connection.json");
        String profileText = Files.readString(profile);
        JsonNode viaProfile = cli.run("--json", "--network", profile.toString(), "--as", Roster.INSPECTOR, "batch",
                "get", LedgerFixture.GTIN, lot).ok().json();
        String log = Files.readString(dataDir.resolve(BackgroundNetwork.LOG_FILE));

        assertThat(started.get("tls").asBoolean()).isTrue();
        assertThat(started.get("tlsCaCertificate").asText()).isEqualTo(dataDir.resolve("tls/ca.pem").toString());
        assertThat(profileText).contains("\"tls\" : true").contains(dataDir.resolve("tls/ca.pem").toString());
        assertThat(batch.get("status").asText()).isEqualTo("CERTIFIED");
        assertThat(viaProfile).isEqualTo(batch);
        assertThat(log).contains("(TLS, CA ");
    }

    @Test
    void a_stale_pid_file_does_not_count_as_a_running_network_and_an_unreachable_gateway_is_reported() throws Exception {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("network.pid"), Long.toString(ProcessHandle.current().pid()));
        Files.writeString(dataDir.resolve("network.port"), "1");
        CliRun cli = new CliRun(dataDir);

        JsonNode status = cli.run("--json", "network", "status").ok().json();
        JsonNode identities = cli.run("--json", "identity", "list").ok().json();
        CliRun.Result unreachable = cli.run("--gateway", "127.0.0.1:1", "--as", Roster.PRODUCER, "batch", "get",
                LedgerFixture.GTIN, "L1");

        assertThat(status.get("running").asBoolean()).isFalse();
        assertThat(status.get("staleFiles").asBoolean()).isTrue();
        // this JVM's pid is not an embedded network, so the command ran its own network in-process
        assertThat(identities.findValuesAsText("name")).contains(Roster.PRODUCER, Roster.BUYER);
        assertThat(unreachable.exit()).isEqualTo(69);
        assertThat(unreachable.err()).startsWith("error: GATEWAY_UNAVAILABLE: ").contains("is the gateway reachable?");
    }
}
