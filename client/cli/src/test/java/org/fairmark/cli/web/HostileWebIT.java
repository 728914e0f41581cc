package org.fairmark.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.testkit.Campaign;
import org.fairmark.testkit.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web server under attack (docs/reliability.md, "Access", "Hostile input", "Web hardening"): every route × every
 * kind of token, the security headers of every answer, hostile bodies, headers and URIs on every route, and
 * slow-header connections. Nothing a request does may answer 500, leak a stack trace, a Java class or a path of the
 * server, or change the ledger when it is refused.
 */
class HostileWebIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static LedgerFixture ledger;
    static HttpClient http;
    /** A token per wallet identity. */
    static final Map<String, String> tokens = new LinkedHashMap<>();
    static String revoked;

    @BeforeAll
    static void start() throws IOException {
        ledger = LedgerFixture.start(dataDir);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (String name : List.of(EmbeddedNetwork.PRODUCER, EmbeddedNetwork.PACKER, EmbeddedNetwork.INSPECTOR,
                EmbeddedNetwork.CARRIER, EmbeddedNetwork.BUYER, EmbeddedNetwork.AUDITOR)) {
            tokens.put(name, ledger.tokens.create(name, "hostile").secret());
        }
        TokenStore.IssuedToken issued = ledger.tokens.create(EmbeddedNetwork.PRODUCER, "revoked");
        ledger.tokens.revoke(issued.token().id());
        revoked = issued.secret();
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    static HttpResponse<String> send(String method, String path, String authorization, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ledger.url(path))).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Nothing of the server's insides: no trace, no Java class, no file of the server. */
    static void assertClean(HttpResponse<String> response) {
        String body = response.body();
        assertThat(response.statusCode()).as(body).isNotEqualTo(500).isBetween(200, 599);
        assertThat(body).doesNotContain("Exception", "\tat ", "at org.", "at java.", "com.fasterxml", "io.grpc", ".java:",
                "org.fairmark", "java.lang", "java.util", dataDir.toString());
        assertThat(body).doesNotContainPattern("\\w\\$\\w+Request");
        assertHeaders(response);
    }

    /** The headers every answer carries; HTML adds the content security policy and frame denial. */
    static void assertHeaders(HttpResponse<String> response) {
        HttpHeaders headers = new HttpHeaders(response);
        assertThat(headers.get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(headers.get("Cache-Control")).isEqualTo("no-store");
        String type = headers.get("Content-Type");
        if (type != null && type.startsWith("text/html")) {
            assertThat(headers.get("Content-Security-Policy")).isEqualTo(Pages.CONTENT_SECURITY_POLICY)
                    .contains("default-src 'none'").contains("frame-ancestors 'none'").doesNotContain("script-src");
            assertThat(headers.get("X-Frame-Options")).isEqualTo("DENY");
        }
    }

    record HttpHeaders(HttpResponse<String> response) {
        String get(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** A concrete path of a route template, its parameters filled from the fixture. */
    static String path(Route route) {
        String serial = LedgerFixture.ref(ledger.genuine).serial();
        return route.template()
                .replace("{gtin}", LedgerFixture.GTIN)
                .replace("{lot}", LedgerFixture.LOT)
                .replace("{serial}", serial)
                .replace("{org}", "CoopMSP")
                .replace("{file}", "CoopMSP.svg")
                .replace("{nominalMassGrams}", "500")
                .replace("/divisions/{code}", "/divisions/" + LedgerFixture.COUNTY)
                .replace("{disputeId}", ledger.openDisputeId)
                .replace("{receiptId}", ledger.receiptId)
                .replace("{code}", "GB-T-22346")
                .replace("{keyId}", ledger.signer.keyId());
    }

    /** A well-formed body for each write route, so that the contract (not the parser) decides who may send it. */
    static byte[] body(Route route) {
        Requests.PackageRef atPacker = LedgerFixture.ref(ledger.atPacker);
        Object request = switch (route.template()) {
            case "/api/v1/batches" -> new Requests.RegisterBatch(null, LedgerFixture.GTIN, "HOSTILE-1", "chestnut", "early",
                    new org.fairmark.domain.model.Origin(LedgerFixture.COUNTY, "T", "V", null, null), "2025-07-01", 1000L, null, null, null);
            case "/api/v1/standards" -> new Requests.PublishStandard(null, new org.fairmark.domain.GradingStandard("HOSTILE-1", "1",
                    "chestnut", "hostile", List.of(new org.fairmark.domain.GradeDefinition("FIRST", List.of(
                            new org.fairmark.domain.Threshold("defect_permille", org.fairmark.domain.Threshold.Bound.MAX, 40))),
                            new org.fairmark.domain.GradeDefinition("OUT_OF_GRADE", List.of()))));
            case "/api/v1/inspections" -> new Requests.RecordInspection(null, LedgerFixture.GTIN, LedgerFixture.LOT, "GB-T-22346",
                    "2008", 10L, 100L, Map.of("count_per_kg", 90L, "defect_permille", 30L), null, null, 30L, null, null);
            case "/api/v1/label-keys" -> new Requests.RegisterLabelKey(null, org.fairmark.client.LabelSigner.generate().publicKeyBase64());
            case "/api/v1/label-keys/{keyId}/revoke" -> Map.of("reason", "hostile");
            case "/api/v1/packings" -> new Requests.Pack(null, LedgerFixture.GTIN, LedgerFixture.LOT, "2025-09-21",
                    ledger.signer.keyId(), List.of(new Requests.PackageSpec("H00001", null, 500L, null)));
            case "/api/v1/handovers" -> new Requests.HandOver(null, List.of(atPacker), "MarketMSP", null);
            case "/api/v1/acceptances" -> new Requests.Accept(null, List.of(atPacker));
            case "/api/v1/receipts" -> new Requests.RecordReceipt(null, "scale-1", null,
                    List.of(new Requests.Weighing(atPacker.gtin(), atPacker.lot(), atPacker.serial(), 500L)));
            case "/api/v1/disputes" -> new Requests.OpenDispute(null, DisputeType.INFERIOR_QUALITY, atPacker.gtin(), atPacker.lot(),
                    List.of(atPacker.serial()), null, "hostile claim", List.of());
            case "/api/v1/disputes/{disputeId}/take" -> Map.of();
            case "/api/v1/disputes/{disputeId}/resolve" -> new Requests.ResolveDispute(null, ledger.openDisputeId,
                    DisputeOutcome.REJECTED, Remedy.NONE, null, "hostile", null, null);
            case "/api/v1/disputes/{disputeId}/withdraw" -> Map.of("reason", "hostile");
            case "/api/v1/recalls" -> new Requests.Recall(null, LedgerFixture.GTIN, LedgerFixture.LOT, "hostile");
            case "/api/v1/scans" -> new Requests.RecordScan(null, atPacker.gtin(), atPacker.lot(), atPacker.serial(), null, null);
            case "/api/v1/scan-policy" -> new Requests.SetScanPolicy(null, 10L, 500L);
            default -> null;
        };
        return request == null ? null : CanonicalJson.toBytes(request);
    }

    /** The one role the access table lets send a write route, when there is exactly one; else null. */
    static String soleWriter(Route route) {
        return switch (route.template()) {
            case "/api/v1/batches" -> EmbeddedNetwork.PRODUCER;
            case "/api/v1/standards", "/api/v1/inspections", "/api/v1/disputes/{disputeId}/take",
                    "/api/v1/disputes/{disputeId}/resolve" -> EmbeddedNetwork.INSPECTOR;
            case "/api/v1/label-keys", "/api/v1/label-keys/{keyId}/revoke", "/api/v1/packings" -> EmbeddedNetwork.PACKER;
            case "/api/v1/receipts", "/api/v1/disputes", "/api/v1/disputes/{disputeId}/withdraw" -> EmbeddedNetwork.BUYER;
            case "/api/v1/scan-policy" -> EmbeddedNetwork.AUDITOR;
            default -> null;
        };
    }

    @Test
    void every_route_answers_every_kind_of_token_without_leaking_and_refused_writes_change_nothing() throws Exception {
        List<Route> routes = ledger.server.routes();
        assertThat(routes).hasSizeGreaterThan(30);
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("none", null);
        kinds.put("garbage", "Bearer fmk_" + "z".repeat(60));
        kinds.put("not bearer", "Basic dXNlcjpwYXNz");
        kinds.put("revoked", "Bearer " + revoked);
        int cells = 0;
        for (Route route : routes) {
            String path = path(route);
            byte[] body = route.method().equals("GET") ? null : body(route);
            long height = ledger.network.height();
            for (Map.Entry<String, String> kind : kinds.entrySet()) {
                HttpResponse<String> response = send(route.method(), path, kind.getValue(), body);
                cells++;
                assertClean(response);
                if (route.access() == Route.Access.TOKEN) {
                    assertThat(response.statusCode()).as(route.template() + " with " + kind.getKey()).isEqualTo(401);
                    assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("IDENTITY_INVALID");
                    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
                } else {
                    // a public route ignores the Authorization header: it answers as without one (a body-less verify is 422)
                    assertThat(response.statusCode()).as(route.template() + " with " + kind.getKey()).isNotEqualTo(401);
                }
            }
            String writer = soleWriter(route);
            if (route.access() == Route.Access.TOKEN && writer != null) {
                for (Map.Entry<String, String> other : tokens.entrySet()) {
                    if (other.getKey().equals(writer)) {
                        continue;
                    }
                    HttpResponse<String> response = send(route.method(), path, "Bearer " + other.getValue(), body);
                    cells++;
                    assertClean(response);
                    assertThat(response.statusCode()).as(route.template() + " as " + other.getKey() + ": " + response.body())
                            .isEqualTo(403);
                    assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("ROLE_NOT_ALLOWED");
                }
            }
            if (route.access() == Route.Access.TOKEN && !route.method().equals("GET")) {
                waitForBlocks();
                assertThat(ledger.network.height()).as("refused requests of " + route.template() + " wrote a block")
                        .isEqualTo(height);
            }
        }
        assertThat(cells).isGreaterThan(150);
    }

    @Test
    void another_org_holding_nothing_cannot_move_weigh_or_dispute_the_packages() throws Exception {
        long height = ledger.network.height();
        Requests.PackageRef atPacker = LedgerFixture.ref(ledger.atPacker);
        // the carrier and the market do not hold P00004: the contract answers as the access table says
        String handOver = CanonicalJson.toJson(new Requests.HandOver(null, List.of(atPacker), "MarketMSP", null));
        expect(send("POST", "/api/v1/handovers", "Bearer " + tokens.get(EmbeddedNetwork.CARRIER), bytes(handOver)), "NOT_HOLDER");
        String receipt = CanonicalJson.toJson(new Requests.RecordReceipt(null, "scale-1", null,
                List.of(new Requests.Weighing(atPacker.gtin(), atPacker.lot(), atPacker.serial(), 500L))));
        expect(send("POST", "/api/v1/receipts", "Bearer " + tokens.get(EmbeddedNetwork.BUYER), bytes(receipt)), "NOT_HOLDER");
        String dispute = CanonicalJson.toJson(new Requests.OpenDispute(null, DisputeType.INFERIOR_QUALITY, atPacker.gtin(),
                atPacker.lot(), List.of(atPacker.serial()), null, "not ours", List.of()));
        expect(send("POST", "/api/v1/disputes", "Bearer " + tokens.get(EmbeddedNetwork.BUYER), bytes(dispute)), "NOT_HOLDER");
        String accept = CanonicalJson.toJson(new Requests.Accept(null, List.of(atPacker)));
        expect(send("POST", "/api/v1/acceptances", "Bearer " + tokens.get(EmbeddedNetwork.BUYER), bytes(accept)),
                "HANDOVER_NOT_PENDING");
        waitForBlocks();
        assertThat(ledger.network.height()).isEqualTo(height);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void expect(HttpResponse<String> response, String code) throws IOException {
        assertClean(response);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).as(response.body()).isEqualTo(code);
    }

    /** Lets the embedded orderer cut any block a request might (wrongly) have started. */
    static void waitForBlocks() throws InterruptedException {
        Thread.sleep(EmbeddedNetwork.DEFAULT_BLOCK_TIMEOUT.toMillis() * 2);
    }

    // ---- hostile input ------------------------------------------------------------------------------------------

    @Test
    void a_100k_deep_json_array_is_malformed_on_every_body_route_and_names_no_java_class() throws Exception {
        byte[] deep = bytes("[".repeat(100_000) + "]".repeat(100_000));
        byte[] deepObject = bytes("{\"label\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        for (Route route : ledger.server.routes()) {
            if (route.method().equals("GET")) {
                continue;
            }
            String authorization = route.access() == Route.Access.TOKEN ? "Bearer " + tokens.get(EmbeddedNetwork.PRODUCER) : null;
            for (byte[] body : List.of(deep, deepObject)) {
                HttpResponse<String> response = send(route.method(), path(route), authorization, body);
                assertClean(response);
                assertThat(response.statusCode()).as(route.template() + ": " + response.body()).isIn(413, 422);
                assertThat(response.body()).doesNotContain("VerifyRequest", "Requests$", "JsonToken");
            }
        }
    }

    @Test
    void random_bodies_paths_and_headers_on_every_route_answer_coded_errors_and_write_nothing() throws Exception {
        Campaign campaign = Campaign.of("hostile.http", 300, "reliability.http.cases");
        List<Route> routes = ledger.server.routes();
        Random random = new Random(Long.getLong("fairmark.seed", 20_261_206L));
        long height = ledger.network.height();
        for (int i = 0; i < campaign.cases(); i++) {
            Route route = routes.get(random.nextInt(routes.size()));
            String path = path(route);
            if (random.nextInt(3) == 0) {
                path = path.replace(LedgerFixture.LOT, java.net.URLEncoder.encode(Property.anyString(random, 30), StandardCharsets.UTF_8));
            }
            String authorization = route.access() == Route.Access.TOKEN
                    ? "Bearer " + new ArrayList<>(tokens.values()).get(random.nextInt(tokens.size())) : null;
            byte[] body = route.method().equals("GET") ? null : hostileBody(random, body(route));
            HttpResponse<String> response = send(route.method(), path, authorization, body);
            campaign.ran();
            if (response.statusCode() == 500) {
                campaign.uncoded();
            }
            if (response.statusCode() >= 400) {
                JsonNode error = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                        ? JSON.readTree(response.body()).path("error") : null;
                if (error != null && error.path("code").asText().isEmpty()) {
                    campaign.uncoded();
                }
            } else if (route.access() == Route.Access.TOKEN && !route.template().equals("/api/v1/whoami")) {
                campaign.accepted();
            }
            assertClean(response);
        }
        System.out.println(campaign.report());
        assertThat(campaign.uncodedCount()).isZero();
        waitForBlocks();
        // hostile bodies are never valid requests, except by an astronomically rare chance the counter would show
        assertThat(ledger.network.height() - height).isEqualTo(campaign.acceptedCount());
    }

    /** A valid body damaged: mutated, truncated, wrong types, random text, huge strings. */
    static byte[] hostileBody(Random random, byte[] valid) {
        String json = valid == null ? "{}" : new String(valid, StandardCharsets.UTF_8);
        String result = switch (random.nextInt(6)) {
            case 0 -> Property.mutate(random, json);
            case 1 -> json.substring(0, random.nextInt(json.length()));
            case 2 -> Property.anyString(random, 200);
            case 3 -> json.replaceFirst(":\"[^\"]*\"", ":" + List.of("1", "[]", "{}", "null", "true", "-1e999").get(random.nextInt(6)));
            case 4 -> json.replaceFirst(":\"[^\"]*\"", ":\"" + "\u202e<script>alert(1)</script>\u200b".repeat(random.nextInt(1, 50)) + "\"");
            default -> json.replaceFirst("\\{", "{\"" + Property.from(random, "abcdefghij", 1, 8) + "\":1,");
        };
        return bytes(result);
    }

    @Test
    void too_many_and_too_long_headers_are_refused_without_a_trace() throws Exception {
        StringBuilder many = new StringBuilder("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 500; i++) {
            many.append("X-Filler-").append(i).append(": x\r\n");
        }
        many.append("Connection: close\r\n\r\n");
        assertThat(raw(many.toString())).doesNotStartWith("HTTP/1.1 200").doesNotContain("\tat ", "org.fairmark");
        String longHeader = "GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Long: " + "a".repeat(200_000)
                + "\r\nConnection: close\r\n\r\n";
        assertThat(raw(longHeader)).doesNotContain("\tat ", "org.fairmark");
        assertThat(send("GET", "/api/v1/health", null, null).statusCode()).isEqualTo(200);
    }

    static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", ledger.server.port())) {
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return "closed while sending: " + e.getMessage();
            }
            try {
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "closed: " + e.getMessage();
            }
        }
    }

    @Test
    void forty_slow_header_connections_do_not_stop_the_verify_page() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket("127.0.0.1", ledger.server.port());
                OutputStream out = socket.getOutputStream();
                out.write(bytes("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Slow-" + i + ": "));
                out.flush();
                slow.add(socket);
            }
            Thread.sleep(500);
            long started = System.nanoTime();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(ledger.pageUrl(ledger.genuine)))
                    .timeout(Duration.ofSeconds(10)).header("User-Agent", WebApiIT.PHONE).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(page.statusCode()).isEqualTo(200);
            assertHeaders(page);
            assertThat(millis).as("the verify page answered in %d ms", millis).isLessThan(10_000);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    // ---- web hardening ------------------------------------------------------------------------------------------

    @Test
    void every_page_and_error_page_carries_the_security_headers_and_escapes_what_it_repeats() throws Exception {
        List<String> paths = new ArrayList<>(List.of("/dashboard", "/dashboard?gtin=" + LedgerFixture.GTIN + "&lot=" + LedgerFixture.LOT,
                "/dashboard?gtin=%3Cscript%3E&lot=%22onerror%3D", "/01/%3Cscript%3E/10/x/21/y",
                "/01/" + LedgerFixture.GTIN + "/10/" + LedgerFixture.LOT + "/21/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E?s=%3Cscript%3E",
                "/nothing-here", "/api/v1/nothing", "/openapi.json", "/api/v1/health", "/?lang=%22%3E%3Cscript%3E"));
        paths.add(ledger.pageUrl(ledger.genuine).substring(ledger.server.uri().length()));
        paths.add(ledger.pageUrl(ledger.forged).substring(ledger.server.uri().length()));
        paths.add(ledger.pageUrl(ledger.recalled).substring(ledger.server.uri().length()) + "&lang=en\u202e");
        for (String path : paths) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ledger.server.uri() + path.replace("\u202e", "%E2%80%AE")))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertClean(response);
            assertThat(response.body()).as(path).doesNotContain("<script", "<img", "\u202e", "\u200b")
                    .doesNotContainPattern("[\\s\"'/]onerror\\s*=");
        }
    }
}
