package org.fairmark.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.IdentityName;
import org.fairmark.domain.MspId;
import org.fairmark.domain.Role;
import org.hyperledger.fabric.client.identity.Identities;

/**
 * A Fabric identity the client acts as: MSP id, X.509 certificate and private key. The Fairmark role and an
 * inspector's jurisdiction are read from the certificate's Fabric CA attributes ({@code fairmark.role},
 * {@code fairmark.jurisdiction}), exactly as the contract reads them.
 *
 * <pre>{@code
 * FairmarkIdentity producer = FairmarkIdentity.fromWallet(Path.of(".fairmark/wallet"), "producer@coop");
 * FairmarkIdentity packer = FairmarkIdentity.fromPem("CoopMSP", Path.of("msp/signcerts/cert.pem"), Path.of("msp/keystore/key.pem"));
 * producer.role();   // Optional[PRODUCER]
 * }</pre>
 *
 * <p>A wallet is a directory with one sub-directory per identity holding {@code cert.pem}, {@code key.pem}
 * (PKCS#8 PEM) and {@code mspid}: the layout of the embedded network's wallet and of the CLI.
 */
public final class FairmarkIdentity {
    /** The X.509 extension under which Fabric CA stores attributes as JSON. */
    static final String ATTRIBUTE_EXTENSION_OID = "1.2.3.4.5.6.7.8.1";

    private static final Pattern NAME = Pattern.compile(IdentityName.SYNTAX);

    private final String name;
    private final String mspId;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final Map<String, String> attributes;

    private FairmarkIdentity(String name, String mspId, X509Certificate certificate, PrivateKey privateKey) {
        this.name = name;
        this.mspId = mspId;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.attributes = readAttributes(certificate);
        requireMatchingKey(certificate, privateKey, name);
    }

    /**
     * An identity from a certificate and its private key in memory.
     *
     * @throws FairmarkException {@link ErrorCode#IDENTITY_INVALID} when the MSP id is malformed or the key does not
     *     belong to the certificate
     */
    public static FairmarkIdentity of(String mspId, X509Certificate certificate, PrivateKey privateKey) {
        Objects.requireNonNull(mspId, "mspId == null");
        Objects.requireNonNull(certificate, "certificate == null");
        Objects.requireNonNull(privateKey, "privateKey == null");
        return new FairmarkIdentity(subjectName(certificate), requireMspId(mspId), certificate, privateKey);
    }

    /**
     * Reads an identity from PEM files: an X.509 certificate and a PKCS#8 (or SEC1) EC private key.
     *
     * @throws FairmarkException {@link ErrorCode#IDENTITY_INVALID} naming the file that is missing, unreadable or not
     *     of the expected kind
     */
    public static FairmarkIdentity fromPem(String mspId, Path certificatePem, Path privateKeyPem) {
        Objects.requireNonNull(mspId, "mspId == null");
        Objects.requireNonNull(certificatePem, "certificatePem == null");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem == null");
        X509Certificate certificate = readCertificate(readFile(certificatePem), certificatePem.toString());
        PrivateKey key = readPrivateKey(readFile(privateKeyPem), privateKeyPem.toString());
        return new FairmarkIdentity(subjectName(certificate), requireMspId(mspId), certificate, key);
    }

    /**
     * Reads the identity {@code name} from a wallet directory ({@code <wallet>/<name>/cert.pem}, {@code key.pem},
     * {@code mspid}).
     *
     * @throws FairmarkException {@link ErrorCode#IDENTITY_INVALID} when the wallet has no such identity or a file is
     *     missing, truncated or malformed
     */
    public static FairmarkIdentity fromWallet(Path wallet, String name) {
        Objects.requireNonNull(wallet, "wallet == null");
        Objects.requireNonNull(name, "name == null");
        if (!NAME.matcher(name).matches()) {
            throw invalid("identity name '" + name + "' must match " + NAME.pattern(), null);
        }
        Path entry = wallet.resolve(name);
        if (!Files.isDirectory(entry)) {
            throw invalid("wallet " + wallet + " has no identity '" + name + "'", null);
        }
        String mspId = readFile(entry.resolve("mspid")).strip();
        X509Certificate certificate = readCertificate(readFile(entry.resolve("cert.pem")), entry.resolve("cert.pem").toString());
        PrivateKey key = readPrivateKey(readFile(entry.resolve("key.pem")), entry.resolve("key.pem").toString());
        return new FairmarkIdentity(name, requireMspId(mspId), certificate, key);
    }

    /**
     * The names of the identities in a wallet directory, sorted.
     *
     * @throws FairmarkException {@link ErrorCode#IDENTITY_INVALID} when the directory cannot be listed
     */
    public static List<String> walletNames(Path wallet) {
        Objects.requireNonNull(wallet, "wallet == null");
        try (var entries = Files.list(wallet)) {
            return entries.filter(entry -> Files.isRegularFile(entry.resolve("cert.pem")))
                    .map(entry -> entry.getFileName().toString())
                    .filter(candidate -> NAME.matcher(candidate).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw invalid("cannot list wallet " + wallet + ": " + e.getMessage(), e);
        }
    }

    /** The wallet name, or the certificate's common name for identities not read from a wallet. */
    public String name() {
        return name;
    }

    /** The MSP id of the organization that issued the certificate. */
    public String mspId() {
        return mspId;
    }

    /** The enrollment certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate as PEM. */
    public String certificatePem() {
        return org.fairmark.devca.Pem.writeCertificate(certificate);
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** The Fabric CA attributes of the certificate ({@code fairmark.role}, ...), empty when it has none. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** The Fairmark role from {@code fairmark.role}, empty when the certificate carries none (read-only identity). */
    public java.util.Optional<Role> role() {
        return java.util.Optional.ofNullable(Role.fromAttribute(attributes.get(Role.ATTRIBUTE)));
    }

    /** The county codes of an inspector's {@code fairmark.jurisdiction}, empty for other identities. */
    public List<String> jurisdiction() {
        String value = attributes.get(Role.JURISDICTION_ATTRIBUTE);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Signs {@code message} with SHA256withECDSA (DER), as the exporting identity of a trust bundle. */
    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw invalid("cannot sign with the key of " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "FairmarkIdentity[" + name + ", " + mspId + ", role=" + role().map(Role::attributeValue).orElse("none") + "]";
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    static FairmarkException invalid(String detail, Throwable cause) {
        return new FairmarkException(ErrorCode.IDENTITY_INVALID, detail, FairmarkException.Stage.CONNECT, null, null, false, cause);
    }

    private static String requireMspId(String mspId) {
        if (!MspId.isValid(mspId)) {
            throw invalid("MSP id '" + mspId + "' must match " + MspId.SYNTAX, null);
        }
        return mspId;
    }

    private static String readFile(Path file) {
        try {
            if (Files.size(file) > 1024 * 1024) {
                throw invalid(file + " is larger than 1 MiB: not a PEM identity file", null);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw invalid(file + " does not exist", e);
        } catch (IOException e) {
            throw invalid("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every certificate of a PEM text (a bundle, a CA chain, a profile field), in order; none is an empty list. Read
     * by the one PEM codec, {@link org.fairmark.devca.Pem}.
     *
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} naming {@code where} when a block is truncated
     *     or not a certificate
     */
    static List<X509Certificate> certificates(String pem, String where) {
        try {
            return org.fairmark.devca.Pem.certificatesIn(pem);
        } catch (org.fairmark.devca.DevCaException e) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, where + ": " + e.getMessage(), e);
        }
    }

    static X509Certificate readCertificate(String pem, String where) {
        try (Reader reader = new StringReader(pem)) {
            return Identities.readX509Certificate(reader);
        } catch (IOException | CertificateException | RuntimeException e) {
            throw invalid(where + " is not a PEM X.509 certificate", e);
        }
    }

    private static PrivateKey readPrivateKey(String pem, String where) {
        try (Reader reader = new StringReader(pem)) {
            return Identities.readPrivateKey(reader);
        } catch (IOException | java.security.InvalidKeyException | RuntimeException e) {
            throw invalid(where + " is not a PEM private key", e);
        }
    }

    private static void requireMatchingKey(X509Certificate certificate, PrivateKey key, String name) {
        byte[] probe = "fairmark identity check".getBytes(StandardCharsets.US_ASCII);
        try {
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw invalid("the private key of " + name + " does not belong to its certificate", null);
            }
        } catch (GeneralSecurityException e) {
            throw invalid("the private key of " + name + " cannot sign for its certificate: " + e.getMessage(), e);
        }
    }

    private static String subjectName(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        for (String part : subject.split(",")) {
            String trimmed = part.strip();
            if (trimmed.startsWith("CN=")) {
                String cn = trimmed.substring(3);
                return NAME.matcher(cn).matches() ? cn : "identity";
            }
        }
        return "identity";
    }

    /**
     * The Fabric CA attribute document: the extension value is an OCTET STRING holding the JSON
     * {@code {"attrs":{...}}} (some issuers wrap it in a second OCTET STRING).
     */
    private static Map<String, String> readAttributes(X509Certificate certificate) {
        byte[] der = certificate.getExtensionValue(ATTRIBUTE_EXTENSION_OID);
        if (der == null) {
            return Map.of();
        }
        byte[] content = unwrapOctetString(der);
        if (content.length > 0 && content[0] == 0x04) {
            content = unwrapOctetString(content);
        }
        try {
            JsonNode attrs = Json.MAPPER.readTree(content).path("attrs");
            Map<String, String> values = new LinkedHashMap<>();
            attrs.properties().forEach(field -> values.put(field.getKey(), field.getValue().asText()));
            return Collections.unmodifiableMap(values);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static byte[] unwrapOctetString(byte[] der) {
        if (der.length < 2 || der[0] != 0x04) {
            return der;
        }
        int length = der[1] & 0xff;
        int offset = 2;
        if (length > 0x80) {
            int bytes = length & 0x7f;
            length = 0;
            for (int i = 0; i < bytes && offset < der.length; i++) {
                length = length << 8 | (der[offset++] & 0xff);
            }
        }
        if (offset + length > der.length || length < 0) {
            return new byte[0];
        }
        return Arrays.copyOfRange(der, offset, offset + length);
    }
}
