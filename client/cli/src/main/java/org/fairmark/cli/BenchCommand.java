package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.fairmark.cli.bench.BenchConfigException;
import org.fairmark.cli.bench.BenchEngine;
import org.fairmark.cli.bench.BenchPlan;
import org.fairmark.cli.bench.BenchReport;
import org.fairmark.cli.bench.BenchTarget;
import org.fairmark.cli.bench.RoundResult;
import org.fairmark.cli.bench.Workloads;
import org.fairmark.client.ConnectionProfile;
import org.fairmark.domain.ErrorCode;
import org.fairmark.network.NetworkStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairmark bench ROUNDS.yaml}: load rounds against a fresh embedded network (or the gateways of
 * {@code --network FILE}), measured and written as JSON, Markdown and HTML.
 */
@Command(name = "bench", description = {
    "Run benchmark rounds from a YAML file and write JSON, Markdown and HTML reports. 压力测试：按 YAML 轮次运行并出报告。",
    "%nWorkloads: register-batch, inspect, pack, hand-over, receive, verify-online, trace, and the baselines"
        + " blind-write and noop-evaluate (embedded network only). Each round runs closed-loop (clients workers back to"
        + " back) or open-loop (rate per second), until count operations or duration. Without --network a fresh"
        + " embedded network is started for the run (in a temporary directory, removed afterwards). See"
        + " bench/README.md."})
final class BenchCommand extends FairmarkCommand {
    @Parameters(index = "0", paramLabel = "ROUNDS.yaml", description = "The rounds file.")
    Path roundsFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default bench/results).")
    Path outDirectory;

    @Option(names = "--name", paramLabel = "NAME", description = "Report file name without extension (default"
            + " bench-<rounds file name>).")
    String name;

    @Option(names = "--round", paramLabel = "NAME", description = "Run only this round (repeatable).")
    List<String> onlyRounds = new ArrayList<>();

    @Option(names = "--preload", paramLabel = "N", description = "Package records to preload (overrides the file's"
            + " preload.records).")
    Long preload;

    @Option(names = "--block-timeout-ms", paramLabel = "MS", description = "Embedded network block timeout"
            + " (overrides network.blockTimeoutMs; default 20).")
    Long blockTimeoutMs;

    @Override
    int execute() throws IOException {
        if (root().gateway != null) {
            throw new UsageException("bench talks to its own embedded network or to the gateways of --network FILE;"
                    + " it does not take --gateway");
        }
        BenchPlan plan;
        try {
            plan = BenchPlan.read(root().context.workingDirectory().resolve(roundsFile));
            if (!onlyRounds.isEmpty()) {
                plan = plan.only(onlyRounds);
            }
        } catch (BenchConfigException e) {
            throw new UsageException(e.getMessage());
        }
        if (preload != null && (preload < 0 || preload > BenchPlan.MAX_COUNT)) {
            throw new UsageException("--preload must be 0.." + BenchPlan.MAX_COUNT);
        }
        if (blockTimeoutMs != null && (blockTimeoutMs < 1 || blockTimeoutMs > 60_000)) {
            throw new UsageException("--block-timeout-ms must be 1..60000");
        }
        if (name != null && !name.matches("[A-Za-z0-9._-]{1,80}")) {
            throw new UsageException("--name must be 1..80 letters, digits, '.', '_' or '-'");
        }
        long preloadRecords = preload != null ? preload : plan.preloadRecords();
        BenchPlan.Network settings = blockTimeoutMs == null ? plan.network()
                : new BenchPlan.Network(blockTimeoutMs, plan.network().blockSize(), plan.network().endorsementPolicy());
        Path profileFile = root().networkProfile();
        if (profileFile != null) {
            for (BenchPlan.Round round : plan.rounds()) {
                if (round.workload().needsBenchContract()) {
                    throw new UsageException("round '" + round.name() + "': workload " + round.workload().id()
                            + " calls the bench baseline contract, which only the embedded network started by the bench"
                            + " serves; run it without --network");
                }
            }
        }
        Path out = root().context.workingDirectory().resolve(outDirectory != null ? outDirectory : Path.of("bench/results"));
        String fileName = name != null ? name : "bench-" + roundsFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");

        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        byte[] random = new byte[2];
        new SecureRandom().nextBytes(random);
        String runTag = HexFormat.of().withUpperCase().formatHex(random);
        Path temporary = null;
        List<RoundResult> results = new ArrayList<>();
        List<BenchReport.Preload> preloads = new ArrayList<>();
        BenchTarget target;
        if (profileFile != null) {
            target = BenchTarget.profile(ConnectionProfile.load(profileFile), profileFile,
                    root().dataDirectory().resolve("wallet"));
        } else {
            temporary = Files.createTempDirectory("fairmark-bench-");
            try {
                target = BenchTarget.embedded(temporary, settings);
            } catch (NetworkStartException e) {
                deleteRecursively(temporary);
                throw new CliException(e.code(), "cannot start the embedded network: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                deleteRecursively(temporary);
                throw new UsageException("network: " + e.getMessage());
            }
        }
        boolean bar = root().context.terminal() && !out().json();
        // Ctrl-C: close the network and remove its temporary directory; the report holds the rounds so far
        BenchTarget started = target;
        Path startedIn = temporary;
        Thread cleanup = new Thread(() -> {
            started.close();
            if (startedIn != null) {
                deleteRecursively(startedIn);
            }
        }, "fairmark-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (target) {
            out().note("bench: " + target.description());
            BenchEngine engine = new BenchEngine(target, out().err(), bar);
            Workloads workloads = new Workloads(engine, new Workloads.Fixtures(DemoCommand.GTIN,
                    DemoCommand.chestnutStandard(), Labels.DEFAULT_RESOLVER), runTag);
            preload(workloads, preloadRecords, preloads);
            int number = 0;
            for (BenchPlan.Round round : plan.rounds()) {
                number++;
                preload(workloads, round.preload(), preloads);
                BenchEngine.Operation operation = workloads.prepare(round, number);
                RoundResult result = engine.run(round, operation, workloads.preloaded());
                results.add(result);
                if (!out().json()) {
                    out().line(describe(result));
                }
                // the rounds so far survive an interrupted or failing run
                report(startedAt, target, loadBefore, preloads, results).write(out, fileName);
            }
        } catch (IllegalStateException e) {
            throw new CliException(ErrorCode.INTERNAL_ERROR, e.getMessage(), e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException exiting) {
                // the JVM is exiting and the hook cleans up
            }
            if (temporary != null) {
                deleteRecursively(temporary);
            }
        }
        BenchReport report = report(startedAt, target, loadBefore, preloads, results);
        List<Path> written = report.write(out, fileName);
        if (out().json()) {
            ObjectNode json = CliJson.object();
            ArrayNode files = json.putArray("files");
            written.forEach(path -> files.add(path.toString()));
            json.set("report", CliJson.tree(report));
            out().json(json);
        } else {
            out().line("written: " + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        return 0;
    }

    private BenchReport report(String startedAt, BenchTarget target, double loadBefore,
            List<BenchReport.Preload> preloads, List<RoundResult> results) {
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String machine = Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, " + jit();
        return new BenchReport("Fairmark bench: " + roundsFile.getFileName(), startedAt, roundsFile.toString(),
                target.description(), machine, loadBefore, loadAfter, preloads, results);
    }

    /**
     * Which compilers ran the bench: the launcher keeps {@code bench} on C1 (short rounds), a steady-state run asks for
     * C2 ({@code FAIRMARK_JAVA_OPTS=-XX:TieredStopAtLevel=4}); figures of the two are not comparable.
     */
    static String jit() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean hotSpot =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if ("false".equals(hotSpot.getVMOption("TieredCompilation").getValue())) {
                return "JIT C2 only";
            }
            int level = Integer.parseInt(hotSpot.getVMOption("TieredStopAtLevel").getValue());
            return level >= 4 ? "JIT tiered to C2" : "JIT C1 only (TieredStopAtLevel=" + level + ")";
        } catch (RuntimeException e) {
            return "JIT unknown";
        }
    }

    private void preload(Workloads workloads, long records, List<BenchReport.Preload> preloads) {
        long before = workloads.preloaded();
        if (records <= before) {
            return;
        }
        out().note("bench: preloading up to " + records + " package records ...");
        heapWarning(records).ifPresent(out()::note);
        double seconds = workloads.preload(records);
        long added = workloads.preloaded() - before;
        out().note(String.format(Locale.ROOT, "bench: preloaded %d records in %.1f s; the ledger holds %d", added,
                seconds, workloads.preloaded()));
        preloads.add(new BenchReport.Preload(workloads.preloaded(), added, BenchEngine.round3(seconds)));
    }

    /**
     * The embedded network keeps its world state, history and indexes in this process's heap: about
     * {@value #HEAP_BYTES_PER_RECORD} bytes per preloaded package record (bench/results/trace-scale.md). With the
     * serial collector the launcher gives short commands, a full collection of a multi-GB heap stops commits for tens
     * of seconds on two shared cores, past the clients' deadlines.
     */
    static java.util.Optional<String> heapWarning(long records) {
        long needMiB = records * HEAP_BYTES_PER_RECORD / (1024 * 1024);
        long maxMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        boolean serial = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(gc -> gc.getName().equals("MarkSweepCompact"));
        if (needMiB * 10 < maxMiB * 7 && !(serial && needMiB > 1024)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "bench: warning: %d records need about %d MiB of"
                + " heap for the embedded network's state (this JVM: at most %d MiB%s); for large preloads run with"
                + " FAIRMARK_JAVA_OPTS=\"-XX:-UseSerialGC -XX:+UseG1GC -Xmx%dg\"", records, needMiB, maxMiB,
                serial ? ", serial collector" : "", Math.max(2, (needMiB * 2 + 1023) / 1024)));
    }

    /** Heap per preloaded package record, measured (G1, 1,000,000 records; see bench/results/trace-scale.md). */
    static final long HEAP_BYTES_PER_RECORD = 5_000;

    private static String describe(RoundResult result) {
        RoundResult.Latency latency = result.latency();
        return String.format(Locale.ROOT, "%-24s %-14s %s %3d clients: %d ok, %d failed (%d MVCC) in %.1f s, send %.1f/s,"
                        + " %.1f tx/s%s, client CPU %.3f ms/op%s",
                result.name(), result.workload(), result.loop(), result.clients(), result.successes(),
                result.failures(), result.mvccConflicts(), result.elapsedSeconds(), result.sendRate(),
                result.throughput(), latency == null ? "" : String.format(Locale.ROOT,
                        ", p50 %.1f p95 %.1f p99 %.1f max %.1f ms", latency.p50(), latency.p95(), latency.p99(),
                        latency.max()), result.resources().clientCpuMsPerOp(),
                result.resources().contractCpuMsPerCall() == null ? "" : String.format(Locale.ROOT,
                        ", contract CPU %.3f ms/call", result.resources().contractCpuMsPerCall()));
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
