package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fairmark.cli.web.WebServer;
import org.fairmark.devca.Roster;
import org.fairmark.network.EmbeddedNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --network FILE} and {@code $FAIRMARK_NETWORK}: commands reach the ledger through the gateways of a connection
 * profile. The network runs in this JVM and holds the data directory, so the commands can only succeed over TCP
 * through the profile (without it they would try to open the same data directory in-process and fail).
 */
class NetworkProfileIT {
    @TempDir
    Path dataDir;

    EmbeddedNetwork network;
    Path profile;

    @BeforeEach
    void start() throws Exception {
        network = EmbeddedNetwork.builder().dataDir(dataDir).port(0).blockTimeout(Duration.ofMillis(10)).start();
        profile = network.connectionProfile().orElseThrow();
    }

    @AfterEach
    void stop() {
        network.close();
    }

    @Test
    void the_demo_and_events_run_through_the_profile_given_with_network() {
        CliRun cli = new CliRun(dataDir);

        JsonNode demo = cli.run("--json", "--network", profile.toString(), "demo").ok().json();
        CliRun.Result human = cli.run("--network", profile.toString(), "events", "--from-block", "0", "--idle-timeout",
                "2", "--name", "DisputeResolved").ok();
        CliRun.Result withoutProfile = cli.run("--as", Roster.PRODUCER, "batch", "register", LedgerFixture.GTIN,
                "NOPROFILE-1", "--product", "板栗 chestnut", "--county", "130227", "--township", "Xingcheng",
                "--village", "Dongzhuang", "--harvest-date", "2024-09-10", "--declared", "1t");
        CliRun.Result readWithoutProfile = cli.run("--json", "--as", Roster.PRODUCER, "batch", "get",
                LedgerFixture.GTIN, demo.get("lot").asText());

        assertThat(demo.get("connectionProfile").asText()).isEqualTo(profile.toString());
        assertThat(demo.get("dataDir").asText()).isEqualTo(dataDir.toString());
        assertThat(demo.get("organizations")).hasSize(4);
        assertThat(demo.get("outcome").asText()).isEqualTo("UPHELD");
        assertThat(demo.get("onlineStatus").asText()).isEqualTo("GENUINE");
        assertThat(human.out()).contains("DisputeResolved");
        // the in-test network holds the data directory: a write reaches it only through the profile's TCP gateways,
        // a read answers from the ledger files
        assertThat(withoutProfile.exit()).isEqualTo(6);
        assertThat(withoutProfile.err()).contains("LEDGER_LOCKED");
        assertThat(readWithoutProfile.exit()).as("%s", readWithoutProfile).isZero();
        assertThat(readWithoutProfile.json().at("/batch/lot").asText()).isEqualTo(demo.get("lot").asText());
    }

    @Test
    void FAIRMARK_NETWORK_names_the_profile_and_an_org_missing_from_it_is_refused_with_exit_4() throws Exception {
        Path standard = dataDir.resolve("standard.json");
        Files.writeString(standard, LedgerFixture.STANDARD_JSON);
        CliRun cli = new CliRun(dataDir, Map.of("FAIRMARK_NETWORK", profile.toString()));
        String lot = "NP-" + ProcessHandle.current().pid() % 1000;

        cli.run("--json", "standard", "publish", standard.toString()).ok();
        cli.run("--json", "batch", "register", LedgerFixture.GTIN, lot, "--product", "板栗 chestnut", "--county",
                "130227", "--township", "Xingcheng", "--village", "Dongzhuang", "--harvest-date",
                Quantities.today().minusDays(10).toString(), "--declared", "100kg").ok();
        JsonNode inspected = cli.run("--json", "inspect", LedgerFixture.GTIN, lot, "--standard", "GB/T-22346",
                "--sample-size", "200", "--sampled", "2kg", "--measure", "count_per_kg=92", "--measure",
                "defect_permille=28").ok().json();
        JsonNode batch = cli.run("--json", "--as", Roster.BUYER, "batch", "get", LedgerFixture.GTIN, lot).ok().json();

        String withoutMarket = Files.readString(profile).replaceAll(",\\s*\"MarketMSP\"\\s*:\\s*\\{[^}]*}", "");
        Path partial = dataDir.resolve("three-orgs.json");
        Files.writeString(partial, withoutMarket);
        CliRun partialCli = new CliRun(dataDir, Map.of("FAIRMARK_NETWORK", partial.toString()));
        CliRun.Result buyer = partialCli.run("--as", Roster.BUYER, "batch", "get", LedgerFixture.GTIN, lot);
        CliRun.Result producer = partialCli.run("--json", "--as", Roster.PRODUCER, "batch", "get", LedgerFixture.GTIN, lot);

        Files.writeString(dataDir.resolve("broken.json"), "{\"format\":\"fairmark-connection-profile/1\",\"peers\":{}}");
        CliRun.Result broken = cli.run("--network", dataDir.resolve("broken.json").toString(), "batch", "get",
                LedgerFixture.GTIN, lot);
        CliRun.Result both = cli.run("--network", profile.toString(), "--gateway", "127.0.0.1:1", "batch", "get",
                LedgerFixture.GTIN, lot);

        assertThat(inspected.toString()).contains("FIRST");
        assertThat(batch.get("status").asText()).isEqualTo("CERTIFIED");
        assertThat(withoutMarket).doesNotContain("MarketMSP").contains("BureauMSP");
        assertThat(buyer.exit()).isEqualTo(4);
        assertThat(buyer.err()).startsWith("error: IDENTITY_INVALID: ").contains("MarketMSP")
                .contains("CoopMSP, BureauMSP, CarrierMSP");
        assertThat(producer.exit()).isZero();
        assertThat(producer.json().get("status").asText()).isEqualTo("CERTIFIED");
        assertThat(broken.exit()).isEqualTo(3);
        assertThat(broken.err()).startsWith("error: INVALID_ARGUMENT: ").contains("unknown field 'peers'");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--network and --gateway");
        assertThat(Files.readString(profile)).contains("\"tls\" : false");
    }

    @Test
    void import_submits_through_the_profile_and_a_rerun_imports_nothing_twice() throws Exception {
        CliRun cli = new CliRun(dataDir, Map.of("FAIRMARK_NETWORK", profile.toString()));
        String harvest = Quantities.today().minusDays(10).toString();
        long pid = ProcessHandle.current().pid() % 1000;
        StringBuilder csv = new StringBuilder("gtin,lot,product,county,township,village,harvest_date,declared\n");
        for (int i = 0; i < 3; i++) {
            csv.append(LedgerFixture.GTIN).append(",IM-").append(pid).append('-').append(i)
                    .append(",板栗 chestnut,130227,Xingcheng,Dongzhuang,").append(harvest).append(",1t\n");
        }
        Path file = dataDir.resolve("batches.csv");
        Files.writeString(file, csv.toString());
        long height = network.height();

        JsonNode first = cli.run("--json", "import", "batches", file.toString()).ok().json();
        JsonNode again = cli.run("--json", "import", "batches", file.toString()).ok().json();
        JsonNode batch = cli.run("--json", "--as", Roster.BUYER, "batch", "get", LedgerFixture.GTIN, "IM-" + pid + "-2")
                .ok().json();

        assertThat(first.get("importedRows").asInt()).isEqualTo(3);
        assertThat(again.get("importedRows").asInt()).isZero();
        assertThat(again.get("alreadyImportedRows").asInt()).isEqualTo(3);
        assertThat(batch.get("batch").get("producerOrg").asText()).isEqualTo("CoopMSP");
        // the writes went through the profile's TCP gateway to the network this JVM runs
        assertThat(network.height()).isGreaterThan(height);
    }

    @Test
    void serve_reads_and_acts_for_token_identities_through_the_profile() throws Exception {
        CliRun cli = new CliRun(dataDir, Map.of("FAIRMARK_NETWORK", profile.toString()));
        String lot = "SV-" + ProcessHandle.current().pid() % 1000;
        cli.run("--json", "batch", "register", LedgerFixture.GTIN, lot, "--product", "板栗 chestnut", "--county",
                "130227", "--township", "Xingcheng", "--village", "Dongzhuang", "--harvest-date",
                Quantities.today().minusDays(10).toString(), "--declared", "100kg").ok();
        String token = cli.run("--json", "token", "create", Roster.BUYER).ok().json().get("token").asText();

        Path partial = dataDir.resolve("three-orgs.json");
        Files.writeString(partial, Files.readString(profile).replaceAll(",\\s*\"MarketMSP\"\\s*:\\s*\\{[^}]*}", ""));

        List<HttpResponse<String>> full = serve(cli, lot, token);
        HttpResponse<String> batch = full.get(0);
        HttpResponse<String> whoami = full.get(1);
        HttpResponse<String> whoamiWithoutMarket = serve(new CliRun(dataDir, Map.of("FAIRMARK_NETWORK",
                partial.toString())), lot, token).get(1);

        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        assertThat(batch.body()).contains(lot).contains("REGISTERED");
        assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
        assertThat(whoami.body()).contains("MarketMSP");
        // the buyer's token cannot act when the profile has no gateway for the buyer's organization
        assertThat(whoamiWithoutMarket.statusCode()).as(whoamiWithoutMarket.body()).isEqualTo(401);
    }

    /** Serves on any port, GETs the batch (public) and whoami (with the token), stops; both responses. */
    static List<HttpResponse<String>> serve(CliRun cli, String lot, String token) throws Exception {
        CompletableFuture<WebServer> started = new CompletableFuture<>();
        CompletableFuture<CliRun.Result> finished = CompletableFuture.supplyAsync(() -> cli.runWith(
                fairmark -> fairmark.onServe(started::complete), "--json", "serve", "--port", "0"));
        WebServer server = started.get(60, TimeUnit.SECONDS);
        List<HttpResponse<String>> responses = new java.util.ArrayList<>();
        try {
            HttpClient http = HttpClient.newHttpClient();
            responses.add(http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/api/v1/batches/"
                    + LedgerFixture.GTIN + "/" + lot)).build(), HttpResponse.BodyHandlers.ofString()));
            responses.add(http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/api/v1/whoami"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()));
        } finally {
            server.close();
        }
        CliRun.Result result = finished.get(60, TimeUnit.SECONDS);
        assertThat(result.exit()).as(result.toString()).isZero();
        return responses;
    }
}
