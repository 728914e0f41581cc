package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fairmark.cli.web.WebServer;
import org.fairmark.devca.Roster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairmark identity}, {@code token} and {@code serve} on one development network. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityTokenServeIT {
    @TempDir
    static Path dataDir;

    CliRun cli;

    @BeforeAll
    void network() {
        cli = new CliRun(dataDir);
    }

    @Test
    void lists_the_wallet_and_issues_new_identities_from_an_organization_ca() {
        JsonNode before = cli.run("--json", "identity", "list").ok().json();
        JsonNode created = cli.run("--json", "identity", "create", "inspector2@bureau", "--org", "BureauMSP", "--role",
                "inspector", "--jurisdiction", "130227, 1302").ok().json();
        JsonNode after = cli.run("--json", "identity", "list").ok().json();
        String lot = "ID-" + ProcessHandle.current().pid() % 1000;
        CliRun.Result register = cli.run("--as", "inspector2@bureau", "batch", "register", LedgerFixture.GTIN, lot,
                "--product", "x", "--county", "130227", "--township", "t", "--village", "v", "--harvest-date", "today",
                "--declared", "1kg");
        CliRun.Result unknownOrg = cli.run("identity", "create", "x@y", "--org", "NoMSP", "--role", "buyer");
        CliRun.Result unknownRole = cli.run("identity", "create", "x@y", "--org", "MarketMSP", "--role", "farmer");
        CliRun.Result noJurisdiction = cli.run("identity", "create", "x@y", "--org", "BureauMSP", "--role", "inspector");
        CliRun.Result twice = cli.run("identity", "create", "inspector2@bureau", "--org", "BureauMSP", "--role",
                "inspector", "--jurisdiction", "1302");
        CliRun.Result human = cli.run("identity", "list").ok();

        assertThat(before.findValuesAsText("name")).contains(Roster.AUDITOR, Roster.BUYER, Roster.CARRIER,
                Roster.INSPECTOR, Roster.PACKER, Roster.PRODUCER).doesNotContain("inspector2@bureau");
        assertThat(created.get("jurisdiction").asText()).isEqualTo("1302,130227");
        assertThat(after.findValuesAsText("name")).contains("inspector2@bureau");
        assertThat(register.exit()).isEqualTo(4);
        assertThat(register.err()).startsWith("error: ROLE_NOT_ALLOWED: ");
        assertThat(unknownOrg.exit()).isEqualTo(3);
        assertThat(unknownOrg.err()).contains("no organization NoMSP");
        assertThat(unknownRole.exit()).isEqualTo(3);
        assertThat(noJurisdiction.exit()).isEqualTo(3);
        assertThat(twice.exit()).isEqualTo(3);
        assertThat(human.out()).contains("inspector2@bureau").contains("BureauMSP").contains("1302,130227");
    }

    @Test
    void creates_lists_and_revokes_web_tokens() {
        JsonNode created = cli.run("--json", "token", "create", Roster.BUYER, "--label", "scale station 3").ok().json();
        JsonNode listed = cli.run("--json", "token", "list").ok().json();
        String id = created.get("id").asText();
        CliRun.Result unknownIdentity = cli.run("token", "create", "nobody@nowhere");
        JsonNode revoked = cli.run("--json", "token", "revoke", id).ok().json();
        CliRun.Result again = cli.run("token", "revoke", id);
        JsonNode after = cli.run("--json", "token", "list").ok().json();

        assertThat(created.get("token").asText()).startsWith("fmk_" + id + "_");
        assertThat(listed.findValuesAsText("id")).contains(id);
        assertThat(listed.toString()).doesNotContain(created.get("token").asText());
        assertThat(unknownIdentity.exit()).isEqualTo(4);
        assertThat(unknownIdentity.err()).startsWith("error: IDENTITY_INVALID: ");
        assertThat(revoked.get("revoked").asBoolean()).isTrue();
        assertThat(again.exit()).isEqualTo(3);
        assertThat(after.findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void serves_the_api_over_the_same_ledger_until_the_server_is_closed() throws Exception {
        CompletableFuture<WebServer> started = new CompletableFuture<>();
        CompletableFuture<CliRun.Result> finished = CompletableFuture.supplyAsync(() -> cli.runWith(
                fairmark -> fairmark.onServe(started::complete), "--json", "serve", "--port", "0"));
        WebServer server = started.get(60, TimeUnit.SECONDS);
        HttpResponse<String> openApi;
        try {
            openApi = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.uri() + "/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } finally {
            server.close();
        }
        CliRun.Result result = finished.get(60, TimeUnit.SECONDS);

        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("\"openapi\"");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.json().get("uri").asText()).isEqualTo(server.uri());
        assertThat(result.json().get("reader").asText()).isEqualTo(Roster.AUDITOR);
    }
}
