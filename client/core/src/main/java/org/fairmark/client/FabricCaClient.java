package org.fairmark.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Jurisdiction;
import org.fairmark.domain.Role;

/**
 * A client of a Hyperledger Fabric CA's REST API (v1.4/v1.5): enrolls identities with their {@code fairmark.role} and
 * {@code fairmark.jurisdiction} attributes in the enrollment certificate, and registers new ones.
 *
 * <pre>{@code
 * FabricCaClient ca = FabricCaClient.create(URI.create("https://ca.coop.example:7054"), null, tlsCaCertificate);
 * String secret = ca.register(admin, new FabricCaClient.Registration("clerk@coop", null, Role.PRODUCER, null, "", 1));
 * FabricCaClient.Enrollment clerk = ca.enroll("clerk@coop", secret, "CoopMSP", Role.PRODUCER, null);
 * FairmarkIdentity identity = clerk.identity();   // role() == PRODUCER
 * }</pre>
 *
 * <p>Enrollment sends a PKCS#10 request for a new P-256 key with HTTP Basic authentication and requires the CA to
 * put {@code fairmark.role} (and, when asked for, {@code fairmark.jurisdiction}) into the certificate. Registration
 * authenticates with Fabric CA's token {@code base64(cert PEM) "." base64(signature)}, the signature being low-S
 * ECDSA-SHA256 over {@code method "." base64(request URI) "." base64(body) "." base64(cert PEM)} (fabric-ca
 * {@code util.GenECDSAToken}).
 *
 * <p>Errors: an unreachable CA is {@link ErrorCode#GATEWAY_UNAVAILABLE}; credentials or a registration the CA
 * rejects, and certificates without a Fairmark role, are {@link ErrorCode#IDENTITY_INVALID}; malformed arguments
 * {@link ErrorCode#INVALID_ARGUMENT}. Instances are thread-safe.
 */
public final class FabricCaClient {
    private static final Pattern ENROLLMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final URI base;
    private final String caName;
    private final HttpClient http;

    private FabricCaClient(URI base, String caName, HttpClient http) {
        this.base = base;
        this.caName = caName;
        this.http = http;
    }

    /**
     * A client of the CA at {@code url} ({@code http://} or {@code https://host:port}).
     *
     * @param caName the CA's name on a multi-CA server, or null for its default CA
     * @param tlsCa the certificate(s) trusted for an {@code https} CA, or null for the JDK's default trust store
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} when the URL is not an http(s) URL with a host
     */
    public static FabricCaClient create(URI url, String caName, List<X509Certificate> tlsCa) {
        Objects.requireNonNull(url, "url == null");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getRawQuery() != null
                || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT,
                    "CA URL '" + url + "' must be http://host:port or https://host:port");
        }
        if (tlsCa != null && !scheme.equals("https")) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "a TLS CA certificate needs an https:// CA URL");
        }
        if (caName != null && !caName.matches("[A-Za-z0-9._-]{1,64}")) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "CA name '" + caName + "' is malformed");
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tlsCa != null) {
            builder.sslContext(sslContext(tlsCa));
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        URI base = URI.create(scheme + "://" + url.getRawAuthority() + path);
        return new FabricCaClient(base, caName == null ? "" : caName, builder.build());
    }

    /** The identity an enrollment produced and the CA chain the CA sent with it. */
    public record Enrollment(FairmarkIdentity identity, PrivateKey privateKey, List<X509Certificate> caChain) {
        /** The private key as PKCS#8 PEM, as a wallet stores it. */
        public String privateKeyPem() {
            return org.fairmark.devca.Pem.writePrivateKey(privateKey);
        }
    }

    /**
     * What to register: a new Fabric CA identity of type {@code client} with Fairmark attributes (put into
     * enrollment certificates by default).
     *
     * @param id the enrollment id, also the certificate's CN
     * @param secret the enrollment secret, or null to let the CA choose one
     * @param role the Fairmark role
     * @param jurisdiction an inspector's county codes (required for, and only for, inspectors)
     * @param affiliation the affiliation, or "" for the registrar's own
     * @param maxEnrollments how often the secret may be used; 0 for the CA's default
     */
    public record Registration(String id, String secret, Role role, String jurisdiction, String affiliation,
            int maxEnrollments) {}

    /**
     * Enrolls {@code enrollmentId} with its secret: a new P-256 key, a CSR with CN = the id, and a request that the
     * certificate carry {@code fairmark.role} (and {@code fairmark.jurisdiction} for inspectors).
     *
     * @param expectedRole the role the certificate must carry, or null to accept any Fairmark role
     * @param expectedJurisdiction the jurisdiction the certificate must carry, or null
     * @throws FairmarkException {@link ErrorCode#IDENTITY_INVALID} when the CA refuses (wrong secret, attribute not
     *     registered) or the certificate has no or another role; {@link ErrorCode#GATEWAY_UNAVAILABLE} when the CA
     *     cannot be reached
     */
    public Enrollment enroll(String enrollmentId, String secret, String mspId, Role expectedRole,
            String expectedJurisdiction) {
        boolean wantsJurisdiction = expectedJurisdiction != null || expectedRole == Role.INSPECTOR;
        List<String> expected = expectedJurisdiction == null ? null : jurisdiction(expectedJurisdiction);
        ArrayNode attrReqs = Json.MAPPER.createArrayNode();
        attrReqs.addObject().put("name", Role.ATTRIBUTE).put("optional", false);
        attrReqs.addObject().put("name", Role.JURISDICTION_ATTRIBUTE).put("optional", !wantsJurisdiction);
        Enrollment enrollment = send(enrollmentId, secret, mspId, attrReqs);
        FairmarkIdentity identity = enrollment.identity();
        Role role = identity.role().orElseThrow(() -> FairmarkIdentity.invalid("the CA issued a certificate for "
                + enrollmentId + " without a Fairmark role (fairmark.role = "
                + identity.attributes().getOrDefault(Role.ATTRIBUTE, "none") + ")", null));
        if (expectedRole != null && role != expectedRole) {
            throw FairmarkIdentity.invalid("the certificate of " + enrollmentId + " has role " + role.attributeValue()
                    + ", not " + expectedRole.attributeValue(), null);
        }
        if (expected != null) {
            if (!List.copyOf(new java.util.TreeSet<>(identity.jurisdiction())).equals(
                    List.copyOf(new java.util.TreeSet<>(expected)))) {
                throw FairmarkIdentity.invalid("the certificate of " + enrollmentId + " has jurisdiction "
                        + String.join(",", identity.jurisdiction()) + ", not " + String.join(",", expected), null);
            }
        }
        return enrollment;
    }

    /**
     * Enrolls an identity without asking for Fairmark attributes: a CA administrator (such as the bootstrap
     * {@code admin}) that only {@linkplain #register registers} identities and never acts on the ledger.
     *
     * @throws FairmarkException as {@link #enroll}
     */
    public FairmarkIdentity enrollRegistrar(String enrollmentId, String secret, String mspId) {
        return send(enrollmentId, secret, mspId, Json.MAPPER.createArrayNode()).identity();
    }

    /** The same, with the private key (to store it in a wallet). */
    public Enrollment enrollWithoutRole(String enrollmentId, String secret, String mspId) {
        return send(enrollmentId, secret, mspId, Json.MAPPER.createArrayNode());
    }

    private Enrollment send(String enrollmentId, String secret, String mspId, ArrayNode attrReqs) {
        requireId(enrollmentId);
        Objects.requireNonNull(secret, "secret == null");
        Objects.requireNonNull(mspId, "mspId == null");
        if (secret.isEmpty()) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "the enrollment secret is empty");
        }
        KeyPair keys = newKeyPair();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("certificate_request", csr(enrollmentId, keys));
        body.put("caname", caName);
        if (!attrReqs.isEmpty()) {
            body.set("attr_reqs", attrReqs);
        }
        String basic = B64.encodeToString((enrollmentId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        JsonNode result = post("/api/v1/enroll", bytes(body), "Basic " + basic, "enroll " + enrollmentId);
        X509Certificate certificate = decodeCertificate(result.path("Cert").asText(), "the enrollment certificate");
        List<X509Certificate> chain = new ArrayList<>();
        String caChain = result.path("ServerInfo").path("CAChain").asText("");
        if (!caChain.isEmpty()) {
            chain.addAll(FairmarkIdentity.certificates(new String(decodeBase64(caChain, "the CA chain"), StandardCharsets.UTF_8),
                    "the CA chain"));
        }
        FairmarkIdentity identity = FairmarkIdentity.of(mspId, certificate, keys.getPrivate());
        return new Enrollment(identity, keys.getPrivate(), List.copyOf(chain));
    }

    /**
     * Registers a new identity with the registrar's authority and returns its enrollment secret.
     *
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} for a malformed request or one the CA rejects as
     *     such (e.g. the id is taken); {@link ErrorCode#IDENTITY_INVALID} when the CA does not accept the registrar;
     *     {@link ErrorCode#GATEWAY_UNAVAILABLE} when the CA cannot be reached
     */
    public String register(FairmarkIdentity registrar, Registration registration) {
        Objects.requireNonNull(registrar, "registrar == null");
        Objects.requireNonNull(registration, "registration == null");
        requireId(registration.id());
        if (registration.role() == null) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "a Fairmark identity needs a role");
        }
        if (registration.maxEnrollments() < 0) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "max enrollments must be 0 or more");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(Role.ATTRIBUTE, registration.role().attributeValue());
        if (registration.role() == Role.INSPECTOR) {
            if (registration.jurisdiction() == null) {
                throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "an inspector needs a jurisdiction");
            }
            attributes.put(Role.JURISDICTION_ATTRIBUTE,
                    String.join(",", jurisdiction(registration.jurisdiction())));
        } else if (registration.jurisdiction() != null) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "only inspectors have a jurisdiction");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("id", registration.id());
        body.put("type", "client");
        if (registration.secret() != null) {
            if (registration.secret().isEmpty()) {
                throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "the enrollment secret is empty");
            }
            body.put("secret", registration.secret());
        }
        if (registration.maxEnrollments() > 0) {
            body.put("max_enrollments", registration.maxEnrollments());
        }
        body.put("affiliation", registration.affiliation() == null ? "" : registration.affiliation());
        ArrayNode attrs = body.putArray("attrs");
        attributes.forEach((name, value) -> attrs.addObject().put("name", name).put("value", value).put("ecert", true));
        body.put("caname", caName);
        byte[] bytes = bytes(body);
        String path = base.getRawPath() + "/api/v1/register";
        String token = token(registrar, "POST", path, bytes);
        JsonNode result = post("/api/v1/register", bytes, token, "register " + registration.id());
        String secret = result.path("secret").asText("");
        if (secret.isEmpty()) {
            throw unavailable("the CA's register answer has no secret", null);
        }
        return secret;
    }

    /**
     * The Fabric CA authorization token of {@code identity} for one request (fabric-ca {@code util.CreateToken}).
     *
     * @param uri the request URI as the server sees it: path and query, e.g. {@code /api/v1/register}
     */
    static String token(FairmarkIdentity identity, String method, String uri, byte[] body) {
        String b64cert = B64.encodeToString(identity.certificatePem().getBytes(StandardCharsets.UTF_8));
        String payload = method + "." + B64.encodeToString(uri.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(body) + "." + b64cert;
        return b64cert + "." + B64.encodeToString(lowS(identity.privateKey(), payload.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- transport ------------------------------------------------------------------------------------------

    private JsonNode post(String endpoint, byte[] body, String authorization, String what) {
        URI uri = URI.create(base + endpoint);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (SSLException e) {
            throw unavailable("TLS with the CA at " + base + " failed (" + e.getMessage()
                    + "); is --tls-ca the CA's TLS certificate?", e);
        } catch (ConnectException | HttpTimeoutException e) {
            throw unavailable("the CA at " + base + " cannot be reached: " + describe(e), e);
        } catch (IOException e) {
            throw unavailable("the CA at " + base + " did not answer: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for the CA at " + base, e);
        }
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        int status = response.statusCode();
        if (answer == null || !answer.isObject()) {
            throw unavailable("the server at " + base + " is not a Fabric CA (HTTP " + status + " to " + what + ")",
                    null);
        }
        if (status / 100 == 2 && answer.path("success").asBoolean(false)) {
            return answer.path("result");
        }
        String message = caMessage(answer, status);
        if (status >= 500 && !what.startsWith("enroll")) {
            throw unavailable("the CA could not " + what + ": " + message, null);
        }
        if (what.startsWith("enroll") || status == 401 || status == 403) {
            throw FairmarkIdentity.invalid("the CA refused to " + what + ": " + message, null);
        }
        throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "the CA refused to " + what + ": " + message);
    }

    private static String caMessage(JsonNode answer, int status) {
        List<String> messages = new ArrayList<>();
        for (JsonNode error : answer.path("errors")) {
            messages.add(error.path("message").asText() + " (code " + error.path("code").asText() + ")");
        }
        return messages.isEmpty() ? "HTTP " + status : "HTTP " + status + ", " + String.join("; ", messages);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static FairmarkException unavailable(String detail, Throwable cause) {
        return new FairmarkException(ErrorCode.GATEWAY_UNAVAILABLE, detail, FairmarkException.Stage.CONNECT, null, null,
                false, cause);
    }

    private static SSLContext sslContext(List<X509Certificate> trusted) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("ca" + i, trusted.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "cannot use the TLS CA certificate: " + e, e);
        }
    }

    // ---- crypto ---------------------------------------------------------------------------------------------

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw FairmarkException.client(ErrorCode.INTERNAL_ERROR, "cannot generate a P-256 key: " + e, e);
        }
    }

    /** A PEM PKCS#10 request with subject CN = {@code enrollmentId}, signed low-S with ecdsa-with-SHA256. */
    static String csr(String enrollmentId, KeyPair keys) {
        try {
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, enrollmentId).build(), keys.getPublic())
                    .build(new LowS(keys.getPrivate()));
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(request);
            }
            return text.toString();
        } catch (IOException e) {
            throw FairmarkException.client(ErrorCode.INTERNAL_ERROR, "cannot write a certificate request: " + e, e);
        }
    }

    static byte[] lowS(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(message);
            byte[] der = EcdsaFormat.rawToDer(EcdsaFormat.derToRaw(signature.sign()));
            if (der == null) {
                throw new GeneralSecurityException("malformed signature");
            }
            return der;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw FairmarkIdentity.invalid("cannot sign with the registrar's key (a P-256 EC key is needed): " + e, e);
        }
    }

    private static final class LowS implements ContentSigner {
        private final PrivateKey key;
        private final java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();

        LowS(PrivateKey key) {
            this.key = key;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        }

        @Override
        public java.io.OutputStream getOutputStream() {
            return content;
        }

        @Override
        public byte[] getSignature() {
            return lowS(key, content.toByteArray());
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static List<String> jurisdiction(String codes) {
        try {
            return Jurisdiction.parse(codes).entries();
        } catch (DomainException e) {
            throw FairmarkException.client(e.code(), e.detail(), e);
        }
    }

    private static void requireId(String id) {
        Objects.requireNonNull(id, "id == null");
        if (!ENROLLMENT_ID.matcher(id).matches()) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT,
                    "enrollment id '" + id + "' must match " + ENROLLMENT_ID.pattern());
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw FairmarkException.client(ErrorCode.INTERNAL_ERROR, "cannot write JSON: " + e, e);
        }
    }

    private static byte[] decodeBase64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw unavailable(what + " from the CA is not base64", e);
        }
    }

    private X509Certificate decodeCertificate(String base64, String what) {
        if (base64.isEmpty()) {
            throw unavailable("the CA's answer has no certificate", null);
        }
        return FairmarkIdentity.readCertificate(new String(decodeBase64(base64, what), StandardCharsets.UTF_8), what);
    }
}
