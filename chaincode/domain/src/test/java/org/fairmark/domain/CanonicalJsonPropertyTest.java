package org.fairmark.domain;

import org.fairmark.testkit.Property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.testkit.Property.forAll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fairmark.domain.CanonicalJsonTest.Inner;
import org.fairmark.domain.CanonicalJsonTest.Kind;
import org.fairmark.domain.CanonicalJsonTest.Sample;
import org.junit.jupiter.api.Test;

class CanonicalJsonPropertyTest {
    private static final ErrorCode[] READ_CODES = {ErrorCode.MALFORMED_REQUEST, ErrorCode.PAYLOAD_TOO_LARGE};

    static <T> T orNull(Random random, T value) {
        return random.nextInt(4) == 0 ? null : value;
    }

    static Inner inner(Random random) {
        return new Inner(orNull(random, Property.wellFormedString(random, 8)), random.nextLong());
    }

    static Map<String, Long> amounts(Random random) {
        Map<String, Long> amounts = new HashMap<>();
        int size = random.nextInt(8);
        for (int i = 0; i < size; i++) {
            amounts.put(Property.wellFormedString(random, 6), random.nextLong());
        }
        return amounts;
    }

    static Sample sample(Random random) {
        return new Sample(
                orNull(random, Property.wellFormedString(random, 20)),
                Property.longBetween(random, Long.MIN_VALUE, Long.MAX_VALUE),
                random.nextInt(),
                random.nextBoolean(),
                orNull(random, random.nextInt()),
                orNull(random, Kind.values()[random.nextInt(2)]),
                orNull(random, random.nextBoolean() ? List.of() : Property.listOf(random, 5, r -> Property.wellFormedString(r, 6))),
                orNull(random, amounts(random)),
                orNull(random, Instant.ofEpochSecond(random.nextLong(0, 253_402_300_800L), random.nextBoolean() ? 0 : random.nextInt(1_000_000_000))),
                orNull(random, LocalDate.ofEpochDay(random.nextLong(-719_162, 2_932_897))),
                orNull(random, inner(random)),
                orNull(random, Property.listOf(random, 3, CanonicalJsonPropertyTest::inner)));
    }

    @Test
    void writing_what_was_read_from_canonical_bytes_gives_the_same_bytes_and_value() {
        forAll(CanonicalJsonPropertyTest::sample, sample -> {
            byte[] bytes = CanonicalJson.toBytes(sample);
            Sample read = CanonicalJson.read(bytes, Sample.class);
            assertThat(CanonicalJson.toBytes(read)).isEqualTo(bytes);
            assertThat(read).isEqualTo(sample);
            // a stored value reads the same through the ledger's path, which parses the bytes without decoding them
            assertThat(CanonicalJson.readStored(bytes, Sample.class)).isEqualTo(sample);
            assertThat(CanonicalJson.canonicalize(new String(bytes, StandardCharsets.UTF_8)))
                    .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        });
    }

    @Test
    void map_key_insertion_order_never_changes_the_output() {
        forAll(random -> new Object[] {amounts(random), random.nextLong()}, input -> {
            @SuppressWarnings("unchecked")
            Map<String, Long> amounts = (Map<String, Long>) input[0];
            List<String> keys = new ArrayList<>(amounts.keySet());
            Collections.shuffle(keys, new Random((Long) input[1]));
            Map<String, Long> shuffled = new LinkedHashMap<>();
            keys.forEach(key -> shuffled.put(key, amounts.get(key)));
            Map<String, Object> nestedA = new LinkedHashMap<>();
            nestedA.put("x", amounts);
            nestedA.put("a", shuffled);
            Map<String, Object> nestedB = new LinkedHashMap<>();
            nestedB.put("a", amounts);
            nestedB.put("x", shuffled);
            assertThat(CanonicalJson.toBytes(shuffled)).isEqualTo(CanonicalJson.toBytes(amounts));
            assertThat(CanonicalJson.toBytes(nestedA)).isEqualTo(CanonicalJson.toBytes(nestedB));
        });
    }

    @Test
    void canonicalize_ignores_key_order_and_formatting() {
        ObjectMapper pretty = new ObjectMapper();
        forAll(random -> new Object[] {sample(random), random.nextLong()}, input -> {
            String canonical = CanonicalJson.toJson(input[0]);
            JsonNode shuffled = shuffle(CanonicalJson.tree(canonical.getBytes(StandardCharsets.UTF_8)), new Random((Long) input[1]));
            String reformatted = pretty.writerWithDefaultPrettyPrinter().writeValueAsString(shuffled);
            assertThat(CanonicalJson.canonicalize(reformatted)).isEqualTo(canonical);
        });
    }

    @Test
    void random_text_only_fails_with_request_codes() {
        forAll(random -> switch (random.nextInt(3)) {
                    case 0 -> Property.anyString(random, 80);
                    case 1 -> Property.from(random, "{}[]\":,-0123456789.eE tfnrulasx\\/", 0, 60);
                    default -> Property.mutate(random, CanonicalJson.toJson(sample(random)));
                },
                json -> {
                    Sample read = DomainAssertions.returnsOrRejectsWith(() -> CanonicalJson.read(json, Sample.class), READ_CODES);
                    if (read != null) {
                        assertThat(CanonicalJson.read(CanonicalJson.toBytes(read), Sample.class)).isEqualTo(read);
                    }
                    String canonical = DomainAssertions.returnsOrRejectsWith(() -> CanonicalJson.canonicalize(json), READ_CODES);
                    if (canonical != null) {
                        assertThat(CanonicalJson.canonicalize(canonical)).isEqualTo(canonical);
                    }
                    DomainAssertions.returnsOrRejectsWith(
                            () -> CanonicalJson.read(json, GradingStandard.class),
                            ErrorCode.MALFORMED_REQUEST, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.STANDARD_INVALID);
                });
    }

    @Test
    void random_bytes_only_fail_with_request_codes() {
        forAll(random -> {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            return bytes;
        }, bytes -> {
            DomainAssertions.returnsOrRejectsWith(() -> CanonicalJson.read(bytes, Sample.class), READ_CODES);
            DomainAssertions.returnsOrRejectsWith(() -> CanonicalJson.tree(bytes), READ_CODES);
            DomainAssertions.returnsOrRejectsWith(() -> CanonicalJson.readStored(bytes, Sample.class), READ_CODES);
        });
    }

    @Test
    void a_damaged_stored_value_fails_with_request_codes_and_reads_as_read_would_when_it_parses() {
        forAll(random -> {
            byte[] bytes = CanonicalJson.toBytes(sample(random));
            switch (random.nextInt(4)) {
                case 0 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length)); // truncated
                case 1 -> bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80)); // broken UTF-8
                case 2 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(0x80);
                default -> bytes = (new String(bytes, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
            }
            return bytes;
        }, bytes -> {
            Sample stored = DomainAssertions.returnsOrRejectsWith(() -> CanonicalJson.readStored(bytes, Sample.class), READ_CODES);
            Sample read = DomainAssertions.returnsOrRejectsWith(() -> CanonicalJson.read(bytes, Sample.class), READ_CODES);
            if (stored != null && read != null) {
                assertThat(stored).isEqualTo(read);
            }
        });
        DomainAssertions.assertRejected(() -> CanonicalJson.readStored("null".getBytes(StandardCharsets.UTF_8), Sample.class),
                ErrorCode.MALFORMED_REQUEST);
        DomainAssertions.assertRejected(() -> CanonicalJson.readStored(new byte[Limits.MAX_REQUEST_BYTES + 1], Sample.class),
                ErrorCode.PAYLOAD_TOO_LARGE);
    }

    private static JsonNode shuffle(JsonNode node, Random random) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            Collections.shuffle(names, random);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            names.forEach(name -> out.set(name, shuffle(node.get(name), random)));
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(shuffle(element, random)));
            return out;
        }
        return node;
    }
}
