package org.fairmark.client;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Objects;
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
    private final FastEcdsa ecdsa;
    private final PrivateKey key;

    private FastSigner(FastEcdsa ecdsa, PrivateKey key) {
        this.ecdsa = ecdsa;
        this.key = ecdsa.importKey(key);
    }

    /**
     * A signer with {@code key}, an EC P-256 private key, on the fastest provider.
     *
     * @throws IllegalArgumentException when the key is not an EC key
     */
    public static FastSigner of(PrivateKey key) {
        return on(CryptoProvider.fastest(), key);
    }

    /** A signer with {@code key} on a given provider. */
    public static FastSigner on(CryptoProvider provider, PrivateKey key) {
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(key, "key == null");
        if (!(key instanceof java.security.interfaces.ECKey) && !"EC".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("a Fabric signing key is an EC key, not " + key.getAlgorithm());
        }
        // an engine of its own: its count is this signer's, not the process's (the embedded network counts its own)
        return new FastSigner(FastEcdsa.on(provider.ecdsa().provider()), key);
    }

    /** The provider's name, e.g. {@code Conscrypt}. */
    public String providerName() {
        return ecdsa.providerName();
    }

    /** How many digests this signer signed. */
    public long signatureCount() {
        return ecdsa.signatureCount();
    }

    /** Signs a 32-byte SHA-256 digest; returns a low-S DER ECDSA signature. */
    @Override
    public byte[] sign(byte[] digest) throws GeneralSecurityException {
        return ecdsa.signDigest(key, digest);
    }

    @Override
    public String toString() {
        return "FastSigner[" + ecdsa.summary() + "]";
    }
}
