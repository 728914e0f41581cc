package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.testkit.Campaign;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Hostile input, classes {@code hostile.cli} and {@code hostile.csv} (issue #13): random command lines and random
 * spreadsheet imports, each parsed by picocli and run by the real command in-process ({@link Fairmark#run}), against
 * one development ledger of its own data directory. That ledger runs as the background network of {@code fairmark
 * network start} (started once for the class, stopped at its end), so a case costs a command line and its gateway
 * calls, not a network start: every case reaches the network as {@code fairmark} does when a network runs.
 *
 * <ul>
 *   <li>{@code hostile.cli}: a leaf command of the real picocli command tree (all but the long-running or
 *       network-managing ones: {@code serve}, {@code demo}, {@code bench}, {@code events}, {@code network},
 *       {@code import}, which has its own class), its positional parameters and 0–3 of its options, each given a
 *       hostile value (edge numbers and quantities, damaged ids, control, bidi and zero-width characters, 10k-character
 *       text, missing, empty, binary and directory paths), sometimes {@code --json};</li>
 *   <li>{@code hostile.csv}: {@code import batches} or {@code import weighings --yes} of a valid file damaged by 1–4
 *       edits (a field replaced by a hostile value, bytes changed, quotes unbalanced, columns added or dropped, header
 *       misspelt, BOM, CR line ends, NUL, invalid UTF-8).</li>
 * </ul>
 *
 * Every answer must be a success, a negative verdict (exit 1) or a refusal that prints {@code error: CODE: message}
 * with a documented exit status — never exit 70 / {@code INTERNAL_ERROR}, a stack trace or a Java class name
 * (counted as {@code uncoded}). A command that did not succeed must leave the ledger's height (the network's
 * {@code HEIGHT} mark, written after each block is durable and before its commit is announced) as it was (counted as
 * {@code stateChanges}). At the end the network is stopped and the whole ledger verified. Cases:
 * {@code -Dreliability.cases} (quick: 120 command lines, 60 imports); each class's counts and cases per second are
 * appended to {@code target/reliability/hostile.txt}.
 */
@Tag(Campaign.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCliIT {
    private static final Set<String> EXCLUDED = Set.of("serve", "demo", "bench", "events", "network", "import",
            "completion");
    /** Options not given hostile values: they would point the command at another ledger or skip confirmations. */
    private static final Set<String> KEPT_OPTIONS = Set.of("--data-dir", "--network", "--gateway", "--lang", "--help",
            "--version", "-h", "-V", "--yes", "-y", "--tls-ca", "--as");
    private static final Set<Integer> EXITS = Set.of(0, 1, 2, 3, 4, 5, 6, 69, 74, 130);
    private static final Pattern CODED = Pattern.compile("(?m)^error: ([A-Z][A-Z0-9_]+): ");
    /** The refusal of an import that stopped at a row after earlier rows of this run committed. */
    private static final Pattern PARTIAL_IMPORT = Pattern.compile(
            "(?m)^error: [A-Z][A-Z0-9_]+: .* line \\d+: .*\\(([1-9]\\d*) submitted in this run; fix it and run again to resume\\)$");
    private static final Pattern TRACE = Pattern.compile("(?m)^\\s+at [a-zA-Z_$][\\w$]*\\.|org\\.fairmark\\.[a-z.]*[A-Z]\\w*(\\$|\\.java)|Exception:");

    @TempDir
    static Path root;

    @TempDir
    static Path files;

    /** One ledger per worker thread, so that a case's height check sees only its own command. */
    List<Worker> workers;
    List<List<String>> commands;
    final AtomicInteger written = new AtomicInteger();

    /** A development ledger run by its own background network, and the values its cases draw on. */
    static final class Worker {
        final Path dataDir;
        final LedgerFixture ledger;
        final String lot;
        final List<String> serials;

        Worker(Path dataDir) {
            this.dataDir = dataDir;
            // commands reach the network over the gateway as when a user ran 'network start'
            new CliRun(dataDir).run("--json", "network", "start", "--port", "0").ok();
            ledger = LedgerFixture.create(dataDir);
            lot = ledger.certified();
            serials = ledger.packed(lot, 4);
            ledger.deliverToMarket(lot);
        }

        /**
         * The ledger's height as the running network last recorded it: its {@code HEIGHT} mark ("FMH1", the height
         * as a big-endian long, CRC-32C of those 12 bytes), rewritten after each block is durable and before the
         * block's commit is announced to clients, so it counts every block of a command that has returned.
         */
        long height() throws IOException {
            Path mark = dataDir.resolve("ledger").resolve("HEIGHT");
            for (int attempt = 0; ; attempt++) {
                byte[] bytes = Files.readAllBytes(mark);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                CRC32C crc = new CRC32C();
                crc.update(bytes, 0, Math.min(12, bytes.length));
                if (bytes.length >= 16 && buffer.getInt(0) == 0x464D4831 && buffer.getInt(12) == (int) crc.getValue()) {
                    return buffer.getLong(4);
                }
                assertThat(attempt).as("a readable height mark in %s", mark).isLessThan(100); // read mid-rewrite
            }
        }

        /** Stops the network and verifies the whole ledger: it must hold exactly the blocks the cases saw. */
        void stopAndVerify() throws IOException {
            long height = height();
            new CliRun(dataDir).run("--json", "network", "stop").ok();
            var report = EmbeddedNetwork.verifyLedger(dataDir);
            assertThat(report.problem()).as("the ledger of %s after the campaign verifies", dataDir).isNull();
            assertThat(report.blocksChecked()).as("blocks on disk = the height mark the cases were judged by")
                    .isEqualTo(height);
        }
    }

    /**
     * Worker threads, each with its own ledger: {@code -Dreliability.cli.workers}, else the available processors
     * when {@code -Dreliability.cases} asks for a full run, else 1 (the quick slice).
     */
    static int workerCount() {
        Integer asked = Integer.getInteger("reliability.cli.workers");
        if (asked != null) {
            return Math.max(1, asked);
        }
        return Integer.getInteger("reliability.cases") == null ? 1 : Runtime.getRuntime().availableProcessors();
    }

    @BeforeAll
    void ledgers() throws Exception {
        int count = workerCount();
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Worker>> started = new ArrayList<>();
            for (int w = 0; w < count; w++) {
                Path dir = root.resolve("ledger-" + w);
                started.add(pool.submit(() -> new Worker(dir)));
            }
            workers = new ArrayList<>();
            for (Future<Worker> worker : started) {
                workers.add(worker.get());
            }
        } finally {
            pool.shutdown();
        }
        commands = new ArrayList<>();
        leaves(RootCommand.commandLine(new RootCommand(new Fairmark(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), Map.of()))), new ArrayList<>());
        assertThat(commands).hasSizeGreaterThan(20);
    }

    private void leaves(CommandLine command, List<String> path) {
        if (command.getSubcommands().isEmpty()) {
            commands.add(List.copyOf(path));
            return;
        }
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name) && !(path.isEmpty() && EXCLUDED.contains(name))
                    && !name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                leaves(sub, next);
            }
        });
    }

    @AfterAll
    void stopAndVerify() throws IOException {
        if (workers != null) {
            for (Worker worker : workers) {
                worker.stopAndVerify();
            }
        }
    }

    /** One case: given its own random source (seeded by the class seed and its index) and its worker's ledger. */
    interface Case {
        void run(int index, Random random, Worker worker) throws Exception;
    }

    /**
     * Runs {@code cases} cases on the workers, case {@code i} on worker {@code i % workers} with
     * {@code new Random(seed ^ i * 0x9E3779B97F4A7C15L)}, so that a case is the same whatever the threads do. With
     * {@code -Dreliability.cli.minutes=M} no case starts after M minutes (a run on a busy machine that must end in
     * time); the report then says how many of the planned cases ran.
     */
    void runCases(int cases, long seed, Case each) throws Exception {
        long minutes = Long.getLong("reliability.cli.minutes", 0);
        long deadline = minutes > 0 ? System.nanoTime() + minutes * 60_000_000_000L : Long.MAX_VALUE;
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers.size(); w++) {
                int first = w;
                Worker worker = workers.get(w);
                running.add(pool.submit(() -> {
                    for (int i = first; i < cases && System.nanoTime() - deadline < 0; i += workers.size()) {
                        each.run(i, new Random(seed ^ i * 0x9E3779B97F4A7C15L), worker);
                    }
                    return null;
                }));
            }
            for (Future<?> done : running) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What was wrong with one answer. */
    enum Broken {
        /** No documented exit status, no {@code error: CODE:} line, INTERNAL_ERROR, or a stack trace or class name. */
        UNCODED,
        /** A command that did not succeed changed the ledger's height. */
        STATE_CHANGE,
        /**
         * Not broken: an import refused at a row only the ledger could judge (a lot already registered, a serial not on
         * the ledger) after the rows before it committed; the refusal names its line and how many rows this run
         * submitted, the ledger grew by no more blocks than that, and the next run resumes from the journal.
         */
        PARTIAL_IMPORT
    }

    /** The counts of one class beyond {@link Campaign}'s: state changes from rejected input, and the time taken. */
    static final class Tally {
        final Campaign campaign;
        final long started = System.nanoTime();
        final Map<String, Integer> failures = new TreeMap<>();
        final List<String> examples = new ArrayList<>();
        long stateChanges;
        long partialImports;

        Tally(Campaign campaign) {
            this.campaign = campaign;
        }

        synchronized void count(CliRun.Result result, String broken, Broken kind, String example) {
            campaign.ran();
            if (campaign.ranCount() % 5_000 == 0) {
                System.out.printf(java.util.Locale.ROOT,
                        "[reliability] %s %d cases, %.1f s, uncoded %d, state changes %d%n", campaign.name(), campaign.ranCount(), (System.nanoTime() - started) / 1e9,
                        campaign.uncodedCount(), stateChanges);
            }
            if (result.exit() == 0) {
                campaign.accepted();
            }
            if (kind == Broken.PARTIAL_IMPORT) {
                partialImports++;
            }
            if (broken != null) {
                if (kind == Broken.STATE_CHANGE) {
                    stateChanges++;
                } else {
                    campaign.uncoded();
                }
                failures.merge(broken, 1, Integer::sum);
                if (examples.size() < 10) {
                    examples.add(broken + " for " + example + ": " + result);
                }
            }
        }

        /**
         * Appends {@code <time> <class> cases= accepted= uncoded= stateChanges= planned= workers= seconds=
         * casesPerSecond=} to {@code target/reliability/hostile.txt}.
         */
        synchronized void report() throws IOException {
            double seconds = (System.nanoTime() - started) / 1e9;
            String line = String.format(java.util.Locale.ROOT,
                    "%s %s cases=%d accepted=%d uncoded=%d stateChanges=%d partialImports=%d planned=%d workers=%d"
                    + " seconds=%.1f casesPerSecond=%.1f%n",
                    Instant.now(), campaign.name(), campaign.ranCount(), campaign.acceptedCount(),
                    campaign.uncodedCount(), stateChanges, partialImports, campaign.cases(), workerCount(), seconds,
                    campaign.ranCount() / seconds);
            Path file = Path.of("target", "reliability", "hostile.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.print("[reliability] " + line.strip() + " " + failures + "\n");
        }

        synchronized void assertClean() {
            assertThat(examples).as("broken answers (%s)", failures).isEmpty();
            assertThat(campaign.uncodedCount()).isZero();
            assertThat(stateChanges).isZero();
        }
    }

    /** One outcome judged; returns a description when it broke a rule, else null; {@code kind[0]} says which rule. */
    static String judge(CliRun.Result result, Worker worker, long heightBefore, Broken[] kind) throws IOException {
        kind[0] = Broken.UNCODED;
        String both = result.out() + "\n" + result.err();
        if (!EXITS.contains(result.exit())) {
            return "exit " + result.exit();
        }
        if (TRACE.matcher(both).find()) { // --verbose prints traces of internal errors only, and those are uncoded
            return "a stack trace or Java class in the output";
        }
        if (result.exit() >= 2) {
            var coded = CODED.matcher(result.err());
            if (!coded.find() || coded.group(1).equals("INTERNAL_ERROR")) {
                return "no error code";
            }
        }
        if (result.exit() != 0 && worker.height() != heightBefore) {
            Matcher partial = PARTIAL_IMPORT.matcher(result.err());
            long grown = worker.height() - heightBefore;
            if (partial.find() && grown > 0 && grown <= Long.parseLong(partial.group(1))) {
                kind[0] = Broken.PARTIAL_IMPORT;
                return null;
            }
            kind[0] = Broken.STATE_CHANGE;
            return "a refused command changed the ledger";
        }
        return null;
    }

    // ---- command lines -----------------------------------------------------------------------------------------

    @Test
    void random_command_lines_are_answered_with_a_code_and_refusals_change_nothing() throws Exception {
        Campaign campaign = Campaign.of("hostile.cli", 120);
        CommandSpec tree = RootCommand.commandLine(new RootCommand(new Fairmark(
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), Map.of())))
                .getCommandSpec();
        Tally tally = new Tally(campaign);
        runCases(campaign.cases(), Campaign.seed(13_101L), (i, random, worker) -> {
            long height = worker.height();
            List<String> path = commands.get(random.nextInt(commands.size()));
            CommandSpec spec = tree;
            for (String name : path) {
                spec = spec.subcommands().get(name).getCommandSpec();
            }
            List<String> args = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                args.add("--json");
            }
            args.addAll(path);
            int positional = spec.positionalParameters().size() + random.nextInt(-1, 2);
            for (int p = 0; p < Math.max(0, positional); p++) {
                args.add(value(random, worker));
            }
            List<OptionSpec> options = spec.options().stream()
                    .filter(o -> o.names().length > 0 && !KEPT_OPTIONS.contains(o.longestName())).toList();
            for (int o = random.nextInt(4); o > 0 && !options.isEmpty(); o--) {
                OptionSpec option = options.get(random.nextInt(options.size()));
                args.add(option.longestName());
                if (option.arity().max() > 0) {
                    args.add(value(random, worker));
                }
            }
            CliRun.Result result = worker.ledger.cli.run(args.toArray(String[]::new));
            Broken[] kind = new Broken[1];
            String broken = judge(result, worker, height, kind);
            tally.count(result, broken, kind[0], args.toString());
        });
        tally.report();
        tally.assertClean();
    }

    private String value(Random random, Worker worker) throws IOException {
        String[] seeds = {LedgerFixture.GTIN, worker.lot, worker.serials.get(0), "CoopMSP", "MarketMSP", "130227", "2t",
            "25kg", "1", "FIRST", worker.ledger.keyId, "2026-10-01", "packer@coop", "https://id.example.com/01/" + LedgerFixture.GTIN};
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> seeds[random.nextInt(seeds.length)];
            case 3 -> mutate(seeds[random.nextInt(seeds.length)], random);
            case 4 -> List.of("", " ", "-", "--", "-1", "0", "9223372036854775808", "-9223372036854775809", "1e309",
                    "NaN", "Infinity", "0x10", "1,5kg", "1.0000000001t", "999999999999t", "-5kg").get(random.nextInt(16));
            case 5 -> List.of("<script>alert(1)</script>", "\" onerror=\"x", "a\u202Eb", "a\u200Bb", "a\u0000b",
                    "\r\n", "%00", "../../../../etc/passwd", "${jndi:ldap://x}", "{}", "[]", "null", "💥🌰",
                    "ＣｏｏｐＭＳＰ").get(random.nextInt(14));
            case 6 -> "x".repeat(random.nextInt(1, 10_000));
            case 7 -> path(random).toString();
            case 8 -> "--" + mutate("json", random);
            default -> randomText(random, random.nextInt(0, 40));
        };
    }

    private Path path(Random random) throws IOException {
        Path file = files.resolve("arg-" + written.incrementAndGet());
        switch (random.nextInt(5)) {
            case 0 -> {
                return file; // missing
            }
            case 1 -> Files.createDirectories(file);
            case 2 -> Files.write(file, new byte[0]);
            case 3 -> {
                byte[] bytes = new byte[random.nextInt(1, 4096)];
                random.nextBytes(bytes);
                Files.write(file, bytes);
            }
            default -> Files.writeString(file, "{\"code\":" + randomText(random, 8) + "}");
        }
        return file;
    }

    static String mutate(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        for (int edits = random.nextInt(1, 4); edits > 0; edits--) {
            int at = out.isEmpty() ? 0 : random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.insert(at, randomText(random, 1));
                case 1 -> {
                    if (!out.isEmpty()) {
                        out.deleteCharAt(at);
                    }
                }
                default -> {
                    if (!out.isEmpty()) {
                        out.setCharAt(at, randomText(random, 1).charAt(0));
                    }
                }
            }
        }
        return out.toString();
    }

    static String randomText(Random random, int length) {
        String alphabet = "abcXYZ019 ,;:\"'\\/-_.%{}[]<>&=?#\t\n\u00e9\u677f\u6817\u202e\u200b\u0007";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x20, 0xd7ff)
                    : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    // ---- spreadsheet imports -----------------------------------------------------------------------------------

    @Test
    void random_spreadsheet_imports_are_answered_with_a_code_and_refusals_change_nothing() throws Exception {
        Campaign campaign = Campaign.of("hostile.csv", 60);
        Tally tally = new Tally(campaign);
        String harvest = Quantities.today().minusDays(20).toString();
        runCases(campaign.cases(), Campaign.seed(13_102L), (i, random, worker) -> {
            boolean batches = random.nextInt(3) > 0;
            String text = batches ? batchesFile(random, harvest, i) : weighingsFile(random, worker);
            byte[] bytes = damage(text, random);
            Path file = files.resolve("import-" + i + ".csv");
            Files.write(file, bytes);
            long before = worker.height();
            CliRun.Result result = batches
                    ? worker.ledger.cli.run("--json", "import", "batches", "--yes", file.toString())
                    : worker.ledger.cli.run("--as", "buyer@market", "import", "weighings", "--yes", file.toString());
            Broken[] kind = new Broken[1];
            String broken = judge(result, worker, before, kind);
            tally.count(result, broken, kind[0], file + " (" + new String(bytes, StandardCharsets.UTF_8) + ")");
        });
        tally.report();
        tally.assertClean();
    }

    private String batchesFile(Random random, String harvest, int i) {
        StringBuilder text = new StringBuilder(ImportCommandIT.HEADER);
        for (int row = random.nextInt(1, 4); row > 0; row--) {
            text.append(LedgerFixture.GTIN).append(",H").append(i).append('-').append(row).append('-')
                    .append(Integer.toHexString(random.nextInt()))
                    .append(",板栗 chestnut,Yanshan,130227,Xingcheng,Dongzhuang,plot-1,40.15,118.31,").append(harvest)
                    .append(",2t,20kg,CoopMSP,\n");
        }
        return text.toString();
    }

    private String weighingsFile(Random random, Worker worker) {
        StringBuilder text = new StringBuilder("gtin,lot,serial,measured,scale\n");
        for (int row = random.nextInt(1, 3); row > 0; row--) {
            text.append(LedgerFixture.GTIN).append(',').append(worker.lot).append(',')
                    .append(worker.serials.get(random.nextInt(worker.serials.size()))).append(",").append(400 + random.nextInt(200)).append(".5,scale-9\n");
        }
        return text.toString();
    }

    private byte[] damage(String text, Random random) {
        String damaged = text;
        for (int edits = random.nextInt(1, 5); edits > 0; edits--) {
            String[] lines = damaged.split("\n", -1);
            int line = random.nextInt(lines.length);
            damaged = switch (random.nextInt(9)) {
                case 0, 1 -> { // a field replaced by a hostile value
                    String[] fields = lines[line].split(",", -1);
                    fields[random.nextInt(fields.length)] = hostileField(random);
                    lines[line] = String.join(",", fields);
                    yield String.join("\n", lines);
                }
                case 2 -> mutate(damaged, random);
                case 3 -> damaged.replaceFirst(",", ",\"");
                case 4 -> { // a column added or dropped
                    lines[line] = random.nextBoolean() ? lines[line] + ",extra" : lines[line].replaceFirst(",[^,]*$", "");
                    yield String.join("\n", lines);
                }
                case 5 -> damaged.replaceFirst("lot", random.nextBoolean() ? "lto" : "lot,lot");
                case 6 -> "\uFEFF" + damaged.replace("\n", random.nextBoolean() ? "\r\n" : "\r");
                case 7 -> damaged + hostileField(random) + "\n";
                default -> damaged.substring(0, random.nextInt(damaged.length() + 1));
            };
        }
        byte[] bytes = damaged.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(8) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(0x80, 0x100); // invalid UTF-8, likely
        }
        return bytes;
    }

    private String hostileField(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "x".repeat(random.nextInt(1, 20_000));
            case 2 -> List.of("-1t", "0", "1e309kg", "NaN", "9223372036854775807t", "2.5", "1,5kg").get(random.nextInt(7));
            case 3 -> List.of("2099-01-01", "1900-01-01", "2026-02-30", "yesterday").get(random.nextInt(4));
            case 4 -> "=cmd|'/C calc'!A0";
            case 5 -> "a\u0000b";
            case 6 -> "\"" + randomText(random, 10);
            default -> randomText(random, random.nextInt(1, 30));
        };
    }
}
