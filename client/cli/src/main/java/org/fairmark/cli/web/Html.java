package org.fairmark.cli.web;

import static org.fairmark.cli.HtmlText.escape;

import java.util.Map;
import org.fairmark.domain.Gs1;

/**
 * Small building blocks of the HTML pages. Every value from the ledger or the request goes through
 * {@link HtmlText#escape}.
 */
final class Html {
    private Html() {}

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
