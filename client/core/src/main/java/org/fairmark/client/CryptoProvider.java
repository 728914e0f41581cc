package org.fairmark.client;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The JCA provider that verifies label signatures (ECDSA P-256 with SHA-256). Label verification is dominated by one
 * signature check, so the provider matters: {@link #fastest()} measures the candidates present at run time (the JDK's
 * SunEC, Bouncy Castle, and Conscrypt when it is on the class path) once per process and picks the fastest that
 * verifies correctly, falling back to SunEC. The system property {@code fairmark.crypto.provider} (e.g. {@code BC})
 * forces a choice.
 *
 * <pre>{@code
 * CryptoProvider provider = CryptoProvider.fastest();
 * LabelVerifier verifier = LabelVerifier.builder(bundle).cryptoProvider(provider).build();
 * System.out.println(provider.name() + " " + provider.measuredVerifiesPerSecond());
 * }</pre>
 */
public final class CryptoProvider {
    /** System property naming the provider to use instead of measuring. */
    public static final String PROPERTY = "fairmark.crypto.provider";

    private static final Logger LOGGER = Logger.getLogger(CryptoProvider.class.getName());
    private static final int MEASURE_WARMUP = 300;
    private static final int MEASURE_VERIFIES = 300;

    private static volatile CryptoProvider fastest;

    private final Provider provider;
    private final double measuredVerifiesPerSecond;
    private final ThreadLocal<Signature> verifiers;

    private CryptoProvider(Provider provider, double measuredVerifiesPerSecond) {
        this.provider = provider;
        this.measuredVerifiesPerSecond = measuredVerifiesPerSecond;
        this.verifiers = ThreadLocal.withInitial(() -> {
            try {
                return Signature.getInstance("SHA256withECDSA", provider);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(provider.getName() + " lost SHA256withECDSA", e);
            }
        });
    }

    /**
     * The fastest working provider, measured on first use (a few hundred verifications each, well under a second).
     * Honors {@link #PROPERTY}.
     */
    public static CryptoProvider fastest() {
        CryptoProvider chosen = fastest;
        if (chosen == null) {
            synchronized (CryptoProvider.class) {
                chosen = fastest;
                if (chosen == null) {
                    chosen = choose();
                    fastest = chosen;
                }
            }
        }
        return chosen;
    }

    /** The JDK's own provider (SunEC), always present. */
    public static CryptoProvider jdk() {
        Provider sunEc = Security.getProvider("SunEC");
        return new CryptoProvider(sunEc != null ? sunEc : Signature0.defaultProvider(), 0);
    }

    /**
     * A provider by name: {@code SunEC}, {@code BC} or {@code Conscrypt}, or any installed JCA provider.
     *
     * @throws IllegalArgumentException when it is not available or cannot verify ECDSA P-256
     */
    public static CryptoProvider named(String name) {
        Objects.requireNonNull(name, "name == null");
        for (Provider candidate : candidates()) {
            if (candidate.getName().equalsIgnoreCase(name)) {
                CryptoProvider provider = new CryptoProvider(candidate, 0);
                if (!provider.selfTest()) {
                    throw new IllegalArgumentException("provider " + name + " fails the ECDSA P-256 self-test");
                }
                return provider;
            }
        }
        throw new IllegalArgumentException("no JCA provider named " + name + " is available");
    }

    /** Every candidate provider that passes the self-test, measured, fastest first. */
    public static List<CryptoProvider> measureAll() {
        List<CryptoProvider> measured = new ArrayList<>();
        for (Provider candidate : candidates()) {
            CryptoProvider probe = new CryptoProvider(candidate, 0);
            if (!probe.selfTest()) {
                continue;
            }
            measured.add(new CryptoProvider(candidate, probe.measure()));
        }
        measured.sort(Comparator.comparingDouble(CryptoProvider::measuredVerifiesPerSecond).reversed());
        return List.copyOf(measured);
    }

    /** The provider's JCA name, e.g. {@code SunEC}. */
    public String name() {
        return provider.getName();
    }

    /** Verifications per second measured when chosen by {@link #fastest()} or {@link #measureAll()}, else 0. */
    public double measuredVerifiesPerSecond() {
        return measuredVerifiesPerSecond;
    }

    /** The public key from its DER SubjectPublicKeyInfo, in this provider's own representation. */
    PublicKey publicKey(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("EC", provider).generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        }
    }

    /** Whether {@code rawSignature} (64 bytes {@code r||s}) is a valid SHA256withECDSA signature of {@code message}. */
    boolean verify(PublicKey key, byte[] message, byte[] rawSignature) {
        byte[] der = EcdsaFormat.rawToDer(rawSignature);
        if (der == null) {
            return false;
        }
        try {
            Signature signature = verifiers.get();
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(der);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private boolean selfTest() {
        try {
            KeyPair pair = testKeys();
            byte[] message = "fairmark self-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(message);
            byte[] raw = EcdsaFormat.derToRaw(signer.sign());
            PublicKey key = publicKey(pair.getPublic().getEncoded());
            byte[] tampered = raw.clone();
            tampered[5] ^= 1;
            return verify(key, message, raw) && !verify(key, message, tampered);
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private double measure() {
        try {
            KeyPair pair = testKeys();
            byte[] message = new byte[200];
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(message);
            byte[] raw = EcdsaFormat.derToRaw(signer.sign());
            PublicKey key = publicKey(pair.getPublic().getEncoded());
            for (int i = 0; i < MEASURE_WARMUP; i++) {
                verify(key, message, raw);
            }
            long start = System.nanoTime();
            for (int i = 0; i < MEASURE_VERIFIES; i++) {
                verify(key, message, raw);
            }
            long elapsed = Math.max(1, System.nanoTime() - start);
            return MEASURE_VERIFIES * 1e9 / elapsed;
        } catch (GeneralSecurityException | RuntimeException e) {
            return 0;
        }
    }

    private static KeyPair testKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static CryptoProvider choose() {
        String forced = System.getProperty(PROPERTY);
        if (forced != null && !forced.isBlank()) {
            try {
                return named(forced.strip());
            } catch (IllegalArgumentException e) {
                LOGGER.warning(() -> "ignoring " + PROPERTY + "=" + forced + ": " + e.getMessage());
            }
        }
        List<CryptoProvider> measured = measureAll();
        if (measured.isEmpty()) {
            return jdk();
        }
        CryptoProvider best = measured.get(0);
        LOGGER.fine(() -> "label signatures verified by " + best.name() + " ("
                + Math.round(best.measuredVerifiesPerSecond()) + "/s of " + measured.size() + " candidates)");
        return best;
    }

    /** SunEC, any installed provider offering SHA256withECDSA, Bouncy Castle, and Conscrypt when on the class path. */
    static List<Provider> candidates() {
        List<Provider> candidates = new ArrayList<>();
        for (Provider installed : Security.getProviders("Signature.SHA256withECDSA")) {
            candidates.add(installed);
        }
        if (candidates.stream().noneMatch(p -> p.getName().equals("BC"))) {
            try {
                candidates.add(new org.bouncycastle.jce.provider.BouncyCastleProvider());
            } catch (LinkageError e) {
                // Bouncy Castle is optional at run time
            }
        }
        if (candidates.stream().noneMatch(p -> p.getName().equals("Conscrypt"))) {
            try {
                Object conscrypt = Class.forName("org.conscrypt.Conscrypt").getMethod("newProvider").invoke(null);
                candidates.add((Provider) conscrypt);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // Conscrypt is optional: absent, or its native library does not load here
            }
        }
        return candidates;
    }

    @Override
    public String toString() {
        return "CryptoProvider[" + name() + (measuredVerifiesPerSecond > 0 ? ", " + Math.round(measuredVerifiesPerSecond) + " verifies/s" : "") + "]";
    }

    /** Fallback holder for a JDK without a provider named SunEC. */
    private static final class Signature0 {
        static Provider defaultProvider() {
            try {
                return Signature.getInstance("SHA256withECDSA").getProvider();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK cannot verify ECDSA signatures", e);
            }
        }
    }
}
