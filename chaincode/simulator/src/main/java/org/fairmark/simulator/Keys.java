package org.fairmark.simulator;

import java.util.Objects;

/** Key checks of the Java shim and the peer, and a printable form of keys for messages. */
final class Keys {
    private Keys() {}

    /** The checks the Java shim makes before sending a write to the peer, plus UTF-8 well-formedness. */
    static void requireWritable(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (key.isEmpty()) {
            // Sic: the shim's own message.
            throw new IllegalArgumentException("key cannot not be an empty string");
        }
        requireUtf8(key);
    }

    /**
     * Rejects keys that have no UTF-8 form. The peer requires UTF-8 keys; the Java shim's protobuf encoding would
     * silently replace an unpaired surrogate with {@code '?'} and so read or write a different key.
     */
    static void requireUtf8(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (!isWellFormed(key)) {
            throw new IllegalArgumentException("invalid key [" + printable(key) + "], must be a UTF-8 string");
        }
    }

    static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The key with composite-key separators, other controls and lone surrogates escaped, for messages. */
    static String printable(String key) {
        StringBuilder printable = new StringBuilder(key.length() + 8);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !isPairAt(key, i)) {
                printable.append(String.format("\\u%04X", (int) c));
            } else if (Character.isHighSurrogate(c) && key.codePointAt(i) == Character.MAX_CODE_POINT) {
                printable.append("\\U0010FFFF");
                i++;
            } else {
                printable.append(c);
            }
        }
        return printable.toString();
    }

    private static boolean isPairAt(String key, int index) {
        char c = key.charAt(index);
        if (Character.isHighSurrogate(c)) {
            return index + 1 < key.length() && Character.isLowSurrogate(key.charAt(index + 1));
        }
        return index > 0 && Character.isHighSurrogate(key.charAt(index - 1));
    }
}
