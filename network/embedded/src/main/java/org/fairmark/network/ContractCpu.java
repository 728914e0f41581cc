package org.fairmark.network;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * CPU time of the endorser's thread inside the contract (the simulation of one proposal: the shim's routing, the
 * contract, its state reads and writes against the world state), per function. Measured with the thread's CPU
 * clock, so waiting and other threads do not count. At most {@link #MAX_FUNCTIONS} names are kept apart; further
 * ones are counted under {@code "(other)"}, so that arbitrary function names cannot grow the map.
 */
final class ContractCpu {
    static final int MAX_FUNCTIONS = 256;
    static final String OTHER = "(other)";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported();

    private final Map<String, Counter> byFunction = new ConcurrentHashMap<>();

    /** The current thread's CPU time in nanoseconds, or -1 where the JVM cannot tell. */
    static long threadCpuNanos() {
        return SUPPORTED ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** Adds one call of {@code function} that began at thread CPU time {@code startedNanos}. */
    void record(String function, long startedNanos) {
        if (startedNanos < 0) {
            return;
        }
        long spent = Math.max(0, threadCpuNanos() - startedNanos);
        Counter counter = byFunction.get(function);
        if (counter == null) {
            String key = byFunction.size() < MAX_FUNCTIONS ? function : OTHER;
            counter = byFunction.computeIfAbsent(key, name -> new Counter());
        }
        counter.calls.increment();
        counter.nanos.add(spent);
    }

    Map<String, EmbeddedNetwork.ContractCalls> totals() {
        Map<String, EmbeddedNetwork.ContractCalls> totals = new TreeMap<>();
        byFunction.forEach((function, counter) ->
                totals.put(function, new EmbeddedNetwork.ContractCalls(counter.calls.sum(), counter.nanos.sum())));
        return totals;
    }

    private static final class Counter {
        final LongAdder calls = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }
}
