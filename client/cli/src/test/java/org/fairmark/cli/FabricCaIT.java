package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.devca.Roster;
import org.fairmark.domain.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairmark identity enroll|register} against a real {@code fabric-ca-server} (plain HTTP on loopback), started
 * in a temporary home; skipped when the binary is not on PATH.
 */
class FabricCaIT {
    @TempDir
    Path temp;

    Process server;
    String url;

    @BeforeEach
    void startServer() throws Exception {
        Path binary = onPath("fabric-ca-server");
        Assumptions.assumeTrue(binary != null, "fabric-ca-server not on PATH");
        int port = freePort();
        int operationsPort = freePort();
        Path home = Files.createDirectories(temp.resolve("ca-home"));
        server = new ProcessBuilder(binary.toString(), "start", "-b", "admin:adminpw", "--home", home.toString(),
                "--port", Integer.toString(port), "--address", "127.0.0.1",
                "--operations.listenaddress", "127.0.0.1:" + operationsPort)
                .redirectErrorStream(true).redirectOutput(temp.resolve("ca.log").toFile()).start();
        url = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/cainfo"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (info.statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("fabric-ca-server did not start:\n" + Files.readString(temp.resolve("ca.log")));
            }
            Thread.sleep(200);
        }
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void registers_and_enrolls_fairmark_identities_with_a_real_fabric_ca() throws Exception {
        CliRun cli = new CliRun(temp.resolve("data"));

        cli.run("identity", "enroll", "--ca-url", url, "--id", "admin", "--secret", "adminpw", "--msp-id", "BureauMSP",
                "--no-role", "--name", "ca-admin").ok();
        String secret = cli.run("--json", "identity", "register", "--ca-url", url, "--registrar", "ca-admin", "--id",
                "insp@bureau", "--role", "inspector", "--jurisdiction", "130227,1302").ok().json().get("secret").asText();
        cli.run("identity", "register", "--ca-url", url, "--registrar", "ca-admin", "--id", Roster.BUYER, "--role",
                "buyer", "--secret", "buyerpw").ok();
        JsonNode inspector = cli.run("--json", "identity", "enroll", "--ca-url", url, "--id", "insp@bureau", "--secret",
                secret, "--msp-id", "BureauMSP", "--role", "inspector").ok().json();
        CliRun.Result wrongSecret = cli.run("identity", "enroll", "--ca-url", url, "--id", Roster.BUYER, "--secret",
                "wrong", "--msp-id", "MarketMSP");
        CliRun.Result wrongRole = cli.run("identity", "enroll", "--ca-url", url, "--id", Roster.BUYER, "--secret",
                "buyerpw", "--msp-id", "MarketMSP", "--role", "producer");
        CliRun.Result adminAsParty = cli.run("identity", "enroll", "--ca-url", url, "--id", "admin", "--secret",
                "adminpw", "--msp-id", "BureauMSP", "--name", "admin2");
        CliRun.Result taken = cli.run("identity", "register", "--ca-url", url, "--registrar", "ca-admin", "--id",
                Roster.BUYER, "--role", "buyer");

        assertThat(inspector.get("role").asText()).isEqualTo("inspector");
        FairmarkIdentity enrolled = FairmarkIdentity.fromWallet(temp.resolve("data/wallet"), "insp@bureau");
        assertThat(enrolled.role()).contains(Role.INSPECTOR);
        assertThat(enrolled.jurisdiction()).containsExactlyInAnyOrder("1302", "130227");
        enrolled.certificate().verify(org.fairmark.devca.Pem.readCertificate(
                Files.readString(temp.resolve("ca-home/ca-cert.pem"))).getPublicKey());
        assertThat(wrongSecret.exit()).as(wrongSecret.toString()).isEqualTo(4);
        assertThat(wrongSecret.err()).startsWith("error: IDENTITY_INVALID: ").contains("Authentication failure");
        assertThat(wrongRole.exit()).as(wrongRole.toString()).isEqualTo(4);
        assertThat(wrongRole.err()).contains("has role buyer, not producer");
        assertThat(adminAsParty.exit()).as(adminAsParty.toString()).isEqualTo(4);
        assertThat(adminAsParty.err()).startsWith("error: IDENTITY_INVALID: ");
        assertThat(taken.exit()).as(taken.toString()).isEqualTo(3);
        assertThat(taken.err()).startsWith("error: INVALID_ARGUMENT: ").contains(Roster.BUYER);
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
