package org.fairmark.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counts of one hostile-input or forgery class: how many cases ran, how many a verifier accepted, how many
 * failed without a coded error. The default build runs a quick slice ({@code quick} cases); {@code
 * -Dreliability.cases=100000} runs the full campaign ({@code reliability/hostile.sh}). Each class appends one line to
 * {@code target/reliability/hostile.txt} of its module, which the script collects.
 */
public final class Campaign {
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
