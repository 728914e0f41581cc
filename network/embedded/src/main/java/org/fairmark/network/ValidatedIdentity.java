package org.fairmark.network;

import com.google.protobuf.ByteString;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.fairmark.devca.FastEcdsa;

/**
 * A creator or endorser identity that its MSP accepted: the certificate chains to the organization's CA, is within its
 * validity period and not revoked.
 *
 * @param mspId the MSP that vouches for the identity
 * @param certificate the enrollment certificate
 * @param publicKey the certificate's key, imported into the chosen signature provider
 * @param nodeOu the Fabric NodeOU of the certificate ({@code client}, {@code peer}, {@code admin}, {@code orderer})
 * @param serialized the {@code msp.SerializedIdentity} bytes the identity arrived as
 */
record ValidatedIdentity(
        String mspId, X509Certificate certificate, PublicKey publicKey, String nodeOu, ByteString serialized) {
    ValidatedIdentity {
        Objects.requireNonNull(mspId, "mspId == null");
        Objects.requireNonNull(certificate, "certificate == null");
        Objects.requireNonNull(publicKey, "publicKey == null");
        Objects.requireNonNull(nodeOu, "nodeOu == null");
        Objects.requireNonNull(serialized, "serialized == null");
    }

    /** Whether {@code signature} is this identity's low-S ECDSA-SHA256 signature over {@code message}. */
    boolean verify(byte[] message, byte[] signature) {
        return FastEcdsa.get().verify(publicKey, message, signature);
    }

    /** Subject and MSP, for logs. */
    String describe() {
        return certificate.getSubjectX500Principal().getName() + " (" + mspId + ")";
    }

    @Override
    public String toString() {
        return "ValidatedIdentity[" + describe() + "]";
    }
}
