package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.fairmark.network.EmbeddedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fairmark bench}: rounds from YAML against the embedded network it starts, or a connection profile. */
class BenchCommandIT {
    @TempDir
    Path dir;

    private JsonNode bench(String yaml, String... extra) throws Exception {
        Path rounds = dir.resolve("rounds.yaml");
        Files.writeString(rounds, yaml);
        String[] args = new String[extra.length + 5];
        args[0] = "--json";
        System.arraycopy(extra, 0, args, 1, extra.length);
        args[extra.length + 1] = "bench";
        args[extra.length + 2] = rounds.toString();
        args[extra.length + 3] = "--out";
        args[extra.length + 4] = dir.resolve("results").toString();
        return new CliRun(null).run(args).ok().json();
    }

    private static JsonNode round(JsonNode json, String name) {
        for (JsonNode round : json.get("report").get("rounds")) {
            if (round.get("name").asText().equals(name)) {
                return round;
            }
        }
        throw new AssertionError("no round " + name + " in " + json);
    }

    private static void assertSane(JsonNode round, long count) {
        assertThat(round.get("successes").asLong()).as(round.toString()).isEqualTo(count);
        assertThat(round.get("failures").asLong()).isZero();
        assertThat(round.get("sent").asLong()).isEqualTo(count);
        JsonNode latency = round.get("latency");
        double p50 = latency.get("p50").asDouble();
        double p95 = latency.get("p95").asDouble();
        double p99 = latency.get("p99").asDouble();
        double max = latency.get("max").asDouble();
        assertThat(p50).isPositive();
        assertThat(p50).isLessThanOrEqualTo(p95);
        assertThat(p95).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
        assertThat(round.get("throughput").asDouble()).isPositive();
        assertThat(round.get("sendRate").asDouble()).isPositive();
        assertThat(round.get("elapsedSeconds").asDouble()).isPositive();
        assertThat(round.get("resources").get("processCpuSeconds").asDouble()).isPositive();
        assertThat(round.get("resources").get("heapPeakMiB").asLong()).isPositive();
        assertThat(round.get("resources").get("clientCpuMsPerOp").asDouble()).isPositive();
    }

    @Test
    void two_short_rounds_closed_loop_and_fixed_rate_write_json_markdown_and_html() throws Exception {
        JsonNode json = bench("""
                network: {blockTimeoutMs: 10}
                rounds:
                  - name: register-4
                    workload: register-batch
                    clients: 4
                    count: 30
                    warmup: 4
                  - name: blind-<50/s>
                    workload: blind-write
                    rate: 50
                    count: 25
                  - {name: noop, workload: noop-evaluate, clients: 2, count: 40}
                """);

        JsonNode closed = round(json, "register-4");
        JsonNode open = round(json, "blind-<50/s>");
        assertSane(closed, 30);
        assertSane(open, 25);
        assertSane(round(json, "noop"), 40);
        // the embedded endorser's CPU inside the contract: one simulation per registration, per no-op evaluate
        assertThat(closed.get("resources").get("contractCalls").asLong()).isEqualTo(30);
        assertThat(closed.get("resources").get("contractCpuMsPerCall").asDouble()).isPositive();
        assertThat(round(json, "noop").get("resources").get("contractCalls").asLong()).isEqualTo(40);
        assertThat(closed.get("loop").asText()).isEqualTo("closed");
        assertThat(open.get("loop").asText()).isEqualTo("open");
        // 25 sends at 50/s take about half a second: the rate is held, not exceeded
        assertThat(open.get("sendRate").asDouble()).isBetween(30.0, 60.0);
        assertThat(json.get("report").get("target").asText()).contains("embedded network").contains("10 ms")
                .contains("SHA-256 by SUN");
        // the compilers are named: C1-only and C2 figures are not comparable
        assertThat(json.get("report").get("machine").asText()).containsPattern("JIT (C1 only|tiered to C2|C2 only)");
        Path results = dir.resolve("results");
        assertThat(json.get("files")).hasSize(3);
        String html = Files.readString(results.resolve("bench-rounds.html"));
        String markdown = Files.readString(results.resolve("bench-rounds.md"));
        JsonNode written = CliJson.MAPPER.readTree(results.resolve("bench-rounds.json").toFile());
        assertThat(written.get("rounds")).hasSize(3);
        assertThat(html).contains("<svg").contains("<rect").contains("blind-&lt;50/s&gt;").doesNotContain("blind-<50");
        assertThat(markdown).contains("| register-4 | register-batch | 0 | closed | 4 |").contains("| p50 ms |")
                .contains("| client CPU ms/op | contract CPU ms/call |");
    }

    @Test
    void draws_a_progress_bar_on_a_terminal_and_none_otherwise() throws Exception {
        Path rounds = dir.resolve("noop.yaml");
        Files.writeString(rounds, "rounds: [{name: noop, workload: noop-evaluate, clients: 2, count: 2000}]");
        String[] args = {"bench", rounds.toString(), "--out", dir.resolve("progress").toString()};

        CliRun.Result terminal = new CliRun(null).runWith(fairmark -> fairmark.terminal(true), args).ok();
        CliRun.Result plain = new CliRun(null).run(args).ok();

        assertThat(terminal.err()).contains("\rnoop").contains("[#").contains(" ok 0 failed");
        assertThat(plain.err()).doesNotContain("\r");
        assertThat(plain.out()).contains("noop").contains("2000 ok, 0 failed").contains("written: ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "rounds: [{workload: juggle, count: 5}]; unknown workload 'juggle'",
        "rounds: [{workload: register-batch, rate: -5, count: 5}]; 'rate' must be a number",
        "rounds: [{workload: register-batch, clients: 2}]; give 'count'",
        "rounds: [{workload: register-batch, count: 5, speed: 3}]; unknown key 'speed'",
        "rounds: [{workload: register-batch, count: 5}]\\nextra: 1; unknown key 'extra'",
        "rounds: [{workload: inspect, clients: 4, duration: 5s}]; prepares one item per operation",
        "rounds: [{workload: register-batch, duration: forever}]; 'duration' must be a positive time",
        "rounds: []; 'rounds' must be a non-empty list",
        "rounds: [{workload: register-batch, count: 1.5}]; 'count' must be a whole number",
        "rounds: [unclosed; is not valid YAML",
    })
    void rejects_a_bad_rounds_file_with_a_usage_error_and_runs_nothing(String yaml, String message) throws Exception {
        Path rounds = dir.resolve("bad.yaml");
        Files.writeString(rounds, yaml.replace("\\n", "\n"));

        CliRun.Result result = new CliRun(null).run("bench", rounds.toString(), "--out", dir.resolve("out").toString());

        assertThat(result.exit()).as(result.toString()).isEqualTo(Fairmark.EXIT_USAGE);
        assertThat(result.err()).startsWith("error: USAGE: ").contains(message);
        assertThat(result.out()).isEmpty();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void preloads_records_then_traces_them_and_runs_every_ledger_workload() throws Exception {
        JsonNode json = bench("""
                preload: {records: 600}
                rounds:
                  - {name: trace, workload: trace, clients: 4, count: 20}
                  - {name: trace-more, workload: trace, clients: 4, count: 10, preload: 1500}
                  - {name: inspect, workload: inspect, clients: 2, count: 4}
                  - {name: pack, workload: pack, clients: 2, count: 4, packages: 5}
                  - {name: hand-over, workload: hand-over, clients: 2, count: 4, packages: 2}
                  - {name: receive, workload: receive, clients: 2, count: 4, packages: 2}
                  - {name: verify, workload: verify-online, clients: 2, count: 6}
                """);

        // whole batches of 500: 600 asked, 1000 written; the second trace round tops the ledger up to 1500
        JsonNode preloads = json.get("report").get("preloads");
        assertThat(preloads).hasSize(2);
        assertThat(preloads.get(0).get("records").asLong()).isEqualTo(1000);
        assertThat(preloads.get(0).get("added").asLong()).isEqualTo(1000);
        assertThat(preloads.get(0).get("seconds").asDouble()).isPositive();
        assertThat(preloads.get(1).get("records").asLong()).isEqualTo(1500);
        assertThat(preloads.get(1).get("added").asLong()).isEqualTo(500);
        assertSane(round(json, "trace"), 20);
        assertSane(round(json, "trace-more"), 10);
        assertThat(round(json, "trace").get("preloadedRecords").asLong()).isEqualTo(1000);
        assertThat(round(json, "trace-more").get("preloadedRecords").asLong()).isEqualTo(1500);
        assertSane(round(json, "inspect"), 4);
        assertSane(round(json, "pack"), 4);
        assertSane(round(json, "hand-over"), 4);
        assertSane(round(json, "receive"), 4);
        assertSane(round(json, "verify"), 6);
    }

    @Test
    void runs_against_the_gateways_of_a_connection_profile_but_not_the_baselines() throws Exception {
        Path networkDir = dir.resolve("network");
        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(networkDir).port(0)
                .blockTimeout(Duration.ofMillis(10)).start()) {
            String profile = network.connectionProfile().orElseThrow().toString();

            JsonNode json = bench("rounds: [{name: register, workload: register-batch, clients: 2, count: 10}]",
                    "--data-dir", networkDir.toString(), "--network", profile);
            Files.writeString(dir.resolve("blind.yaml"), "rounds: [{workload: blind-write, count: 3}]");
            CliRun.Result blind = new CliRun(networkDir).run("--network", profile, "bench",
                    dir.resolve("blind.yaml").toString(), "--out", dir.resolve("blind").toString());

            assertSane(round(json, "register"), 10);
            // a remote network's contract cannot be measured from here
            assertThat(round(json, "register").get("resources").path("contractCpuMsPerCall").isNumber()).isFalse();
            assertThat(round(json, "register").get("resources").get("contractCalls").asLong()).isZero();
            assertThat(json.get("report").get("target").asText()).startsWith("connection profile");
            assertThat(blind.exit()).as(blind.toString()).isEqualTo(Fairmark.EXIT_USAGE);
            assertThat(blind.err()).contains("only the embedded network started by the bench");
            assertThat(dir.resolve("blind")).doesNotExist();
        }
    }
}
