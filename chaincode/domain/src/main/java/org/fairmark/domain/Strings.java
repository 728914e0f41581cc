package org.fairmark.domain;

/** Helpers for error messages: they must stay short and printable whatever the input was. */
final class Strings {
    /** How many characters of an offending value an error message shows. */
    static final int QUOTE_LIMIT = 32;

    private Strings() {}

    /** The value in double quotes, cut to {@link #QUOTE_LIMIT} characters, anything but printable ASCII escaped. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(QUOTE_LIMIT + 24).append('"');
        int shown = Math.min(value.length(), QUOTE_LIMIT);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        out.append('"');
        if (value.length() > shown) {
            out.append("... (").append(value.length()).append(" characters)");
        }
        return out.toString();
    }

    /** One character for an error message: {@code 'x'} when printable ASCII, else {@code U+XXXX}. */
    static String describe(char c) {
        if (c > 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Position (1-based) of the first character that is not an ASCII digit, or 0 when all are digits. */
    static int firstNonDigit(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isAsciiDigit(value.charAt(i))) {
                return i + 1;
            }
        }
        return 0;
    }
}
