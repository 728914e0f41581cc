package org.fairmark.domain;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/** Label-signing keys: EC P-256 public keys, their canonical text form and their ids. */
public final class PublicKeys {
    private static final ECParameterSpec P256 = p256();

    private PublicKeys() {}

    /**
     * Parses an EC P-256 public key from PEM ({@code -----BEGIN PUBLIC KEY-----}) or base64 DER SubjectPublicKeyInfo.
     *
     * @throws DomainException {@link ErrorCode#INVALID_PUBLIC_KEY} for anything else
     */
    public static ECPublicKey parseP256(String text) {
        if (text == null || text.isBlank() || text.length() > 1024) {
            throw new DomainException(ErrorCode.INVALID_PUBLIC_KEY, "publicKey is missing or too long");
        }
        String body = text.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_PUBLIC_KEY, "publicKey is not base64");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DomainException(ErrorCode.INVALID_PUBLIC_KEY, "publicKey is not an EC SubjectPublicKeyInfo");
        }
        if (!(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
            throw new DomainException(ErrorCode.INVALID_PUBLIC_KEY, "publicKey is not on curve P-256");
        }
        return ec;
    }

    /** Base64 of the DER SubjectPublicKeyInfo: the form stored on the ledger. */
    public static String toBase64(PublicKey key) {
        return Base64.getEncoder().encodeToString(Objects.requireNonNull(key, "key == null").getEncoded());
    }

    /** The key id: lowercase hex of the first 16 bytes of SHA-256 over the DER SubjectPublicKeyInfo. */
    public static String keyId(PublicKey key) {
        byte[] digest = sha256(Objects.requireNonNull(key, "key == null").getEncoded());
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] data) {
        return Sha256Hex.digest(data);
    }

    private static boolean isP256(ECParameterSpec params) {
        return params != null
                && params.getCurve().equals(P256.getCurve())
                && params.getGenerator().equals(P256.getGenerator())
                && params.getOrder().equals(P256.getOrder());
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is required by every JDK", e);
        }
    }
}
