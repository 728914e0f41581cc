package org.fairmark.cli;

/**
 * The one HTML escaper of the pages the CLI writes: the web app's pages and the bench's HTML report. (The integrity
 * badge keeps its own, reversible escaper for the claim it embeds, {@code org.fairmark.client.IntegrityBadge}.)
 */
public final class HtmlText {
    private HtmlText() {}

    /**
     * Text safe in element content and in double-quoted attribute values: {@code & < > " '} are escaped and control
     * characters (which no page needs), bidirectional controls and invisible characters show as U+FFFD, as do unpaired
     * surrogates.
     */
    public static String escape(String text) {
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
}
