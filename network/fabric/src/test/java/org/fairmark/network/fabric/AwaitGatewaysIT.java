package org.fairmark.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairmark.client.ConnectionProfile;
import org.fairmark.network.EmbeddedNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AwaitGateways}, the last step of {@code deploy.sh}, against the embedded network: Fabric MSP folders exported
 * from the network's own CAs ({@code CryptoExport --ca-from}), so each org's admin endorses through the profile.
 */
class AwaitGatewaysIT {
    @TempDir
    static Path dir;

    static EmbeddedNetwork network;
    static Path crypto;

    @BeforeAll
    static void start() throws Exception {
        network = EmbeddedNetwork.builder().dataDir(dir.resolve("embedded")).port(0).start();
        crypto = dir.resolve("crypto");
        CryptoExport.export(crypto, network.dataDir(), null);
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
    }

    static String[] result(int[] exit, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        exit[0] = AwaitGateways.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void every_org_of_the_profile_is_ready_and_nothing_is_written() {
        long height = network.height();
        int[] exit = new int[1];
        String[] lines = result(exit, "--profile", network.connectionProfile().orElseThrow().toString(),
                "--crypto", crypto.toString(), "--timeout", "30");

        assertThat(exit[0]).as(String.join("\n", lines)).isZero();
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("CoopMSP: the gateway at 127.0.0.1:"))
                .anySatisfy(line -> assertThat(line).startsWith("MarketMSP: "))
                .contains("all 4 gateways ready");
        assertThat(network.height()).isEqualTo(height);
    }

    @Test
    void a_gateway_nobody_listens_on_ends_69_after_the_timeout(@TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = socket.getLocalPort();
        }
        Path profile = tmp.resolve("profile.json");
        ConnectionProfile.builder()
                .gateway(ConnectionProfile.GatewayEndpoint.plaintext("CoopMSP", "127.0.0.1", port)).build()
                .write(profile);
        int[] exit = new int[1];
        String[] lines = result(exit, "--profile", profile.toString(), "--crypto", crypto.toString(), "--timeout", "1");

        assertThat(exit[0]).isEqualTo(AwaitGateways.EXIT_UNAVAILABLE);
        assertThat(String.join("\n", lines)).contains("GATEWAY_UNAVAILABLE").contains("CoopMSP");
    }

    @Test
    void a_missing_admin_identity_or_bad_arguments_are_refused(@TempDir Path tmp) throws Exception {
        int[] exit = new int[1];
        String[] lines = result(exit, "--profile", network.connectionProfile().orElseThrow().toString(),
                "--crypto", tmp.toString());
        assertThat(exit[0]).isEqualTo(1);
        assertThat(lines[0]).contains("no admin identity of").contains("users/admin/msp");

        assertThat(result(exit, "--profile")[0]).startsWith("error: ");
        assertThat(exit[0]).isEqualTo(2);
        result(exit, "--profile", "x.json", "--crypto", tmp.toString(), "--timeout", "-3");
        assertThat(exit[0]).isEqualTo(2);
        result(exit, "--bogus");
        assertThat(exit[0]).isEqualTo(2);
        assertThat(Files.list(tmp)).isEmpty();
    }
}
