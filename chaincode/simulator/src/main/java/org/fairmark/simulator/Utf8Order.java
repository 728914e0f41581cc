package org.fairmark.simulator;

import java.util.Comparator;

/**
 * Orders keys by their UTF-8 bytes, which is how Fabric's LevelDB state database (and Go's string comparison)
 * orders them. {@link String#compareTo} compares UTF-16 code units instead and disagrees for supplementary
 * characters: U+1F34E (a surrogate pair) sorts before U+FFFD in UTF-16 but after it in UTF-8.
 *
 * <p>UTF-8 byte order equals code point order, so keys are compared code point by code point without encoding
 * them. Unpaired surrogates (not valid UTF-8, rejected as keys) are compared as code units, consistently.
 *
 * <pre>{@code
 * NavigableMap<String, byte[]> state = new TreeMap<>(Utf8Order.INSTANCE);
 * }</pre>
 */
public final class Utf8Order implements Comparator<String> {
    /** The one instance. */
    public static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {}

    @Override
    public int compare(String left, String right) {
        int length = Math.min(left.length(), right.length());
        for (int i = 0; i < length; i++) {
            char a = left.charAt(i);
            char b = right.charAt(i);
            if (a != b) {
                // Same prefix so far; only a surrogate against U+E000..U+FFFF orders differently by code point.
                if (a >= Character.MIN_SURROGATE && b >= Character.MIN_SURROGATE) {
                    return Integer.compare(codePointRank(a), codePointRank(b));
                }
                return Character.compare(a, b);
            }
        }
        return Integer.compare(left.length(), right.length());
    }

    /** Moves surrogates above U+E000..U+FFFF, as the code points they encode are all above U+FFFF. */
    private static int codePointRank(char c) {
        return c > Character.MAX_SURROGATE ? c - 0x800 : c + 0x2000;
    }

    /**
     * The smallest key greater than {@code key} in this order: {@code key} followed by U+0000. A scan that
     * resumes after {@code key} starts here.
     */
    static String successor(String key) {
        return key + '\u0000';
    }

    @Override
    public String toString() {
        return "Utf8Order";
    }
}
