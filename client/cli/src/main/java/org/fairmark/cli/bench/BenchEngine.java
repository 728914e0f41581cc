package org.fairmark.cli.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkException;
import org.fairmark.network.EmbeddedNetwork;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.GatewayException;

/**
 * Runs rounds: a closed loop of N workers back to back, or an open loop at a fixed rate served by a pool of workers,
 * bounded by count and/or duration. Every worker owns its connections, set up before the clock starts. Latency is
 * recorded in microseconds in an HdrHistogram; in an open loop it runs from the operation's scheduled start, so a
 * saturated system shows its queueing instead of hiding it (no coordinated omission).
 */
public final class BenchEngine {
    /** Wait at most this long for operations in flight after a round's limit is reached. */
    private static final long DRAIN_SECONDS = 120;
    private static final long POISON = Long.MIN_VALUE;

    private final BenchTarget target;
    private final PrintStream progressStream;
    private final boolean progressBar;

    /**
     * @param progressStream where the progress bar is drawn (standard error)
     * @param progressBar whether to draw it (a terminal, not {@code --json})
     */
    public BenchEngine(BenchTarget target, PrintStream progressStream, boolean progressBar) {
        this.target = target;
        this.progressStream = progressStream;
        this.progressBar = progressBar;
    }

    public BenchTarget target() {
        return target;
    }

    /** One operation; {@code index} counts from 0 over the warm-up and the measured part. */
    @FunctionalInterface
    public interface Operation {
        void run(Worker worker, long index) throws Exception;
    }

    /** One worker thread's connections, made on first use and closed when the round ends. */
    public static final class Worker implements AutoCloseable {
        private final BenchTarget target;
        private final Map<String, FairmarkClient> clients = new ConcurrentHashMap<>();
        private FairmarkClient base;
        private BenchTarget.RawConnection raw;

        Worker(BenchTarget target) {
            this.target = target;
        }

        /** A client acting as wallet identity {@code name}. */
        public FairmarkClient as(String name) {
            FairmarkClient client = clients.get(name);
            if (client == null) {
                client = base == null ? target.connect(name) : base.withIdentity(target.identity(name));
                if (base == null) {
                    base = client;
                }
                clients.put(name, client);
            }
            return client;
        }

        /** The raw gateway for the bench contract. */
        org.hyperledger.fabric.client.Contract bench(String name) {
            if (raw == null) {
                raw = target.raw(name);
            }
            return raw.contract();
        }

        @Override
        public void close() {
            for (FairmarkClient client : clients.values()) {
                if (client != base) {
                    client.close();
                }
            }
            if (base != null) {
                target.release(base);
            }
            if (raw != null) {
                raw.close();
            }
        }
    }

    /**
     * Runs {@code count} operations on {@code clients} workers without measuring them (preparation, preload); fails
     * on the first failure.
     *
     * @return seconds taken
     */
    public double prepare(String label, int clients, long count, Operation operation) {
        BenchPlan.Round round = new BenchPlan.Round(label, Workload.REGISTER_BATCH, clients, 0, count, null, 0, 1, 0);
        RoundResult result = run(round, operation, true, 0);
        if (result.failures() > 0) {
            throw new IllegalStateException("preparing '" + label + "' failed " + result.failures() + " of "
                    + result.sent() + " times: " + String.join("; ", result.firstFailures()));
        }
        return result.elapsedSeconds();
    }

    /**
     * Runs one round (its warm-up first) and measures it.
     *
     * @param ledgerRecords the package records preloaded into the ledger, for the report
     */
    public RoundResult run(BenchPlan.Round round, Operation operation, long ledgerRecords) {
        return run(round, operation, false, ledgerRecords);
    }

    private RoundResult run(BenchPlan.Round round, Operation operation, boolean stopOnFailure, long ledgerRecords) {
        int workers = round.clients();
        List<Worker> made = Collections.synchronizedList(new ArrayList<>());
        Measure measure = new Measure();
        AtomicLong nextIndex = new AtomicLong();
        long limit = round.count() > 0 ? round.count() : Long.MAX_VALUE;
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch warmedUp = new CountDownLatch(workers);
        CountDownLatch measured = new CountDownLatch(1);
        BlockingQueue<Long> tickets = new LinkedBlockingQueue<>();
        long[] deadline = {Long.MAX_VALUE};
        List<Thread> threads = new ArrayList<>();
        AtomicLong warmupLeft = new AtomicLong(round.warmup());
        for (int i = 0; i < workers; i++) {
            Thread thread = new Thread(() -> {
                Worker worker = new Worker(target);
                made.add(worker);
                try {
                    ready.countDown();
                    go.await();
                    // warm-up: closed loop, not counted
                    while (warmupLeft.getAndDecrement() > 0) {
                        try {
                            operation.run(worker, nextIndex.getAndIncrement());
                        } catch (Exception e) {
                            measure.warmupFailures.increment();
                        }
                    }
                    warmedUp.countDown();
                    measured.await();
                    long cpuAtStart = threadCpuNanos();
                    try {
                        measuredLoop(round, operation, worker, measure, nextIndex, tickets, deadline, limit,
                                stopOnFailure);
                    } finally {
                        if (cpuAtStart >= 0) {
                            measure.workerCpuNanos.add(threadCpuNanos() - cpuAtStart);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, BenchTarget.CLIENT_THREADS + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            ready.await();
            go.countDown();
            warmedUp.await();
            Resources before = Resources.now(target);
            Ticker ticker = new Ticker(round, measure);
            ticker.start();
            measure.start = System.nanoTime();
            if (round.duration() != null) {
                deadline[0] = measure.start + round.duration().toNanos();
            }
            measured.countDown();
            long sentOpen = 0;
            if (round.openLoop()) {
                double period = 1e9 / round.rate();
                for (long k = 0; k < limit; k++) {
                    long scheduled = measure.start + (long) (k * period);
                    if (scheduled >= deadline[0]) {
                        break;
                    }
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    tickets.add(scheduled);
                    sentOpen++;
                }
                measure.lastSend = System.nanoTime();
                for (int i = 0; i < workers; i++) {
                    tickets.add(POISON);
                }
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS) + (round.duration() == null ? 3_600_000
                        : round.duration().toMillis()));
            }
            long end = System.nanoTime();
            ticker.stop();
            Resources after = Resources.now(target);
            long sent = round.openLoop() ? sentOpen : Math.min(measure.sent.get(), limit);
            if (!round.openLoop()) {
                measure.lastSend = measure.lastStart.get() == 0 ? end : measure.lastStart.get();
            }
            return result(round, measure, sent, end, before, after, ticker.peakHeap(), ledgerRecords);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            for (Thread thread : threads) {
                thread.interrupt();
            }
            synchronized (made) {
                for (Worker worker : made) {
                    try {
                        worker.close();
                    } catch (RuntimeException e) {
                        // closing a broken connection; the round's result stands
                    }
                }
            }
        }
    }

    private static void measuredLoop(BenchPlan.Round round, Operation operation, Worker worker, Measure measure,
            AtomicLong nextIndex, BlockingQueue<Long> tickets, long[] deadline, long limit, boolean stopOnFailure)
            throws InterruptedException {
        if (round.openLoop()) {
            while (true) {
                long scheduled = tickets.take();
                if (scheduled == POISON) {
                    break;
                }
                once(operation, worker, nextIndex.getAndIncrement(), scheduled, measure);
            }
        } else {
            while (System.nanoTime() < deadline[0] && measure.sent.incrementAndGet() <= limit) {
                if (stopOnFailure && measure.failures.sum() > 0) {
                    break;
                }
                once(operation, worker, nextIndex.getAndIncrement(), System.nanoTime(), measure);
            }
        }
    }

    private static void once(Operation operation, Worker worker, long index, long scheduled, Measure measure) {
        long started = System.nanoTime();
        measure.lastStart.accumulateAndGet(started, Math::max);
        try {
            operation.run(worker, index);
            long finished = System.nanoTime();
            measure.latency.recordValue(Math.max(1, (finished - scheduled) / 1000));
            measure.successes.increment();
        } catch (Exception e) {
            measure.failures.increment();
            measure.failuresByCode.computeIfAbsent(classify(e), code -> new LongAdder()).increment();
            synchronized (measure.firstFailures) {
                if (measure.firstFailures.size() < 3) {
                    measure.firstFailures.add(classify(e) + ": " + e.getMessage());
                }
            }
        }
    }

    /** The error code of a failed operation: the Fairmark code, or Fabric's validation code (MVCC conflicts). */
    static String classify(Throwable failure) {
        if (failure instanceof FairmarkException fairmark) {
            String validation = fairmark.validationCode();
            return validation != null && isMvcc(validation) ? validation : fairmark.code().name();
        }
        if (failure instanceof CommitException commit) {
            return commit.getCode().name();
        }
        if (failure instanceof GatewayException gateway) {
            return "GRPC_" + gateway.getStatus().getCode().name();
        }
        return failure.getClass().getSimpleName();
    }

    static boolean isMvcc(String code) {
        return code.equals("MVCC_READ_CONFLICT") || code.equals("PHANTOM_READ_CONFLICT");
    }

    private static RoundResult result(BenchPlan.Round round, Measure measure, long sent, long end, Resources before,
            Resources after, long peakHeap, long ledgerRecords) {
        double elapsed = (end - measure.start) / 1e9;
        double sendWindow = Math.max((measure.lastSend - measure.start) / 1e9, 1e-9);
        Histogram histogram = measure.latency.copy();
        Map<String, Long> failures = new TreeMap<>();
        measure.failuresByCode.forEach((code, count) -> failures.put(code, count.sum()));
        long mvcc = failures.entrySet().stream().filter(entry -> isMvcc(entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long successes = measure.successes.sum();
        RoundResult.Latency latency = successes == 0 ? null : new RoundResult.Latency(
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(95) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0,
                histogram.getMean() / 1000.0);
        double cpuSeconds = (after.cpuNanos() - before.cpuNanos()) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        long operations = Math.max(1, successes + measure.failures.sum());
        // embedded: the client threads' own CPU; a remote network: the whole process is the client
        double clientCpuMs = after.clientIoCpu().isEmpty() && before.clientIoCpu().isEmpty()
                ? 1000 * cpuSeconds / operations
                : (measure.workerCpuNanos.sum() + after.clientIoNanosSince(before)) / 1e6 / operations;
        EmbeddedNetwork.ContractCalls contract = after.contractSince(before);
        Double contractCpuMs = contract.calls() > 0 ? round3(contract.cpuNanos() / 1e6 / contract.calls()) : null;
        return new RoundResult(
                round.name(),
                round.workload().id(),
                round.openLoop() ? "open" : "closed",
                round.clients(),
                round.rate(),
                round.count(),
                round.duration() == null ? null : round.duration().toMillis() / 1000.0,
                round.warmup(),
                round.packages(),
                ledgerRecords,
                sent,
                successes,
                measure.failures.sum(),
                mvcc,
                failures,
                round3(elapsed),
                round3(sent / sendWindow),
                round3(successes / elapsed),
                latency,
                new RoundResult.Resources(round3(cpuSeconds), round3(100 * cpuSeconds / elapsed / cores),
                        peakHeap / (1024 * 1024), after.heapCommitted() / (1024 * 1024), before.load(), after.load(),
                        round3(clientCpuMs), contractCpuMs, contract.calls()),
                List.copyOf(measure.firstFailures));
    }

    public static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static final class Measure {
        final ConcurrentHistogram latency = new ConcurrentHistogram(1, TimeUnit.HOURS.toMicros(1), 3);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong lastStart = new AtomicLong();
        final LongAdder successes = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder warmupFailures = new LongAdder();
        final LongAdder workerCpuNanos = new LongAdder();
        final Map<String, LongAdder> failuresByCode = new ConcurrentHashMap<>();
        final List<String> firstFailures = new ArrayList<>();
        volatile long start;
        volatile long lastSend;
    }

    /**
     * The process at one moment: CPU, heap, load; the CPU time of the client's gRPC threads by thread id (the
     * workers count their own); the embedded network's contract CPU per function.
     */
    private record Resources(long cpuNanos, long heapCommitted, double load, Map<Long, Long> clientIoCpu,
            Map<String, EmbeddedNetwork.ContractCalls> contractCpu) {
        static Resources now(BenchTarget target) {
            long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime()
                    : 0;
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            Map<Long, Long> io = new HashMap<>();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            if (target.embedded() && threads.isThreadCpuTimeSupported()) {
                for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                    if (info != null && info.getThreadName().startsWith(BenchTarget.CLIENT_THREADS)
                            && !info.getThreadName().matches(Pattern.quote(BenchTarget.CLIENT_THREADS) + "\\d+")) {
                        long time = threads.getThreadCpuTime(info.getThreadId());
                        if (time >= 0) {
                            io.put(info.getThreadId(), time);
                        }
                    }
                }
            }
            return new Resources(cpu, memory.getHeapMemoryUsage().getCommitted(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), io,
                    target.embedded() ? target.network().contractCpu() : Map.of());
        }

        /** CPU of the client's gRPC threads between {@code before} and this; threads that ended meanwhile are lost. */
        long clientIoNanosSince(Resources before) {
            long sum = 0;
            for (Map.Entry<Long, Long> entry : clientIoCpu.entrySet()) {
                sum += Math.max(0, entry.getValue() - before.clientIoCpu.getOrDefault(entry.getKey(), 0L));
            }
            return sum;
        }

        /** Contract calls and their CPU between {@code before} and this, over all functions. */
        EmbeddedNetwork.ContractCalls contractSince(Resources before) {
            long calls = 0;
            long nanos = 0;
            for (Map.Entry<String, EmbeddedNetwork.ContractCalls> entry : contractCpu.entrySet()) {
                EmbeddedNetwork.ContractCalls earlier = before.contractCpu.get(entry.getKey());
                calls += entry.getValue().calls() - (earlier == null ? 0 : earlier.calls());
                nanos += entry.getValue().cpuNanos() - (earlier == null ? 0 : earlier.cpuNanos());
            }
            return new EmbeddedNetwork.ContractCalls(calls, nanos);
        }
    }

    private static long threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    /** Samples the heap and draws the progress bar every 200 ms while a round runs. */
    private final class Ticker implements Runnable {
        private static final int WIDTH = 30;
        private final BenchPlan.Round round;
        private final Measure measure;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peakHeap;

        Ticker(BenchPlan.Round round, Measure measure) {
            this.round = round;
            this.measure = measure;
            this.thread = new Thread(this, "fairmark-bench-ticker");
            thread.setDaemon(true);
        }

        void start() {
            sample();
            thread.start();
        }

        long peakHeap() {
            return peakHeap;
        }

        void stop() {
            running = false;
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sample();
            if (progressBar) {
                draw();
                progressStream.println();
                progressStream.flush();
            }
        }

        @Override
        public void run() {
            while (running) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                sample();
                if (progressBar && running) {
                    draw();
                }
            }
        }

        private void sample() {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used > peakHeap) {
                peakHeap = used;
            }
        }

        private void draw() {
            long done = measure.successes.sum() + measure.failures.sum();
            double elapsed = (System.nanoTime() - measure.start) / 1e9;
            double fraction = 0;
            if (round.count() > 0) {
                fraction = (double) done / round.count();
            }
            if (round.duration() != null) {
                fraction = Math.max(fraction, elapsed / (round.duration().toNanos() / 1e9));
            }
            int filled = (int) (WIDTH * Math.min(1, fraction));
            progressStream.print(String.format(Locale.ROOT, "\r%-24.24s [%s%s] %d ok %d failed %.0f/s %.1fs ",
                    round.name(), "#".repeat(filled), ".".repeat(WIDTH - filled), measure.successes.sum(),
                    measure.failures.sum(), elapsed > 0 ? measure.successes.sum() / elapsed : 0, elapsed));
            progressStream.flush();
        }
    }
}
