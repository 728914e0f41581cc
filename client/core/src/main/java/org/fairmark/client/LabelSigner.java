package org.fairmark.client;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.PublicKeys;

/**
 * A packer's label key: an EC P-256 key pair whose public half is registered on the ledger
 * ({@link Packer#registerLabelKey(LabelSigner)}) and whose private half signs labels (ES256). Keep the private key
 * on the packing station; {@link #toPem()} writes both halves for safekeeping.
 *
 * <pre>{@code
 * LabelSigner signer = LabelSigner.generate();
 * Files.writeString(Path.of("label-key.pem"), signer.toPem());
 * SignedLabel label = signer.sign(claim, "https://id.fairmark.cn");
 * }</pre>
 *
 * <p>Instances are thread-safe.
 */
public final class LabelSigner {
    private final PrivateKey privateKey;
    private final ECPublicKey publicKey;
    private final String keyId;

    private LabelSigner(PrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = PublicKeys.keyId(publicKey);
    }

    /** A new random P-256 key pair. */
    public static LabelSigner generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new LabelSigner(pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is required by every JDK", e);
        }
    }

    /**
     * Reads a signer written by {@link #toPem()}: a {@code PRIVATE KEY} (PKCS#8) and a {@code PUBLIC KEY} block.
     *
     * @throws FairmarkException {@link ErrorCode#INVALID_PUBLIC_KEY} when a block is missing, the key is not P-256 or
     *     the halves do not match
     */
    public static LabelSigner fromPem(String pem) {
        Objects.requireNonNull(pem, "pem == null");
        String publicBlock = block(pem, "PUBLIC KEY");
        String privateBlock = block(pem, "PRIVATE KEY");
        ECPublicKey publicKey;
        try {
            publicKey = PublicKeys.parseP256(publicBlock);
        } catch (DomainException e) {
            throw FairmarkException.client(e.code(), e.detail());
        }
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(privateBlock)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw FairmarkException.client(ErrorCode.INVALID_PUBLIC_KEY, "the PRIVATE KEY block is not a PKCS#8 EC key", e);
        }
        LabelSigner signer = new LabelSigner(privateKey, publicKey);
        byte[] probe = {1, 2, 3};
        if (!CryptoProvider.jdk().verify(publicKey, probe, signer.signRaw(probe))) {
            throw FairmarkException.client(ErrorCode.INVALID_PUBLIC_KEY, "the private key does not belong to the public key");
        }
        return signer;
    }

    private static String block(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = from < 0 ? -1 : pem.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw FairmarkException.client(ErrorCode.INVALID_PUBLIC_KEY, "the label key PEM lacks a " + type + " block");
        }
        return pem.substring(from + begin.length(), to).replaceAll("\\s", "");
    }

    /** The key id the ledger knows the key by: hex of the first 16 bytes of SHA-256 of the DER public key. */
    public String keyId() {
        return keyId;
    }

    /** The public key. */
    public ECPublicKey publicKey() {
        return publicKey;
    }

    /** The public key as base64 DER SubjectPublicKeyInfo, the form {@code labelkey:Register} takes. */
    public String publicKeyBase64() {
        return PublicKeys.toBase64(publicKey);
    }

    /** Both halves as PEM: {@code PRIVATE KEY} (PKCS#8) then {@code PUBLIC KEY}. Keep it secret. */
    public String toPem() {
        return org.fairmark.devca.Pem.writePrivateKey(privateKey) + org.fairmark.devca.Pem.writePublicKey(publicKey);
    }

    /**
     * Signs a claim. The claim's key id must be this signer's.
     *
     * @param resolver the label URI base, {@code http(s)://host[:port][/path]}
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} when the key id differs or the resolver is malformed
     */
    public SignedLabel sign(LabelClaim claim, String resolver) {
        Objects.requireNonNull(claim, "claim == null");
        SignedLabel.requireResolver(resolver);
        if (!claim.keyId().equals(keyId)) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT,
                    "the claim names key " + claim.keyId() + " but this signer's key is " + keyId);
        }
        return new SignedLabel(claim, signRaw(claim.canonicalBytes()), resolver);
    }

    byte[] signRaw(byte[] message) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(privateKey);
            signature.update(message);
            return EcdsaFormat.derToRaw(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with a P-256 key", e);
        }
    }

    @Override
    public String toString() {
        return "LabelSigner[" + keyId + "]";
    }
}
