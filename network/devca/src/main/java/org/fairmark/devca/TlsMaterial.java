package org.fairmark.devca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A TLS server (and client) certificate with its private key, from {@link CertificateAuthority#issueTlsServer}.
 * Peers and clients trust it through the issuing CA's certificate.
 *
 * @param cert the certificate; its subject alternative names list the host names and IP addresses it serves
 * @param key the EC private key of {@code cert}
 */
public record TlsMaterial(X509Certificate cert, PrivateKey key) {
    public TlsMaterial {
        Objects.requireNonNull(cert, "cert == null");
        Objects.requireNonNull(key, "key == null");
    }

    /** The certificate as PEM text, e.g. for a gRPC server's key-cert chain. */
    public String certificatePem() {
        return Pem.writeCertificate(cert);
    }

    /** The private key as PKCS#8 PEM text that also carries the certificate's public key. */
    public String privateKeyPem() {
        return Pem.writePrivateKey(key, cert.getPublicKey());
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "TlsMaterial[subject=" + cert.getSubjectX500Principal().getName() + "]";
    }
}
