package org.fairmark.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.GradeDefinition;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Gtin;
import org.fairmark.domain.MassBalance;
import org.fairmark.domain.ShortWeight;
import org.fairmark.domain.Threshold;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.Requests;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Canonical JSON and the trade rules the contract runs on every transaction: pure code, no ledger. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DomainBenchmarks {
    private Requests.RegisterBatch registration;
    private byte[] registrationJson;
    private String messyJson;
    private List<Long> weighings;
    private GradingStandard standard;
    private Map<String, Long> measurements;

    @Setup
    public void setUp() {
        String gtin = "0690123456789" + Gtin.checkDigit("0690123456789");
        registration = new Requests.RegisterBatch("req-0001", gtin, "QX-2024-001", "chestnut", "Yanshan early",
                new Origin("130227", "Hanerzhuang", "Yuhu", "plot-7", null), "2024-09-10", 1_000_000L, 20_000L, null,
                null);
        registrationJson = CanonicalJson.toBytes(registration);
        messyJson = "{ \"z\": [3, 2, 1], \"a\": {\"y\": \"two\", \"b\": null}, \"m\": 12345678901 }";
        weighings = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            weighings.add(4_950L + (i * 37L) % 120L);
        }
        standard = new GradingStandard("FM-CHESTNUT", "2024", "chestnut", "Chestnut grades", List.of(
                new GradeDefinition("FIRST", List.of(new Threshold("defect_rate_permille", Threshold.Bound.MAX, 30),
                        new Threshold("count_per_kg", Threshold.Bound.MAX, 180))),
                new GradeDefinition("SECOND", List.of(new Threshold("defect_rate_permille", Threshold.Bound.MAX, 80))),
                new GradeDefinition("OUT_OF_GRADE", List.of())));
        measurements = Map.of("defect_rate_permille", 45L, "count_per_kg", 170L);
    }

    /** A request to the canonical bytes the client signs and the contract stores. */
    @Benchmark
    public byte[] canonicalJsonWrite() {
        return CanonicalJson.toBytes(registration);
    }

    /** The contract reading a request. */
    @Benchmark
    public Requests.RegisterBatch canonicalJsonRead() {
        return CanonicalJson.read(registrationJson, Requests.RegisterBatch.class);
    }

    /** Any JSON re-written canonically (sorted keys, no whitespace). */
    @Benchmark
    public String canonicalize() {
        return CanonicalJson.canonicalize(messyJson);
    }

    /** OIML R 87: 40 packages of 500 g, each against the tolerable deficiency and their average. */
    @Benchmark
    public Object shortWeight40Packages() {
        return ShortWeight.judgeAll(500L, weighings);
    }

    /** Mass balance of a pack: declared mass, loss allowance, packed so far and the new packages. */
    @Benchmark
    public long massBalance() {
        MassBalance.requireFits(1_000_000L, 20_000L, 400_000L, 20_000L);
        return MassBalance.remainingGrams(1_000_000L, 20_000L, 420_000L);
    }

    /** Grading: the grade measurements earn under a three-grade standard. */
    @Benchmark
    public String grading() {
        return standard.derive(measurements);
    }
}
