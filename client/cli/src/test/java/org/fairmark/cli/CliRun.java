package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code fairmark} in-process with captured standard output and error, as the tests' entry point. */
final class CliRun {
    private final Path dataDir;
    private final Map<String, String> environment;

    CliRun(Path dataDir) {
        this(dataDir, Map.of());
    }

    CliRun(Path dataDir, Map<String, String> environment) {
        this.dataDir = dataDir;
        this.environment = environment;
    }

    /** The outcome of one command line. */
    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return CliJson.MAPPER.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        /** The JSON lines of standard output (events). */
        List<JsonNode> jsonLines() {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    try {
                        lines.add(CliJson.MAPPER.readTree(line));
                    } catch (IOException e) {
                        throw new UncheckedIOException("not a JSON line: " + line, e);
                    }
                }
            }
            return lines;
        }

        /** Asserts success and returns this. */
        Result ok() {
            assertThat(exit).as("exit status of a command expected to succeed; stderr:%n%s%nstdout:%n%s", err, out)
                    .isZero();
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Runs {@code fairmark --data-dir DIR --lang en ARGS}. */
    Result run(String... args) {
        return runWith(fairmark -> fairmark, args);
    }

    /** Runs with {@code customize} applied to the command before it runs (test hooks). */
    Result runWith(java.util.function.UnaryOperator<Fairmark> customize, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Fairmark fairmark = customize.apply(new Fairmark(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment));
        List<String> all = new ArrayList<>();
        if (dataDir != null) {
            all.add("--data-dir");
            all.add(dataDir.toString());
        }
        if (!List.of(args).contains("--lang")) {
            all.add("--lang");
            all.add("en");
        }
        all.addAll(List.of(args));
        int exit = fairmark.run(all.toArray(String[]::new));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
