package org.fairmark.cli.web;

import java.util.Map;
import org.fairmark.domain.Gs1;

/** Escaping and small building blocks of the HTML pages. Every value from the ledger or the request goes through {@link #escape}. */
final class Html {
    private Html() {}

    /**
     * Text safe in element content and in double-quoted attribute values: {@code & < > " '} are escaped and control
     * characters (which no page needs), bidirectional controls and invisible characters show as U+FFFD, as do unpaired
     * surrogates.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c) || (Character.isISOControl(c) && c != '\n' && c != '\t') || misleading(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Bidirectional controls, line separators and invisible characters: a page showing them could say something other
     * than the record holds (U+202E turns "gpj.exe" into "exe.jpg"; U+200B makes two names look the same). The domain
     * refuses them at input ({@code org.fairmark.domain.Text}); pages show what slipped through as U+FFFD.
     */
    private static boolean misleading(char c) {
        return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f'
                || c == '\u061c' || c == '\u2028' || c == '\u2029' || c == '\u200b' || (c >= '\u2060' && c <= '\u2064')
                || c == '\ufeff' || c == '\u00ad' || c == '\u180e';
    }

    /** A query-string name or value, percent-encoded as a path segment ({@link Gs1#percentEncode}). */
    static String url(String value) {
        return Gs1.percentEncode(value);
    }

    /**
     * A relative link to the same page with {@code lang} set: the other parameters are kept in order, so the language
     * toggle works without JavaScript.
     */
    static String withLang(Map<String, String> query, Lang lang) {
        StringBuilder href = new StringBuilder("?");
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            if (parameter.getKey().equals("lang")) {
                continue;
            }
            href.append(url(parameter.getKey())).append('=').append(url(parameter.getValue())).append('&');
        }
        href.append("lang=").append(lang.code());
        return escape(href.toString());
    }

    /** A {@code <dt>}/{@code <dd>} pair; the value is escaped, an absent value leaves the pair out. */
    static void row(StringBuilder out, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        out.append("<dt>").append(escape(label)).append("</dt><dd>").append(escape(value)).append("</dd>");
    }
}
