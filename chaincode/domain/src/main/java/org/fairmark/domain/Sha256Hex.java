package org.fairmark.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SHA-256 digest written as 64 lower-case hex digits: how the ledger refers to photos, lab reports and other
 * evidence kept off-ledger. One spelling only, so equal documents always have equal hashes on the ledger.
 */
public final class Sha256Hex {
    /** 32 bytes, two hex digits each. */
    public static final int LENGTH = 64;

    private Sha256Hex() {}

    /**
     * Returns {@code hash} when it is 64 lower-case hex digits.
     *
     * @throws DomainException {@link ErrorCode#INVALID_HASH}, naming upper-case digits as such
     */
    public static String requireValid(String hash) {
        if (hash == null) {
            throw new DomainException(ErrorCode.INVALID_HASH, "hash is missing");
        }
        if (hash.length() != LENGTH) {
            throw new DomainException(
                    ErrorCode.INVALID_HASH,
                    "SHA-256 hash must be exactly 64 hex digits, got " + hash.length() + " characters");
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = hash.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                String why = c >= 'A' && c <= 'F' ? "; write hex digits in lower case" : "";
                throw new DomainException(
                        ErrorCode.INVALID_HASH,
                        "SHA-256 hash contains " + Strings.describe(c) + " at position " + (i + 1) + why);
            }
        }
        return hash;
    }

    /** The SHA-256 digest of {@code data} in the ledger's spelling. */
    public static String of(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }

    /** The 32-byte SHA-256 digest of {@code data}: the project's one place that asks the JDK for SHA-256 at once. */
    public static byte[] digest(byte[] data) {
        Objects.requireNonNull(data, "data == null");
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
