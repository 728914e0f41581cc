package org.fairmark.cli.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.fairmark.cli.HtmlText.escape;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A benchmark's results and where they ran, written as {@code NAME.json}, {@code NAME.md} and {@code NAME.html}
 * (inline SVG charts, no scripts, every text escaped).
 *
 * @param preloads the preloads in the order they ran (before the rounds, then top-ups demanded by rounds)
 */
public record BenchReport(
        String title,
        String startedAt,
        String roundsFile,
        String target,
        String machine,
        double loadBefore,
        double loadAfter,
        List<Preload> preloads,
        List<RoundResult> rounds) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public BenchReport {
        preloads = List.copyOf(preloads);
        rounds = List.copyOf(rounds);
    }

    /** One preload: the ledger then held {@code records} package records, {@code added} of them new. */
    public record Preload(long records, long added, double seconds) {
        public double recordsPerSecond() {
            return seconds > 0 ? Math.round(added / seconds * 10) / 10.0 : 0;
        }
    }

    /** Writes the three files; returns their paths (JSON, Markdown, HTML). */
    public List<Path> write(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Path json = directory.resolve(name + ".json");
        Path markdown = directory.resolve(name + ".md");
        Path html = directory.resolve(name + ".html");
        Files.write(json, JSON.writeValueAsBytes(this));
        Files.writeString(markdown, markdown(), UTF_8);
        Files.writeString(html, html(), UTF_8);
        return List.of(json, markdown, html);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append("\n\n");
        out.append("Started ").append(startedAt).append(" from `").append(roundsFile).append("` against the ")
                .append(target).append(". Machine: ").append(machine)
                .append(String.format(Locale.ROOT, "; system load average %.2f before and %.2f after.", loadBefore,
                        loadAfter))
                .append(" Figures are indicative: compare ratios within one run.\n\n");
        for (Preload preload : preloads) {
            out.append(String.format(Locale.ROOT, "Preload: %d package records added (batches of %d, three"
                    + " transactions each) in %.1f s, %.0f records/s; the ledger then held %d.%n%n", preload.added(),
                    Workloads.PACKAGES_PER_BATCH, preload.seconds(), preload.recordsPerSecond(), preload.records()));
        }
        out.append("| round | workload | records | loop | clients | rate/s | ok | failed | MVCC | send/s | tx/s | p50 ms |"
                + " p95 ms | p99 ms | max ms | CPU % | client CPU ms/op | contract CPU ms/call | heap MiB |\n");
        out.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RoundResult round : rounds) {
            RoundResult.Latency latency = round.latency();
            out.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %s | %d | %s | %d | %d | %d | %.1f | %.1f | %s | %s | %s | %s | %.0f | %s | %s | %d |%n",
                    cell(round.name()), round.workload(), round.preloadedRecords(), round.loop(), round.clients(),
                    round.rate() > 0 ? number(round.rate()) : "–", round.successes(), round.failures(),
                    round.mvccConflicts(), round.sendRate(), round.throughput(),
                    latency == null ? "–" : number(latency.p50()), latency == null ? "–" : number(latency.p95()),
                    latency == null ? "–" : number(latency.p99()), latency == null ? "–" : number(latency.max()),
                    round.resources().processCpuPercent(), cpuMillis(round.resources().clientCpuMsPerOp()),
                    contractCpu(round), round.resources().heapPeakMiB()));
        }
        boolean anyFailures = rounds.stream().anyMatch(round -> round.failures() > 0);
        if (anyFailures) {
            out.append("\nFailures by code:\n\n");
            for (RoundResult round : rounds) {
                if (round.failures() > 0) {
                    out.append("- ").append(cell(round.name())).append(": ");
                    out.append(String.join(", ", round.failuresByCode().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(entry -> entry.getKey() + " " + entry.getValue()).toList()));
                    if (!round.firstFailures().isEmpty()) {
                        out.append(" (first: ").append(cell(round.firstFailures().get(0))).append(')');
                    }
                    out.append('\n');
                }
            }
        }
        out.append("\nLatency runs from the operation's start (closed loop) or its scheduled start (open loop) to its"
                + " end: for a write, endorsement, ordering and the commit status. CPU % is the benchmark process over"
                + " all cores; with the embedded network it includes the network. Client CPU per operation is the"
                + " thread CPU time of the client's threads (workers, their gRPC I/O and callbacks) on the embedded"
                + " network, the whole process's with a remote one; contract CPU per call is the embedded endorser's"
                + " thread CPU time inside the contract, per simulation.\n");
        return out.toString();
    }

    String html() {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
                        + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px}"
                        + "td.n{text-align:right}svg text{font-size:11px}</style></head><body>\n");
        out.append("<h1>").append(escape(title)).append("</h1>\n<p>Started ").append(escape(startedAt))
                .append(" from <code>").append(escape(roundsFile)).append("</code> against the ")
                .append(escape(target)).append(". Machine: ").append(escape(machine))
                .append(String.format(Locale.ROOT, "; load average %.2f before, %.2f after.", loadBefore, loadAfter))
                .append("</p>\n");
        for (Preload preload : preloads) {
            out.append(String.format(Locale.ROOT, "<p>Preload: %d package records added in %.1f s; the ledger then"
                    + " held %d.</p>%n", preload.added(), preload.seconds(), preload.records()));
        }
        out.append("<h2>Throughput (successful operations per second)</h2>\n");
        out.append(barChart(rounds, List.of(new Series("tx/s", "#3b7dd8", RoundResult::throughput))));
        out.append("<h2>Latency (ms)</h2>\n");
        out.append(barChart(rounds, List.of(
                new Series("p50", "#5aa469", round -> round.latency() == null ? 0 : round.latency().p50()),
                new Series("p95", "#e0a030", round -> round.latency() == null ? 0 : round.latency().p95()),
                new Series("p99", "#d8503b", round -> round.latency() == null ? 0 : round.latency().p99()))));
        out.append("<h2>Rounds</h2>\n<table><tr><th>round</th><th>workload</th><th>records</th><th>loop</th><th>clients</th>"
                + "<th>rate/s</th><th>ok</th><th>failed</th><th>MVCC</th><th>failures by code</th><th>send/s</th>"
                + "<th>tx/s</th><th>p50</th><th>p95</th><th>p99</th><th>max</th><th>CPU %</th><th>client CPU ms/op</th><th>contract CPU ms/call</th><th>heap MiB</th></tr>\n");
        for (RoundResult round : rounds) {
            RoundResult.Latency latency = round.latency();
            out.append("<tr><td>").append(escape(round.name())).append("</td><td>").append(escape(round.workload()))
                    .append("</td>").append(td(Long.toString(round.preloadedRecords())))
                    .append("<td>").append(round.loop()).append("</td>")
                    .append(td(Integer.toString(round.clients())))
                    .append(td(round.rate() > 0 ? number(round.rate()) : "–"))
                    .append(td(Long.toString(round.successes()))).append(td(Long.toString(round.failures())))
                    .append(td(Long.toString(round.mvccConflicts()))).append("<td>")
                    .append(escape(round.failuresByCode().toString())).append("</td>")
                    .append(td(number(round.sendRate()))).append(td(number(round.throughput())))
                    .append(td(latency == null ? "–" : number(latency.p50())))
                    .append(td(latency == null ? "–" : number(latency.p95())))
                    .append(td(latency == null ? "–" : number(latency.p99())))
                    .append(td(latency == null ? "–" : number(latency.max())))
                    .append(td(String.format(Locale.ROOT, "%.0f", round.resources().processCpuPercent())))
                    .append(td(cpuMillis(round.resources().clientCpuMsPerOp()))).append(td(contractCpu(round)))
                    .append(td(Long.toString(round.resources().heapPeakMiB()))).append("</tr>\n");
        }
        out.append("</table>\n</body></html>\n");
        return out.toString();
    }

    private record Series(String label, String color, ToDoubleFunction<RoundResult> value) {}

    /** Horizontal grouped bars, one group per round, scaled to the largest value. */
    private static String barChart(List<RoundResult> rounds, List<Series> series) {
        int labelWidth = 190;
        int barWidth = 600;
        int barHeight = 12;
        int groupHeight = barHeight * series.size() + 10;
        int height = groupHeight * rounds.size() + 30;
        double max = 0;
        for (RoundResult round : rounds) {
            for (Series s : series) {
                max = Math.max(max, s.value().applyAsDouble(round));
            }
        }
        max = max <= 0 ? 1 : max;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " role=\"img\">%n", labelWidth + barWidth + 90, height));
        int y = 5;
        for (RoundResult round : rounds) {
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>%n",
                    y + groupHeight / 2, escape(round.name())));
            for (Series s : series) {
                double value = s.value().applyAsDouble(round);
                int width = (int) Math.round(barWidth * value / max);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
                                + " fill=\"%s\"><title>%s %s</title></rect>"
                                + "<text x=\"%d\" y=\"%d\">%s</text>%n",
                        labelWidth, y, Math.max(width, 1), barHeight - 2, s.color(), escape(s.label()), number(value),
                        labelWidth + width + 4, y + barHeight - 3, number(value)));
                y += barHeight;
            }
            y += 10;
        }
        int legendX = labelWidth;
        for (Series s : series) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX, y + 2, s.color(), legendX + 14, y + 11,
                    escape(s.label())));
            legendX += 70;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String contractCpu(RoundResult round) {
        Double perCall = round.resources().contractCpuMsPerCall();
        return perCall == null ? "–" : cpuMillis(perCall);
    }

    private static String cpuMillis(double value) {
        return value < 10 ? String.format(Locale.ROOT, "%.3f", value) : number(value);
    }

    private static String td(String text) {
        return "<td class=\"n\">" + escape(text) + "</td>";
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A Markdown table cell: no pipes or line breaks. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }
}
