package org.fairmark.network;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * ECDSA-SHA256 signing and verification the way a Fabric peer does it: DER signatures whose {@code s} is at most half
 * the curve order ("low S"); a high-S or non-DER signature never verifies.
 *
 * <p>Signature verification dominates the CPU time of the embedded network, so the JCA provider is chosen by a short
 * measurement at first use: the JDK's SunEC and Bouncy Castle (on the classpath through the development CA) are both
 * timed on P-256 verification and the faster wins. The system property {@code fairmark.crypto.provider} ({@code SunEC}
 * or {@code BC}) overrides the choice; a provider that fails the self-test is never chosen.
 */
final class Ecdsa {
    static final String ALGORITHM = "SHA256withECDSA";
    static final String PROVIDER_PROPERTY = "fairmark.crypto.provider";

    private static final Logger LOGGER = Logger.getLogger(Ecdsa.class.getName());
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final BigInteger P256_HALF_ORDER = P256_ORDER.shiftRight(1);
    private static final int MEASUREMENT_ROUNDS = 6;
    private static final long MEASUREMENT_ROUND_MILLIS = 25;
    private static final Ecdsa INSTANCE = choose();

    private final Provider provider;
    private final LongAdder signatures = new LongAdder();
    private final LongAdder verifications = new LongAdder();
    private final ThreadLocal<Signature> verifiers;
    private final ThreadLocal<Signature> signers;

    private Ecdsa(Provider provider) {
        this.provider = provider;
        this.verifiers = ThreadLocal.withInitial(() -> newSignature(provider));
        this.signers = ThreadLocal.withInitial(() -> newSignature(provider));
    }

    /** The process-wide instance, on the provider chosen at first use. */
    static Ecdsa get() {
        return INSTANCE;
    }

    /** An instance on a given provider, for measurements. */
    static Ecdsa on(Provider provider) {
        return new Ecdsa(Objects.requireNonNull(provider, "provider == null"));
    }

    /** How many signatures this instance made. */
    long signatureCount() {
        return signatures.sum();
    }

    /** How many signatures this instance verified (malformed and high-S ones, rejected early, excluded). */
    long verificationCount() {
        return verifications.sum();
    }

    /** The name of the JCA provider in use, e.g. {@code BC} or {@code SunEC}. */
    String providerName() {
        return provider.getName();
    }

    /**
     * The key in this provider's own representation, so verification does not convert it every time. Returns the key
     * itself when the provider cannot import it.
     */
    PublicKey importKey(PublicKey key) {
        if (key.getClass().getName().startsWith(provider.getClass().getPackageName())) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC", provider).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            return key;
        }
    }

    /** The private key in this provider's own representation (or the key itself). */
    PrivateKey importKey(PrivateKey key) {
        try {
            return KeyFactory.getInstance("EC", provider).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }

    /**
     * Verifies a DER ECDSA-SHA256 signature over {@code message}; {@code false} for a wrong, malformed or high-S
     * signature, or a key that is not P-256.
     */
    boolean verify(PublicKey key, byte[] message, byte[] derSignature) {
        if (!(key instanceof ECKey) || !P256_ORDER.equals(((ECKey) key).getParams().getOrder())) {
            return false;
        }
        if (!isStrictLowS(derSignature)) {
            return false;
        }
        verifications.increment();
        Signature signature = verifiers.get();
        try {
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(derSignature);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            // A key the provider refuses: not a valid signer.
            return false;
        }
    }

    /** Signs {@code message}; the DER signature always has a low S. */
    byte[] sign(PrivateKey key, byte[] message) {
        signatures.increment();
        Signature signature = signers.get();
        byte[] der;
        try {
            signature.initSign(key);
            signature.update(message);
            der = signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM + ": " + e.getMessage(), e);
        }
        return toLowS(der);
    }

    /**
     * Whether {@code der} is exactly a DER SEQUENCE of two positive INTEGERs (minimal encodings, no trailing bytes),
     * both below the P-256 order and {@code s <= n/2}. This is what Go's {@code asn1.Unmarshal} plus Fabric's
     * {@code IsLowS} accept.
     */
    static boolean isStrictLowS(byte[] der) {
        BigInteger[] rs = decode(der);
        return rs != null && rs[1].compareTo(P256_HALF_ORDER) <= 0;
    }

    /** The low-S twin of a DER P-256 signature. */
    static byte[] toLowS(byte[] der) {
        BigInteger[] rs = decode(der);
        if (rs == null) {
            throw new IllegalStateException("the signature provider returned a malformed DER signature");
        }
        if (rs[1].compareTo(P256_HALF_ORDER) <= 0) {
            return der;
        }
        return encode(rs[0], P256_ORDER.subtract(rs[1]));
    }

    /** {@code {r, s}} of a strict DER signature with {@code 0 < r, s < n}, else null. */
    static BigInteger[] decode(byte[] der) {
        if (der == null || der.length < 8 || der.length > 72 || der[0] != 0x30) {
            return null;
        }
        int length = der[1] & 0xff;
        if (length != der.length - 2 || length >= 0x80) {
            return null;
        }
        int position = 2;
        BigInteger[] values = new BigInteger[2];
        for (int i = 0; i < 2; i++) {
            if (position + 2 > der.length || der[position] != 0x02) {
                return null;
            }
            int intLength = der[position + 1] & 0xff;
            position += 2;
            if (intLength == 0 || intLength > 33 || position + intLength > der.length) {
                return null;
            }
            // Minimal two's complement: no superfluous leading zero, never negative.
            if ((der[position] & 0x80) != 0) {
                return null;
            }
            if (intLength > 1 && der[position] == 0 && (der[position + 1] & 0x80) == 0) {
                return null;
            }
            byte[] magnitude = new byte[intLength];
            System.arraycopy(der, position, magnitude, 0, intLength);
            BigInteger value = new BigInteger(1, magnitude);
            if (value.signum() <= 0 || value.compareTo(P256_ORDER) >= 0) {
                return null;
            }
            values[i] = value;
            position += intLength;
        }
        return position == der.length ? values : null;
    }

    static byte[] encode(BigInteger r, BigInteger s) {
        byte[] rBytes = r.toByteArray();
        byte[] sBytes = s.toByteArray();
        int length = 2 + rBytes.length + 2 + sBytes.length;
        byte[] der = new byte[2 + length];
        der[0] = 0x30;
        der[1] = (byte) length;
        der[2] = 0x02;
        der[3] = (byte) rBytes.length;
        System.arraycopy(rBytes, 0, der, 4, rBytes.length);
        int at = 4 + rBytes.length;
        der[at] = 0x02;
        der[at + 1] = (byte) sBytes.length;
        System.arraycopy(sBytes, 0, der, at + 2, sBytes.length);
        return der;
    }

    /** The candidate providers present in this JVM: SunEC first, then Bouncy Castle. */
    static List<Provider> candidates() {
        List<Provider> providers = new ArrayList<>();
        Provider sunEc = Security.getProvider("SunEC");
        if (sunEc != null) {
            providers.add(sunEc);
        }
        try {
            Provider bc = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
            providers.add(bc != null ? bc : new BouncyCastleProvider());
        } catch (LinkageError e) {
            // Bouncy Castle is optional at run time.
        }
        return providers;
    }

    /** Verifications per second of {@code provider}, measured for about {@code millis}; 0 if it fails its self-test. */
    static double measureVerifyRate(Provider provider, long millis) {
        try {
            Ecdsa ecdsa = new Ecdsa(provider);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] message = "fairmark provider self-test".getBytes(StandardCharsets.US_ASCII);
            PublicKey publicKey = ecdsa.importKey(pair.getPublic());
            byte[] signature = ecdsa.sign(ecdsa.importKey(pair.getPrivate()), message);
            byte[] tampered = message.clone();
            tampered[0] ^= 1;
            if (!ecdsa.verify(publicKey, message, signature) || ecdsa.verify(publicKey, tampered, signature)) {
                return 0;
            }
            long deadline = System.nanoTime() + millis * 1_000_000L;
            long start = System.nanoTime();
            int count = 0;
            while (System.nanoTime() < deadline || count < 20) {
                ecdsa.verify(publicKey, message, signature);
                count++;
            }
            return count * 1e9 / (System.nanoTime() - start);
        } catch (GeneralSecurityException | RuntimeException e) {
            return 0;
        }
    }

    private static Ecdsa choose() {
        List<Provider> providers = candidates();
        String wanted = System.getProperty(PROVIDER_PROPERTY, "").strip();
        if (!wanted.isEmpty()) {
            for (Provider provider : providers) {
                if (provider.getName().equalsIgnoreCase(wanted) && measureVerifyRate(provider, 0) > 0) {
                    LOGGER.info(() -> "ECDSA provider " + provider.getName() + " (from -D" + PROVIDER_PROPERTY + ")");
                    return new Ecdsa(provider);
                }
            }
            LOGGER.warning(() -> "ECDSA provider '" + wanted + "' is not available; choosing by measurement");
        }
        // Short rounds taken in turns, best round per provider: a busy machine slows rounds, not the best of them.
        boolean[] usable = new boolean[providers.size()];
        double[] best = new double[providers.size()];
        for (int i = 0; i < providers.size(); i++) {
            usable[i] = measureVerifyRate(providers.get(i), 0) > 0;
        }
        for (int round = 0; round < MEASUREMENT_ROUNDS; round++) {
            for (int i = 0; i < providers.size(); i++) {
                if (usable[i]) {
                    best[i] = Math.max(best[i], measureVerifyRate(providers.get(i), MEASUREMENT_ROUND_MILLIS));
                }
            }
        }
        Provider chosenProvider = null;
        double bestRate = 0;
        StringBuilder rates = new StringBuilder();
        for (int i = 0; i < providers.size(); i++) {
            rates.append(rates.length() == 0 ? "" : ", ")
                    .append(providers.get(i).getName())
                    .append(' ')
                    .append(Math.round(best[i]))
                    .append("/s");
            if (best[i] > bestRate) {
                chosenProvider = providers.get(i);
                bestRate = best[i];
            }
        }
        if (chosenProvider == null) {
            throw new IllegalStateException("no JCA provider verifies ECDSA P-256 signatures");
        }
        Provider chosen = chosenProvider;
        LOGGER.info(() -> "ECDSA provider " + chosen.getName() + " chosen by measurement (verify: " + rates + ")");
        return new Ecdsa(chosen);
    }

    private static Signature newSignature(Provider provider) {
        try {
            return Signature.getInstance(ALGORITHM, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(provider.getName() + " has no " + ALGORITHM, e);
        }
    }
}
