package org.fairmark.simulator;

import java.util.Arrays;
import java.util.HexFormat;

/** Defensive copies of byte arrays, so values handed out by this package cannot change what it recorded. */
final class Bytes {
    static final byte[] EMPTY = new byte[0];

    private Bytes() {}

    static byte[] copy(byte[] bytes) {
        return bytes.clone();
    }

    static byte[] copyOrNull(byte[] bytes) {
        return bytes == null ? null : bytes.clone();
    }

    static byte[] copyOrEmpty(byte[] bytes) {
        return bytes == null ? EMPTY : bytes.clone();
    }

    static String describe(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        if (bytes.length <= 32) {
            return HexFormat.of().formatHex(bytes);
        }
        return HexFormat.of().formatHex(Arrays.copyOf(bytes, 32)) + "...(" + bytes.length + " bytes)";
    }
}
