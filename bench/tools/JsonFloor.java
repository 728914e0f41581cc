import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.model.Requests;
import org.fairmark.samples.Samples;

/**
 * The JSON floor of {@code batch:Register} next to the blind-write baseline (bench/results/contract-cpu.md, issue #12).
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -cp "/tmp/contract-HEAD:$(cat /tmp/ab-cp.txt)" bench/tools/JsonFloor.java [ROUNDS CALLS]
 * </pre>
 *
 * In interleaved rounds of {@code CALLS} calls each, on one thread, thread CPU per call of: reading a registration
 * request as the contract does ({@code read}); writing the parsed request once as canonical JSON ({@code write});
 * the bench's raw blind write ({@code blind}) and {@code batch:Register} ({@code register}), both through
 * {@code ContractBenchmarks} as the contract's A/B driver runs them. The first third of the rounds is not counted.
 *
 * <p>A registration reads its request once and writes at least three documents that each hold at least the request's
 * fields: the batch, the result (the batch's view) and the request record (which holds the result). So
 * {@code read + 3 x write + blind} estimates from below what any JSON registration costs; its ratio to {@code blind}
 * says how close to the blind write the contract could come with every check, key, policy and event for free.
 */
public class JsonFloor {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 90;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Class<?> type = Class.forName("org.fairmark.bench.jmh.ContractBenchmarks");
        Object bench = type.getConstructor().newInstance();
        type.getMethod("setUp").invoke(bench);
        Method next = type.getDeclaredMethod("next", String.class);
        next.setAccessible(true);
        Method execute = type.getDeclaredMethod("execute", Class.forName("org.fairmark.simulator.Invocation"));
        execute.setAccessible(true);
        Method success = Class.forName("org.fairmark.simulator.SimulationResult").getMethod("isSuccess");

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        long sequence = 0;
        long bytes = 0;
        for (int r = 0; r < rounds; r++) {
            List<String> requests = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                sequence++;
                requests.add(new String(CanonicalJson.toBytes(Samples.registration(new UUID(0x4000L, sequence).toString(),
                        "JMH-" + sequence, "2026-09-20", 1_000_000L, 10_000L)), StandardCharsets.UTF_8));
            }
            List<Requests.RegisterBatch> parsed = new ArrayList<>(calls);
            long before = threads.getCurrentThreadCpuTime();
            for (String json : requests) {
                parsed.add(CanonicalJson.read(json, Requests.RegisterBatch.class));
            }
            long read = threads.getCurrentThreadCpuTime() - before;
            before = threads.getCurrentThreadCpuTime();
            for (Requests.RegisterBatch request : parsed) {
                bytes += CanonicalJson.toBytes(request).length;
            }
            long write = threads.getCurrentThreadCpuTime() - before;
            long blind = contract(bench, next, execute, success, "blind", calls, threads);
            long register = contract(bench, next, execute, success, "register", calls, threads);
            if (r >= rounds / 3) {
                add(micros, "read", read, calls);
                add(micros, "write", write, calls);
                add(micros, "blind", blind, calls);
                add(micros, "register", register, calls);
            }
        }
        System.out.printf(Locale.ROOT, "%d rounds x %d calls, interleaved; first third not counted; request %d bytes%n",
                rounds, calls, bytes / ((long) rounds * calls));
        Map<String, Double> median = new LinkedHashMap<>();
        micros.forEach((name, list) -> {
            double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            median.put(name, sorted[sorted.length / 2]);
            System.out.printf(Locale.ROOT, "%-8s CPU us/call: p10 %6.1f  median %6.1f%n", name,
                    sorted[sorted.length / 10], sorted[sorted.length / 2]);
        });
        double floor = median.get("read") + 3 * median.get("write") + median.get("blind");
        System.out.printf(Locale.ROOT, "floor read + 3 x write + blind = %.1f us = %.2f x blind; register = %.2f x blind%n",
                floor, floor / median.get("blind"), median.get("register") / median.get("blind"));
    }

    private static long contract(Object bench, Method next, Method execute, Method success, String which, int calls,
            ThreadMXBean threads) throws Exception {
        List<Object> prepared = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            prepared.add(next.invoke(bench, which));
        }
        long before = threads.getCurrentThreadCpuTime();
        for (Object invocation : prepared) {
            if (!(Boolean) success.invoke(execute.invoke(bench, invocation))) {
                throw new IllegalStateException(which + " failed");
            }
        }
        return threads.getCurrentThreadCpuTime() - before;
    }

    private static void add(Map<String, List<Double>> micros, String name, long nanos, int calls) {
        micros.computeIfAbsent(name, k -> new ArrayList<>()).add(nanos / 1000.0 / calls);
    }
}
