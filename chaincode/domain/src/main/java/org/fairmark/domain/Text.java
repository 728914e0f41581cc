package org.fairmark.domain;

import java.util.Objects;

/**
 * Free text that goes on the ledger and onto buyers' verification pages: product names, reasons, remarks.
 *
 * <p>Control characters, line and paragraph separators and bidirectional overrides are refused because they
 * can make a page show something other than what was signed (U+202E turns "gpj.exe" into "exe.jpg"). The set is
 * a fixed list of code points rather than a Unicode category, so every endorser decides the same whatever its
 * JDK's Unicode version. Invisible characters (zero-width space U+200B, word joiner and invisible operators
 * U+2060..U+2064, the byte order mark U+FEFF, soft hyphen U+00AD, Mongolian vowel separator U+180E) are refused
 * too: they let two names that look the same differ on the ledger ("板栗" and "板\u200B栗"). The zero-width joiner and
 * non-joiner stay allowed, emoji sequences and some scripts need them. Look-alike letters (Cyrillic "а" for Latin "a")
 * are valid text and cannot be refused; see {@code docs/security.md} for why they cannot forge a label either.
 * Unpaired surrogates are refused because they cannot be written as UTF-8 JSON.
 */
public final class Text {
    private Text() {}

    /**
     * Returns {@code value} unchanged when it is present, not blank, free of forbidden characters and at most
     * {@code maxLength} code points long (a Chinese character counts as one).
     *
     * @param field the request field, named in the error message
     * @param maxLength at least 1, usually {@link Limits#MAX_TEXT_LENGTH}
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT} naming {@code field} and the problem
     * @throws IllegalArgumentException when {@code maxLength < 1}
     */
    public static String requireText(String field, String value, int maxLength) {
        Objects.requireNonNull(field, "field == null");
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
        }
        String problem = problem(value, maxLength);
        if (problem != null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, field + " " + problem);
        }
        return value;
    }

    /** What is wrong with {@code value} as text ("is blank", ...), or {@code null} when nothing is. */
    static String problem(String value, int maxLength) {
        if (value == null) {
            return "is missing";
        }
        if (value.isBlank()) {
            return "is blank";
        }
        int codePoints = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            codePoints++;
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate " + Strings.describe(c) + " at position " + codePoints;
            } else if (isForbidden(c)) {
                return "contains the control character " + Strings.describe(c) + " at position " + codePoints;
            } else if (isInvisible(c)) {
                return "contains the invisible character " + Strings.describe(c) + " at position " + codePoints;
            }
        }
        if (codePoints > maxLength) {
            return "has " + codePoints + " characters, at most " + maxLength + " allowed";
        }
        return null;
    }

    private static boolean isForbidden(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || c == '\u2028'
                || c == '\u2029'
                || c == '\u200e'
                || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u061c';
    }

    /** Characters that show as nothing: a name holding one looks like another name. */
    static boolean isInvisible(char c) {
        return c == '\u200b' || (c >= '\u2060' && c <= '\u2064') || c == '\ufeff' || c == '\u00ad' || c == '\u180e';
    }
}
