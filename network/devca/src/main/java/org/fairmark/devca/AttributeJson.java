package org.fairmark.devca;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Fabric CA attribute document {@code {"attrs":{"name":"value",...}}}, encoded byte for byte as Go's
 * {@code json.Marshal} does in Fabric CA (keys sorted; {@code <>&} and U+2028/U+2029 escaped), and a small parser.
 */
final class AttributeJson {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final int MAX_NAME_LENGTH = 128;
    private static final int MAX_VALUE_LENGTH = 4096;

    private AttributeJson() {}

    /** Checks names and values and returns them sorted by name. */
    static SortedMap<String, String> validate(Map<String, String> attributes) {
        SortedMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            if (name == null) {
                throw new IllegalArgumentException("attribute name == null");
            }
            if (value == null) {
                throw new IllegalArgumentException("attribute " + name + ": value == null");
            }
            if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "attribute name must match [A-Za-z0-9._-]{1," + MAX_NAME_LENGTH + "}: '" + name + "'");
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException(
                        "attribute " + name + ": value longer than " + MAX_VALUE_LENGTH + " characters");
            }
            value.codePoints().forEach(codePoint -> {
                if (!isPrintable(codePoint)) {
                    throw new IllegalArgumentException(String.format(
                            "attribute %s: value contains non-printable character U+%04X", name, codePoint));
                }
            });
            sorted.put(name, value);
        }
        return sorted;
    }

    private static boolean isPrintable(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.SURROGATE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.PRIVATE_USE:
                return false;
            default:
                return true;
        }
    }

    /** UTF-8 JSON of already validated, sorted attributes. */
    static byte[] encode(SortedMap<String, String> attributes) {
        StringBuilder json = new StringBuilder("{\"attrs\":{");
        boolean first = true;
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            appendString(json, entry.getKey());
            json.append(':');
            appendString(json, entry.getValue());
        }
        return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    json.append("\\\"");
                    break;
                case '\\':
                    json.append("\\\\");
                    break;
                case '<':
                case '>':
                case '&':
                case '\u2028':
                case '\u2029':
                    json.append(String.format("\\u%04x", (int) c));
                    break;
                default:
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
        json.append('"');
    }

    /**
     * The string members of the {@code attrs} object of a Fabric CA attribute document.
     *
     * @throws DevCaException if the bytes are not such a document
     */
    static Map<String, String> decode(byte[] utf8) {
        Parser parser = new Parser(new String(utf8, StandardCharsets.UTF_8));
        Object document = parser.parseDocument();
        if (!(document instanceof Map)) {
            throw new DevCaException("attribute extension is not a JSON object");
        }
        Object attrs = ((Map<?, ?>) document).get("attrs");
        if (!(attrs instanceof Map)) {
            throw new DevCaException("attribute extension has no \"attrs\" object");
        }
        SortedMap<String, String> result = new TreeMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) attrs).entrySet()) {
            if (!(entry.getValue() instanceof String)) {
                throw new DevCaException("attribute " + entry.getKey() + " is not a JSON string");
            }
            result.put((String) entry.getKey(), (String) entry.getValue());
        }
        return result;
    }

    /** Just enough JSON: objects, arrays, strings, and other literals skipped as opaque tokens. */
    private static final class Parser {
        private static final Object OTHER = new Object();
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        Object parseDocument() {
            Object value = parseValue(0);
            skipWhitespace();
            if (position != text.length()) {
                throw error("trailing characters");
            }
            return value;
        }

        private Object parseValue(int depth) {
            if (depth > 32) {
                throw error("nested too deeply");
            }
            skipWhitespace();
            if (position >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(position);
            if (c == '{') {
                return parseObject(depth);
            }
            if (c == '[') {
                position++;
                skipWhitespace();
                if (consume(']')) {
                    return OTHER;
                }
                do {
                    parseValue(depth + 1);
                    skipWhitespace();
                } while (consume(','));
                expect(']');
                return OTHER;
            }
            if (c == '"') {
                return parseString();
            }
            int start = position;
            while (position < text.length() && "+-.0123456789Eaeflnrstu".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
            if (start == position) {
                throw error("unexpected character '" + c + "'");
            }
            return OTHER;
        }

        private Map<String, Object> parseObject(int depth) {
            expect('{');
            Map<String, Object> members = new TreeMap<>();
            skipWhitespace();
            if (consume('}')) {
                return members;
            }
            do {
                skipWhitespace();
                String name = parseString();
                skipWhitespace();
                expect(':');
                members.put(name, parseValue(depth + 1));
                skipWhitespace();
            } while (consume(','));
            expect('}');
            return members;
        }

        private String parseString() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                if (position >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(position++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (position >= text.length()) {
                    throw error("unterminated escape");
                }
                char escape = text.charAt(position++);
                switch (escape) {
                    case '"':
                    case '\\':
                    case '/':
                        value.append(escape);
                        break;
                    case 'b':
                        value.append('\b');
                        break;
                    case 'f':
                        value.append('\f');
                        break;
                    case 'n':
                        value.append('\n');
                        break;
                    case 'r':
                        value.append('\r');
                        break;
                    case 't':
                        value.append('\t');
                        break;
                    case 'u':
                        if (position + 4 > text.length()) {
                            throw error("truncated \\u escape");
                        }
                        int unit = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = Character.digit(text.charAt(position++), 16);
                            if (digit < 0) {
                                throw error("invalid \\u escape");
                            }
                            unit = unit * 16 + digit;
                        }
                        value.append((char) unit);
                        break;
                    default:
                        throw error("invalid escape \\" + escape);
                }
            }
        }

        private void skipWhitespace() {
            while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
        }

        private boolean consume(char c) {
            if (position < text.length() && text.charAt(position) == c) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!consume(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private DevCaException error(String problem) {
            return new DevCaException("attribute extension is not valid JSON: " + problem + " at offset " + position);
        }
    }
}
