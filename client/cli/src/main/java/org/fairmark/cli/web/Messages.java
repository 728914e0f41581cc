package org.fairmark.cli.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The texts of the HTML pages, from {@code messages_en.properties} and {@code messages_zh.properties} (UTF-8) beside
 * this class. {@code {0}}, {@code {1}} … are replaced by arguments, which the caller escapes.
 */
final class Messages {
    private static final Map<Lang, Properties> TEXTS = load();

    private Messages() {}

    private static Map<Lang, Properties> load() {
        Map<Lang, Properties> texts = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            String name = "messages_" + lang.code() + ".properties";
            Properties properties = new Properties();
            try (InputStream in = Messages.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + name);
                }
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            texts.put(lang, properties);
        }
        return texts;
    }

    /** The text of {@code key}; an unknown key is a defect and fails loudly. */
    static String get(Lang lang, String key, Object... arguments) {
        String text = TEXTS.get(lang).getProperty(key);
        if (text == null) {
            throw new IllegalStateException("no text " + key + " for " + lang);
        }
        for (int i = 0; i < arguments.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
        }
        return text;
    }

    /** A text about {@code n} things: {@code key.one} when n is 1 and the language has such a text, else {@code key}. */
    static String count(Lang lang, String key, long n) {
        return n == 1 && has(lang, key + ".one") ? get(lang, key + ".one", n) : get(lang, key, n);
    }

    /** Whether a text exists, for optional texts such as the meaning of an enum value. */
    static boolean has(Lang lang, String key) {
        return TEXTS.get(lang).containsKey(key);
    }

    /** Keys of one language, for the test that both languages have the same. */
    static Set<String> keys(Lang lang) {
        Set<String> keys = new TreeSet<>();
        for (Object key : TEXTS.get(lang).keySet()) {
            keys.add((String) key);
        }
        return keys;
    }
}
