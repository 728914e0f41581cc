package org.fairmark.simulator;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** Creators for test invocations: a self-signed ECDSA P-256 certificate in a {@code msp.SerializedIdentity}. */
final class TestIdentities {
    static final String MSP_ID = "GrowerMSP";

    /** One identity for all tests: key generation is the slow part. */
    static final byte[] GROWER = serializedIdentity(MSP_ID, "grower-1");

    private TestIdentities() {}

    static byte[] serializedIdentity(String mspId, String commonName) {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(selfSignedCertificatePem(commonName), US_ASCII))
                .build()
                .toByteArray();
    }

    private static String selfSignedCertificatePem(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            AlgorithmIdentifier signatureAlgorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            X500Name name = new X500Name("CN=" + commonName + ",O=Fairmark Test");
            Instant now = Instant.parse("2025-01-01T00:00:00Z");

            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(BigInteger.ONE));
            tbs.setSignature(signatureAlgorithm);
            tbs.setIssuer(name);
            tbs.setSubject(name);
            tbs.setStartDate(new Time(Date.from(now)));
            tbs.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(36500)))));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()));
            TBSCertificate certificate = tbs.generateTBSCertificate();

            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keyPair.getPrivate());
            signer.update(certificate.getEncoded(ASN1Encoding.DER));

            ASN1EncodableVector signed = new ASN1EncodableVector();
            signed.add(certificate);
            signed.add(signatureAlgorithm);
            signed.add(new DERBitString(signer.sign()));
            byte[] der = Certificate.getInstance(new DERSequence(signed)).getEncoded(ASN1Encoding.DER);
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create a test certificate", e);
        }
    }
}
