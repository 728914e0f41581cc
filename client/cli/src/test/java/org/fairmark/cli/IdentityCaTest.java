package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.client.FakeFabricCa;
import org.fairmark.devca.Roster;
import org.fairmark.domain.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairmark identity enroll|register} against an in-process Fabric CA. */
class IdentityCaTest {
    @TempDir
    Path dataDir;

    FakeFabricCa ca;
    CliRun cli;
    String url;

    @BeforeEach
    void start() throws Exception {
        ca = new FakeFabricCa();
        cli = new CliRun(dataDir);
        url = ca.url().toString();
    }

    @AfterEach
    void stop() {
        ca.close();
    }

    @Test
    void a_registrar_registers_an_inspector_who_enrolls_into_the_wallet() {
        JsonNode admin = cli.run("--json", "identity", "enroll", "--ca-url", url, "--id", "admin", "--secret", "adminpw",
                "--msp-id", "BureauMSP", "--no-role", "--name", "ca-admin@bureau").ok().json();
        JsonNode registered = cli.run("--json", "identity", "register", "--ca-url", url, "--registrar",
                "ca-admin@bureau", "--id", "insp@bureau", "--role", "INSPECTOR", "--jurisdiction", "130227").ok().json();
        String secret = registered.get("secret").asText();
        CliRun.Result plain = cli.run("identity", "register", "--ca-url", url, "--registrar", "ca-admin@bureau",
                "--id", Roster.BUYER, "--role", "buyer", "--secret", "chosen").ok();
        JsonNode enrolled = cli.run("--json", "identity", "enroll", "--ca-url", url, "--id", "insp@bureau", "--secret",
                secret, "--msp-id", "BureauMSP", "--role", "inspector").ok().json();
        CliRun.Result human = cli.run("identity", "enroll", "--ca-url", url, "--id", Roster.BUYER, "--secret",
                "chosen", "--msp-id", "MarketMSP").ok();

        assertThat(admin.has("role")).isFalse();
        assertThat(secret).isNotBlank();
        assertThat(plain.out().strip()).isEqualTo("chosen");
        assertThat(enrolled.get("role").asText()).isEqualTo("inspector");
        assertThat(enrolled.get("jurisdiction").asText()).isEqualTo("130227");
        assertThat(human.out()).contains(Roster.BUYER).contains("MarketMSP").contains("buyer");
        FairmarkIdentity inWallet = FairmarkIdentity.fromWallet(dataDir.resolve("wallet"), "insp@bureau");
        assertThat(inWallet.role()).contains(Role.INSPECTOR);
        assertThat(inWallet.jurisdiction()).containsExactly("130227");
        assertThat(inWallet.mspId()).isEqualTo("BureauMSP");
    }

    @Test
    void bad_input_gets_coded_errors_and_writes_nothing() throws Exception {
        ca.users.put("nobody", new FakeFabricCa.User("pw", Map.of(), false));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun.Result wrongSecret = enroll(url, "admin", "nope", "--role", "producer");
        CliRun.Result noAttribute = enroll(url, "nobody", "pw", "--role", "producer");
        CliRun.Result badUrl = enroll("ca.example:7054", "admin", "adminpw", "--role", "producer");
        CliRun.Result notUrl = enroll("http://[bad", "admin", "adminpw", "--role", "producer");
        CliRun.Result unreachable = enroll("http://127.0.0.1:" + port, "admin", "adminpw", "--role", "producer");
        CliRun.Result unknownRole = enroll(url, "admin", "adminpw", "--role", "farmer");
        CliRun.Result noRoleAndRole = enroll(url, "admin", "adminpw", "--role", "buyer", "--no-role");
        Path notPem = Files.writeString(dataDir.resolve("x.pem"), "nope");
        CliRun.Result badTlsCa = enroll("https://127.0.0.1:1", "admin", "adminpw", "--tls-ca", notPem.toString());
        CliRun.Result noRegistrar = cli.run("identity", "register", "--ca-url", url, "--registrar", "ghost",
                "--id", "x", "--role", "buyer");
        cli.run("identity", "enroll", "--ca-url", url, "--id", "admin", "--secret", "adminpw", "--msp-id", "CoopMSP",
                "--no-role").ok();
        CliRun.Result nonFairmarkRole = cli.run("identity", "register", "--ca-url", url, "--registrar", "admin",
                "--id", "x", "--role", "farmer");
        CliRun.Result inspectorWithout = cli.run("identity", "register", "--ca-url", url, "--registrar", "admin",
                "--id", "x", "--role", "inspector");
        CliRun.Result noMsp = cli.run("identity", "enroll", "--ca-url", url, "--id", "admin", "--secret", "adminpw",
                "--no-role", "--name", "other");
        CliRun.Result twice = cli.run("identity", "enroll", "--ca-url", url, "--id", "admin", "--secret", "adminpw",
                "--msp-id", "CoopMSP", "--no-role");

        assertError(wrongSecret, 4, "IDENTITY_INVALID", "Authentication failure");
        assertError(noAttribute, 4, "IDENTITY_INVALID", "fairmark.role");
        assertError(badUrl, 3, "INVALID_ARGUMENT", "http://host:port");
        assertError(notUrl, 3, "INVALID_ARGUMENT", "not a URL");
        assertError(unreachable, 69, "GATEWAY_UNAVAILABLE", "cannot be reached");
        assertError(unknownRole, 3, "INVALID_ARGUMENT", "unknown role 'farmer'");
        assertError(noRoleAndRole, 3, "INVALID_ARGUMENT", "--no-role");
        assertError(badTlsCa, 3, "INVALID_ARGUMENT", "x.pem");
        assertError(noRegistrar, 4, "IDENTITY_INVALID", "ghost");
        assertError(nonFairmarkRole, 3, "INVALID_ARGUMENT", "unknown role");
        assertError(inspectorWithout, 3, "INVALID_ARGUMENT", "jurisdiction");
        assertThat(noMsp.exit()).as(noMsp.toString()).isEqualTo(2);
        assertThat(noMsp.err()).contains("--msp-id");
        assertError(twice, 3, "INVALID_ARGUMENT", "already has an identity 'admin'");
        assertThat(ca.users).doesNotContainKey("x");
        assertThat(FairmarkIdentity.walletNames(dataDir.resolve("wallet"))).containsExactly("admin");
    }

    private CliRun.Result enroll(String caUrl, String id, String secret, String... more) {
        String[] base = {"identity", "enroll", "--ca-url", caUrl, "--id", id, "--secret", secret, "--msp-id", "CoopMSP"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return cli.run(all);
    }

    private static void assertError(CliRun.Result result, int exit, String code, String text) {
        assertThat(result.exit()).as(result.toString()).isEqualTo(exit);
        assertThat(result.err()).as(result.toString()).startsWith("error: " + code + ": ").contains(text);
    }
}
