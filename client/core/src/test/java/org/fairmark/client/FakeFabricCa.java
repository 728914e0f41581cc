package org.fairmark.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A tiny in-process Fabric CA (JDK HttpServer) with the REST behaviour the client relies on: {@code /api/v1/enroll}
 * checks HTTP Basic credentials, parses and verifies the CSR (CN must be the enrollment id) and issues a certificate
 * with the attribute extension; {@code /api/v1/register} verifies the token exactly as fabric-ca's
 * {@code util.VerifyToken} does (including BCCSP's low-S rule) and that the registrar's certificate is its own.
 */
public final class FakeFabricCa implements AutoCloseable {
    static final String ATTRIBUTE_OID = "1.2.3.4.5.6.7.8.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger HALF_ORDER = EcdsaFormat.P256_ORDER.shiftRight(1);

    public record User(String secret, Map<String, String> attributes, boolean registrar) {}

    public final Map<String, User> users = new ConcurrentHashMap<>();
    public final AtomicInteger requests = new AtomicInteger();
    private final KeyPair rootKeys;
    public final X509Certificate root;
    private final HttpServer server;

    private final boolean tls;

    public FakeFabricCa() throws Exception {
        this(false);
    }

    /** With {@code tls}, an HTTPS server whose certificate (SAN 127.0.0.1) {@link #root} signs. */
    public FakeFabricCa(boolean tls) throws Exception {
        this.tls = tls;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        rootKeys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=fake-fabric-ca");
        root = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                new Date(System.currentTimeMillis() - 60_000), new Date(System.currentTimeMillis() + 86_400_000L), name,
                rootKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate())));
        users.put("admin", new User("adminpw", Map.of(), true));
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls) {
            KeyPair serverKeys = generator.generateKeyPair();
            X509Certificate serverCertificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.TWO, new Date(System.currentTimeMillis() - 60_000),
                            new Date(System.currentTimeMillis() + 86_400_000L), new X500Name("CN=127.0.0.1"),
                            serverKeys.getPublic())
                            .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", serverKeys.getPrivate(), new char[0],
                    new java.security.cert.Certificate[] {serverCertificate, root});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(context));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        server.createContext("/api/v1/enroll", exchange -> handle(exchange, this::enroll));
        server.createContext("/api/v1/register", exchange -> handle(exchange, this::register));
        server.start();
    }

    public URI url() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private interface Handler {
        JsonNode handle(HttpExchange exchange, byte[] body) throws Exception;
    }

    private static final class CaError extends Exception {
        final int status;

        CaError(int status, int code, String message) {
            super(code + ":" + message);
            this.status = status;
        }
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        ObjectNode answer = JSON.createObjectNode();
        int status;
        try {
            JsonNode result = handler.handle(exchange, body);
            answer.put("success", true).set("result", result);
            answer.putArray("errors");
            status = 201;
        } catch (CaError e) {
            String[] parts = e.getMessage().split(":", 2);
            answer.put("success", false).putNull("result");
            answer.putArray("errors").addObject().put("code", Integer.parseInt(parts[0])).put("message", parts[1]);
            status = e.status;
        } catch (Exception e) {
            answer.put("success", false).putArray("errors").addObject().put("code", 0).put("message", e.toString());
            status = 500;
        }
        byte[] bytes = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private JsonNode enroll(HttpExchange exchange, byte[] body) throws Exception {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            throw new CaError(401, 20, "Authentication failure");
        }
        String[] credentials = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8)
                .split(":", 2);
        User user = users.get(credentials[0]);
        if (user == null || credentials.length != 2 || !user.secret().equals(credentials[1])) {
            throw new CaError(401, 20, "Authentication failure");
        }
        JsonNode request = JSON.readTree(body);
        PKCS10CertificationRequest csr;
        try (PEMParser parser = new PEMParser(new StringReader(request.path("certificate_request").asText()))) {
            csr = (PKCS10CertificationRequest) parser.readObject();
        } catch (RuntimeException e) {
            throw new CaError(400, 9, "CSR Decode failed");
        }
        JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
        if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(jca.getPublicKey()))) {
            throw new CaError(400, 9, "CSR signature is invalid");
        }
        String cn = IETFUtils.valueToString(csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue());
        if (!cn.equals(credentials[0])) {
            throw new CaError(403, 61, "The CSR subject common name must equal the enrollment ID");
        }
        Map<String, String> attributes = new TreeMap<>();
        for (JsonNode attrReq : request.path("attr_reqs")) {
            String attribute = attrReq.path("name").asText();
            String value = user.attributes().get(attribute);
            if (value != null) {
                attributes.put(attribute, value);
            } else if (!attrReq.path("optional").asBoolean(false)) {
                throw new CaError(500, 0, "Attribute '" + attribute + "' was not found");
            }
        }
        X500Name subject = new X500Name("CN=" + cn);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=fake-fabric-ca"),
                new BigInteger(64, new java.security.SecureRandom()), new Date(System.currentTimeMillis() - 60_000),
                new Date(System.currentTimeMillis() + 86_400_000L), subject, jca.getPublicKey());
        if (!attributes.isEmpty()) {
            ObjectNode document = JSON.createObjectNode();
            ObjectNode attrs = document.putObject("attrs");
            attributes.forEach(attrs::put);
            // As Go's pkix.Extension in fabric-ca: the extension value is the JSON itself.
            builder.addExtension(new ASN1ObjectIdentifier(ATTRIBUTE_OID), false, JSON.writeValueAsBytes(document));
        }
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate())));
        ObjectNode result = JSON.createObjectNode();
        result.put("Cert", Base64.getEncoder().encodeToString(pem(certificate).getBytes(StandardCharsets.UTF_8)));
        result.putObject("ServerInfo").put("CAName", "")
                .put("CAChain", Base64.getEncoder().encodeToString(pem(root).getBytes(StandardCharsets.UTF_8)));
        return result;
    }

    private JsonNode register(HttpExchange exchange, byte[] body) throws Exception {
        X509Certificate caller = verifyToken(exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestMethod(), exchange.getRequestURI().toString(), body);
        String callerId = IETFUtils.valueToString(new X500Name(caller.getSubjectX500Principal().getName())
                .getRDNs(BCStyle.CN)[0].getFirst().getValue());
        User registrar = users.get(callerId);
        if (registrar == null || !registrar.registrar()) {
            throw new CaError(401, 71, "Authorization failure");
        }
        JsonNode request = JSON.readTree(body);
        String id = request.path("id").asText();
        if (users.containsKey(id)) {
            throw new CaError(400, 74, "Identity '" + id + "' is already registered");
        }
        Map<String, String> attributes = new TreeMap<>();
        for (JsonNode attr : request.path("attrs")) {
            attributes.put(attr.path("name").asText(), attr.path("value").asText());
        }
        String secret = request.hasNonNull("secret") ? request.get("secret").asText() : UUID.randomUUID().toString();
        users.put(id, new User(secret, attributes, false));
        ObjectNode result = JSON.createObjectNode();
        result.put("secret", secret);
        return result;
    }

    /** fabric-ca util.VerifyToken + decodeToken, and the BCCSP verification (SHA-256 digest, low S). */
    private X509Certificate verifyToken(String token, String method, String uri, byte[] body) throws Exception {
        if (token == null || token.isEmpty()) {
            throw new CaError(401, 20, "Authentication failure: Invalid token; it is empty");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 2) {
            throw new CaError(401, 20, "Invalid token format; expecting 2 parts separated by '.'");
        }
        X509Certificate certificate = FairmarkIdentity.readCertificate(
                new String(Base64.getDecoder().decode(parts[0]), StandardCharsets.UTF_8), "token");
        byte[] signature = Base64.getDecoder().decode(parts[1]);
        String sigString = method + "." + Base64.getEncoder().encodeToString(uri.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64.getEncoder().encodeToString(body) + "." + parts[0];
        ASN1Sequence rs = ASN1Sequence.getInstance(signature);
        BigInteger s = ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
        if (s.compareTo(HALF_ORDER) > 0) {
            throw new CaError(401, 20, "Invalid S. Must be smaller than half the order");
        }
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(sigString.getBytes(StandardCharsets.UTF_8));
        if (!verifier.verify(signature)) {
            throw new CaError(401, 20, "Token signature validation failed");
        }
        try {
            certificate.verify(root.getPublicKey());
        } catch (Exception e) {
            throw new CaError(401, 20, "Authentication failure: the certificate was not issued by this CA");
        }
        return certificate;
    }

    public static String pem(X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return text.toString();
    }

    List<String> userIds() {
        return new ArrayList<>(users.keySet());
    }
}
