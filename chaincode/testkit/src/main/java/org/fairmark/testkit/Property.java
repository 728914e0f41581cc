package org.fairmark.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded random checks of properties: each runs {@link #TRIES} generated inputs through a check and, when one
 * fails, reports that input, the try and the seed. The seed is fixed so every run and every CI build checks the
 * same inputs; pass {@code -Dfairmark.seed=<n>} to explore others.
 */
public final class Property {
    public static final int TRIES = 1000;

    private static final long DEFAULT_SEED = 20_240_915L;

    private Property() {}

    /** A check of one generated input; any exception or assertion error falsifies the property. */
    public interface Check<T> {
        void accept(T input) throws Exception;
    }

    public static <T> void forAll(Function<Random, T> generator, Check<T> check) {
        forAll(TRIES, generator, check);
    }

    public static <T> void forAll(int tries, Function<Random, T> generator, Check<T> check) {
        long seed = Long.getLong("fairmark.seed", DEFAULT_SEED);
        Random random = new Random(seed);
        for (int i = 0; i < tries; i++) {
            T input = generator.apply(random);
            try {
                check.accept(input);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(
                        "falsified at try " + i + " (seed " + seed + ") by " + quote(String.valueOf(input))
                                + "\n  input: " + input,
                        e);
            }
        }
    }

    // ---- generators -------------------------------------------------------------------------------------------

    public static String digits(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    /** Characters drawn from {@code alphabet}, length {@code min..max}. */
    public static String from(Random random, String alphabet, int min, int max) {
        int length = random.nextInt(min, max + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /**
     * Any UTF-16 units up to {@code maxLength}, unpaired surrogates included, weighted toward the characters that
     * break parsers: ASCII punctuation, digits, controls, CJK, emoji.
     */
    public static String anyString(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            switch (random.nextInt(8)) {
                case 0, 1, 2 -> out.append((char) random.nextInt(0x20, 0x7f));
                case 3 -> out.append((char) ('0' + random.nextInt(10)));
                case 4 -> out.append((char) random.nextInt(0x20));
                case 5 -> out.append((char) random.nextInt(0x4e00, 0x9fa6));
                case 6 -> out.appendCodePoint(random.nextInt(0x1f300, 0x1f600));
                default -> out.append((char) random.nextInt(0x10000));
            }
        }
        return out.toString();
    }

    /** Well-formed Unicode (no unpaired surrogates) up to {@code maxCodePoints}, from every plane. */
    public static String wellFormedString(Random random, int maxCodePoints) {
        int length = random.nextInt(maxCodePoints + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(5)) {
                case 0, 1 -> random.nextInt(0x80);
                case 2 -> random.nextInt(0x4e00, 0x9fa6);
                case 3 -> random.nextInt(0x10000, 0x110000);
                default -> random.nextInt(0x10000);
            };
            if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                codePoint = 'x';
            }
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    /** A long in {@code [min, max]}, one time in five one of the bounds or their neighbours. */
    public static long longBetween(Random random, long min, long max) {
        if (random.nextInt(5) == 0) {
            long[] edges = {min, max, Math.min(min + 1, max), Math.max(max - 1, min)};
            return edges[random.nextInt(edges.length)];
        }
        if (max == Long.MAX_VALUE) {
            return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min, max); // max itself is an edge
        }
        return random.nextLong(min, max + 1);
    }

    /** A list of {@code 1..maxSize} elements. */
    public static <T> List<T> listOf(Random random, int maxSize, Function<Random, T> element) {
        int size = random.nextInt(1, maxSize + 1);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.apply(random));
        }
        return list;
    }

    /** Replaces, inserts or deletes one character at a random place: a near miss of a valid input. */
    public static String mutate(Random random, String valid) {
        int at = random.nextInt(valid.length() + 1);
        char c = random.nextBoolean() ? (char) random.nextInt(0x20, 0x7f) : (char) random.nextInt(0x10000);
        return switch (random.nextInt(3)) {
            case 0 -> valid.substring(0, at) + c + valid.substring(at);
            case 1 -> at < valid.length() ? valid.substring(0, at) + valid.substring(at + 1) : valid;
            default -> at < valid.length() ? valid.substring(0, at) + c + valid.substring(at + 1) : valid + c;
        };
    }

    private static String quote(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }
}
