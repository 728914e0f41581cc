package org.fairmark.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one JSON dialect of Fairmark: every endorser must write byte-identical state, so objects are written with
 * sorted keys (record components, map entries and tree nodes alike), no whitespace and no {@code null} fields;
 * and requests are read strictly, so a request means one thing only.
 *
 * <p>Reading rejects: input over {@link Limits#MAX_REQUEST_BYTES} (before parsing), text that is not UTF-8 or
 * has unpaired surrogates (raw or escaped), duplicate keys, unknown properties, trailing tokens,
 * {@code null} or a missing value for a primitive, a fraction for an integer, a string for a number (and the
 * like), and nesting deeper than 64. {@link Instant} and {@link LocalDate} are ISO-8601 strings. A record
 * component absent from the JSON arrives as {@code null}; callers validate required fields.
 *
 * <pre>{@code
 * byte[] bytes = CanonicalJson.toBytes(new Point(2, 1));          // {"x":2,"y":1}
 * Point point = CanonicalJson.read(bytes, Point.class);
 * }</pre>
 *
 * <p>Collections are written in iteration order: use lists or sorted sets, never hash sets, on the ledger.
 */
public final class CanonicalJson {
    /** Deep enough for any Fairmark record, shallow enough that nesting never exhausts the stack. */
    private static final int MAX_NESTING_DEPTH = 64;

    /** How much of a parser's own message is repeated in ours. */
    private static final int MAX_DETAIL_LENGTH = 160;

    /** Jackson's advice on which feature to enable, which is not for the people reading our errors. */
    private static final Pattern JACKSON_HINT = Pattern.compile(
            "\\s*\\((?:set|but|although|through reference chain)[^)]*\\)|: (?:not allowed as per|disable|enable) .*$");

    private static final ObjectMapper MAPPER = newMapper();

    private CanonicalJson() {}

    /**
     * The canonical UTF-8 JSON of {@code value}.
     *
     * @throws DomainException {@link ErrorCode#INTERNAL_ERROR} when the value cannot be written (a defect, e.g.
     *     a type Jackson cannot serialize)
     */
    public static byte[] toBytes(Object value) {
        Objects.requireNonNull(value, "value == null");
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new DomainException(
                    ErrorCode.INTERNAL_ERROR,
                    "cannot write " + value.getClass().getSimpleName() + " as JSON: " + shorten(e.getMessage()));
        }
    }

    /** The canonical JSON of {@code value} as a string; see {@link #toBytes}. */
    public static String toJson(Object value) {
        return new String(toBytes(value), StandardCharsets.UTF_8);
    }

    /**
     * Reads a request or a ledger value.
     *
     * @throws DomainException {@link ErrorCode#PAYLOAD_TOO_LARGE} over {@link Limits#MAX_REQUEST_BYTES};
     *     {@link ErrorCode#MALFORMED_REQUEST} for anything that is not JSON of the type's shape (the message is
     *     short and never repeats the input); a {@link DomainException} thrown by the type's constructor (e.g.
     *     {@link ErrorCode#STANDARD_INVALID}) is passed on unchanged
     */
    public static <T> T read(byte[] json, Class<T> type) {
        Objects.requireNonNull(type, "type == null");
        return read(decode(json), type);
    }

    /**
     * Reads a value the contract stored on the ledger with {@link #toBytes}: the same mapper, shape checks and errors as
     * {@link #read(byte[], Class)}, parsed from the UTF-8 bytes as they are. Jackson's byte parser rejects malformed
     * UTF-8 itself; what this skips is decoding the bytes to a string first and scanning that string for unpaired
     * surrogates: a check for requests, while a stored value is what the contract itself wrote. A trace reads a dozen
     * records: skipping the decode and the scan cut online verification's contract CPU by about a sixth under C1
     * (bench/results/verify.md).
     *
     * @throws DomainException as {@link #read(byte[], Class)}
     */
    public static <T> T readStored(byte[] json, Class<T> type) {
        Objects.requireNonNull(json, "json == null");
        Objects.requireNonNull(type, "type == null");
        if (json.length > Limits.MAX_REQUEST_BYTES) {
            throw tooLarge(json.length);
        }
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (java.io.IOException e) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "the value cannot be read");
        }
        if (value == null) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "expected a JSON object, got null");
        }
        return value;
    }

    /** Reads a request or a ledger value from a string; see {@link #read(byte[], Class)}. */
    public static <T> T read(String json, Class<T> type) {
        Objects.requireNonNull(type, "type == null");
        checkText(json);
        T value = parse(json, text -> MAPPER.readValue(text, type));
        if (value == null) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "expected a JSON object, got null");
        }
        return value;
    }

    /**
     * Reads any JSON value as a tree, with the same strictness as {@link #read(byte[], Class)}. Fractions are
     * kept as exact decimals.
     *
     * @throws DomainException {@link ErrorCode#PAYLOAD_TOO_LARGE} or {@link ErrorCode#MALFORMED_REQUEST}
     */
    public static JsonNode tree(byte[] json) {
        return tree(decode(json));
    }

    /**
     * Re-writes any JSON document canonically: sorted keys, no whitespace. Arrays keep their order and
     * {@code null} members are kept, because they are content here.
     *
     * @throws DomainException {@link ErrorCode#PAYLOAD_TOO_LARGE} or {@link ErrorCode#MALFORMED_REQUEST}
     */
    public static String canonicalize(String json) {
        return toJson(tree(json));
    }

    private static JsonNode tree(String json) {
        checkText(json);
        JsonNode node = parse(json, MAPPER::readTree);
        if (node == null || node.isMissingNode()) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "the request is empty");
        }
        return node;
    }

    /** The same parse step for every entry point, turning every Jackson failure into a coded error. */
    private static <R> R parse(String json, JacksonCall<R> call) {
        try {
            return call.apply(json);
        } catch (JsonProcessingException e) {
            throw translate(e);
        }
    }

    @FunctionalInterface
    private interface JacksonCall<R> {
        R apply(String json) throws JsonProcessingException;
    }

    private static String decode(byte[] json) {
        Objects.requireNonNull(json, "json == null");
        if (json.length > Limits.MAX_REQUEST_BYTES) {
            throw tooLarge(json.length);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "the request is not valid UTF-8");
        }
    }

    /**
     * Size in UTF-8 bytes (before anything is parsed) and well-formed UTF-16, including JSON escapes of the form
     * backslash-u: an unpaired surrogate cannot be written back as UTF-8, so it has no canonical form.
     */
    private static void checkText(String json) {
        Objects.requireNonNull(json, "json == null");
        if (json.length() > Limits.MAX_REQUEST_BYTES) {
            throw tooLarge(json.length());
        }
        long utf8Bytes = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x80) {
                utf8Bytes += 1;
            } else if (c < 0x800) {
                utf8Bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                utf8Bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw unpairedSurrogate();
            } else {
                utf8Bytes += 3;
            }
        }
        if (utf8Bytes > Limits.MAX_REQUEST_BYTES) {
            throw tooLarge(utf8Bytes);
        }
        if (json.isBlank()) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "the request is empty");
        }
        for (int i = json.indexOf('\\'); i >= 0 && i + 1 < json.length(); i = json.indexOf('\\', i + 1)) {
            if (json.charAt(i + 1) != 'u') {
                i++; // a two-character escape such as a quoted backslash; an invalid one is left to the parser
                continue;
            }
            int unit = hex4(json, i + 2);
            if (unit < 0) {
                return; // a broken escape: the parser reports it
            }
            i += 5;
            if (Character.isHighSurrogate((char) unit)) {
                boolean escapedLow = i + 6 < json.length()
                        && json.charAt(i + 1) == '\\'
                        && json.charAt(i + 2) == 'u'
                        && hex4(json, i + 3) >= 0
                        && Character.isLowSurrogate((char) hex4(json, i + 3));
                if (!escapedLow) {
                    throw unpairedSurrogate();
                }
                i += 6;
            } else if (Character.isLowSurrogate((char) unit)) {
                throw unpairedSurrogate();
            }
        }
    }

    private static int hex4(String text, int from) {
        if (from + 4 > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            char c = text.charAt(i);
            int digit = c < 0x80 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static DomainException tooLarge(long size) {
        return new DomainException(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "the request has " + size + " bytes or more, at most " + Limits.MAX_REQUEST_BYTES + " allowed");
    }

    private static DomainException unpairedSurrogate() {
        return new DomainException(ErrorCode.MALFORMED_REQUEST, "the request contains an unpaired UTF-16 surrogate");
    }

    private static DomainException translate(JsonProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return domain;
            }
        }
        if (e instanceof InvalidDefinitionException) {
            return new DomainException(
                    ErrorCode.INTERNAL_ERROR, "the target type cannot be read from JSON: " + shorten(e.getOriginalMessage()));
        }
        if (e instanceof StreamConstraintsException) {
            return new DomainException(
                    ErrorCode.MALFORMED_REQUEST, "the request exceeds a JSON limit: " + shorten(e.getOriginalMessage()));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new DomainException(
                    ErrorCode.MALFORMED_REQUEST,
                    "unknown field " + Strings.quote(unknown.getPropertyName()) + " at " + path(unknown));
        }
        if (e instanceof JsonMappingException mapping) {
            return new DomainException(
                    ErrorCode.MALFORMED_REQUEST,
                    "wrong value at " + path(mapping) + ": " + shorten(e.getOriginalMessage()));
        }
        if (e instanceof StreamReadException) {
            return new DomainException(
                    ErrorCode.MALFORMED_REQUEST,
                    "not well-formed JSON" + location(e.getLocation()) + ": " + shorten(e.getOriginalMessage()));
        }
        return new DomainException(ErrorCode.MALFORMED_REQUEST, "cannot read the request: " + shorten(e.getOriginalMessage()));
    }

    /** {@code $.grades[0].name}, from Jackson's reference chain; odd field names are quoted. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder("$");
        for (JsonMappingException.Reference reference : e.getPath()) {
            String field = reference.getFieldName();
            if (field != null) {
                boolean plain = !field.isEmpty() && field.length() <= Strings.QUOTE_LIMIT && field.chars().allMatch(
                        c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
                out.append(plain ? "." + field : "[" + Strings.quote(field) + "]");
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** First line of a parser message, cut short and printable: it may quote the input. */
    private static String shorten(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = JACKSON_HINT.matcher(message.lines().findFirst().orElse("")).replaceAll("").strip();
        line = jsonTypeNames(line);
        StringBuilder out = new StringBuilder(Math.min(line.length(), MAX_DETAIL_LENGTH) + 3);
        for (int i = 0; i < line.length() && i < MAX_DETAIL_LENGTH; i++) {
            char c = line.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (line.length() > MAX_DETAIL_LENGTH) {
            out.append("...");
        }
        return out.toString();
    }

    /**
     * Jackson names the Java type it wanted ({@code `org.fairmark.….Requests$Pack`}, {@code `java.util.ArrayList<…>`})
     * and its own tokens ({@code (token `JsonToken.START_ARRAY`)}): internals of the reader, not something a caller can
     * act on, so they become the JSON kind expected: object, array, string, integer, number, boolean.
     */
    static String jsonTypeNames(String line) {
        String withoutTokens = JACKSON_TOKEN.matcher(line).replaceAll("");
        return JAVA_TYPE.matcher(withoutTokens).replaceAll(match -> "`" + jsonKind(match.group(1)) + "`");
    }

    private static final Pattern JACKSON_TOKEN = Pattern.compile("\\s*\\(token `JsonToken\\.[A-Z_]+`\\)");

    /** A back-quoted type name with a package or a nested class, generic arguments included. */
    private static final Pattern JAVA_TYPE = Pattern.compile("`([A-Za-z_][\\w$]*(?:[.$][\\w$]+)+(?:<[^`]*>)?(?:\\[\\])*)`");

    private static String jsonKind(String javaType) {
        String raw = javaType.replaceAll("<.*", "");
        if (raw.endsWith("[]")) {
            return "array";
        }
        return switch (raw) {
            case "java.lang.String", "java.lang.Character", "java.lang.CharSequence" -> "string";
            case "java.lang.Long", "java.lang.Integer", "java.lang.Short", "java.lang.Byte", "java.math.BigInteger" -> "integer";
            case "java.lang.Double", "java.lang.Float", "java.math.BigDecimal", "java.lang.Number" -> "number";
            case "java.lang.Boolean" -> "boolean";
            default -> {
                if (raw.startsWith("java.time.")) {
                    yield "string";
                }
                if (raw.startsWith("java.util.") && (raw.endsWith("List") || raw.endsWith("Set") || raw.endsWith("Collection"))) {
                    yield "array";
                }
                yield enumType(raw) ? "string" : "object";
            }
        };
    }

    /** Whether a named type is an enum (sent as a string); an unknown name reads as an object. */
    private static boolean enumType(String name) {
        try {
            return Class.forName(name, false, CanonicalJson.class.getClassLoader()).isEnum();
        } catch (ClassNotFoundException | LinkageError e) {
            try {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                return context != null && Class.forName(name, false, context).isEnum();
            } catch (ClassNotFoundException | LinkageError again) {
                return false;
            }
        }
    }

    private static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // RFC 8785 (and JavaScript's JSON.stringify) write characters outside the BMP as UTF-8, escapes in lower case
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(Limits.MAX_REQUEST_BYTES)
                        .build())
                .errorReportConfiguration(ErrorReportConfiguration.builder()
                        .maxErrorTokenLength(32)
                        .maxRawContentLength(0)
                        .build())
                .build();
        SimpleModule isoStrings = new SimpleModule("fairmark-iso-strings");
        isoStrings.addSerializer(Instant.class, new ToStringSerializer<>(Instant.class));
        isoStrings.addDeserializer(Instant.class, new IsoDeserializer<>(Instant.class, Instant::parse, "2024-05-01T08:00:00Z"));
        isoStrings.addSerializer(LocalDate.class, new ToStringSerializer<>(LocalDate.class));
        isoStrings.addDeserializer(LocalDate.class, new IsoDeserializer<>(LocalDate.class, LocalDate::parse, "2024-05-01"));
        return JsonMapper.builder(factory)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED, JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .enable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(isoStrings)
                .build();
    }

    /** Writes {@code value.toString()}, which is ISO-8601 for {@link Instant} and {@link LocalDate}. */
    private static final class ToStringSerializer<T> extends StdSerializer<T> {
        ToStringSerializer(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.toString());
        }
    }

    /** Reads an ISO-8601 string with the type's own strict parser; anything else is a mapping error. */
    private static final class IsoDeserializer<T> extends StdScalarDeserializer<T> {
        private final transient Function<String, T> parser;
        private final String example;

        IsoDeserializer(Class<T> type, Function<String, T> parser, String example) {
            super(type);
            this.parser = parser;
            this.example = example;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw context.wrongTokenException(parser, handledType(), JsonToken.VALUE_STRING, "expected an ISO-8601 string such as " + example);
            }
            String text = parser.getText();
            try {
                return this.parser.apply(text);
            } catch (DateTimeParseException e) {
                throw context.weirdStringException(text, handledType(), "not an ISO-8601 value such as " + example);
            }
        }
    }
}
