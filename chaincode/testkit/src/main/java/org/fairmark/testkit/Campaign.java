package org.fairmark.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The reliability campaign's knobs and its record of figures (issue #13; {@code docs/reliability.md}).
 *
 * <p>Each campaign test runs a quick slice by default, so that the README's {@code mvn -B verify} stays fast, and its
 * full size when a system property says so: {@code reliability/run.sh} passes {@code -Dreliability.rounds=100},
 * {@code -Dreliability.positions=10000} and so on. Every campaign test is tagged {@value #TAG}, so
 * {@code -Dgroups=reliability} runs only them.
 *
 * <p>{@link #record} appends the figures of one part, one {@code key=value} line each, to
 * {@code target/reliability/<part>.txt} of the module (or the directory {@code -Dreliability.out} names), from
 * which the run script prints its summary.
 */
public final class Campaign {
    /** The JUnit tag of every campaign test. */
    public static final String TAG = "reliability";

    private Campaign() {}

    /**
     * The size of one part: the integer system property {@code reliability.<name>} when set, else {@code quick}.
     *
     * @throws IllegalArgumentException if the property is set but not a positive integer
     */
    public static int size(String name, int quick) {
        Objects.requireNonNull(name, "name == null");
        String value = System.getProperty("reliability." + name);
        if (value == null || value.isBlank()) {
            return quick;
        }
        try {
            int size = Integer.parseInt(value.strip());
            if (size <= 0) {
                throw new IllegalArgumentException("reliability." + name + " must be positive: " + value);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reliability." + name + " is not an integer: " + value, e);
        }
    }

    /** The seed of a part's random choices: {@code -Dfairmark.seed} when set, else {@code fallback}. */
    public static long seed(long fallback) {
        return Long.getLong("fairmark.seed", fallback);
    }

    /** Appends the figures of one run of {@code part} (in insertion order) to its record and to standard output. */
    public static void record(String part, Map<String, ?> figures) {
        Objects.requireNonNull(part, "part == null");
        Map<String, Object> lines = new LinkedHashMap<>();
        lines.put("at", Instant.now());
        lines.putAll(figures);
        StringBuilder text = new StringBuilder("# ").append(part).append('\n');
        lines.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        System.out.print("[reliability] " + text);
        Path dir = Path.of(System.getProperty("reliability.out", "target/reliability"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(part + ".txt"), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
