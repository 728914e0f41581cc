package org.fairmark.cli.web;

import java.util.Locale;

/**
 * The languages of the HTML pages. {@code ?lang=} wins, then the best of {@code Accept-Language}; a request with no
 * language preference gets Chinese, the language of the places labels are scanned in, and one that accepts neither
 * language gets English.
 */
enum Lang {
    ZH("zh", "zh-CN"),
    EN("en", "en");

    private final String code;
    private final String tag;

    Lang(String code, String tag) {
        this.code = code;
        this.tag = tag;
    }

    /** The value of the {@code lang} query parameter. */
    String code() {
        return code;
    }

    /** The locale of names shown in this language ({@link org.fairmark.client.OrgDirectory}). */
    Locale locale() {
        return this == ZH ? Locale.CHINESE : Locale.ENGLISH;
    }

    /** The BCP 47 tag for {@code <html lang>} and {@code Content-Language}. */
    String tag() {
        return tag;
    }

    Lang other() {
        return this == ZH ? EN : ZH;
    }

    /** The {@code lang} query value, or {@code null} when it names no supported language. */
    static Lang fromQuery(String value) {
        if (value == null) {
            return null;
        }
        return of(value.strip().toLowerCase(Locale.ROOT));
    }

    private static Lang of(String tag) {
        if (tag.equals("zh") || tag.startsWith("zh-") || tag.startsWith("zh_")) {
            return ZH;
        }
        if (tag.equals("en") || tag.startsWith("en-") || tag.startsWith("en_")) {
            return EN;
        }
        return null;
    }

    /** Picks the page language from the {@code lang} parameter and the {@code Accept-Language} header. */
    static Lang negotiate(String queryValue, String acceptLanguage) {
        Lang chosen = fromQuery(queryValue);
        if (chosen != null) {
            return chosen;
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ZH;
        }
        Lang best = null;
        double bestQuality = 0;
        int ranges = 0;
        for (String range : acceptLanguage.split(",")) {
            if (++ranges > 50) {
                break;
            }
            String[] parts = range.split(";");
            Lang lang = of(parts[0].strip().toLowerCase(Locale.ROOT));
            double quality = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            if (lang != null && quality > bestQuality && quality <= 1.0) {
                best = lang;
                bestQuality = quality;
            }
        }
        return best != null ? best : EN;
    }
}
