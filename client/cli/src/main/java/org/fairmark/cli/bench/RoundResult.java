package org.fairmark.cli.bench;

import java.util.List;
import java.util.Map;

/**
 * What one round measured. Rates are per second of wall-clock time: {@code sendRate} over the sending window,
 * {@code throughput} (successes) over the whole round until the last operation finished.
 *
 * @param loop {@code closed} (workers back to back) or {@code open} (fixed rate)
 * @param preloadedRecords package records preloaded into the ledger when the round ran
 * @param durationLimitSeconds the round's time limit, null if bounded by count only
 * @param failuresByCode failures by Fairmark error code or Fabric validation code, MVCC conflicts included
 * @param mvccConflicts failures that were {@code MVCC_READ_CONFLICT} or {@code PHANTOM_READ_CONFLICT}
 * @param latency null when nothing succeeded
 */
public record RoundResult(
        String name,
        String workload,
        String loop,
        int clients,
        double rate,
        long count,
        Double durationLimitSeconds,
        long warmup,
        int packages,
        long preloadedRecords,
        long sent,
        long successes,
        long failures,
        long mvccConflicts,
        Map<String, Long> failuresByCode,
        double elapsedSeconds,
        double sendRate,
        double throughput,
        Latency latency,
        Resources resources,
        List<String> firstFailures) {
    public RoundResult {
        failuresByCode = Map.copyOf(failuresByCode);
        firstFailures = List.copyOf(firstFailures);
    }

    /** Successful operations' latency in milliseconds (HdrHistogram, 3 significant digits). */
    public record Latency(double p50, double p95, double p99, double max, double mean) {}

    /**
     * The benchmark process during the round: CPU seconds and percent of all cores (network and clients together
     * when the network is embedded), peak and committed heap in MiB, system load average before and after.
     *
     * @param clientCpuMsPerOp client CPU per operation in ms: on the embedded network the thread CPU time of the
     *     client's threads (workers: signing, protobuf, the client library; their gRPC I/O and callbacks), else the
     *     whole process's
     * @param contractCpuMsPerCall embedded network only (else null): the endorser's thread CPU time inside the
     *     contract per simulation, over the round's calls
     * @param contractCalls contract simulations during the round (0 with a remote network)
     */
    public record Resources(
            double processCpuSeconds,
            double processCpuPercent,
            long heapPeakMiB,
            long heapCommittedMiB,
            double loadBefore,
            double loadAfter,
            double clientCpuMsPerOp,
            Double contractCpuMsPerCall,
            long contractCalls) {}
}
