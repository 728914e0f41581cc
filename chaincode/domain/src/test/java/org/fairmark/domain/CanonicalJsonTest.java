package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {
    enum Kind {
        APPLE,
        PEAR
    }

    record Inner(String name, long grams) {}

    record Sample(
            String text,
            long count,
            int small,
            boolean flag,
            Integer maybe,
            Kind kind,
            List<String> tags,
            Map<String, Long> amounts,
            Instant at,
            LocalDate day,
            Inner inner,
            List<Inner> inners) {}

    static final String MINIMAL = "{\"count\":1,\"flag\":false,\"small\":2}";

    static Sample minimal() {
        return new Sample(null, 1, 2, false, null, null, null, null, null, null, null, null);
    }

    @Nested
    class Writing {
        @Test
        void writes_sorted_keys_without_whitespace_and_omits_nulls() {
            Map<String, Long> amounts = new LinkedHashMap<>();
            amounts.put("zeta", 2L);
            amounts.put("alpha", 1L);
            Sample sample = new Sample("板栗 🌰", 7, 3, true, null, Kind.PEAR, List.of("z", "a"), amounts,
                    Instant.parse("2024-09-15T08:30:00Z"), LocalDate.of(2024, 9, 15), new Inner("n", 5), List.of());
            assertThat(CanonicalJson.toJson(sample)).isEqualTo("{\"amounts\":{\"alpha\":1,\"zeta\":2},"
                    + "\"at\":\"2024-09-15T08:30:00Z\",\"count\":7,\"day\":\"2024-09-15\",\"flag\":true,"
                    + "\"inner\":{\"grams\":5,\"name\":\"n\"},\"inners\":[],\"kind\":\"PEAR\",\"small\":3,"
                    + "\"tags\":[\"z\",\"a\"],\"text\":\"板栗 🌰\"}");
        }

        @Test
        void writes_minimal_record() {
            assertThat(CanonicalJson.toJson(minimal())).isEqualTo(MINIMAL);
        }

        @Test
        void writes_characters_outside_the_bmp_as_utf_8_and_escapes_controls_in_lower_case() {
            byte[] bytes = CanonicalJson.toBytes(List.of("🌰", "a\u001fb\n"));
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("[\"🌰\",\"a\\u001fb\\n\"]");
            assertThat(bytes).hasSize(21); // the chestnut is 4 UTF-8 bytes, not a 12-character escape pair
        }

        @Test
        void writes_instants_with_their_fraction() {
            assertThat(CanonicalJson.toJson(List.of(Instant.parse("2024-09-15T08:30:00.000000001Z"))))
                    .isEqualTo("[\"2024-09-15T08:30:00.000000001Z\"]");
        }

        @Test
        void writes_trees_and_nested_maps_with_sorted_keys() {
            JsonNode tree = CanonicalJson.tree("{\"b\":{\"y\":1,\"x\":2},\"a\":[{\"d\":1,\"c\":2}]}".getBytes(StandardCharsets.UTF_8));
            assertThat(CanonicalJson.toJson(tree)).isEqualTo("{\"a\":[{\"c\":2,\"d\":1}],\"b\":{\"x\":2,\"y\":1}}");
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("b", Map.of("y", 1, "x", 2));
            nested.put("a", tree);
            assertThat(CanonicalJson.toJson(nested))
                    .isEqualTo("{\"a\":{\"a\":[{\"c\":2,\"d\":1}],\"b\":{\"x\":2,\"y\":1}},\"b\":{\"x\":2,\"y\":1}}");
        }

        @Test
        void reports_unwritable_values_as_internal_error() {
            assertRejected(() -> CanonicalJson.toBytes(new Object()), ErrorCode.INTERNAL_ERROR)
                    .hasMessageContaining("cannot write Object");
            assertThatThrownBy(() -> CanonicalJson.toBytes(null)).hasMessage("value == null");
        }
    }

    @Nested
    class Reading {
        @Test
        void reads_what_it_writes() {
            Sample sample = new Sample("x", -5, 3, true, 4, Kind.APPLE, List.of("t"), Map.of("k", 9L),
                    Instant.parse("2024-09-15T08:30:00.5Z"), LocalDate.of(2024, 2, 29), new Inner("i", 1),
                    List.of(new Inner("j", 2)));
            assertThat(CanonicalJson.read(CanonicalJson.toBytes(sample), Sample.class)).isEqualTo(sample);
            assertThat(CanonicalJson.read(CanonicalJson.toJson(sample), Sample.class)).isEqualTo(sample);
        }

        @Test
        void absent_object_components_arrive_as_null_for_callers_to_validate() {
            assertThat(CanonicalJson.read(MINIMAL, Sample.class)).isEqualTo(minimal());
        }

        @Test
        void accepts_insignificant_whitespace_and_any_key_order() {
            assertThat(CanonicalJson.read(" {\n\"small\" : 2 ,\t\"flag\":false, \"count\":1 }\n", Sample.class))
                    .isEqualTo(minimal());
        }

        @Test
        void accepts_escaped_surrogate_pairs() {
            Sample sample = CanonicalJson.read(
                    "{\"count\":1,\"flag\":false,\"small\":2,\"text\":\"\\ud83c\\udf30\"}", Sample.class);
            assertThat(sample.text()).isEqualTo("🌰");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{\"count\":1,\"flag\":false,\"small\":2,\"extra\":1}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"count\":1}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"inner\":{\"name\":\"a\",\"name\":\"b\",\"grams\":1}}",
            "{\"count\":1,\"flag\":false,\"small\":2} {}",
            "{\"count\":1,\"flag\":false,\"small\":2}x",
            "{\"count\":1,\"flag\":false}",
            "{\"count\":null,\"flag\":false,\"small\":2}",
            "{\"count\":1.0,\"flag\":false,\"small\":2}",
            "{\"count\":1e3,\"flag\":false,\"small\":2}",
            "{\"count\":\"1\",\"flag\":false,\"small\":2}",
            "{\"count\":1,\"flag\":0,\"small\":2}",
            "{\"count\":1,\"flag\":\"false\",\"small\":2}",
            "{\"count\":1,\"flag\":false,\"small\":2147483648}",
            "{\"count\":9223372036854775808,\"flag\":false,\"small\":2}",
            "{\"count\":01,\"flag\":false,\"small\":2}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"text\":5}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"text\":true}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"maybe\":\"\"}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"kind\":0}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"kind\":\"apple\"}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"tags\":\"a\"}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"at\":\"2024-09-15\"}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"at\":1726389000}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"day\":\"2023-02-29\"}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"day\":[2024,9,15]}",
            "{'count':1,'flag':false,'small':2}",
            "{\"count\":1,\"flag\":false,\"small\":2,}",
            "{\"count\":1,/* c */\"flag\":false,\"small\":2}",
            "{\"count\":NaN,\"flag\":false,\"small\":2}",
            "[]",
            "\"text\"",
            "1",
            "null",
            "",
            "   ",
            "\uFEFF{\"count\":1,\"flag\":false,\"small\":2}",
        })
        void rejects_anything_but_exactly_the_expected_shape(String json) {
            assertRejected(() -> CanonicalJson.read(json, Sample.class), ErrorCode.MALFORMED_REQUEST);
        }

        @Test
        void names_the_offending_field_by_its_json_path() {
            assertRejected(() -> CanonicalJson.read(
                            "{\"count\":1,\"flag\":false,\"small\":2,\"inners\":[{\"name\":\"a\",\"grams\":1.5}]}", Sample.class),
                    ErrorCode.MALFORMED_REQUEST).hasMessageContaining("$.inners[0].grams");
            assertRejected(() -> CanonicalJson.read("{\"count\":1,\"flag\":false,\"small\":2,\"x y\":1}", Sample.class),
                    ErrorCode.MALFORMED_REQUEST).hasMessageContaining("unknown field \"x y\"");
            assertRejected(() -> CanonicalJson.read("{\"count\":1,\"count\":2}", Sample.class), ErrorCode.MALFORMED_REQUEST)
                    .hasMessageContaining("Duplicate field 'count'");
        }

        @Test
        void messages_never_repeat_large_input_nor_jackson_advice() {
            String huge = "{\"count\":\"" + "9".repeat(100_000) + "\",\"flag\":false,\"small\":2}";
            assertRejected(() -> CanonicalJson.read(huge, Sample.class), ErrorCode.MALFORMED_REQUEST)
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("CoercionConfig", "DeserializationFeature"));
            assertRejected(() -> CanonicalJson.read("{\"count\":null,\"flag\":false,\"small\":2}", Sample.class),
                    ErrorCode.MALFORMED_REQUEST).hasMessageEndingWith("Cannot map `null` into type `long`");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[[[[]]]]", "[]", "\"text\"", "{\"count\":1,\"flag\":false,\"small\":2,\"inner\":[1]}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"kind\":\"PLUM\"}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"tags\":{}}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"amounts\":[]}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"text\":{}}",
            "{\"count\":1,\"flag\":false,\"small\":2,\"maybe\":\"x\"}",
            "{\"count\":[],\"flag\":false,\"small\":2}"})
        void messages_never_name_java_types_or_jackson_tokens(String json) {
            assertRejected(() -> CanonicalJson.read(json, Sample.class), ErrorCode.MALFORMED_REQUEST)
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain("org.fairmark", "java.", "CanonicalJsonTest", "JsonToken", "START_")
                            .doesNotContainPattern("\\w\\$\\w")
                            .doesNotContainPattern("[a-z]\\.[A-Z][A-Za-z]+"));
        }

        @Test
        void a_100k_deep_array_is_malformed_without_naming_the_target_type() {
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            assertRejected(() -> CanonicalJson.read(deep, Sample.class), ErrorCode.MALFORMED_REQUEST)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Sample", "org.").contains("object"));
        }

        @Test
        void rejects_invalid_utf_8() {
            byte[] json = {'{', '"', 't', (byte) 0xC3, '"', ':', '1', '}'};
            assertRejected(() -> CanonicalJson.read(json, Sample.class), ErrorCode.MALFORMED_REQUEST)
                    .hasMessageContaining("not valid UTF-8");
            byte[] encodedSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
            assertRejected(() -> CanonicalJson.tree(encodedSurrogate), ErrorCode.MALFORMED_REQUEST);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\ud800x\"]", "[\"\\ud800\\u0041\"]", "{\"\\uDBFF\":1}",
            "[\"\\ud800\\ud800\"]", "[\"a\ud800\"]", "[\"\udc00\"]"})
        void rejects_unpaired_surrogates_raw_or_escaped(String json) {
            assertRejected(() -> CanonicalJson.canonicalize(json), ErrorCode.MALFORMED_REQUEST)
                    .hasMessageContaining("unpaired");
        }

        @Test
        void an_escaped_backslash_before_u_is_not_a_surrogate_escape() {
            assertThat(CanonicalJson.canonicalize("[\"\\\\ud800\"]")).isEqualTo("[\"\\\\ud800\"]");
        }

        @Test
        void rejects_nesting_deeper_than_64() {
            String deep = "[".repeat(64) + "]".repeat(64);
            assertThat(CanonicalJson.canonicalize(deep)).isEqualTo(deep);
            String tooDeep = "[".repeat(65) + "]".repeat(65);
            assertRejected(() -> CanonicalJson.canonicalize(tooDeep), ErrorCode.MALFORMED_REQUEST)
                    .hasMessageContaining("nesting depth");
        }

        @Test
        void passes_on_domain_exceptions_from_record_constructors() {
            assertRejected(() -> CanonicalJson.read(
                            "{\"gtin\":\"09506000134353\",\"lot\":\"L1\"}", DigitalLinkKey.class), ErrorCode.INVALID_GTIN)
                    .hasMessageContaining("expected 2");
        }

        @Test
        void reports_a_type_jackson_cannot_build_as_internal_error() {
            assertRejected(() -> CanonicalJson.read("{}", Runnable.class), ErrorCode.INTERNAL_ERROR);
        }
    }

    @Nested
    class Size {
        @Test
        void accepts_exactly_the_maximum_size() {
            String json = "\"" + "a".repeat(Limits.MAX_REQUEST_BYTES - 2) + "\"";
            assertThat(CanonicalJson.tree(json.getBytes(StandardCharsets.UTF_8)).textValue()).hasSize(Limits.MAX_REQUEST_BYTES - 2);
            assertThat(CanonicalJson.canonicalize(json)).isEqualTo(json);
        }

        @Test
        void rejects_one_byte_more_before_parsing_even_when_it_is_not_json() {
            byte[] bytes = new byte[Limits.MAX_REQUEST_BYTES + 1];
            assertRejected(() -> CanonicalJson.read(bytes, Sample.class), ErrorCode.PAYLOAD_TOO_LARGE)
                    .hasMessageContaining("262145 bytes");
            assertRejected(() -> CanonicalJson.tree(bytes), ErrorCode.PAYLOAD_TOO_LARGE);
        }

        @Test
        void counts_utf_8_bytes_not_characters_in_strings() {
            String json = "\"" + "板".repeat(Limits.MAX_REQUEST_BYTES / 3) + "\"";
            assertThat(json.length()).isLessThan(Limits.MAX_REQUEST_BYTES);
            assertRejected(() -> CanonicalJson.read(json, Sample.class), ErrorCode.PAYLOAD_TOO_LARGE);
            assertRejected(() -> CanonicalJson.canonicalize(json), ErrorCode.PAYLOAD_TOO_LARGE);
        }
    }

    @Nested
    class Canonicalize {
        @Test
        void sorts_keys_at_every_depth_and_drops_whitespace() {
            assertThat(CanonicalJson.canonicalize(" { \"b\" : [ 3, {\"z\": 1, \"a\": 2} ], \"a\" : \"x\" } "))
                    .isEqualTo("{\"a\":\"x\",\"b\":[3,{\"a\":2,\"z\":1}]}");
        }

        @Test
        void keeps_array_order_nulls_and_exact_decimals() {
            assertThat(CanonicalJson.canonicalize("[3,1,null,{\"k\":null},1.50,0.1,12345678901234567890123]"))
                    .isEqualTo("[3,1,null,{\"k\":null},1.50,0.1,12345678901234567890123]");
        }

        @Test
        void sorts_keys_by_utf_16_code_units_like_rfc_8785() {
            assertThat(CanonicalJson.canonicalize("{\"b\":1,\"a\":2,\"B\":3,\"é\":4,\"🌰\":5,\"\uffff\":6,\"\":7}"))
                    .isEqualTo("{\"\":7,\"B\":3,\"a\":2,\"b\":1,\"é\":4,\"🌰\":5,\"\uffff\":6}");
        }

        @Test
        void is_idempotent_and_agrees_with_to_json() {
            String canonical = CanonicalJson.toJson(minimal());
            assertThat(CanonicalJson.canonicalize(canonical)).isEqualTo(canonical);
            assertThat(CanonicalJson.canonicalize("{\"small\":2,\"flag\":false,\"count\":1}")).isEqualTo(canonical);
        }

        @Test
        void rejects_duplicate_keys_and_trailing_content() {
            assertRejected(() -> CanonicalJson.canonicalize("{\"a\":1,\"a\":1}"), ErrorCode.MALFORMED_REQUEST);
            assertRejected(() -> CanonicalJson.canonicalize("{} {}"), ErrorCode.MALFORMED_REQUEST);
            assertRejected(() -> CanonicalJson.canonicalize("[1]]"), ErrorCode.MALFORMED_REQUEST);
        }
    }
}
