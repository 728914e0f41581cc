package org.fairmark.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fairmark.devca.Pem;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.Page;

/**
 * What an offline verifier trusts: the organizations' CA certificates, the GS1 company prefixes each organization may
 * label, and every label key with its owner organization and revocation state, exported from the ledger at one moment,
 * dated and signed by the exporting identity.
 *
 * <p>JSON, format {@code fairmark-trust-bundle/2} (see {@code docs/en/labels.md}):
 *
 * <pre>
 * {"bundle":{"chaincode":"fairmark","channel":"fairmark","format":"fairmark-trust-bundle/2",
 *            "issuedAt":"2024-09-15T08:00:00Z","validUntil":"2024-10-15T08:00:00Z",
 *            "issuer":{"certificate":"-----BEGIN CERTIFICATE-----…","mspId":"BureauMSP"},
 *            "labelKeys":[{"keyId":"…","ownerOrg":"CoopMSP","publicKey":"MFkw…","revoked":false,…}],
 *            "organizations":[{"caCertificates":["-----BEGIN CERTIFICATE-----…"],"gtinPrefixes":["6901234"],
 *                              "mspId":"CoopMSP"}]},
 *  "signature":"MEUCIQ…"}
 * </pre>
 *
 * <p>The binding: a label key verifies a label only when the GTIN's company prefix is one its owner organization's
 * {@code gtinPrefixes} (a GTIN-14 without its indicator digit starts with the prefix), so a registered key of one
 * organization cannot vouch for another organization's products. The ledger records which organization owns each
 * label key; the GS1 company prefixes are attested by the exporter, as the CA certificates are. Bundles of format
 * {@code fairmark-trust-bundle/1} carry no binding and are refused.
 *
 * <p>{@code signature} is base64 of the DER ECDSA SHA-256 signature by the issuer's key over the canonical JSON bytes
 * (sorted keys, no whitespace) of {@code bundle}. A reader accepts a bundle only when the signature verifies and the
 * issuer's certificate was issued by one of the CA certificates it already trusts (or is one of them).
 *
 * <pre>{@code
 * TrustBundle bundle = TrustBundle.export(client, TrustBundle.caCertificatesFrom(Path.of(".fairmark/orgs")),
 *         Map.of("CoopMSP", List.of("6901234")), Duration.ofDays(30));
 * Files.write(Path.of("trust.json"), bundle.toJson());
 * TrustBundle again = TrustBundle.read(Files.readAllBytes(Path.of("trust.json")), bureauCaCertificates);
 * }</pre>
 */
public final class TrustBundle {
    /** The value of the bundle's {@code format} field. */
    public static final String FORMAT = "fairmark-trust-bundle/2";
    /** The format before label keys were bound to GS1 company prefixes; {@link #read} refuses it. */
    static final String UNBOUND_FORMAT = "fairmark-trust-bundle/1";
    /** A GS1 company prefix as the bundle holds it: 4..13 digits of the GTIN-13 (the GTIN-14 without its indicator). */
    static final java.util.regex.Pattern GTIN_PREFIX = java.util.regex.Pattern.compile("[0-9]{4,13}");
    /** The largest bundle {@link #read} accepts. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    private final JsonNode bundle;
    private final byte[] json;
    private final Instant issuedAt;
    private final Instant validUntil;
    private final String issuerMspId;
    private final X509Certificate issuerCertificate;
    private final Map<String, List<X509Certificate>> organizations;
    private final Map<String, LabelKey> labelKeys;
    private final Map<String, List<String>> gtinPrefixes;

    private TrustBundle(JsonNode bundle, byte[] json, Instant issuedAt, Instant validUntil, String issuerMspId,
            X509Certificate issuerCertificate, Map<String, List<X509Certificate>> organizations,
            Map<String, LabelKey> labelKeys, Map<String, List<String>> gtinPrefixes) {
        this.gtinPrefixes = gtinPrefixes;
        this.bundle = bundle;
        this.json = json;
        this.issuedAt = issuedAt;
        this.validUntil = validUntil;
        this.issuerMspId = issuerMspId;
        this.issuerCertificate = issuerCertificate;
        this.organizations = organizations;
        this.labelKeys = labelKeys;
    }

    /**
     * Exports a bundle: every label key on the ledger (all pages of {@code labelkey:List}) with its owner organization,
     * the given CA certificates and the GS1 company prefixes each organization may label, signed by the client's
     * identity.
     *
     * @param caCertificates CA certificates by MSP id, e.g. from {@link #caCertificatesFrom(Path)}
     * @param gtinPrefixes GS1 company prefixes by MSP id (4..13 digits, the GTIN-14 without its indicator digit), as
     *     the exporter attests them; an organization without prefixes signs no label that verifies offline
     * @param validity how long verifiers may rely on it, 1 minute..366 days
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} for a malformed prefix or one of an organization
     *     without CA certificates; another code when the ledger cannot be read
     */
    public static TrustBundle export(FairmarkClient client, Map<String, List<X509Certificate>> caCertificates,
            Map<String, List<String>> gtinPrefixes, Duration validity) {
        Objects.requireNonNull(client, "client == null");
        Objects.requireNonNull(caCertificates, "caCertificates == null");
        Objects.requireNonNull(gtinPrefixes, "gtinPrefixes == null");
        Objects.requireNonNull(validity, "validity == null");
        if (validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.compareTo(Duration.ofDays(366)) > 0) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "validity must be 1 minute..366 days");
        }
        for (Map.Entry<String, List<String>> entry : gtinPrefixes.entrySet()) {
            if (!caCertificates.containsKey(entry.getKey())) {
                throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "GS1 company prefixes for " + entry.getKey()
                        + ", which has no CA certificates in the bundle (organizations: " + caCertificates.keySet() + ")");
            }
            for (String prefix : entry.getValue()) {
                requirePrefix(prefix);
            }
        }
        List<LabelKey> keys = new ArrayList<>();
        String bookmark = null;
        do {
            Page<LabelKey> page = client.participant().labelKeys(1000L, bookmark);
            keys.addAll(page.records());
            bookmark = page.bookmark();
        } while (bookmark != null && !bookmark.isEmpty());

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("format", FORMAT);
        body.put("channel", client.channelName());
        body.put("chaincode", client.chaincodeName());
        body.put("issuedAt", now.toString());
        body.put("validUntil", now.plus(validity).toString());
        ObjectNode issuer = body.putObject("issuer");
        issuer.put("mspId", client.identity().mspId());
        issuer.put("certificate", client.identity().certificatePem());
        ArrayNode orgs = body.putArray("organizations");
        new TreeMap<>(caCertificates).forEach((mspId, certificates) -> {
            ObjectNode org = orgs.addObject();
            org.put("mspId", mspId);
            ArrayNode pems = org.putArray("caCertificates");
            certificates.forEach(certificate -> pems.add(Pem.writeCertificate(certificate)));
            ArrayNode prefixes = org.putArray("gtinPrefixes");
            new java.util.TreeSet<>(gtinPrefixes.getOrDefault(mspId, List.of())).forEach(prefixes::add);
        });
        ArrayNode keyArray = body.putArray("labelKeys");
        keys.stream().sorted(java.util.Comparator.comparing(LabelKey::keyId))
                .forEach(key -> keyArray.add(Json.MAPPER.valueToTree(key)));

        byte[] signed = canonical(body);
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.set("bundle", body);
        envelope.put("signature", Base64.getEncoder().encodeToString(client.identity().sign(signed)));
        byte[] json = Json.canonical(envelope);
        return read(json, List.of(client.identity().certificate()));
    }

    /**
     * Reads and checks a bundle: its shape, its signature, and that its issuer is one of {@code trustedIssuers} or
     * was issued by one of them. Expiry is not checked here but by each verification, so an expired bundle yields
     * {@link LabelRejection#BUNDLE_EXPIRED} verdicts.
     *
     * @param trustedIssuers CA certificates (or pinned issuer certificates) the reader trusts, obtained out of band
     * @throws FairmarkException {@link ErrorCode#PAYLOAD_TOO_LARGE}, {@link ErrorCode#MALFORMED_REQUEST} for a
     *     truncated or malformed document, {@link ErrorCode#INVALID_ARGUMENT} when the signature does not verify or the
     *     issuer is not trusted
     */
    public static TrustBundle read(byte[] json, Collection<X509Certificate> trustedIssuers) {
        Objects.requireNonNull(json, "json == null");
        Objects.requireNonNull(trustedIssuers, "trustedIssuers == null");
        if (json.length > MAX_BYTES) {
            throw FairmarkException.client(ErrorCode.PAYLOAD_TOO_LARGE, "a trust bundle has at most " + MAX_BYTES + " bytes");
        }
        JsonNode envelope;
        try {
            envelope = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw malformed("the trust bundle is not complete JSON (truncated or damaged)");
        }
        if (envelope == null || !envelope.isObject() || !envelope.path("bundle").isObject()
                || !envelope.path("signature").isTextual() || envelope.size() != 2) {
            throw malformed("a trust bundle is an object with exactly 'bundle' and 'signature'");
        }
        JsonNode body = envelope.get("bundle");
        if (UNBOUND_FORMAT.equals(body.path("format").asText())) {
            throw malformed("a " + UNBOUND_FORMAT + " trust bundle does not bind label keys to the GS1 company prefixes"
                    + " their organization may label, so any registered key would vouch for any product; export a fresh"
                    + " bundle (" + FORMAT + ", 'fairmark trust export --gtin-prefix MSP=PREFIX')");
        }
        if (!FORMAT.equals(body.path("format").asText())) {
            throw malformed("unsupported trust bundle format '" + body.path("format").asText() + "', expected " + FORMAT);
        }
        Instant issuedAt = instant(body, "issuedAt");
        Instant validUntil = instant(body, "validUntil");
        if (!validUntil.isAfter(issuedAt)) {
            throw malformed("validUntil must be after issuedAt");
        }
        String issuerMspId = text(body.path("issuer"), "mspId");
        X509Certificate issuer = FairmarkIdentity.readCertificate(text(body.path("issuer"), "certificate"), "trust bundle issuer");
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(envelope.get("signature").asText());
        } catch (IllegalArgumentException e) {
            throw malformed("signature is not base64");
        }
        if (!verifies(issuer, canonical(body), signature)) {
            throw untrusted("the trust bundle's signature does not verify: it was altered or signed by another key");
        }
        if (!isTrusted(issuer, trustedIssuers, issuedAt)) {
            throw untrusted("the trust bundle's issuer " + issuer.getSubjectX500Principal().getName()
                    + " is not one of the trusted issuers, nor issued by one of them");
        }
        Map<String, List<X509Certificate>> organizations = new LinkedHashMap<>();
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        for (JsonNode org : array(body, "organizations")) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (JsonNode pem : array(org, "caCertificates")) {
                certificates.add(FairmarkIdentity.readCertificate(pem.asText(), "trust bundle CA certificate"));
            }
            List<String> orgPrefixes = new ArrayList<>();
            for (JsonNode prefix : array(org, "gtinPrefixes")) {
                if (!prefix.isTextual() || !GTIN_PREFIX.matcher(prefix.asText()).matches()) {
                    throw malformed("a GS1 company prefix of " + text(org, "mspId") + " is not 4..13 digits");
                }
                orgPrefixes.add(prefix.asText());
            }
            organizations.put(text(org, "mspId"), List.copyOf(certificates));
            prefixes.put(text(org, "mspId"), List.copyOf(orgPrefixes));
        }
        Map<String, LabelKey> keys = new LinkedHashMap<>();
        for (JsonNode key : array(body, "labelKeys")) {
            LabelKey labelKey;
            try {
                labelKey = Json.MAPPER.treeToValue(key, LabelKey.class);
            } catch (IOException | IllegalArgumentException e) {
                throw malformed("a label key entry is malformed");
            }
            if (labelKey.keyId() == null || labelKey.publicKey() == null || labelKey.ownerOrg() == null) {
                throw malformed("a label key entry lacks keyId, publicKey or ownerOrg");
            }
            keys.put(labelKey.keyId(), labelKey);
        }
        return new TrustBundle(body, json.clone(), issuedAt, validUntil, issuerMspId, issuer,
                java.util.Collections.unmodifiableMap(organizations), java.util.Collections.unmodifiableMap(keys),
                java.util.Collections.unmodifiableMap(prefixes));
    }

    /**
     * CA certificates by MSP id from a directory with one sub-directory per organization, as the embedded network's
     * {@code orgs/} and Fabric's MSP folders lay them out: every {@code *.pem} under {@code <MSP>/ca/},
     * {@code <MSP>/cacerts/} or {@code <MSP>/msp/cacerts/}.
     *
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} when the directory cannot be read
     */
    public static Map<String, List<X509Certificate>> caCertificatesFrom(Path organizationsDirectory) {
        Objects.requireNonNull(organizationsDirectory, "organizationsDirectory == null");
        Map<String, List<X509Certificate>> result = new TreeMap<>();
        try (Stream<Path> orgs = Files.list(organizationsDirectory)) {
            for (Path org : orgs.sorted().toList()) {
                List<X509Certificate> certificates = new ArrayList<>();
                for (String sub : List.of("ca", "cacerts", "msp/cacerts")) {
                    Path folder = org.resolve(sub);
                    if (!Files.isDirectory(folder)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(folder)) {
                        for (Path file : files.sorted().toList()) {
                            String name = file.getFileName().toString();
                            if (name.endsWith(".pem") && !name.contains("key")) {
                                certificates.addAll(FairmarkIdentity.certificates(Files.readString(file), file.toString()));
                            }
                        }
                    }
                }
                if (!certificates.isEmpty()) {
                    result.put(org.getFileName().toString(), List.copyOf(certificates));
                }
            }
        } catch (IOException e) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT,
                    "cannot read CA certificates from " + organizationsDirectory + ": " + e.getMessage(), e);
        }
        return result;
    }

    /** When the bundle was exported. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** Until when verifiers may rely on it. */
    public Instant validUntil() {
        return validUntil;
    }

    /** Whether {@code instant} lies within [{@link #issuedAt()}, {@link #validUntil()}]. */
    public boolean isValidAt(Instant instant) {
        return !instant.isBefore(issuedAt) && !instant.isAfter(validUntil);
    }

    /** The MSP id of the exporting identity. */
    public String issuerMspId() {
        return issuerMspId;
    }

    /** The exporting identity's certificate. */
    public X509Certificate issuerCertificate() {
        return issuerCertificate;
    }

    /** The channel the bundle was exported from. */
    public String channelName() {
        return bundle.path("channel").asText();
    }

    /** CA certificates by MSP id. */
    public Map<String, List<X509Certificate>> organizations() {
        return organizations;
    }

    /** The GS1 company prefixes each organization may label, by MSP id. */
    public Map<String, List<String>> gtinPrefixes() {
        return gtinPrefixes;
    }

    /**
     * Whether the bundle binds {@code gtin} to organization {@code mspId}: the GTIN-14 without its indicator digit
     * starts with one of the organization's GS1 company prefixes.
     */
    public boolean mayLabel(String mspId, String gtin) {
        Objects.requireNonNull(gtin, "gtin == null");
        if (gtin.length() != 14) {
            return false;
        }
        for (String prefix : gtinPrefixes.getOrDefault(mspId, List.of())) {
            if (gtin.startsWith(prefix, 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks one GS1 company prefix as {@link #export} takes it.
     *
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} unless it is 4..13 digits
     */
    public static String requirePrefix(String prefix) {
        if (prefix == null || !GTIN_PREFIX.matcher(prefix).matches()) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "a GS1 company prefix is 4..13 digits of the"
                    + " GTIN-13, i.e. the GTIN-14 without its indicator digit (e.g. 6901234 for 06901234567892), not '"
                    + prefix + "'");
        }
        return prefix;
    }

    /** Every label key, revoked ones included, in key-id order. */
    public List<LabelKey> labelKeys() {
        return List.copyOf(labelKeys.values());
    }

    /** A label key by id. */
    public Optional<LabelKey> labelKey(String keyId) {
        return Optional.ofNullable(labelKeys.get(keyId));
    }

    /** The bundle's JSON, exactly as signed and read. */
    public byte[] toJson() {
        return json.clone();
    }

    @Override
    public String toString() {
        return "TrustBundle[" + channelName() + ", issued " + issuedAt + " by " + issuerMspId + ", valid until "
                + validUntil + ", " + organizations.size() + " organizations, " + labelKeys.size() + " label keys]";
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static byte[] canonical(JsonNode body) {
        return Json.canonical(body);
    }

    private static boolean verifies(X509Certificate issuer, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(issuer.getPublicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isTrusted(X509Certificate issuer, Collection<X509Certificate> trusted, Instant at) {
        for (X509Certificate anchor : trusted) {
            if (anchor.equals(issuer)) {
                return true;
            }
            if (!anchor.getSubjectX500Principal().equals(issuer.getIssuerX500Principal())) {
                continue;
            }
            try {
                issuer.verify(anchor.getPublicKey());
                issuer.checkValidity(Date.from(at));
                return true;
            } catch (GeneralSecurityException e) {
                // not this anchor
            }
        }
        return false;
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw malformed(field + " is not an ISO-8601 instant");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw malformed("the trust bundle lacks " + field);
        }
        return value.asText();
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw malformed("the trust bundle lacks the array " + field);
        }
        return value;
    }

    private static FairmarkException malformed(String detail) {
        return FairmarkException.client(ErrorCode.MALFORMED_REQUEST, detail);
    }

    private static FairmarkException untrusted(String detail) {
        return FairmarkException.client(ErrorCode.INVALID_ARGUMENT, detail);
    }
}
