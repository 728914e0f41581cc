package org.fairmark.cli.bench;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark read from a rounds file (YAML): the embedded network's settings, an optional preload and the rounds to
 * run in order. Every mistake is a {@link BenchConfigException} naming the round and key, found before anything runs.
 *
 * <pre>{@code
 * network:
 *   blockTimeoutMs: 20
 * preload:
 *   records: 10000
 * rounds:
 *   - name: register-8
 *     workload: register-batch
 *     clients: 8
 *     count: 500
 *   - name: verify-50/s
 *     workload: verify-online
 *     rate: 50
 *     duration: 10s
 * }</pre>
 */
public record BenchPlan(Network network, long preloadRecords, List<Round> rounds) {
    /** The most items a round may prepare or run, and records a preload may write: a benchmark stops by itself. */
    public static final long MAX_COUNT = 10_000_000L;
    /** The longest round. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);

    private static final Set<String> TOP_KEYS = Set.of("network", "preload", "rounds");
    private static final Set<String> NETWORK_KEYS = Set.of("blockTimeoutMs", "blockSize", "endorsementPolicy");
    private static final Set<String> PRELOAD_KEYS = Set.of("records");
    private static final Set<String> ROUND_KEYS =
            Set.of("name", "workload", "clients", "rate", "count", "duration", "warmup", "packages", "preload");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

    public BenchPlan {
        Objects.requireNonNull(network, "network == null");
        rounds = List.copyOf(rounds);
    }

    /** Settings of the embedded network the bench starts (ignored for a real network). */
    public record Network(long blockTimeoutMs, int blockSize, String endorsementPolicy) {
        /** 20 ms blocks of at most 100 transactions, any one organization endorses. */
        public static final Network DEFAULT = new Network(20, 100, "ANY");
    }

    /**
     * One round: a workload run closed-loop by {@code clients} workers back to back, or open-loop at {@code rate}
     * operations per second (then {@code clients} caps the operations in flight), until {@code count} operations or
     * {@code duration} — whichever comes first.
     *
     * @param rate operations per second for an open loop, 0 for a closed loop
     * @param count operations to run, 0 for no limit (then {@code duration} is set)
     * @param duration the time limit, or null (then {@code count} is set)
     * @param warmup operations run before the measured part and not counted
     * @param packages packages per operation (pack, hand-over, receive) or per traced batch
     * @param preload package records the ledger must hold before the round (topped up if fewer), 0 for no demand
     */
    public record Round(
            String name,
            Workload workload,
            int clients,
            double rate,
            long count,
            Duration duration,
            long warmup,
            int packages,
            long preload) {
        public boolean openLoop() {
            return rate > 0;
        }

        /** How many operations the round can run at most: what a workload that consumes items must prepare. */
        public long maxOperations() {
            long byTime = Long.MAX_VALUE;
            if (duration != null && openLoop()) {
                byTime = (long) Math.ceil(rate * duration.toNanos() / 1e9);
            }
            long limit = count > 0 ? Math.min(count, byTime) : byTime;
            return limit + warmup;
        }
    }

    /** Reads and checks the rounds file. */
    public static BenchPlan read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BenchConfigException("no rounds file " + file);
        } catch (IOException e) {
            throw new BenchConfigException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, file.getFileName().toString());
    }

    /** Parses and checks rounds YAML; {@code source} names it in messages. */
    public static BenchPlan parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JacksonException e) {
            throw new BenchConfigException(source + " is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BenchConfigException(source + " must be a mapping with 'rounds' (and optionally 'network', 'preload')");
        }
        checkKeys(root, TOP_KEYS, source);
        Network network = Network.DEFAULT;
        JsonNode networkNode = root.get("network");
        if (networkNode != null) {
            String where = source + ": network";
            requireObject(networkNode, where);
            checkKeys(networkNode, NETWORK_KEYS, where);
            network = new Network(
                    positiveLong(networkNode, "blockTimeoutMs", Network.DEFAULT.blockTimeoutMs(), where, 60_000),
                    (int) positiveLong(networkNode, "blockSize", Network.DEFAULT.blockSize(), where, 10_000),
                    text(networkNode, "endorsementPolicy", Network.DEFAULT.endorsementPolicy(), where));
        }
        long preload = 0;
        JsonNode preloadNode = root.get("preload");
        if (preloadNode != null) {
            String where = source + ": preload";
            requireObject(preloadNode, where);
            checkKeys(preloadNode, PRELOAD_KEYS, where);
            preload = nonNegativeLong(preloadNode, "records", 0, where, MAX_COUNT);
        }
        JsonNode roundsNode = root.get("rounds");
        if (roundsNode == null || !roundsNode.isArray() || roundsNode.isEmpty()) {
            throw new BenchConfigException(source + ": 'rounds' must be a non-empty list of rounds");
        }
        List<Round> rounds = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode node : roundsNode) {
            index++;
            Round round = round(node, source + ": round " + index);
            if (!names.add(round.name())) {
                throw new BenchConfigException(source + ": round " + index + ": the name '" + round.name()
                        + "' is used twice");
            }
            rounds.add(round);
        }
        return new BenchPlan(network, preload, rounds);
    }

    /** This plan with only the named rounds, in file order. */
    public BenchPlan only(List<String> wanted) {
        List<Round> kept = rounds.stream().filter(round -> wanted.contains(round.name())).toList();
        for (String name : wanted) {
            if (rounds.stream().noneMatch(round -> round.name().equals(name))) {
                throw new BenchConfigException("no round named '" + name + "'");
            }
        }
        return new BenchPlan(network, preloadRecords, kept);
    }

    private static Round round(JsonNode node, String position) {
        String where = position;
        requireObject(node, where);
        checkKeys(node, ROUND_KEYS, where);
        JsonNode workloadNode = node.get("workload");
        if (workloadNode == null || !workloadNode.isTextual()) {
            throw new BenchConfigException(where + ": 'workload' is required, one of " + Workload.names());
        }
        Workload workload = Workload.parse(workloadNode.asText())
                .orElseThrow(() -> new BenchConfigException(position + ": unknown workload '" + workloadNode.asText()
                        + "', expected one of " + Workload.names()));
        String name = text(node, "name", null, where);
        if (name == null) {
            name = workload.id() + "-" + where.substring(where.lastIndexOf(' ') + 1);
        }
        if (name.isBlank() || name.length() > 80) {
            throw new BenchConfigException(where + ": 'name' must be 1..80 characters");
        }
        where = where + " (" + name + ")";
        double rate = 0;
        JsonNode rateNode = node.get("rate");
        if (rateNode != null) {
            if (!rateNode.isNumber() || !(rateNode.asDouble() > 0) || rateNode.asDouble() > 100_000) {
                throw new BenchConfigException(where + ": 'rate' must be a number of operations per second, > 0 and"
                        + " <= 100000, not " + rateNode);
            }
            rate = rateNode.asDouble();
        }
        int clients = (int) positiveLong(node, "clients", rate > 0 ? 64 : 1, where, 1024);
        long count = nonNegativeLong(node, "count", 0, where, MAX_COUNT);
        Duration duration = null;
        JsonNode durationNode = node.get("duration");
        if (durationNode != null) {
            duration = duration(durationNode, where);
        }
        if (count == 0 && duration == null) {
            throw new BenchConfigException(where + ": give 'count' (operations), 'duration' (e.g. 10s) or both, so"
                    + " the round stops by itself");
        }
        long warmup = nonNegativeLong(node, "warmup", 0, where, MAX_COUNT);
        int packages = (int) positiveLong(node, "packages", workload.defaultPackages(), where, 500);
        long preload = nonNegativeLong(node, "preload", 0, where, MAX_COUNT);
        Round round = new Round(name, workload, clients, rate, count, duration, warmup, packages, preload);
        if (workload.consumesItems() && round.maxOperations() == Long.MAX_VALUE) {
            throw new BenchConfigException(where + ": workload " + workload.id() + " prepares one item per operation"
                    + " before the round; give 'count', or a 'rate' with the 'duration'");
        }
        if (workload.consumesItems() && round.maxOperations() > 100_000) {
            throw new BenchConfigException(where + ": workload " + workload.id() + " would prepare "
                    + round.maxOperations() + " items; at most 100000");
        }
        return round;
    }

    private static Duration duration(JsonNode node, String where) {
        Duration duration = null;
        if (node.isNumber()) {
            if (node.asDouble() > 0) {
                duration = Duration.ofMillis(Math.round(node.asDouble() * 1000));
            }
        } else if (node.isTextual()) {
            Matcher matcher = DURATION.matcher(node.asText().strip().toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                double value = Double.parseDouble(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                double millis = switch (unit) {
                    case "ms" -> value;
                    case "m" -> value * 60_000;
                    default -> value * 1000;
                };
                if (millis >= 1) {
                    duration = Duration.ofMillis(Math.round(millis));
                }
            }
        }
        if (duration == null || duration.compareTo(MAX_DURATION) > 0) {
            throw new BenchConfigException(where + ": 'duration' must be a positive time up to 1 h such as 30s, 500ms"
                    + " or 2m, not " + node);
        }
        return duration;
    }

    private static void requireObject(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new BenchConfigException(where + " must be a mapping of keys to values, not " + node);
        }
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!allowed.contains(key)) {
                throw new BenchConfigException(where + ": unknown key '" + key + "', expected one of "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    private static String text(JsonNode node, String key, String fallback, String where) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new BenchConfigException(where + ": '" + key + "' must be text, not " + value);
        }
        return value.asText();
    }

    private static long positiveLong(JsonNode node, String key, long fallback, String where, long max) {
        long value = nonNegativeLong(node, key, fallback, where, max);
        if (value == 0) {
            throw new BenchConfigException(where + ": '" + key + "' must be at least 1");
        }
        return value;
    }

    private static long nonNegativeLong(JsonNode node, String key, long fallback, String where, long max) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || !value.canConvertToLong() || value.asLong() > max) {
            throw new BenchConfigException(where + ": '" + key + "' must be a whole number from 0 to " + max
                    + ", not " + value);
        }
        return value.asLong();
    }
}
