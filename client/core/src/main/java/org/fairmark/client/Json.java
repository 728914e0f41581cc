package org.fairmark.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.ErrorCode;

/**
 * JSON of the client. Requests are written canonically by {@link CanonicalJson} (the bytes the contract hashes for
 * idempotency); results are read leniently (unknown fields ignored) so a newer contract that adds a field does not
 * break an older client.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    /** Writes trees with sorted keys and no whitespace, like {@link CanonicalJson} but without its size limit. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                    .disable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                    .build())
            .enable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private Json() {}

    /** Canonical UTF-8 bytes of a tree: sorted keys at every level, no whitespace. */
    static byte[] canonical(JsonNode tree) {
        try {
            return CANONICAL.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw FairmarkException.client(ErrorCode.INTERNAL_ERROR, "cannot write JSON: " + e.getMessage(), e);
        }
    }

    static TypeFactory types() {
        return MAPPER.getTypeFactory();
    }

    static JavaType type(Class<?> type) {
        return MAPPER.constructType(type);
    }

    static JavaType listOf(Class<?> element) {
        return types().constructCollectionType(java.util.List.class, element);
    }

    static JavaType parametric(Class<?> raw, Class<?>... parameters) {
        return types().constructParametricType(raw, parameters);
    }

    /** Canonical JSON bytes of a request (sorted keys, no nulls). */
    static byte[] request(Object request) {
        return CanonicalJson.toBytes(request);
    }

    static <T> T read(byte[] json, JavaType type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            throw FairmarkException.client(
                    ErrorCode.INTERNAL_ERROR, "cannot read the result of " + what + " as " + type.getRawClass().getSimpleName(), e);
        }
    }

    static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw FairmarkException.client(ErrorCode.MALFORMED_REQUEST, "not JSON: " + e.getMessage(), e);
        }
    }

    static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw FairmarkException.client(ErrorCode.INTERNAL_ERROR, "cannot write JSON: " + e.getMessage(), e);
        }
    }
}
