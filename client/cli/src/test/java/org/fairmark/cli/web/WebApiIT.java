package org.fairmark.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fairmark.client.SignedLabel;
import org.fairmark.client.TrustBundle;
import org.fairmark.devca.Roster;
import org.fairmark.network.EmbeddedNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API, the verify page and the dashboard over real HTTP, against an embedded network. */
class WebApiIT {
    static final String PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/126.0.0.0 Mobile Safari/537.36";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static LedgerFixture ledger;
    static HttpClient http;
    static String producerToken;
    static String buyerToken;
    static String inspectorToken;
    static String packerToken;

    @BeforeAll
    static void start() throws IOException {
        ledger = LedgerFixture.start(dataDir);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        producerToken = ledger.tokens.create(EmbeddedNetwork.PRODUCER, "tests").secret();
        buyerToken = ledger.tokens.create(EmbeddedNetwork.BUYER, "tests").secret();
        inspectorToken = ledger.tokens.create(EmbeddedNetwork.INSPECTOR, null).secret();
        packerToken = ledger.tokens.create(EmbeddedNetwork.PACKER, null).secret();
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ledger.url(path))).timeout(Duration.ofSeconds(60)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ledger.url(path))).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> post(String path, String token, String json) throws Exception {
        return send("POST", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return JSON.readTree(response.body());
    }

    /** Asserts the status and the error code of an error answer, and that it carries nothing of the server's insides. */
    static JsonNode assertError(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.path("error").path("code").asText()).isEqualTo(code);
        assertThat(body.path("error").path("message").asText()).isNotBlank();
        assertNoInternals(response.body());
        return body;
    }

    static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("Exception", "\tat ", "at org.", "at java.", "com.fasterxml", "io.grpc", ".java:");
    }

    static String batchPath(String lot) {
        return "/api/v1/batches/" + LedgerFixture.GTIN + "/" + lot;
    }

    static String packagePath(SignedLabel label) {
        return "/api/v1/packages/" + label.claim().gtin() + "/" + label.claim().lot() + "/" + label.claim().serial();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static long scanCount(SignedLabel label) {
        Long count = ledger.client(LedgerFixture.READER).participant()
                .tracePackage(label.claim().gtin(), label.claim().lot(), label.claim().serial()).scans().count();
        return count == null ? 0 : count;
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    @Nested
    class Reads {
        @Test
        void reads_a_batch_as_canonical_json() throws Exception {
            HttpResponse<String> response = get(batchPath(LedgerFixture.LOT));
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode batch = json(response);
            assertThat(batch.path("batch").path("lot").asText()).isEqualTo(LedgerFixture.LOT);
            assertThat(batch.path("status").asText()).isEqualTo("PACKED");
            assertThat(batch.path("packageCount").asLong()).isEqualTo(4);
            assertThat(response.body()).isEqualTo(org.fairmark.domain.CanonicalJson.canonicalize(response.body())).doesNotContain("null");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }

        @Test
        void answers_404_with_the_code_for_an_unknown_batch() throws Exception {
            assertError(get(batchPath("NO-SUCH-LOT")), 404, "BATCH_NOT_FOUND");
        }

        @Test
        void answers_422_for_an_invalid_gtin() throws Exception {
            assertError(get("/api/v1/batches/12345678901234/" + LedgerFixture.LOT), 422, "INVALID_GTIN");
        }

        @Test
        void pages_through_packages() throws Exception {
            JsonNode page = json(get(batchPath(LedgerFixture.LOT) + "/packages?pageSize=3"));
            assertThat(page.path("records")).hasSize(3);
            assertThat(page.path("bookmark").asText()).isNotEmpty();
            JsonNode rest = json(get(batchPath(LedgerFixture.LOT) + "/packages?pageSize=3&bookmark=" + encode(page.path("bookmark").asText())));
            assertThat(rest.path("records")).hasSize(1);
            assertError(get(batchPath(LedgerFixture.LOT) + "/packages?pageSize=0"), 422, "INVALID_ARGUMENT");
            assertError(get(batchPath(LedgerFixture.LOT) + "/packages?pageSize=1&pageSize=2"), 422, "INVALID_ARGUMENT");
        }

        @Test
        void traces_a_package_with_custody_weighing_and_ruling() throws Exception {
            JsonNode trace = json(get(packagePath(ledger.ruled) + "/trace"));
            assertThat(trace.path("hops")).hasSize(2);
            assertThat(trace.path("custody").path("holderOrg").asText()).isEqualTo("MarketMSP");
            assertThat(trace.path("weighings").get(0).path("finding").asText()).isEqualTo("T1");
            assertThat(trace.path("disputes").get(0).path("review").path("outcome").asText()).isEqualTo("UPHELD");
        }

        @Test
        void traces_a_batch() throws Exception {
            JsonNode trace = json(get(batchPath(LedgerFixture.LOT) + "/trace"));
            assertThat(trace.path("disputes")).hasSize(2);
            assertThat(trace.path("inspections").get(0).path("grade").asText()).isEqualTo("FIRST");
            assertThat(trace.has("pkg")).isFalse();
        }

        @Test
        void reads_package_custody_recall_dispute_receipt_and_integrity() throws Exception {
            assertThat(json(get(packagePath(ledger.atPacker))).path("nominalMassGrams").asLong()).isEqualTo(500);
            assertThat(json(get(packagePath(ledger.atPacker) + "/custody")).path("holderOrg").asText()).isEqualTo("CoopMSP");
            assertThat(json(get(batchPath(LedgerFixture.RECALLED_LOT) + "/recall")).path("reason").asText()).contains("aflatoxin");
            assertError(get(batchPath(LedgerFixture.LOT) + "/recall"), 409, "BATCH_STATUS_INVALID");
            assertThat(json(get("/api/v1/disputes/" + ledger.upheldDisputeId)).path("status").asText()).isEqualTo("RESOLVED");
            assertError(get("/api/v1/disputes/D-000000000000000000000000"), 404, "DISPUTE_NOT_FOUND");
            assertThat(json(get("/api/v1/receipts/" + ledger.receiptId)).path("t1Count").asLong()).isEqualTo(1);
            JsonNode integrity = json(get("/api/v1/integrity/CoopMSP"));
            assertThat(integrity.path("t1Findings").asLong()).isEqualTo(1);
            assertThat(integrity.path("recalls").asLong()).isEqualTo(1);
            assertThat(integrity.path("disputesUpheld").asLong()).isEqualTo(1);
            assertThat(integrity.path("rating").asText()).isEqualTo("C");
            assertThat(json(get("/api/v1/standards/GB-T-22346?version=2008")).path("standard").path("code").asText()).isEqualTo("GB-T-22346");
            assertThat(json(get("/api/v1/label-keys/" + ledger.signer.keyId())).path("ownerOrg").asText()).isEqualTo("CoopMSP");
            assertThat(json(get("/api/v1/scan-policy")).path("maxScans").asLong()).isPositive();
            assertThat(json(get("/api/v1/health")).path("status").asText()).isEqualTo("ok");
        }

        @Test
        void answers_404_for_an_unknown_route_and_405_for_a_wrong_method() throws Exception {
            assertError(get("/api/v1/nothing-here"), 404, "UNKNOWN_TRANSACTION");
            HttpResponse<String> wrongMethod = send("DELETE", batchPath(LedgerFixture.LOT), null, null, new byte[0]);
            assertError(wrongMethod, 405, "UNKNOWN_TRANSACTION");
            assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }

        @Test
        void a_request_line_that_is_not_a_uri_gets_400_without_a_stack_trace() throws Exception {
            // The JDK's HTTP server answers this itself, before any handler: a short fixed text, never a trace.
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", ledger.server.port())) {
                socket.getOutputStream().write(("GET /api/v1/batches/" + LedgerFixture.GTIN + "/QX%zz HTTP/1.1\r\n"
                        + "Host: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 400 ").doesNotContain("\tat ", ".java:", "org.fairmark");
            }
        }
    }

    // ---- names: profiles, overviews, divisions -------------------------------------------------------------------

    @Nested
    class Names {
        @Test
        void lists_and_reads_profiles_and_refuses_an_unknown_or_malformed_org() throws Exception {
            JsonNode all = json(get("/api/v1/profiles"));
            assertThat(all).hasSize(4);
            assertThat(all.get(2).path("mspId").asText()).isEqualTo("CoopMSP");
            JsonNode coop = json(get("/api/v1/profiles/CoopMSP"));
            assertThat(coop.path("nameZh").asText()).isEqualTo("迁西县栗香板栗专业合作社（演示）");
            assertThat(coop.path("kind").asText()).isEqualTo("COOPERATIVE");
            assertError(get("/api/v1/profiles/NobodyMSP"), 404, "PROFILE_NOT_FOUND");
            assertError(get("/api/v1/profiles/" + encode("<b>x</b>")), 422, "INVALID_ARGUMENT");
        }

        @Test
        void an_org_overview_has_its_profile_record_and_batches() throws Exception {
            JsonNode overview = json(get("/api/v1/orgs/CoopMSP/overview?limit=5"));
            assertThat(overview.path("org").asText()).isEqualTo("CoopMSP");
            assertThat(overview.path("profile").path("nameEn").asText()).isEqualTo("Qianxi Lixiang Chestnut Growers' Cooperative (demo)");
            assertThat(overview.path("integrity").path("recalls").asLong()).isPositive();
            assertThat(overview.path("batches").findValuesAsText("lot")).contains(LedgerFixture.LOT, LedgerFixture.RECALLED_LOT);
            assertError(get("/api/v1/orgs/NobodyMSP/overview"), 404, "PROFILE_NOT_FOUND");
            assertError(get("/api/v1/orgs/CoopMSP/overview?limit=51"), 422, "INVALID_ARGUMENT");
            assertError(get("/api/v1/orgs/" + encode("Coop MSP") + "/overview"), 422, "INVALID_ARGUMENT");
        }

        @Test
        void lot_inspections_are_read_by_batch_and_nominal_mass() throws Exception {
            assertThat(json(get("/api/v1/lot-inspections/" + LedgerFixture.GTIN + "/" + LedgerFixture.LOT + "/500"))).isEmpty();
            assertError(get("/api/v1/lot-inspections/" + LedgerFixture.GTIN + "/" + LedgerFixture.LOT + "/0"), 422, "INVALID_MASS");
            assertError(get("/api/v1/lot-inspections/" + LedgerFixture.GTIN + "/" + LedgerFixture.LOT + "/5kg"), 422, "INVALID_MASS");
            assertError(get("/api/v1/lot-inspections/06901234567890/" + LedgerFixture.LOT + "/500"), 422, "INVALID_GTIN");
        }

        @Test
        void a_division_has_its_name_chain_and_a_retired_one_its_successors() throws Exception {
            JsonNode qianxi = json(get("/api/v1/divisions/130227"));
            assertThat(qianxi.path("fullName").asText()).isEqualTo("河北省 唐山市 迁西县");
            assertThat(qianxi.path("level").asText()).isEqualTo("COUNTY");
            assertThat(qianxi.path("inUse").asBoolean()).isTrue();
            assertThat(qianxi.path("chain").findValuesAsText("name")).containsExactly("河北省", "唐山市", "迁西县");
            assertThat(qianxi.path("tableVersion").asText()).isEqualTo("2024");
            JsonNode dongguan = json(get("/api/v1/divisions/441900"));
            assertThat(dongguan.path("chain").findValuesAsText("code")).containsExactly("440000", "441900");
            JsonNode chongwen = json(get("/api/v1/divisions/110103"));
            assertThat(chongwen.path("inUse").asBoolean()).isFalse();
            assertThat(chongwen.path("retiredYear").asInt()).isEqualTo(2010);
            assertThat(chongwen.path("successors").findValuesAsText("fullName")).containsExactly("北京市 东城区");
            assertError(get("/api/v1/divisions/999999"), 422, "INVALID_COUNTY_CODE");
            assertError(get("/api/v1/divisions/13022"), 422, "INVALID_COUNTY_CODE");
            assertError(get("/api/v1/divisions/" + encode("13022x")), 422, "INVALID_COUNTY_CODE");
        }

        @Test
        void a_verification_names_the_origin_and_every_organization_of_the_trace() throws Exception {
            JsonNode genuine = json(get("/api/v1/verify?label=" + encode(ledger.genuine.uri())));
            assertThat(genuine.path("label").path("countyCode").asText()).isEqualTo("130227");
            assertThat(genuine.path("label").path("countyName").asText()).isEqualTo("河北省 唐山市 迁西县");
            assertThat(genuine.path("organizations").findValuesAsText("mspId"))
                    .containsExactly("BureauMSP", "CarrierMSP", "CoopMSP", "MarketMSP");
            assertThat(genuine.path("organizations").get(2).path("nameZh").asText()).isEqualTo("迁西县栗香板栗专业合作社（演示）");
            JsonNode forged = json(get("/api/v1/verify?label=" + encode(ledger.forged)));
            assertThat(forged.path("label").path("countyName").asText()).isEqualTo("河北省 唐山市 迁西县");
            assertThat(forged.path("organizations")).isEmpty();
        }
    }

    // ---- verification ---------------------------------------------------------------------------------------------

    @Nested
    class Verification {
        JsonNode verify(String label) throws Exception {
            HttpResponse<String> response = get("/api/v1/verify?label=" + encode(label));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json(response);
        }

        @Test
        void tells_genuine_recalled_disputed_forged_and_unknown_apart() throws Exception {
            JsonNode genuine = verify(ledger.genuine.uri());
            assertThat(genuine.path("verdict").asText()).isEqualTo("GENUINE");
            assertThat(genuine.path("trace").path("pkg").path("serial").asText()).isEqualTo("P00001");
            assertThat(genuine.path("label").path("netMassGrams").asLong()).isEqualTo(500);
            assertThat(verify(ledger.recalled.uri()).path("verdict").asText()).isEqualTo("RECALLED");
            assertThat(verify(ledger.disputed.uri()).path("verdict").asText()).isEqualTo("UNDER_DISPUTE");
            JsonNode forged = verify(ledger.forged);
            assertThat(forged.path("verdict").asText()).isEqualTo("FORGED");
            assertThat(forged.path("rejection").asText()).isEqualTo("BAD_SIGNATURE");
            assertThat(forged.has("trace")).isFalse();
            JsonNode unknown = verify(ledger.unknown.uri());
            assertThat(unknown.path("verdict").asText()).isEqualTo("UNKNOWN");
            assertThat(unknown.path("rejection").asText()).isEqualTo("PACKAGE_UNKNOWN");
            assertThat(verify("https://example.test/hello").path("verdict").asText()).isEqualTo("UNKNOWN");
        }

        @Test
        void verifies_from_a_json_body_too() throws Exception {
            HttpResponse<String> response = post("/api/v1/verify", null, "{\"label\":\"" + ledger.ruled.uri() + "\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.path("verdict").asText()).isEqualTo("GENUINE");
            assertThat(body.path("warnings").toString()).contains("upheld");
        }

        @Test
        void refuses_a_missing_label_and_an_unknown_mode() throws Exception {
            assertError(get("/api/v1/verify"), 422, "INVALID_ARGUMENT");
            assertError(get("/api/v1/verify?mode=sideways&label=" + encode(ledger.genuine.uri())), 422, "INVALID_ARGUMENT");
        }

        @Test
        void offline_verification_needs_a_trust_bundle() throws Exception {
            assertError(get("/api/v1/verify?mode=offline&label=" + encode(ledger.genuine.uri())), 422, "INVALID_ARGUMENT");
        }

        @Test
        void verifies_offline_with_a_trust_bundle() throws Exception {
            TrustBundle bundle = TrustBundle.export(ledger.client(EmbeddedNetwork.INSPECTOR),
                    TrustBundle.caCertificatesFrom(ledger.dataDir.resolve("network").resolve("orgs")),
                    java.util.Map.of("CoopMSP", java.util.List.of("6901234")), Duration.ofDays(1));
            try (WebServer offline = WebServer.builder().port(0).clients(ledger::client).readerIdentity(LedgerFixture.READER)
                    .trustBundle(bundle).build().start()) {
                JsonNode genuine = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(offline.uri()
                        + "/api/v1/verify?mode=offline&label=" + encode(ledger.genuine.uri()))).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(genuine.path("mode").asText()).isEqualTo("offline");
                assertThat(genuine.path("verdict").asText()).isEqualTo("GENUINE");
                assertThat(genuine.path("key").path("keyId").asText()).isEqualTo(ledger.signer.keyId());
                assertThat(genuine.path("label").path("countyName").asText()).isEqualTo("河北省 唐山市 迁西县");
                assertThat(genuine.path("organizations")).as("offline reads nothing from the ledger").isEmpty();
                JsonNode forged = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(offline.uri()
                        + "/api/v1/verify?mode=offline&label=" + encode(ledger.forged))).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(forged.path("verdict").asText()).isEqualTo("FORGED");
                assertThat(forged.path("rejection").asText()).isEqualTo("BAD_SIGNATURE");
            }
        }

        @Test
        void never_records_a_scan() throws Exception {
            long before = scanCount(ledger.genuine);
            verify(ledger.genuine.uri());
            assertThat(scanCount(ledger.genuine)).isEqualTo(before);
        }
    }

    // ---- writes ---------------------------------------------------------------------------------------------------

    @Nested
    class Writes {
        String registerBatch(String requestId, String lot) {
            return "{\"requestId\":\"" + requestId + "\",\"gtin\":\"" + LedgerFixture.GTIN + "\",\"lot\":\"" + lot + "\","
                    + "\"product\":\"" + LedgerFixture.PRODUCT + "\",\"origin\":{\"countyCode\":\"130227\",\"township\":\"T\",\"village\":\"V\"},"
                    + "\"harvestDate\":\"2025-07-01\",\"declaredMassGrams\":200000}";
        }

        @Test
        void refuses_a_write_without_a_token_with_401() throws Exception {
            HttpResponse<String> response = post("/api/v1/batches", null, registerBatch("req-no-token-1", "API-1"));
            assertError(response, 401, "IDENTITY_INVALID");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }

        @Test
        void refuses_an_unknown_a_malformed_and_a_revoked_token_with_401() throws Exception {
            String unknown = "fmk_0123456789ab_" + "A".repeat(43);
            assertError(post("/api/v1/batches", unknown, registerBatch("req-bad-token-1", "API-2")), 401, "IDENTITY_INVALID");
            assertError(post("/api/v1/batches", "not-a-token", registerBatch("req-bad-token-2", "API-2")), 401, "IDENTITY_INVALID");
            HttpResponse<String> basic = send("POST", "/api/v1/batches", null, "application/json", new byte[] {'{', '}'});
            assertThat(basic.statusCode()).isEqualTo(401);
            TokenStore.IssuedToken revoked = ledger.tokens.create(EmbeddedNetwork.PRODUCER, "to revoke");
            assertThat(json(send("GET", "/api/v1/whoami", revoked.secret(), null, new byte[0])).path("identity").asText())
                    .isEqualTo(EmbeddedNetwork.PRODUCER);
            assertThat(ledger.tokens.revoke(revoked.token().id())).isTrue();
            assertError(post("/api/v1/batches", revoked.secret(), registerBatch("req-bad-token-3", "API-2")), 401, "IDENTITY_INVALID");
            String ghost = ledger.tokens.create("ghost@nowhere", "identity not in the wallet").secret();
            HttpResponse<String> unopened = post("/api/v1/batches", ghost, registerBatch("req-bad-token-4", "API-2"));
            assertError(unopened, 401, "IDENTITY_INVALID");
            assertThat(unopened.body()).doesNotContain(ledger.dataDir.toString(), "wallet");
        }

        @Test
        void refuses_a_role_that_may_not_write_with_403_from_the_contract() throws Exception {
            assertError(post("/api/v1/batches", buyerToken, registerBatch("req-buyer-registers", "API-3")), 403, "ROLE_NOT_ALLOWED");
            assertError(post("/api/v1/recalls", buyerToken, "{\"gtin\":\"" + LedgerFixture.GTIN + "\",\"lot\":\"" + LedgerFixture.LOT
                    + "\",\"reason\":\"no\"}"), 403, "ROLE_NOT_ALLOWED");
        }

        @Test
        void registers_inspects_and_packs_through_the_api() throws Exception {
            HttpResponse<String> registered = post("/api/v1/batches", producerToken, registerBatch("req-api-register-1", "API-4"));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            assertThat(json(registered).path("status").asText()).isEqualTo("REGISTERED");
            HttpResponse<String> again = post("/api/v1/batches", producerToken, registerBatch("req-api-register-1", "API-4"));
            assertThat(again.statusCode()).as("idempotent resubmission").isEqualTo(200);
            assertError(post("/api/v1/batches", producerToken, registerBatch("req-api-register-2", "API-4")), 409, "BATCH_EXISTS");

            HttpResponse<String> inspected = post("/api/v1/inspections", inspectorToken, "{\"gtin\":\"" + LedgerFixture.GTIN
                    + "\",\"lot\":\"API-4\",\"standardCode\":\"GB-T-22346\",\"standardVersion\":\"2008\",\"sampleSize\":20,"
                    + "\"sampledMassGrams\":1000,\"measurements\":{\"count_per_kg\":70,\"defect_permille\":10}}");
            assertThat(inspected.statusCode()).as(inspected.body()).isEqualTo(200);
            assertThat(json(inspected).path("grade").asText()).isEqualTo("SPECIAL");

            HttpResponse<String> packed = post("/api/v1/packings", packerToken, "{\"gtin\":\"" + LedgerFixture.GTIN
                    + "\",\"lot\":\"API-4\",\"packingDate\":\"" + java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8))
                    + "\",\"labelKeyId\":\"" + ledger.signer.keyId() + "\",\"packages\":[{\"serial\":\"A00001\",\"nominalMassGrams\":1000}]}");
            assertThat(packed.statusCode()).as(packed.body()).isEqualTo(200);
            assertThat(json(packed).path("serials").get(0).asText()).isEqualTo("A00001");
            assertError(post("/api/v1/packings", packerToken, "{\"gtin\":\"" + LedgerFixture.GTIN
                    + "\",\"lot\":\"API-4\",\"packingDate\":\"" + java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8))
                    + "\",\"labelKeyId\":\"" + ledger.signer.keyId()
                    + "\",\"packages\":[{\"serial\":\"A00002\",\"nominalMassGrams\":50000},{\"serial\":\"A00003\",\"nominalMassGrams\":50000},"
                    + "{\"serial\":\"A00004\",\"nominalMassGrams\":50000},{\"serial\":\"A00005\",\"nominalMassGrams\":50000}]}"),
                    409, "MASS_BALANCE_EXCEEDED");

            // a second recall writes nothing (a first one would change the producer's record the other tests read)
            assertError(post("/api/v1/recalls", producerToken, "{\"gtin\":\"" + LedgerFixture.GTIN + "\",\"lot\":\""
                    + LedgerFixture.RECALLED_LOT + "\",\"reason\":\"again\"}"), 409, "ALREADY_RECALLED");
        }

        @Test
        void refuses_a_dispute_id_in_the_body_that_differs_from_the_path() throws Exception {
            assertError(post("/api/v1/disputes/" + ledger.openDisputeId + "/take", inspectorToken,
                    "{\"disputeId\":\"" + ledger.upheldDisputeId + "\"}"), 422, "INVALID_ARGUMENT");
            assertError(post("/api/v1/disputes/" + ledger.upheldDisputeId + "/take", inspectorToken, "{}"), 409, "DISPUTE_STATE_INVALID");
            assertError(post("/api/v1/disputes/" + ledger.openDisputeId + "/take", inspectorToken, "[]"), 422, "MALFORMED_REQUEST");
        }

        @Test
        void answers_422_without_a_stack_trace_for_a_malformed_body() throws Exception {
            assertError(post("/api/v1/batches", producerToken, "{\"gtin\": \"06901234567892\", \"lot\": "), 422, "MALFORMED_REQUEST");
            assertError(post("/api/v1/batches", producerToken, "{\"gtin\":\"x\",\"gtin\":\"y\"}"), 422, "MALFORMED_REQUEST");
            assertError(post("/api/v1/batches", producerToken, "{\"surprise\":true}"), 422, "MALFORMED_REQUEST");
            assertError(post("/api/v1/batches", producerToken, "{\"declaredMassGrams\":\"lots\"}"), 422, "MALFORMED_REQUEST");
            assertError(send("POST", "/api/v1/batches", producerToken, "application/json", new byte[] {(byte) 0xff, (byte) 0xfe}),
                    422, "MALFORMED_REQUEST");
            assertError(post("/api/v1/batches", producerToken, registerBatch("req-api-bad-gtin", "API-5").replace(
                    LedgerFixture.GTIN, "06901234567890")), 422, "INVALID_GTIN");
        }

        @Test
        void answers_415_for_a_body_that_is_not_json() throws Exception {
            assertError(send("POST", "/api/v1/batches", producerToken, "text/plain",
                    registerBatch("req-api-text", "API-6").getBytes(StandardCharsets.UTF_8)), 415, "MALFORMED_REQUEST");
        }

        @Test
        void answers_413_for_a_body_over_256_kib() throws Exception {
            byte[] body = ("{\"product\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
            assertError(send("POST", "/api/v1/batches", producerToken, "application/json", body), 413, "PAYLOAD_TOO_LARGE");
            assertError(send("POST", "/api/v1/verify", null, "application/json", body), 413, "PAYLOAD_TOO_LARGE");
        }

        @Test
        void tells_a_token_holder_who_they_are() throws Exception {
            JsonNode me = json(send("GET", "/api/v1/whoami", buyerToken, null, new byte[0]));
            assertThat(me.path("identity").asText()).isEqualTo(EmbeddedNetwork.BUYER);
            assertThat(me.path("mspId").asText()).isEqualTo("MarketMSP");
            assertThat(me.path("role").asText()).isEqualTo("buyer");
            assertError(get("/api/v1/whoami"), 401, "IDENTITY_INVALID");
        }
    }

    // ---- failures -------------------------------------------------------------------------------------------------

    @Nested
    class Failures {
        @Test
        void answers_500_with_a_reference_and_no_stack_trace_when_something_breaks_inside() throws Exception {
            ClientFactory broken = name -> {
                throw new IllegalStateException("secret detail at org.fairmark.Internal.method(Internal.java:42)");
            };
            try (WebServer server = WebServer.builder().port(0).clients(broken).readerIdentity(Roster.AUDITOR).build().start()) {
                HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(server.uri() + batchPath(LedgerFixture.LOT)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(api.statusCode()).isEqualTo(500);
                JsonNode body = JSON.readTree(api.body());
                assertThat(body.path("error").path("code").asText()).isEqualTo("INTERNAL_ERROR");
                assertThat(body.path("error").path("message").asText()).matches("an unexpected error; please report it with reference [0-9a-f]{12}");
                assertThat(api.body()).doesNotContain("secret");
                assertNoInternals(api.body());

                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/dashboard?lang=en")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(500);
                assertThat(page.body()).contains("<h2>Something went wrong</h2>").doesNotContain("secret");
                assertNoInternals(page.body());
            }
        }
    }

    // ---- pages over HTTP --------------------------------------------------------------------------------------------

    @Nested
    class Pages {
        @Test
        void verify_pages_are_small_self_contained_and_say_the_verdict_in_both_languages() throws Exception {
            Map<String, List<String>> expected = Map.of(
                    ledger.genuine.uri(), List.of("正品", "Genuine"),
                    ledger.ruled.uri(), List.of("正品", "Genuine"),
                    ledger.disputed.uri(), List.of("争议处理中", "Under dispute"),
                    ledger.atPacker.uri(), List.of("正品", "Genuine"),
                    ledger.recalled.uri(), List.of("已召回", "Recalled"),
                    ledger.forged, List.of("伪造标签", "Forged label"),
                    ledger.unknown.uri(), List.of("未知", "Unknown"));
            for (Map.Entry<String, List<String>> label : expected.entrySet()) {
                for (int i = 0; i < 2; i++) {
                    String lang = i == 0 ? "zh" : "en";
                    HttpResponse<String> page = get(ledger.pageUrl(label.getKey()).substring(ledger.server.uri().length())
                            + "&lang=" + lang);
                    assertThat(page.statusCode()).isEqualTo(label.getKey().equals(ledger.unknown.uri()) ? 404 : 200);
                    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
                    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                            assertThat(csp).startsWith("default-src 'none'"));
                    assertThat(page.headers().firstValue("Content-Language")).hasValue(lang.equals("zh") ? "zh-CN" : "en");
                    assertSelfContained(page.body(), 30 * 1024);
                    assertThat(page.body()).contains("<h1 id=\"verdict\">" + label.getValue().get(i) + "</h1>");
                }
            }
        }

        @Test
        void the_genuine_page_shows_origin_grade_mass_custody_rulings_and_integrity() throws Exception {
            String page = get(ledger.pageUrl(ledger.ruled).substring(ledger.server.uri().length()) + "&lang=en").body();
            assertThat(page).contains("榆木岭村 Yumuling", "河北省 唐山市 迁西县 (130227)", "First grade", "GB-T-22346:2008", "500 g",
                    "479.0 g", "short by 21.0 g, short weight (T1)", "(demo) (CoopMSP) \u2192 Tangshan Liyun Logistics Co., Ltd. (demo) (CarrierMSP)",
                    "(demo) (CarrierMSP) \u2192 Jingjiao Select Farm Produce Shop (demo) (MarketMSP)",
                    "Now held by Jingjiao Select Farm Produce Shop (demo) (MarketMSP)", "Short weight complaint", "Upheld · partial refund ¥5.00", "Producer&#39;s record",
                    "C: significant findings");
            String zh = get(ledger.pageUrl(ledger.ruled).substring(ledger.server.uri().length()) + "&lang=zh").body();
            assertThat(zh).contains("一级", "短缺 21.0 g", "投诉成立 · 部分退款 ¥5.00", "生产者诚信记录",
                    "京郊优选农产品网店（演示） (MarketMSP)");
        }

        @Test
        void accept_language_picks_the_language_and_chinese_is_the_default() throws Exception {
            String path = ledger.pageUrl(ledger.genuine).substring(ledger.server.uri().length());
            assertThat(get(path, "Accept-Language", "en-GB,en;q=0.9,zh;q=0.5").body()).contains("<h1 id=\"verdict\">Genuine</h1>");
            assertThat(get(path, "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8").body()).contains("<h1 id=\"verdict\">正品</h1>");
            assertThat(get(path, "Accept-Language", "fr-FR").body()).contains("<h1 id=\"verdict\">Genuine</h1>");
            assertThat(get(path).body()).contains("<html lang=\"zh-CN\">", "<h1 id=\"verdict\">正品</h1>");
            assertThat(get(path + "&lang=en", "Accept-Language", "zh-CN").body()).contains("<h1 id=\"verdict\">Genuine</h1>");
        }

        @Test
        void the_language_toggle_keeps_the_label() throws Exception {
            String page = get(ledger.pageUrl(ledger.genuine).substring(ledger.server.uri().length()) + "&lang=zh").body();
            String href = page.replaceAll("(?s).*<a id=\"lang\" href=\"([^\"]*)\".*", "$1").replace("&amp;", "&");
            assertThat(href).startsWith("?").endsWith("&lang=en").contains("s=");
            String english = get(ledger.pageUrl(ledger.genuine).substring(ledger.server.uri().length()).replaceAll("\\?.*", "") + href).body();
            assertThat(english).contains("<h1 id=\"verdict\">Genuine</h1>");
        }

        @Test
        void a_phone_opening_a_genuine_label_records_one_scan_and_nothing_else_does() throws Exception {
            String path = ledger.pageUrl(ledger.atPacker).substring(ledger.server.uri().length());
            long before = scanCount(ledger.atPacker);

            HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(ledger.url(path)))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("User-Agent", PHONE).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            get(path, "User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
            get(path, "User-Agent", "curl/8.5.0");
            get(path, "User-Agent", PHONE, "Sec-Purpose", "prefetch");
            get(path + "&lang=en", "User-Agent", PHONE);
            assertThat(scanCount(ledger.atPacker)).as("HEAD, bots, tools, prefetch and the language toggle").isEqualTo(before);

            String first = get(path, "User-Agent", PHONE).body();
            assertThat(first).contains("id=\"scans\"");
            assertThat(scanCount(ledger.atPacker)).isEqualTo(before + 1);
            get(path, "User-Agent", PHONE);
            assertThat(scanCount(ledger.atPacker)).as("a reload is not a new scan").isEqualTo(before + 1);
        }

        @Test
        void a_forged_or_unknown_label_records_no_scan() throws Exception {
            long before = scanCount(ledger.genuine);
            get(ledger.pageUrl(ledger.forged).substring(ledger.server.uri().length()), "User-Agent", PHONE);
            assertThat(scanCount(ledger.genuine)).isEqualTo(before);
            assertThat(get(ledger.pageUrl(ledger.unknown).substring(ledger.server.uri().length()), "User-Agent", PHONE).statusCode())
                    .isEqualTo(404);
        }

        @Test
        void a_link_without_signature_or_with_a_bad_path_is_unknown() throws Exception {
            HttpResponse<String> bare = get("/01/" + LedgerFixture.GTIN + "/10/" + LedgerFixture.LOT + "/21/P00001?lang=en");
            assertThat(bare.statusCode()).isEqualTo(404);
            assertThat(bare.body()).contains("<h1 id=\"verdict\">Unknown</h1>", "The link is incomplete");
            HttpResponse<String> badGtin = get("/01/12345678901234/10/X/21/Y?lang=en");
            assertThat(badGtin.body()).contains("<h1 id=\"verdict\">Unknown</h1>");
            assertSelfContained(badGtin.body(), 30 * 1024);
        }

        @Test
        void the_dashboard_finds_a_batch_and_draws_its_timeline_and_producer_record() throws Exception {
            HttpResponse<String> page = get("/dashboard?gtin=" + LedgerFixture.GTIN + "&lot=" + LedgerFixture.LOT + "&lang=en");
            assertThat(page.statusCode()).isEqualTo(200);
            assertSelfContained(page.body(), 64 * 1024);
            assertThat(page.body()).contains("<svg class=\"c\" id=\"timeline\"", "<svg class=\"c\" id=\"integrity-chart\"",
                    "Integrity record of Qianxi Lixiang Chestnut Growers&#39; Cooperative (demo) (CoopMSP)", "Inspection Passed: First grade", "4 packages packed", "Ruling: Upheld", "P00004");
            HttpResponse<String> missing = get("/dashboard?gtin=" + LedgerFixture.GTIN + "&lot=NOPE&lang=en");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("No batch with this GTIN and lot.");
            HttpResponse<String> invalid = get("/dashboard?gtin=123&lot=X&lang=zh");
            assertThat(invalid.statusCode()).isEqualTo(422);
            assertThat(invalid.body()).contains("GTIN 须为 14 位数字");
            HttpResponse<String> producer = get("/dashboard?org=CoopMSP&lang=en");
            assertThat(producer.body()).contains("id=\"integrity-chart\"").doesNotContain("id=\"timeline\"");
        }

        @Test
        void digital_link_of_a_batch_and_the_root_redirect_to_the_dashboard() throws Exception {
            HttpResponse<String> batch = get("/01/" + LedgerFixture.GTIN + "/10/" + LedgerFixture.LOT);
            assertThat(batch.statusCode()).isEqualTo(303);
            assertThat(batch.headers().firstValue("Location")).hasValue("/dashboard?gtin=" + LedgerFixture.GTIN + "&lot=" + LedgerFixture.LOT);
            assertThat(get("/").headers().firstValue("Location")).hasValue("/dashboard");
        }

        @Test
        void serves_the_openapi_document() throws Exception {
            JsonNode document = json(get("/openapi.json"));
            assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
            assertThat(document.path("paths").has("/api/v1/batches/{gtin}/{lot}")).isTrue();
        }
    }

    /** No script, nothing loaded or linked from elsewhere, and below {@code maxBytes} of UTF-8. */
    static void assertSelfContained(String html, int maxBytes) {
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).as("page size").isLessThan(maxBytes);
        assertThat(html.toLowerCase(java.util.Locale.ROOT)).doesNotContain("<script", "javascript:", "http://", "https://",
                " src=", "url(", "@import", "=\"//");
        java.util.regex.Matcher tags = java.util.regex.Pattern.compile("<[^>]+>").matcher(html);
        while (tags.find()) {
            String attributes = tags.group().replaceAll("\"[^\"]*\"", "\"\"");
            assertThat(attributes).as("no event handler attribute").doesNotContainPattern("(?i)\\son[a-z]+\\s*=");
            assertThat(attributes).as("attribute values are double-quoted").doesNotContain("'");
        }
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
    }
}
