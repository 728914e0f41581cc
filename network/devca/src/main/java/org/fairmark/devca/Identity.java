package org.fairmark.devca;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * An enrolled identity: its certificate, its private key and the MSP that vouches for it.
 *
 * <p>{@link #serialized()} is the creator a Fabric client puts in proposals and transactions, and {@link #sign} the
 * matching low-S signature, so tests and the embedded network can act as a fabric-gateway client would.
 *
 * <pre>{@code
 * Identity alice = ca.issue("alice", Map.of("fairmark.role", "producer"));
 * byte[] creator = alice.serialized();
 * String role = alice.role();              // "producer"
 * }</pre>
 *
 * @param name the wallet label; {@code [A-Za-z0-9][A-Za-z0-9._@-]{0,63}}
 * @param mspId the MSP id of the issuing organization
 * @param certificate the enrollment certificate
 * @param privateKey the EC private key of {@code certificate}
 */
public record Identity(String name, String mspId, X509Certificate certificate, PrivateKey privateKey) {
    /** Extension OID under which Fabric CA stores attributes as JSON. */
    public static final String ATTRIBUTE_EXTENSION_OID = "1.2.3.4.5.6.7.8.1";
    /** The attribute carrying a Fairmark party's role. */
    public static final String ROLE_ATTRIBUTE = "fairmark.role";

    /**
     * @throws IllegalArgumentException if the name or MSP id is malformed, or the key does not belong to the
     *     certificate
     */
    public Identity {
        Names.identityName(name);
        Names.mspId(mspId);
        Objects.requireNonNull(certificate, "certificate == null");
        Objects.requireNonNull(privateKey, "privateKey == null");
        if (!Keys.matches(privateKey, certificate.getPublicKey())) {
            throw new IllegalArgumentException("private key of identity " + name + " does not match its certificate");
        }
    }

    /**
     * The protobuf {@code msp.SerializedIdentity{mspid, id_bytes = certificate PEM}}, exactly what fabric-gateway
     * sends as the creator of a proposal.
     */
    public byte[] serialized() {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(certificatePem(), StandardCharsets.UTF_8))
                .build()
                .toByteArray();
    }

    /** The certificate as PEM text. */
    public String certificatePem() {
        return Pem.writeCertificate(certificate);
    }

    /** The private key as PKCS#8 PEM text that also carries the certificate's public key. */
    public String privateKeyPem() {
        return Pem.writePrivateKey(privateKey, certificate.getPublicKey());
    }

    /**
     * The Fabric CA attributes of the certificate, sorted by name; empty when it has none.
     *
     * @throws DevCaException if the attribute extension is present but not the expected JSON
     */
    public Map<String, String> attributes() {
        return attributesOf(certificate);
    }

    /** The value of attribute {@code fairmark.role}, or {@code null} when the certificate has none. */
    public String role() {
        return attributes().get(ROLE_ATTRIBUTE);
    }

    /** Signs {@code message} with ECDSA-SHA256, low-S, DER: a Fabric proposal or transaction signature. */
    public byte[] sign(byte[] message) {
        return Signatures.signLowS(privateKey, message);
    }

    /** Name, MSP and subject; never the key. */
    @Override
    public String toString() {
        return "Identity[name=" + name + ", mspId=" + mspId + ", subject="
                + certificate.getSubjectX500Principal().getName() + "]";
    }

    /** Decodes the attribute extension the way the chaincode shim's {@code ClientIdentity} does. */
    static Map<String, String> attributesOf(X509Certificate certificate) {
        byte[] extensionValue = certificate.getExtensionValue(ATTRIBUTE_EXTENSION_OID);
        if (extensionValue == null) {
            return Map.of();
        }
        try (ASN1InputStream in = new ASN1InputStream(extensionValue)) {
            ASN1Primitive object = in.readObject();
            if (!(object instanceof DEROctetString)) {
                throw new DevCaException("attribute extension is not an OCTET STRING");
            }
            return Collections.unmodifiableMap(AttributeJson.decode(((DEROctetString) object).getOctets()));
        } catch (IOException e) {
            throw new DevCaException("attribute extension is not valid DER", e);
        }
    }
}
