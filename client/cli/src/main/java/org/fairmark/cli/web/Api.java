package org.fairmark.cli.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.fairmark.client.CustodyHolder;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.client.LabelRejection;
import org.fairmark.client.LabelVerdict;
import org.fairmark.client.LabelVerifier;
import org.fairmark.client.OnlineVerification;
import org.fairmark.client.OrgDirectory;
import org.fairmark.client.Participant;
import org.fairmark.client.SignedLabel;
import org.fairmark.domain.AdministrativeDivisions;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.Division;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.MspId;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.OrgOverview;
import org.fairmark.domain.model.OrgProfile;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Scan;
import org.fairmark.domain.model.Trace;

/**
 * The JSON API: public reads and label verification as the reader identity, and the contract's writes as the
 * identity of a bearer token. Request bodies are read by {@link CanonicalJson}, as strictly as the contract reads
 * them (unknown fields, duplicate keys, wrong types are {@code MALFORMED_REQUEST}); responses are canonical JSON.
 * Every route is documented in {@code openapi.json}.
 */
final class Api {
    static final String PREFIX = "/api/v1";

    private final LabelVerifier offlineVerifier;
    private final OrgNames.Cache names;
    private final List<Route> routes = new ArrayList<>();

    /** The body of {@code POST /api/v1/verify}. */
    record VerifyRequest(String label, String mode) {}

    /**
     * A label, as the verification answers show it.
     *
     * @param uri the label URI as read
     * @param netMassGrams the nominal net mass the label claims
     * @param countyName the origin's full GB/T 2260 name, e.g. {@code 河北省 唐山市 迁西县} (the code when the shipped table
     *     does not know it)
     */
    record LabelView(
            String uri,
            String gtin,
            String lot,
            String serial,
            String grade,
            Long netMassGrams,
            String packingDate,
            String countyCode,
            String countyName,
            String keyId) {
        static LabelView of(SignedLabel label) {
            if (label == null) {
                return null;
            }
            return new LabelView(label.uri(), label.claim().gtin(), label.claim().lot(), label.claim().serial(),
                    label.claim().grade(), label.claim().netMassGrams(), label.claim().packingDate().toString(),
                    label.claim().countyCode(), AdministrativeDivisions.table().displayName(label.claim().countyCode()),
                    label.claim().keyId());
        }
    }

    /**
     * An organization named in an answer, by its ledger profile; the names are null when it has written none.
     *
     * @param mspId the MSP id, as the records name it
     */
    record OrgName(String mspId, String nameZh, String nameEn) {}

    /**
     * A GB/T 2260 division of the shipped table ({@code GET /api/v1/divisions/{code}}).
     *
     * @param chain the province, prefecture and the division itself, as far as the table has them
     * @param retiredYear null while the code is in use
     * @param successors for a retired code, the codes in use that cover its area now
     * @param tableVersion the version of the shipped table, e.g. {@code 2024}
     */
    record DivisionView(
            String code,
            String name,
            String fullName,
            String level,
            boolean inUse,
            Integer retiredYear,
            List<DivisionRef> chain,
            List<DivisionRef> successors,
            String tableVersion) {}

    /** A division named by code, with its own and full name. */
    record DivisionRef(String code, String name, String fullName, String level) {
        static DivisionRef of(Division division) {
            return new DivisionRef(division.code(), division.name(), division.fullName(), division.level().name());
        }
    }

    /**
     * The answer of a verification.
     *
     * @param mode {@code online} (against the ledger) or {@code offline} (signature and trust bundle only)
     * @param verdict what to tell the buyer: GENUINE, RECALLED, UNDER_DISPUTE, FORGED or UNKNOWN
     * @param rejection why the label is not genuine, or absent
     * @param detail an English sentence explaining the verdict
     * @param trace online: the package's provenance
     * @param key offline: the label key that signed it, from the trust bundle
     */
    record VerificationView(
            String mode,
            Verdict verdict,
            LabelRejection rejection,
            String detail,
            LabelView label,
            Trace trace,
            Scan scan,
            List<String> warnings,
            Boolean cloneSuspected,
            LabelKey key,
            List<OrgName> organizations) {}

    /** The answer of {@code GET /api/v1/whoami}. */
    record WhoAmI(String identity, String mspId, String role, String tokenId) {}

    /** The answer of {@code GET /api/v1/health}. */
    record Health(String status) {}

    Api(LabelVerifier offlineVerifier) {
        this(offlineVerifier, Clock.systemUTC());
    }

    Api(LabelVerifier offlineVerifier, Clock clock) {
        this.offlineVerifier = offlineVerifier;
        this.names = new OrgNames.Cache(clock);
        reads();
        writes();
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    private void reads() {
        get("/health", (call, caller) -> new Health("ok"));
        get("/batches/{gtin}/{lot}", (call, caller) -> reader(caller).batch(call.path("gtin"), call.path("lot")));
        get("/batches/{gtin}/{lot}/packages", (call, caller) -> reader(caller).packages(call.path("gtin"), call.path("lot"),
                pageSize(call.query("pageSize")), emptyToNull(call.query("bookmark"))));
        get("/batches/{gtin}/{lot}/trace", (call, caller) -> reader(caller).traceBatch(call.path("gtin"), call.path("lot")));
        get("/batches/{gtin}/{lot}/history", (call, caller) -> reader(caller).batchHistory(call.path("gtin"), call.path("lot")));
        get("/batches/{gtin}/{lot}/recall", (call, caller) -> reader(caller).recall(call.path("gtin"), call.path("lot")));
        get("/packages/{gtin}/{lot}/{serial}", (call, caller) ->
                reader(caller).packageRecord(call.path("gtin"), call.path("lot"), call.path("serial")));
        get("/packages/{gtin}/{lot}/{serial}/trace", (call, caller) ->
                reader(caller).tracePackage(call.path("gtin"), call.path("lot"), call.path("serial")));
        get("/packages/{gtin}/{lot}/{serial}/custody", (call, caller) ->
                reader(caller).custody(call.path("gtin"), call.path("lot"), call.path("serial")));
        get("/integrity/{org}", (call, caller) -> reader(caller).integrity(call.path("org"), emptyToNull(call.query("producerId"))));
        get("/disputes/{disputeId}", (call, caller) -> reader(caller).dispute(call.path("disputeId")));
        get("/receipts/{receiptId}", (call, caller) -> reader(caller).receipt(call.path("receiptId")));
        get("/standards/{code}", (call, caller) -> reader(caller).standard(call.path("code"), emptyToNull(call.query("version"))));
        get("/label-keys/{keyId}", (call, caller) -> reader(caller).labelKey(call.path("keyId")));
        get("/scan-policy", (call, caller) -> reader(caller).scanPolicy());
        get("/profiles", (call, caller) -> reader(caller).profiles());
        get("/profiles/{org}", (call, caller) -> reader(caller).profile(org(call)));
        get("/orgs/{org}/overview", (call, caller) -> overview(reader(caller), org(call), call.query("limit")));
        get("/lot-inspections/{gtin}/{lot}/{nominalMassGrams}", (call, caller) -> reader(caller).lotInspections(
                call.path("gtin"), call.path("lot"), nominalMass(call.path("nominalMassGrams"))));
        get("/divisions/{code}", (call, caller) -> division(call.path("code")));
        get("/verify", (call, caller) -> verify(caller, call.query("label"), call.query("mode")));
        routes.add(new Route("POST", PREFIX + "/verify", Route.Access.PUBLIC, false, (call, caller) -> {
            VerifyRequest request = read(call, VerifyRequest.class);
            return Response.json(200, verify(caller, request.label(), request.mode()));
        }));
        routes.add(new Route("GET", "/openapi.json", Route.Access.PUBLIC, false, (call, caller) ->
                new Response(200, Response.JSON, openApi(), Map.of())));
    }

    private void writes() {
        routes.add(new Route("GET", PREFIX + "/whoami", Route.Access.TOKEN, false, (call, caller) -> {
            FairmarkIdentity identity = caller.client().identity();
            String role = identity.role().map(Role::attributeValue).orElse(null);
            return Response.json(200, new WhoAmI(caller.identity(), identity.mspId(), role, caller.tokenId()));
        }));
        post("/batches", Requests.RegisterBatch.class, (client, request) -> client.producer().registerBatch(request));
        post("/standards", Requests.PublishStandard.class, (client, request) -> client.inspector().publishStandard(request));
        post("/inspections", Requests.RecordInspection.class, (client, request) -> client.inspector().recordInspection(request));
        post("/label-keys", Requests.RegisterLabelKey.class, (client, request) -> client.packer().registerLabelKey(request));
        postWithId("/label-keys/{keyId}/revoke", "keyId", Requests.RevokeLabelKey.class,
                (client, request) -> client.packer().revokeLabelKey(request));
        post("/packings", Requests.Pack.class, (client, request) -> client.packer().pack(request));
        post("/handovers", Requests.HandOver.class, (client, request) -> holder(client).handOver(request));
        post("/acceptances", Requests.Accept.class, (client, request) -> holder(client).accept(request));
        post("/receipts", Requests.RecordReceipt.class, (client, request) -> client.buyer().recordReceipt(request));
        post("/disputes", Requests.OpenDispute.class, (client, request) -> client.buyer().openDispute(request));
        postWithId("/disputes/{disputeId}/take", "disputeId", Requests.TakeDispute.class,
                (client, request) -> client.inspector().takeDispute(request));
        postWithId("/disputes/{disputeId}/resolve", "disputeId", Requests.ResolveDispute.class,
                (client, request) -> client.inspector().resolveDispute(request));
        postWithId("/disputes/{disputeId}/withdraw", "disputeId", Requests.WithdrawDispute.class,
                (client, request) -> client.buyer().withdrawDispute(request));
        post("/recalls", Requests.Recall.class, (client, request) -> role(client) == Role.INSPECTOR
                ? client.inspector().recallBatch(request)
                : client.producer().recallBatch(request));
        post("/scans", Requests.RecordScan.class, (client, request) -> client.participant().recordScan(request));
        routes.add(new Route("PUT", PREFIX + "/scan-policy", Route.Access.TOKEN, false, (call, caller) -> Response.json(200,
                caller.client().auditor().setScanPolicy(read(call, Requests.SetScanPolicy.class)))));
    }

    /** A public read answering JSON. */
    private void get(String path, Read read) {
        routes.add(new Route("GET", PREFIX + path, Route.Access.PUBLIC, false,
                (call, caller) -> Response.json(200, read.read(call, caller))));
    }

    @FunctionalInterface
    private interface Read {
        Object read(Call call, Caller caller) throws Exception;
    }

    @FunctionalInterface
    private interface Write<T> {
        Object write(FairmarkClient client, T request);
    }

    /** A write: the body is the contract's request, submitted as the token's identity. */
    private <T> void post(String path, Class<T> type, Write<T> write) {
        routes.add(new Route("POST", PREFIX + path, Route.Access.TOKEN, false,
                (call, caller) -> Response.json(200, write.write(caller.client(), read(call, type)))));
    }

    /**
     * A write on a record named in the path: the body is the contract's request without that id (or with the same
     * one); a different id in the body is refused rather than silently preferred.
     */
    private <T> void postWithId(String path, String parameter, Class<T> type, Write<T> write) {
        routes.add(new Route("POST", PREFIX + path, Route.Access.TOKEN, false, (call, caller) -> {
            JsonNode tree = CanonicalJson.tree(call.jsonBody());
            if (!(tree instanceof ObjectNode object)) {
                throw new ApiException(422, ErrorCode.MALFORMED_REQUEST, "the request body must be a JSON object");
            }
            String id = call.path(parameter);
            JsonNode given = object.get(parameter);
            if (given != null && !(given.isTextual() && given.asText().equals(id))) {
                throw new ApiException(422, ErrorCode.INVALID_ARGUMENT, parameter + " in the body differs from the path");
            }
            object.put(parameter, id);
            T request = CanonicalJson.read(CanonicalJson.toBytes(object), type);
            return Response.json(200, write.write(caller.client(), request));
        }));
    }

    private static <T> T read(Call call, Class<T> type) throws IOException {
        return CanonicalJson.read(call.jsonBody(), type);
    }

    /**
     * The facade of a custody transaction for the identity's role. The contract decides who may act (a producer's
     * token gets its ROLE_NOT_ALLOWED), the facade only has to offer the transaction.
     */
    private static CustodyHolder holder(FairmarkClient client) {
        Role role = role(client);
        if (role == Role.CARRIER) {
            return client.carrier();
        }
        return role == Role.BUYER ? client.buyer() : client.packer();
    }

    private static Role role(FairmarkClient client) {
        return client.identity().role().orElse(null);
    }

    private static Participant reader(Caller caller) {
        return caller.client().participant();
    }

    private VerificationView verify(Caller caller, String label, String mode) {
        if (label == null || label.isBlank()) {
            throw new ApiException(422, ErrorCode.INVALID_ARGUMENT, "label is required: the text of the label's QR code");
        }
        if (label.length() > SignedLabel.MAX_URI_LENGTH) {
            throw new ApiException(422, ErrorCode.INVALID_ARGUMENT, "label has more than " + SignedLabel.MAX_URI_LENGTH + " characters");
        }
        String chosen = mode == null || mode.isEmpty() ? "online" : mode;
        switch (chosen) {
            case "online" -> {
                OnlineVerification verification = reader(caller).verifyLabel(label);
                return new VerificationView("online", Verdict.of(verification), verification.rejection(), verification.detail(),
                        LabelView.of(verification.label()), verification.trace(), verification.scan(), verification.warnings(),
                        verification.cloneSuspected(), null, organizations(reader(caller), verification.trace()));
            }
            case "offline" -> {
                if (offlineVerifier == null) {
                    throw new ApiException(422, ErrorCode.INVALID_ARGUMENT,
                            "offline verification needs a trust bundle, and this server was started without one");
                }
                LabelVerdict verdict = offlineVerifier.verify(label);
                if (verdict instanceof LabelVerdict.Genuine genuine) {
                    return new VerificationView("offline", Verdict.GENUINE, null,
                            "the signature verifies with label key " + genuine.key().keyId() + " of " + genuine.key().ownerOrg(),
                            LabelView.of(genuine.label()), null, null, List.of(), null, genuine.key(), List.of());
                }
                LabelVerdict.Rejected rejected = (LabelVerdict.Rejected) verdict;
                return new VerificationView("offline", Verdict.of(rejected.reason()), rejected.reason(), rejected.detail(),
                        LabelView.of(rejected.label()), null, null, List.of(), null, null, List.of());
            }
            default -> throw new ApiException(422, ErrorCode.INVALID_ARGUMENT, "mode must be online or offline");
        }
    }

    /** The {@code {org}} of the path: an MSP id, else {@code INVALID_ARGUMENT} before the ledger is asked. */
    private static String org(Call call) {
        String org = call.path("org");
        if (!MspId.isValid(org)) {
            throw new ApiException(422, ErrorCode.INVALID_ARGUMENT, "org must be an MSP id (" + MspId.SYNTAX + ")");
        }
        return org;
    }

    /**
     * {@code profile:Overview}; an org the ledger knows nothing of (no profile, no batch, no integrity fact) is
     * {@code PROFILE_NOT_FOUND}, as {@code /o/{org}} is a 404 page.
     */
    private static OrgOverview overview(Participant reader, String org, String limitText) {
        Long limit = null;
        if (limitText != null && !limitText.isEmpty()) {
            limit = limitText.matches("[0-9]{1,2}") ? Long.valueOf(limitText) : -1L;
            if (limit < 1 || limit > 50) {
                throw new ApiException(422, ErrorCode.INVALID_ARGUMENT, "limit must be a whole number 1..50");
            }
        }
        OrgOverview overview = reader.overview(org, limit);
        boolean nothing = overview.profile() == null && overview.batches().isEmpty()
                && (overview.integrity() == null || overview.integrity().batches() == null || overview.integrity().batches() == 0);
        if (nothing) {
            throw ApiException.of(ErrorCode.PROFILE_NOT_FOUND, "the ledger knows no organization " + org
                    + ": no profile, no batch");
        }
        return overview;
    }

    private static long nominalMass(String text) {
        if (text.matches("[1-9][0-9]{0,8}")) {
            return Long.parseLong(text);
        }
        throw new ApiException(422, ErrorCode.INVALID_MASS, "nominalMassGrams must be a whole number of grams, 1..999999999");
    }

    /** A division of the shipped GB/T 2260 table with its name chain; read locally, never from the ledger. */
    static DivisionView division(String code) {
        if (!code.matches("[0-9]{6}")) {
            throw ApiException.of(ErrorCode.INVALID_COUNTY_CODE, "a GB/T 2260 code has six digits");
        }
        AdministrativeDivisions table = AdministrativeDivisions.table();
        Division division = table.find(code).orElseThrow(() -> ApiException.of(ErrorCode.INVALID_COUNTY_CODE,
                code + " is not in the GB/T 2260 table (version " + table.version() + ")"));
        List<DivisionRef> chain = new ArrayList<>();
        if (division.level() != Division.Level.PROVINCE) {
            table.find(code.substring(0, 2) + "0000").ifPresent(province -> chain.add(DivisionRef.of(province)));
        }
        if (division.level() == Division.Level.COUNTY) {
            table.find(code.substring(0, 4) + "00").ifPresent(prefecture -> chain.add(DivisionRef.of(prefecture)));
        }
        chain.add(DivisionRef.of(division));
        List<DivisionRef> successors = division.successors().stream()
                .map(successor -> table.find(successor).map(DivisionRef::of).orElse(new DivisionRef(successor, null, null, null)))
                .toList();
        return new DivisionView(division.code(), division.name(), division.fullName(), division.level().name(),
                division.inUse(), division.retiredYear(), chain, successors, table.version());
    }

    /** Every organization a trace names (the {@code *Org} fields), with its profile's names. */
    private List<OrgName> organizations(Participant reader, Trace trace) {
        if (trace == null) {
            return List.of();
        }
        Set<String> orgs = new TreeSet<>();
        collectOrgs(CanonicalJson.tree(CanonicalJson.toBytes(trace)), orgs);
        OrgDirectory directory = names.get(reader).directory();
        List<OrgName> named = new ArrayList<>();
        for (String org : orgs) {
            OrgProfile profile = directory.profile(org).orElse(null);
            named.add(new OrgName(org, profile == null ? null : profile.nameZh(), profile == null ? null : profile.nameEn()));
        }
        return named;
    }

    private static void collectOrgs(JsonNode node, Set<String> orgs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().endsWith("Org") && field.getValue().isTextual() && MspId.isValid(field.getValue().asText())) {
                    orgs.add(field.getValue().asText());
                } else {
                    collectOrgs(field.getValue(), orgs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectOrgs(element, orgs));
        }
    }

    private static Long pageSize(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            long size = Long.parseLong(text);
            if (size >= 1 && size <= 1000) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(422, ErrorCode.INVALID_ARGUMENT, "pageSize must be a whole number 1..1000");
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static byte[] openApi() {
        try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
            Objects.requireNonNull(in, "openapi.json is missing from the class path");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
