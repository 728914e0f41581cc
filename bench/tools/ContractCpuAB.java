import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/** ContractCpuAB ROUNDS CALLS CLASSPATH-FILE DIR... : each DIR's contract classes in its own class loader, rounds interleaved. */
public class ContractCpuAB {
    public static void main(String[] a) throws Exception {
        int rounds = Integer.parseInt(a[0]), calls = Integer.parseInt(a[1]);
        String[] cp = Files.readString(Path.of(a[2])).strip().split(":");
        List<String> names = new ArrayList<>(); List<Object> benches = new ArrayList<>();
        List<Method> nexts = new ArrayList<>(), execs = new ArrayList<>(), oks = new ArrayList<>();
        for (int v = 3; v < a.length; v++) {
            List<URL> urls = new ArrayList<>(); urls.add(Path.of(a[v]).toUri().toURL());
            for (String e : cp) urls.add(Path.of(e).toUri().toURL());
            URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> type = loader.loadClass("org.fairmark.bench.jmh.ContractBenchmarks");
            Object bench = type.getConstructor().newInstance();
            type.getMethod("setUp").invoke(bench);
            Method next = type.getDeclaredMethod("next", String.class); next.setAccessible(true);
            Method exec = type.getDeclaredMethod("execute", loader.loadClass("org.fairmark.simulator.Invocation")); exec.setAccessible(true);
            Method ok = loader.loadClass("org.fairmark.simulator.SimulationResult").getMethod("isSuccess");
            names.add(Path.of(a[v]).getFileName().toString()); benches.add(bench); nexts.add(next); execs.add(exec); oks.add(ok);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] functions = {"register", "blind", "routed"};
        Map<String, List<Double>> us = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < benches.size(); v++) {
                for (String f : functions) {
                    List<Object> prepared = new ArrayList<>(calls);
                    for (int i = 0; i < calls; i++) prepared.add(nexts.get(v).invoke(benches.get(v), f));
                    long before = threads.getCurrentThreadCpuTime();
                    for (Object inv : prepared) {
                        Object result = execs.get(v).invoke(benches.get(v), inv);
                        if (!(Boolean) oks.get(v).invoke(result)) throw new IllegalStateException(names.get(v) + " " + f + " failed");
                    }
                    double per = (threads.getCurrentThreadCpuTime() - before) / 1000.0 / calls;
                    if (r >= rounds / 3) us.computeIfAbsent(names.get(v) + " " + f, k -> new ArrayList<>()).add(per);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d rounds x %d calls per function and variant, interleaved; first third not counted%n", rounds, calls);
        Map<String, double[]> sorted = new LinkedHashMap<>();
        us.forEach((k, l) -> sorted.put(k, l.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
        sorted.forEach((k, x) -> System.out.printf(Locale.ROOT, "%-16s CPU us/call: min %6.1f  p10 %6.1f  p25 %6.1f  median %6.1f%n", k, x[0], x[x.length / 10], x[x.length / 4], x[x.length / 2]));
        for (String n : names) {
            double[] reg = sorted.get(n + " register"), bl = sorted.get(n + " blind"), ro = sorted.get(n + " routed");
            System.out.printf(Locale.ROOT, "%-8s register/blind p10 %.2f median %.2f | register/routed p10 %.2f median %.2f%n", n,
                reg[reg.length / 10] / bl[bl.length / 10], reg[reg.length / 2] / bl[bl.length / 2],
                reg[reg.length / 10] / ro[ro.length / 10], reg[reg.length / 2] / ro[ro.length / 2]);
        }
    }
}
