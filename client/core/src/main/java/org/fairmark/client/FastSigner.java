package org.fairmark.client;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.fairmark.devca.FastEcdsa;
import org.hyperledger.fabric.client.identity.Signer;

/**
 * A fabric-gateway {@link Signer} on the fastest ECDSA provider ({@link CryptoProvider#fastest()}: Conscrypt, else
 * Bouncy Castle): fabric-gateway hashes each proposal and transaction with SHA-256 and hands the digest over; this
 * signs it and returns the DER signature with a low {@code s}, as Fabric requires. The key is imported into the
 * provider once. {@link FairmarkClient} signs with it by default; about five times the signatures per second of
 * fabric-gateway's own {@code Signers.newPrivateKeySigner} (bench/results/crypto-providers.md).
 *
 * <pre>{@code
 * Gateway.newInstance()
 *         .identity(new X509Identity(mspId, certificate))
 *         .signer(FastSigner.of(privateKey))
 *         .hash(Hash.SHA256)
 *         ...
 * }</pre>
 */
public final class FastSigner implements Signer {
    private final CompletableFuture<FastEcdsa> chosen;
    private final PrivateKey givenKey;
    private volatile FastEcdsa ecdsa;
    private volatile PrivateKey key;

    private FastSigner(CompletableFuture<FastEcdsa> chosen, PrivateKey key) {
        this.chosen = chosen;
        this.givenKey = key;
    }

    /**
     * A signer with {@code key}, an EC P-256 private key, on the fastest provider. When that provider is not chosen
     * yet, the choice starts in the background ({@link FastEcdsa#preload()}) and the first signature waits for it.
     *
     * @throws IllegalArgumentException when the key is not an EC key
     */
    public static FastSigner of(PrivateKey key) {
        requireEc(key);
        return new FastSigner(FastEcdsa.preload().thenApply(process -> FastEcdsa.on(process.provider())), key);
    }

    /** A signer with {@code key} on a given provider. */
    public static FastSigner on(CryptoProvider provider, PrivateKey key) {
        Objects.requireNonNull(provider, "provider == null");
        requireEc(key);
        // an engine of its own: its count is this signer's, not the process's (the embedded network counts its own)
        return new FastSigner(CompletableFuture.completedFuture(FastEcdsa.on(provider.ecdsa().provider())), key);
    }

    private static void requireEc(PrivateKey key) {
        Objects.requireNonNull(key, "key == null");
        if (!(key instanceof ECKey) && !"EC".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("a Fabric signing key is an EC key, not " + key.getAlgorithm());
        }
    }

    /** The provider's name, e.g. {@code Conscrypt} (waits for the choice). */
    public String providerName() {
        return engine().providerName();
    }

    /** How many digests this signer signed. */
    public long signatureCount() {
        FastEcdsa engine = ecdsa;
        return engine == null ? 0 : engine.signatureCount();
    }

    /** Signs a 32-byte SHA-256 digest; returns a low-S DER ECDSA signature. */
    @Override
    public byte[] sign(byte[] digest) throws GeneralSecurityException {
        FastEcdsa engine = engine();
        return engine.signDigest(key, digest);
    }

    private FastEcdsa engine() {
        FastEcdsa engine = ecdsa;
        if (engine == null) {
            synchronized (this) {
                engine = ecdsa;
                if (engine == null) {
                    engine = chosen.join();
                    key = engine.importKey(givenKey);
                    ecdsa = engine;
                }
            }
        }
        return engine;
    }

    @Override
    public String toString() {
        FastEcdsa engine = ecdsa;
        return "FastSigner[" + (engine == null ? "provider being chosen" : engine.summary()) + "]";
    }
}
