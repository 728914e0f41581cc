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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reliability campaign's knobs, its record of figures, and the counts of one hostile-input or forgery class
 * (issue #13; {@code docs/reliability.md}).
 *
 * <p>Each campaign test runs a quick slice by default, so that the README's {@code mvn -B verify} stays fast, and its
 * full size when a system property says so: {@code reliability/run.sh} passes {@code -Dreliability.rounds=100},
 * {@code -Dreliability.positions=10000} and so on; {@code reliability/hostile.sh} passes {@code
 * -Dreliability.cases=100000}. Every crash, disk, tamper, concurrency and determinism test is tagged {@value #TAG}, so
 * {@code -Dgroups=reliability} runs only them.
 *
 * <p>{@link #record} appends the figures of one part, one {@code key=value} line each, to
 * {@code target/reliability/<part>.txt} of the module (or the directory {@code -Dreliability.out} names); an instance
 * ({@link #of}) counts one hostile-input class — cases run, accepted, failed without a coded error — and
 * {@link #report} appends its line to {@code target/reliability/hostile.txt}. The run scripts print both.
 */
public final class Campaign {
    /** The JUnit tag of every campaign test. */
    public static final String TAG = "reliability";

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

    private final String name;
    private final int cases;
    private final AtomicLong ran = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong uncoded = new AtomicLong();

    private Campaign(String name, int cases) {
        this.name = name;
        this.cases = cases;
    }

    /** A class of {@code -Dreliability.cases} cases, or {@code quick} when the property is absent. */
    public static Campaign of(String name, int quick) {
        return new Campaign(name, cases(quick));
    }

    /**
     * A class whose cases are slower than most (each a request over HTTP, or a ledger read): {@code -D<property>} when
     * set, else as {@link #of(String, int)}.
     */
    public static Campaign of(String name, int quick, String property) {
        Integer asked = Integer.getInteger(property);
        return new Campaign(name, asked == null ? cases(quick) : Math.max(asked, 1));
    }

    /** {@code -Dreliability.cases}, or {@code quick}; never below {@code quick} / 10 so a typo cannot skip the class. */
    public static int cases(int quick) {
        Integer asked = Integer.getInteger("reliability.cases");
        return asked == null ? quick : Math.max(asked, Math.max(1, quick / 10));
    }

    public int cases() {
        return cases;
    }

    public String name() {
        return name;
    }

    public void ran() {
        ran.incrementAndGet();
    }

    public void accepted() {
        accepted.incrementAndGet();
    }

    public void uncoded() {
        uncoded.incrementAndGet();
    }

    public long ranCount() {
        return ran.get();
    }

    public long acceptedCount() {
        return accepted.get();
    }

    public long uncodedCount() {
        return uncoded.get();
    }

    /** Appends this class's line to {@code target/reliability/hostile.txt}; call once the class has run. */
    public String report() {
        String line = String.format("%s %s cases=%d accepted=%d uncoded=%d%n", Instant.now(), name, ran.get(), accepted.get(),
                uncoded.get());
        Path file = Path.of("target", "reliability", "hostile.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.strip();
    }
}
