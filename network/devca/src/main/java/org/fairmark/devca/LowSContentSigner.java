package org.fairmark.devca;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.PrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;

/**
 * Signs certificates and CRLs with ecdsa-with-SHA256 and a low S, as Fabric CA does through its BCCSP; a Fabric MSP
 * would otherwise re-encode ("sanitize") the certificate before use.
 */
final class LowSContentSigner implements ContentSigner {
    // RFC 5758: the parameters field is absent for ECDSA, as Go writes it.
    private static final AlgorithmIdentifier ECDSA_WITH_SHA256 =
            new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

    private final PrivateKey privateKey;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();

    LowSContentSigner(PrivateKey privateKey) {
        this.privateKey = privateKey;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return ECDSA_WITH_SHA256;
    }

    @Override
    public OutputStream getOutputStream() {
        return content;
    }

    @Override
    public byte[] getSignature() {
        return Signatures.signLowS(privateKey, content.toByteArray());
    }
}
