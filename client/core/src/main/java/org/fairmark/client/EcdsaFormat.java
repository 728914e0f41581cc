package org.fairmark.client;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/** ECDSA P-256 signature encodings: raw {@code r||s} (64 bytes, JOSE/P1363) and DER; base64url without padding. */
final class EcdsaFormat {
    static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final BigInteger HALF_ORDER = P256_ORDER.shiftRight(1);

    private EcdsaFormat() {}

    /** DER {@code SEQUENCE{INTEGER r, INTEGER s}} to 64 bytes {@code r||s}, with s normalized to the lower half. */
    static byte[] derToRaw(byte[] der) {
        int offset = 0;
        if (der.length < 8 || der[offset++] != 0x30) {
            throw new IllegalArgumentException("not a DER ECDSA signature");
        }
        int length = der[offset++] & 0xff;
        if (length == 0x81) {
            length = der[offset++] & 0xff;
        }
        if (offset + length != der.length) {
            throw new IllegalArgumentException("DER ECDSA signature has a wrong length");
        }
        BigInteger[] values = new BigInteger[2];
        for (int i = 0; i < 2; i++) {
            if (der[offset++] != 0x02) {
                throw new IllegalArgumentException("DER ECDSA signature lacks an INTEGER");
            }
            int size = der[offset++] & 0xff;
            values[i] = new BigInteger(1, Arrays.copyOfRange(der, offset, offset + size));
            offset += size;
        }
        BigInteger s = values[1];
        if (s.compareTo(HALF_ORDER) > 0) {
            s = P256_ORDER.subtract(s);
        }
        byte[] raw = new byte[64];
        copyUnsigned(values[0], raw, 0);
        copyUnsigned(s, raw, 32);
        return raw;
    }

    /** 64 bytes {@code r||s} to DER; null when r or s is zero or not below the group order. */
    static byte[] rawToDer(byte[] raw) {
        if (raw.length != 64) {
            return null;
        }
        byte[] r = integer(raw, 0);
        byte[] s = integer(raw, 32);
        if (r == null || s == null) {
            return null;
        }
        int bodyLength = 2 + r.length + 2 + s.length;
        byte[] der = new byte[2 + bodyLength];
        int offset = 0;
        der[offset++] = 0x30;
        der[offset++] = (byte) bodyLength;
        der[offset++] = 0x02;
        der[offset++] = (byte) r.length;
        System.arraycopy(r, 0, der, offset, r.length);
        offset += r.length;
        der[offset++] = 0x02;
        der[offset++] = (byte) s.length;
        System.arraycopy(s, 0, der, offset, s.length);
        return der;
    }

    /** Minimal DER INTEGER content of 32 unsigned bytes, or null for 0 or a value ≥ the order. */
    private static byte[] integer(byte[] raw, int from) {
        BigInteger value = new BigInteger(1, Arrays.copyOfRange(raw, from, from + 32));
        if (value.signum() == 0 || value.compareTo(P256_ORDER) >= 0) {
            return null;
        }
        return value.toByteArray();
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, out, offset + 32 - length, length);
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Decodes unpadded base64url, or returns null when the text is not its canonical encoding. */
    static byte[] fromBase64Url(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return null;
            }
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            return base64Url(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
