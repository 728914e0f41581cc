package org.fairmark.devca;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * ECDSA-SHA256 signatures the way Fabric wants them: DER encoded and with a "low" S value.
 *
 * <p>An ECDSA signature {@code (r, s)} is equally valid as {@code (r, n - s)}; Fabric accepts only the form with
 * {@code s <= n/2} so a signature cannot be altered into a second valid one. The JDK signs with either form, so
 * {@link #signLowS} normalizes, and {@link #verify} rejects the high form like a peer would.
 *
 * <pre>{@code
 * byte[] signature = Signatures.signLowS(identity.privateKey(), proposalBytes);
 * boolean valid = Signatures.verify(identity.certificate().getPublicKey(), proposalBytes, signature);
 * }</pre>
 */
public final class Signatures {
    static final String ALGORITHM = "SHA256withECDSA";

    private Signatures() {}

    /**
     * Signs {@code message} with ECDSA over SHA-256 and returns the DER signature with {@code s <= n/2}.
     *
     * @throws IllegalArgumentException if the key is not an EC key
     */
    public static byte[] signLowS(PrivateKey privateKey, byte[] message) {
        Objects.requireNonNull(privateKey, "privateKey == null");
        Objects.requireNonNull(message, "message == null");
        BigInteger order = curveOrder(privateKey);
        byte[] der;
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            der = signature.sign();
        } catch (GeneralSecurityException e) {
            throw new DevCaException("cannot sign with " + ALGORITHM + ": " + e.getMessage(), e);
        }
        BigInteger[] rs = decode(der);
        if (rs == null) {
            throw new DevCaException("the signature provider returned a malformed DER signature");
        }
        return isLow(rs[1], order) ? der : encode(rs[0], order.subtract(rs[1]));
    }

    /**
     * Verifies a DER ECDSA-SHA256 signature as a Fabric peer does: the encoding must be strict DER, {@code r} and
     * {@code s} positive and below the curve order, and {@code s <= n/2}.
     *
     * @return {@code false} for a wrong, malformed or high-S signature
     * @throws IllegalArgumentException if the key is not an EC key
     */
    public static boolean verify(PublicKey publicKey, byte[] message, byte[] derSignature) {
        Objects.requireNonNull(publicKey, "publicKey == null");
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(derSignature, "derSignature == null");
        BigInteger order = curveOrder(publicKey);
        BigInteger[] rs = decode(derSignature);
        if (rs == null
                || rs[0].signum() <= 0
                || rs[0].compareTo(order) >= 0
                || rs[1].signum() <= 0
                || !isLow(rs[1], order)) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(derSignature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new DevCaException("cannot verify with " + ALGORITHM + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a DER ECDSA signature made with {@code key}'s curve has {@code s <= n/2}.
     *
     * @return {@code false} also when the signature is not strict DER
     */
    public static boolean isLowS(Key key, byte[] derSignature) {
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(derSignature, "derSignature == null");
        BigInteger[] rs = decode(derSignature);
        return rs != null && rs[1].signum() > 0 && isLow(rs[1], curveOrder(key));
    }

    /**
     * Returns the low-S twin of a DER ECDSA signature made with {@code key}'s curve (the signature itself when it is
     * already low-S).
     *
     * @throws IllegalArgumentException if the signature is not strict DER
     */
    public static byte[] toLowS(Key key, byte[] derSignature) {
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(derSignature, "derSignature == null");
        BigInteger order = curveOrder(key);
        BigInteger[] rs = decode(derSignature);
        if (rs == null) {
            throw new IllegalArgumentException("not a DER ECDSA signature");
        }
        return isLow(rs[1], order) ? derSignature.clone() : encode(rs[0], order.subtract(rs[1]));
    }

    static BigInteger curveOrder(Key key) {
        if (!(key instanceof ECKey)) {
            throw new IllegalArgumentException("not an EC key: " + key.getAlgorithm());
        }
        return ((ECKey) key).getParams().getOrder();
    }

    private static boolean isLow(BigInteger s, BigInteger order) {
        return s.compareTo(order.shiftRight(1)) <= 0;
    }

    /** {@code {r, s}}, or null unless {@code der} is exactly the DER encoding of a SEQUENCE of two INTEGERs. */
    private static BigInteger[] decode(byte[] der) {
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (!(primitive instanceof ASN1Sequence)) {
                return null;
            }
            ASN1Sequence sequence = (ASN1Sequence) primitive;
            if (sequence.size() != 2
                    || !(sequence.getObjectAt(0) instanceof ASN1Integer)
                    || !(sequence.getObjectAt(1) instanceof ASN1Integer)) {
                return null;
            }
            BigInteger r = ((ASN1Integer) sequence.getObjectAt(0)).getValue();
            BigInteger s = ((ASN1Integer) sequence.getObjectAt(1)).getValue();
            // BER variants (long-form lengths, padded integers) and trailing bytes re-encode differently.
            return Arrays.equals(encode(r, s), der) ? new BigInteger[] {r, s} : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] encode(BigInteger r, BigInteger s) {
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new DevCaException("cannot DER-encode an ECDSA signature", e);
        }
    }
}
