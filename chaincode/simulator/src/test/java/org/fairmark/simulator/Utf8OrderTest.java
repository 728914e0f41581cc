package org.fairmark.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.fairmark.testkit.Property;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class Utf8OrderTest {
    private static final String RED_APPLE = "\uD83C\uDF4E"; // U+1F34E, F0 9F 8D 8E in UTF-8
    private static final String REPLACEMENT = "\uFFFD"; // EF BF BD in UTF-8

    @Test
    void supplementary_character_sorts_after_replacement_character_unlike_string_compareTo() {
        assertThat(RED_APPLE.compareTo(REPLACEMENT)).as("UTF-16 order").isNegative();
        assertThat(Arrays.compareUnsigned(RED_APPLE.getBytes(UTF_8), REPLACEMENT.getBytes(UTF_8)))
                .as("UTF-8 byte order")
                .isPositive();

        assertThat(Utf8Order.INSTANCE.compare(RED_APPLE, REPLACEMENT)).isPositive();
        assertThat(Utf8Order.INSTANCE.compare(REPLACEMENT, RED_APPLE)).isNegative();
        assertThat(Utf8Order.INSTANCE.compare("batch" + RED_APPLE, "batch" + REPLACEMENT))
                .isPositive();
    }

    @Test
    void orders_prefixes_first_and_composite_keys_before_simple_keys() {
        List<String> keys = new ArrayList<>(List.of("b", "a", "ab", "\u0000batch\u0000x\u0000", "\u0001", ""));
        keys.sort(Utf8Order.INSTANCE);
        assertThat(keys).containsExactly("", "\u0000batch\u0000x\u0000", "\u0001", "a", "ab", "b");
    }

    @Test
    void successor_is_the_next_key_in_order() {
        assertThat(Utf8Order.INSTANCE.compare("a", Utf8Order.successor("a"))).isNegative();
        assertThat(Utf8Order.INSTANCE.compare(Utf8Order.successor("a"), "a\u0001")).isNegative();
    }

    @Test
    void agrees_with_unsigned_comparison_of_utf8_bytes() {
        Property.forAll(random -> new String[] {key(random), key(random)}, pair -> {
            int expected = Integer.signum(Arrays.compareUnsigned(pair[0].getBytes(UTF_8), pair[1].getBytes(UTF_8)));
            assertThat(Integer.signum(Utf8Order.INSTANCE.compare(pair[0], pair[1]))).isEqualTo(expected);
        });
    }

    @Test
    void sorted_map_iterates_in_byte_order() {
        Property.forAll(random -> Property.listOf(random, 20, Utf8OrderTest::key), keys -> {
            TreeMap<String, Boolean> map = new TreeMap<>(Utf8Order.INSTANCE);
            keys.forEach(key -> map.put(key, true));
            List<byte[]> encoded = map.keySet().stream().map(key -> key.getBytes(UTF_8)).toList();
            for (int i = 1; i < encoded.size(); i++) {
                assertThat(Arrays.compareUnsigned(encoded.get(i - 1), encoded.get(i))).isNegative();
            }
        });
    }

    /** Up to five code points, weighted toward the ranges where UTF-16 and UTF-8 order disagree. */
    static String key(Random random) {
        StringBuilder key = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            int bucket = random.nextInt(9);
            key.appendCodePoint(bucket < 4 ? random.nextInt(0, 0x80)
                    : bucket < 6 ? random.nextInt(0xE000, 0x10000)
                    : bucket < 8 ? random.nextInt(0x10000, Character.MAX_CODE_POINT + 1)
                    : random.nextInt(0x80, 0xD800));
        }
        return key.toString();
    }
}
