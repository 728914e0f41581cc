package org.fairmark.devca;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * ECDSA P-256 with SHA-256 on the fastest JCA provider present, the way Fabric wants it: DER signatures whose {@code s}
 * is at most half the curve order ("low S"); a high-S or non-DER signature never verifies. One process-wide choice
 * ({@link #get()}) shared by the client library (transaction signer, label verification), the embedded network
 * (endorsement signing, every verification) and the command line.
 *
 * <p><b>The choice.</b> Candidates in a fixed order, the first that loads and passes a self-test wins:
 * <ol>
 *   <li><b>Conscrypt</b> (BoringSSL through JNI; shipped with the library, the network and the CLI). Its native
 *       library may not load on an unusual platform: then it is skipped and the reason kept in {@link #unavailable()}.
 *   <li><b>Bouncy Castle</b> ({@code BC}, pure Java, always on the class path through this module).
 *   <li><b>SunEC</b>, the JDK's own.
 * </ol>
 * The order comes from steady-state measurements (one core, verify/s | sign/s): Conscrypt 14,000–27,000 | 66,000,
 * Bouncy Castle ~11,500 | 11,400, SunEC ~1,300 | 2,650 (bench/results/crypto-providers.md). It is fixed rather than
 * measured at start because a measurement of a few milliseconds measures the JIT and the neighbours, not the provider:
 * Bouncy Castle runs interpreted at first and is ten times slower than warm, and on a shared machine one round can
 * lose half its time to another process, while every ratio above points the same way by at least 1.2×. The self-test
 * (one signature, two verifications, a digest signature; only until one passes) costs a few milliseconds and guards against a
 * provider that loads but computes wrongly. The system property {@value #PROPERTY} ({@code Conscrypt}, {@code BC} or
 * {@code SunEC}) forces a provider; one that is unavailable or fails the self-test is reported and ignored.
 * {@link #measureVerifyRate} and {@link #measureSignRate} measure for reports and benchmarks.
 *
 * <pre>{@code
 * FastEcdsa ecdsa = FastEcdsa.get();
 * byte[] der = ecdsa.sign(ecdsa.importKey(identity.privateKey()), proposalBytes);
 * boolean valid = ecdsa.verify(ecdsa.importKey(certificate.getPublicKey()), proposalBytes, der);
 * System.out.println(ecdsa.summary()); // e.g. "Conscrypt 2.5.2"
 * }</pre>
 */
public final class FastEcdsa {
    /** System property naming the provider to use instead of the fixed order. */
    public static final String PROPERTY = "fairmark.crypto.provider";
    /** The JCA algorithm signing a whole message. */
    public static final String ALGORITHM = "SHA256withECDSA";
    /** The JCA algorithm signing a ready SHA-256 digest. */
    public static final String DIGEST_ALGORITHM = "NONEwithECDSA";

    private static final Logger LOGGER = Logger.getLogger(FastEcdsa.class.getName());
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final BigInteger P256_HALF_ORDER = P256_ORDER.shiftRight(1);

    /** The known answer of the self-test: a P-256 key, a message and a low-S SunEC signature of it. */
    private static final String KAT_PRIVATE_KEY =
            "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCDR8V5xANA/DWqQnVDYfLipaHu35qg/whU1wqWi2ybk5A==";
    private static final String KAT_PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEU6wz94O3/yW+eRv3XUTH5hal/YdDttaIbNfs"
            + "GsBXa5EZt5wBKAa+UAmM4XTjKGJHwH1otnGZUYTXiY8UvM3i4g==";
    private static final String KAT_MESSAGE = "fairmark provider self-test";
    private static final String KAT_SIGNATURE =
            "MEUCIQDGh7MkLGJjp3wWFHcba7vvZh7LOZ3V0opJqJCNE9OOVQIgY2qA49ymAvFAM9H5DloiQGY2qu7RVaGDm6Gr7rW0IM8=";

    private static volatile FastEcdsa instance;
    private static volatile CompletableFuture<FastEcdsa> preloading;

    private final Provider provider;
    private final String choice;
    private final Map<String, String> unavailable;
    private final LongAdder signatures = new LongAdder();
    private final LongAdder verifications = new LongAdder();
    private final ThreadLocal<Signature> verifiers;
    private final ThreadLocal<Signature> signers;
    private final ThreadLocal<Signature> digestSigners;

    private FastEcdsa(Provider provider, String choice, Map<String, String> unavailable) {
        this.provider = provider;
        this.choice = choice;
        this.unavailable = Map.copyOf(unavailable);
        this.verifiers = ThreadLocal.withInitial(() -> newSignature(provider, ALGORITHM));
        this.signers = ThreadLocal.withInitial(() -> newSignature(provider, ALGORITHM));
        this.digestSigners = ThreadLocal.withInitial(() -> newSignature(provider, DIGEST_ALGORITHM));
    }

    /** A provider the choice may take: its name and how to load it (the loader may throw anything). */
    public record Candidate(String name, Callable<Provider> loader) {
        public Candidate {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(loader, "loader == null");
        }
    }

    /** The process-wide instance, on the provider chosen at first use. */
    public static FastEcdsa get() {
        FastEcdsa chosen = instance;
        if (chosen == null) {
            synchronized (FastEcdsa.class) {
                chosen = instance;
                if (chosen == null) {
                    chosen = choose(System.getProperty(PROPERTY), candidates());
                    instance = chosen;
                    FastEcdsa logged = chosen;
                    LOGGER.fine(() -> "ECDSA P-256 on " + logged.summary() + " (" + logged.choice() + ")");
                }
            }
        }
        return chosen;
    }

    /**
     * Starts choosing the provider on a daemon thread, unless it is chosen or being chosen, and returns the choice to
     * come. Loading Conscrypt's native library costs about 0.5 s of CPU once per process; a client starts this before
     * it connects, so the load overlaps with gRPC's start-up instead of delaying the first signature.
     */
    public static CompletableFuture<FastEcdsa> preload() {
        FastEcdsa chosen = instance;
        if (chosen != null) {
            return CompletableFuture.completedFuture(chosen);
        }
        synchronized (FastEcdsa.class) {
            if (preloading == null) {
                CompletableFuture<FastEcdsa> future = new CompletableFuture<>();
                Thread thread = new Thread(() -> {
                    try {
                        future.complete(get());
                    } catch (RuntimeException | Error e) {
                        future.completeExceptionally(e);
                    }
                }, "fairmark-crypto-preload");
                thread.setDaemon(true);
                thread.start();
                preloading = future;
            }
            return preloading;
        }
    }

    /** The default candidates, in order of preference: Conscrypt, Bouncy Castle, SunEC. */
    public static List<Candidate> candidates() {
        return List.of(
                new Candidate("Conscrypt", FastEcdsa::loadConscrypt),
                new Candidate("BC", FastEcdsa::loadBouncyCastle),
                new Candidate("SunEC", () -> Objects.requireNonNull(Security.getProvider("SunEC"), "SunEC missing")));
    }

    /**
     * The first candidate that loads and passes the self-test, or the one {@code forced} names when it does; never
     * throws for a candidate that fails (its reason goes to {@link #unavailable()}).
     *
     * @param forced a provider name ({@code Conscrypt}, {@code BC}, {@code SunEC}), or null/blank for the order
     * @throws IllegalStateException when no candidate works at all
     */
    public static FastEcdsa choose(String forced, List<Candidate> candidates) {
        Map<String, String> unavailable = new LinkedHashMap<>();
        String wanted = forced == null ? "" : forced.strip();
        if (!wanted.isEmpty()) {
            for (Candidate candidate : candidates) {
                if (candidate.name().equalsIgnoreCase(wanted)) {
                    Provider provider = tryCandidate(candidate, unavailable);
                    if (provider != null) {
                        return new FastEcdsa(provider, "forced by -D" + PROPERTY, Map.of());
                    }
                }
            }
            LOGGER.warning(() -> "ignoring -D" + PROPERTY + "=" + wanted + ": no working provider of that name");
        }
        // Only until the first that works: loading and testing Bouncy Castle costs a one-off CLI ~100 ms.
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            if (unavailable.containsKey(candidate.name())) {
                continue;
            }
            Provider provider = tryCandidate(candidate, unavailable);
            if (provider != null) {
                String choice = i == 0 ? "first in the fixed order" : "fallback in the fixed order";
                if (!wanted.isEmpty()) {
                    choice += " (-D" + PROPERTY + "=" + wanted + " not available)";
                }
                return new FastEcdsa(provider, choice, unavailable);
            }
        }
        throw new IllegalStateException("no JCA provider signs and verifies ECDSA P-256: " + unavailable);
    }

    /** The candidate's provider when it loads and passes the self-test, else null with the reason recorded. */
    private static Provider tryCandidate(Candidate candidate, Map<String, String> unavailable) {
        Provider provider;
        try {
            provider = candidate.loader().call();
        } catch (Exception | LinkageError e) {
            unavailable.put(candidate.name(), "does not load: " + describe(e));
            return null;
        }
        String failure = selfTest(provider);
        if (failure != null) {
            unavailable.put(candidate.name(), "fails the self-test: " + failure);
            return null;
        }
        return provider;
    }

    /** An instance on a given provider, for tests and measurements. */
    public static FastEcdsa on(Provider provider) {
        return new FastEcdsa(Objects.requireNonNull(provider, "provider == null"), "given", Map.of());
    }

    /** The JCA provider in use. */
    public Provider provider() {
        return provider;
    }

    /** The name of the JCA provider in use: {@code Conscrypt}, {@code BC} or {@code SunEC}. */
    public String providerName() {
        return provider.getName();
    }

    /** The provider's version, e.g. {@code 2.5.2} for Conscrypt, {@code 1.86} for Bouncy Castle. */
    public String providerVersion() {
        if (provider.getName().equals("Conscrypt")) {
            try {
                // the provider itself says "1.0"; Conscrypt.version() knows the release
                Class<?> conscrypt = Class.forName("org.conscrypt.Conscrypt", false, provider.getClass().getClassLoader());
                Object version = conscrypt.getMethod("version").invoke(null);
                Class<?> type = version.getClass();
                return type.getMethod("major").invoke(version) + "." + type.getMethod("minor").invoke(version) + "."
                        + type.getMethod("patch").invoke(version);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // fall through to the provider's own
            }
        }
        String version = provider.getVersionStr();
        return version == null ? "" : version;
    }

    /** Name and version, e.g. {@code Conscrypt 2.5.2}. */
    public String summary() {
        return (providerName() + " " + providerVersion()).strip();
    }

    /** How this provider was chosen, e.g. {@code first in the fixed order}. */
    public String choice() {
        return choice;
    }

    /** The candidates passed over before this one because they did not load or failed the self-test, with why. */
    public Map<String, String> unavailable() {
        return unavailable;
    }

    /** How many signatures this instance made. */
    public long signatureCount() {
        return signatures.sum();
    }

    /** How many signatures this instance verified (malformed and high-S ones, rejected early, excluded). */
    public long verificationCount() {
        return verifications.sum();
    }

    /** The public key from its DER SubjectPublicKeyInfo, in this provider's representation. */
    public PublicKey publicKey(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("EC", provider).generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        } catch (GeneralSecurityException | RuntimeException e) {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        }
    }

    /**
     * The key in this provider's own representation, so verification does not convert it every time. Returns the key
     * itself when the provider cannot import it.
     */
    public PublicKey importKey(PublicKey key) {
        if (key.getClass().getName().startsWith(provider.getClass().getPackageName())) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC", provider).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }

    /** The private key in this provider's own representation (or the key itself). */
    public PrivateKey importKey(PrivateKey key) {
        if (key.getClass().getName().startsWith(provider.getClass().getPackageName())) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC", provider).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }

    /**
     * Verifies a DER ECDSA-SHA256 signature over {@code message} as a Fabric peer does; {@code false} for a wrong,
     * malformed or high-S signature, or a key that is not P-256.
     */
    public boolean verify(PublicKey key, byte[] message, byte[] derSignature) {
        if (!(key instanceof ECKey) || !P256_ORDER.equals(((ECKey) key).getParams().getOrder())) {
            return false;
        }
        if (!isStrictLowS(derSignature)) {
            return false;
        }
        return verifyAnyS(key, message, derSignature);
    }

    /**
     * Verifies a DER ECDSA-SHA256 signature over {@code message} whatever its {@code s} (labels are not Fabric
     * signatures); {@code false} for a wrong one or a key the provider refuses.
     */
    public boolean verifyAnyS(PublicKey key, byte[] message, byte[] derSignature) {
        verifications.increment();
        Signature signature = verifiers.get();
        try {
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(derSignature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Signs {@code message} with ECDSA-SHA256; the DER signature always has a low S. */
    public byte[] sign(PrivateKey key, byte[] message) {
        signatures.increment();
        Signature signature = signers.get();
        try {
            signature.initSign(key);
            signature.update(message);
            return toLowS(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM + " on " + providerName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Signs a SHA-256 {@code digest} computed by the caller (as fabric-gateway's {@code Signer} receives it); the DER
     * signature always has a low S and verifies as {@value #ALGORITHM} over the digested message.
     *
     * @throws IllegalArgumentException when the digest is not 32 bytes
     */
    public byte[] signDigest(PrivateKey key, byte[] digest) throws GeneralSecurityException {
        if (digest == null || digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not "
                    + (digest == null ? "null" : digest.length));
        }
        signatures.increment();
        Signature signature = digestSigners.get();
        signature.initSign(key);
        signature.update(digest);
        return toLowS(signature.sign());
    }

    /**
     * Whether {@code der} is exactly a DER SEQUENCE of two positive INTEGERs (minimal encodings, no trailing bytes),
     * both below the P-256 order and {@code s <= n/2}. This is what Go's {@code asn1.Unmarshal} plus Fabric's
     * {@code IsLowS} accept.
     */
    public static boolean isStrictLowS(byte[] der) {
        BigInteger[] rs = decode(der);
        return rs != null && rs[1].compareTo(P256_HALF_ORDER) <= 0;
    }

    /** The low-S twin of a DER P-256 signature (the signature itself when already low). */
    public static byte[] toLowS(byte[] der) {
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
    public static BigInteger[] decode(byte[] der) {
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
            BigInteger value = new BigInteger(1, der, position, intLength);
            if (value.signum() <= 0 || value.compareTo(P256_ORDER) >= 0) {
                return null;
            }
            values[i] = value;
            position += intLength;
        }
        return position == der.length ? values : null;
    }

    /** The DER SEQUENCE of {@code r} and {@code s}. */
    public static byte[] encode(BigInteger r, BigInteger s) {
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

    /** Verifications per second of {@code provider}, measured for about {@code millis}; 0 if it fails its self-test. */
    public static double measureVerifyRate(Provider provider, long millis) {
        return measure(provider, millis, true);
    }

    /** Signatures per second of {@code provider}, measured for about {@code millis}; 0 if it fails its self-test. */
    public static double measureSignRate(Provider provider, long millis) {
        return measure(provider, millis, false);
    }

    private static double measure(Provider provider, long millis, boolean verify) {
        if (selfTest(provider) != null) {
            return 0;
        }
        try {
            FastEcdsa ecdsa = on(provider);
            KeyPair pair = testKeys();
            byte[] message = new byte[200];
            PublicKey publicKey = ecdsa.importKey(pair.getPublic());
            PrivateKey privateKey = ecdsa.importKey(pair.getPrivate());
            byte[] signature = ecdsa.sign(privateKey, message);
            long deadline = System.nanoTime() + millis * 1_000_000L;
            long start = System.nanoTime();
            int count = 0;
            while (System.nanoTime() < deadline || count < 20) {
                if (verify) {
                    ecdsa.verify(publicKey, message, signature);
                } else {
                    ecdsa.sign(privateKey, message);
                }
                count++;
            }
            return count * 1e9 / (System.nanoTime() - start);
        } catch (GeneralSecurityException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Null when {@code provider} verifies a known answer (a fixed key, message and SunEC signature), rejects it for a
     * tampered message, and signs message and digest so that both verify; else what went wrong. No key generation and
     * no second provider: a cold SunEC would cost the CLI ~100 ms here.
     */
    static String selfTest(Provider provider) {
        try {
            FastEcdsa ecdsa = on(provider);
            PublicKey publicKey = ecdsa.publicKey(Base64.getDecoder().decode(KAT_PUBLIC_KEY));
            PrivateKey privateKey = KeyFactory.getInstance("EC", provider)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(KAT_PRIVATE_KEY)));
            byte[] message = KAT_MESSAGE.getBytes(StandardCharsets.US_ASCII);
            byte[] tampered = message.clone();
            tampered[0] ^= 1;
            byte[] known = Base64.getDecoder().decode(KAT_SIGNATURE);
            if (!ecdsa.verify(publicKey, message, known) || ecdsa.verify(publicKey, tampered, known)) {
                return "it does not verify the known answer, or verifies it for a tampered message";
            }
            if (!ecdsa.verify(publicKey, message, ecdsa.sign(privateKey, message))) {
                return "its own signature does not verify";
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
            if (!ecdsa.verify(publicKey, message, ecdsa.signDigest(privateKey, digest))) {
                return "its digest signature does not verify";
            }
            return null;
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return describe(e);
        }
    }

    private static KeyPair testKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static Provider loadConscrypt() throws ReflectiveOperationException {
        Provider installed = Security.getProvider("Conscrypt");
        if (installed != null) {
            return installed;
        }
        // Reflection keeps Conscrypt optional at run time: a build without it still works, on Bouncy Castle.
        Class<?> conscrypt = Class.forName("org.conscrypt.Conscrypt");
        // checkAvailability() throws the reason (e.g. UnsatisfiedLinkError) when the native library does not load
        conscrypt.getMethod("checkAvailability").invoke(null);
        return (Provider) conscrypt.getMethod("newProvider").invoke(null);
    }

    private static Provider loadBouncyCastle() {
        Provider installed = Security.getProvider("BC");
        return installed != null ? installed : new org.bouncycastle.jce.provider.BouncyCastleProvider();
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause instanceof java.lang.reflect.InvocationTargetException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static Signature newSignature(Provider provider, String algorithm) {
        try {
            return Signature.getInstance(algorithm, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(provider.getName() + " has no " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return "FastEcdsa[" + summary() + ", " + choice + "]";
    }
}
