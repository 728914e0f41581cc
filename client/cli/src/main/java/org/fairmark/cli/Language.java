package org.fairmark.cli;

import java.util.Locale;

/** The language of human-readable output. */
enum Language {
    EN,
    ZH;

    /** The locale of names shown in this language ({@link org.fairmark.client.OrgDirectory}). */
    Locale locale() {
        return this == ZH ? Locale.CHINESE : Locale.ENGLISH;
    }

    /**
     * Reads {@code zh}, {@code zh-CN}, {@code zh_CN.UTF-8}, {@code en}, ...
     *
     * @throws UsageException for anything else
     */
    static Language parse(String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("zh")) {
            return ZH;
        }
        if (lower.startsWith("en") || lower.equals("c") || lower.startsWith("c.") || lower.equals("posix")) {
            return EN;
        }
        throw new UsageException("--lang must be zh or en, not '" + value + "'");
    }
}
