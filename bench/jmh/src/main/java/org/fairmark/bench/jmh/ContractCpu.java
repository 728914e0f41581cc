package org.fairmark.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairmark.simulator.Invocation;
import org.fairmark.simulator.SimulationResult;

/**
 * Thread CPU time per call of {@link ContractBenchmarks}' three calls, what the embedded network's
 * {@code contractCpu()} measures around each simulation, but robust to a loaded machine (JMH's wall time is not when
 * other processes take the cores). Interleaves the calls in rounds (register, blind, routed, register, ...) so that a
 * change of load or of JIT state hits all of them alike; prints each round and the median per call.
 *
 * <pre>{@code java -cp ... org.fairmark.bench.jmh.ContractCpu [rounds=15] [callsPerRound=2000] [only=register,blind,routed]}</pre>
 */
public final class ContractCpu {
    private ContractCpu() {}

    /**
     * SHA-256 over everything the ledger gets from {@code calls} calls of each function (status, response payload,
     * the read-write set's bytes, event name and payload), to show that a change leaves the ledger bytes alone.
     */
    static void digest(int calls) {
        ContractBenchmarks bench = new ContractBenchmarks();
        bench.setUp();
        for (String function : List.of("register", "blind", "routed")) {
            try {
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                for (int i = 0; i < calls; i++) {
                    SimulationResult result = bench.run(function);
                    sha.update(Integer.toString(result.status()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    sha.update(result.payload());
                    sha.update(result.readWriteSet().toTxReadWriteSetBytes("fairmark"));
                    if (result.event() != null) {
                        sha.update(result.event().name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        sha.update(result.event().payload());
                    }
                }
                System.out.println(function + " x" + calls + " ledger bytes sha256 "
                        + java.util.HexFormat.of().formatHex(sha.digest()));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("digest")) {
            digest(args.length > 1 ? Integer.parseInt(args[1]) : 200);
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<String> functions = args.length > 2 ? List.of(args[2].split(",")) : List.of("register", "blind", "routed");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ContractBenchmarks bench = new ContractBenchmarks();
        bench.setUp();
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        functions.forEach(f -> micros.put(f, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (String function : functions) {
                List<Invocation> prepared = new ArrayList<>(calls);
                for (int i = 0; i < calls; i++) {
                    prepared.add(bench.next(function));
                }
                long before = threads.getCurrentThreadCpuTime();
                for (Invocation invocation : prepared) {
                    if (!bench.execute(invocation).isSuccess()) {
                        throw new IllegalStateException(function + " failed");
                    }
                }
                double perCall = (threads.getCurrentThreadCpuTime() - before) / 1000.0 / calls;
                line.append(String.format(Locale.ROOT, " %s %.1f us", function, perCall));
                if (round >= rounds / 3) { // the first third is warm-up
                    micros.get(function).add(perCall);
                }
            }
            if (rounds <= 20) {
                System.out.println(line);
            }
        }
        double base = -1;
        System.out.printf(Locale.ROOT, "%d rounds of %d calls each, the first third not counted%n", rounds, calls);
        for (Map.Entry<String, List<Double>> entry : micros.entrySet()) {
            double[] values = entry.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = values[values.length / 2];
            if (entry.getKey().equals("blind")) {
                base = median;
            }
            System.out.printf(Locale.ROOT, "%-9s CPU us/call: min %.1f, p10 %.1f, median %.1f, max %.1f (n=%d rounds)%n",
                    entry.getKey(), values[0], values[values.length / 10], median, values[values.length - 1],
                    values.length);
        }
        if (base > 0 && micros.containsKey("register")) {
            double[] r = micros.get("register").stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] b = micros.get("blind").stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "register / blind: median %.2f, p10 %.2f%n", r[r.length / 2] / base,
                    r[r.length / 10] / b[b.length / 10]);
        }
        if (micros.containsKey("routed") && micros.containsKey("register")) {
            double[] r = micros.get("register").stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] b = micros.get("routed").stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "register / routed blind: median %.2f, p10 %.2f%n", r[r.length / 2] / b[b.length / 2],
                    r[r.length / 10] / b[b.length / 10]);
        }
    }
}
