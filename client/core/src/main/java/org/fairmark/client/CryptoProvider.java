package org.fairmark.client;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.fairmark.devca.FastEcdsa;

/**
 * The JCA provider that signs transactions and verifies label signatures (ECDSA P-256 with SHA-256): a view of the
 * process-wide choice of {@link FastEcdsa}, which the embedded network shares. {@link #fastest()} is Conscrypt
 * (BoringSSL, shipped with the library) when its native library loads, else Bouncy Castle, else the JDK's SunEC; the
 * order is fixed from measurements (see {@link FastEcdsa} for why it is not measured at start). The system property
 * {@code fairmark.crypto.provider} ({@code Conscrypt}, {@code BC}, {@code SunEC}) forces a choice.
 *
 * <pre>{@code
 * CryptoProvider provider = CryptoProvider.fastest();
 * LabelVerifier verifier = LabelVerifier.builder(bundle).cryptoProvider(provider).build();
 * System.out.println(provider.name() + " " + provider.version());
 * }</pre>
 */
public final class CryptoProvider {
    /** System property naming the provider to use instead of the fixed order. */
    public static final String PROPERTY = FastEcdsa.PROPERTY;
    private static final long MEASURE_MILLIS = 200;

    private static volatile CryptoProvider fastest;

    /** Label keys are few (one or two per packer); the cache is emptied if it ever holds more than this. */
    private static final int MAX_CACHED_KEYS = 4096;

    private final FastEcdsa ecdsa;
    private final ConcurrentHashMap<String, PublicKey> publicKeys = new ConcurrentHashMap<>();
    private final double measuredVerifiesPerSecond;

    private CryptoProvider(FastEcdsa ecdsa, double measuredVerifiesPerSecond) {
        this.ecdsa = ecdsa;
        this.measuredVerifiesPerSecond = measuredVerifiesPerSecond;
    }

    /** The fastest working provider, chosen once per process (shared with the embedded network). */
    public static CryptoProvider fastest() {
        CryptoProvider chosen = fastest;
        if (chosen == null) {
            chosen = new CryptoProvider(FastEcdsa.get(), 0);
            fastest = chosen;
        }
        return chosen;
    }

    /** The JDK's own provider (SunEC), always present. */
    public static CryptoProvider jdk() {
        return new CryptoProvider(FastEcdsa.on(Objects.requireNonNull(Security.getProvider("SunEC"), "SunEC")), 0);
    }

    /**
     * A provider by name: {@code SunEC}, {@code BC} or {@code Conscrypt}.
     *
     * @throws IllegalArgumentException when it is not available or fails the ECDSA P-256 self-test
     */
    public static CryptoProvider named(String name) {
        Objects.requireNonNull(name, "name == null");
        FastEcdsa chosen = FastEcdsa.choose(name, FastEcdsa.candidates());
        if (!chosen.providerName().equalsIgnoreCase(name.strip())) {
            String why = chosen.unavailable().get(name.strip());
            throw new IllegalArgumentException("provider " + name + " is not available"
                    + (why == null ? "" : ": " + why));
        }
        return new CryptoProvider(chosen, 0);
    }

    /** Every candidate provider that passes the self-test, each measured for 200 ms, fastest verifier first. */
    public static List<CryptoProvider> measureAll() {
        List<CryptoProvider> measured = new ArrayList<>();
        for (Provider candidate : candidates()) {
            double rate = FastEcdsa.measureVerifyRate(candidate, MEASURE_MILLIS);
            if (rate > 0) {
                measured.add(new CryptoProvider(FastEcdsa.on(candidate), rate));
            }
        }
        measured.sort(Comparator.comparingDouble(CryptoProvider::measuredVerifiesPerSecond).reversed());
        return List.copyOf(measured);
    }

    /** The provider's JCA name, e.g. {@code Conscrypt}. */
    public String name() {
        return ecdsa.providerName();
    }

    /** The provider's version, e.g. {@code 2.5.2}. */
    public String version() {
        return ecdsa.providerVersion();
    }

    /** How it was chosen ({@code first in the fixed order}, {@code fallback in the fixed order}, ...). */
    public String choice() {
        return ecdsa.choice();
    }

    /** The candidates passed over, with why (e.g. Conscrypt whose native library does not load). */
    public java.util.Map<String, String> unavailable() {
        return ecdsa.unavailable();
    }

    /** Verifications per second measured by {@link #measureAll()}, else 0. */
    public double measuredVerifiesPerSecond() {
        return measuredVerifiesPerSecond;
    }

    /** The ECDSA engine on this provider. */
    FastEcdsa ecdsa() {
        return ecdsa;
    }

    /** The public key from its DER SubjectPublicKeyInfo, in this provider's own representation. */
    PublicKey publicKey(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        return ecdsa.publicKey(subjectPublicKeyInfo);
    }

    /**
     * The public key of a base64 DER SubjectPublicKeyInfo (a {@code LabelKey.publicKey()}), decoded once per process
     * and provider: online verification reads the key from the ledger on every call and would otherwise decode it
     * every time. {@code null} when it is not a key this provider reads (not cached, so it costs a decode each time).
     */
    PublicKey cachedPublicKey(String base64) {
        if (base64 == null) {
            return null;
        }
        PublicKey cached = publicKeys.get(base64);
        if (cached != null) {
            return cached;
        }
        PublicKey decoded;
        try {
            decoded = publicKey(Base64.getDecoder().decode(base64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
        if (publicKeys.size() >= MAX_CACHED_KEYS) {
            publicKeys.clear();
        }
        publicKeys.put(base64, decoded);
        return decoded;
    }

    /** Whether {@code rawSignature} (64 bytes {@code r||s}) is a valid SHA256withECDSA signature of {@code message}. */
    boolean verify(PublicKey key, byte[] message, byte[] rawSignature) {
        byte[] der = EcdsaFormat.rawToDer(rawSignature);
        return der != null && ecdsa.verifyAnyS(key, message, der);
    }

    /** The providers that may be chosen, in order of preference, those that do not load left out. */
    static List<Provider> candidates() {
        List<Provider> providers = new ArrayList<>();
        for (FastEcdsa.Candidate candidate : FastEcdsa.candidates()) {
            try {
                providers.add(candidate.loader().call());
            } catch (Exception | LinkageError e) {
                // not on this platform
            }
        }
        return providers;
    }

    @Override
    public String toString() {
        return "CryptoProvider[" + ecdsa.summary()
                + (measuredVerifiesPerSecond > 0 ? ", " + Math.round(measuredVerifiesPerSecond) + " verifies/s" : "") + "]";
    }
}
