package org.fairmark.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Trace;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench preload goes through the network like any client (endorsed, ordered, validated, committed) and leaves
 * exactly the package records asked for, each traceable: batch, inspection, packing run and package.
 */
class PreloadIT {
    @TempDir
    Path dir;

    @Test
    void a_preload_of_1000_records_leaves_exactly_1000_traceable_packages_and_tops_up_to_1500() throws Exception {
        try (BenchTarget target = BenchTarget.embedded(dir, BenchPlan.Network.DEFAULT)) {
            BenchEngine engine = new BenchEngine(target, new PrintStream(OutputStream.nullOutputStream()), false);
            Workloads workloads = new Workloads(engine, new Workloads.Fixtures(Samples.GTIN,
                    Samples.chestnutStandard(Samples.STANDARD_CODE, Samples.STANDARD_VERSION),
                    "https://id.example.org"), "t");
            long heightBefore = target.network().height();

            assertThat(workloads.preload(1000)).isPositive();
            assertThat(workloads.preloaded()).isEqualTo(1000);
            long heightAfterFirst = target.network().height();
            assertThat(heightAfterFirst).isGreaterThan(heightBefore);
            // nothing missing: no transaction at all
            assertThat(workloads.preload(1000)).isZero();
            assertThat(target.network().height()).isEqualTo(heightAfterFirst);
            // whole batches of 500: 1200 asked, 1500 held
            workloads.preload(1200);
            assertThat(workloads.preloaded()).isEqualTo(1500);

            FairmarkClient auditor = target.connect(EmbeddedNetwork.AUDITOR);
            try {
                Set<String> serials = ConcurrentHashMap.newKeySet();
                for (long p = 0; p < 1500; p++) {
                    Requests.PackageRef ref = workloads.preloadedPackage(p);
                    Trace trace = auditor.participant().tracePackage(ref.gtin(), ref.lot(), ref.serial());
                    assertThat(trace.pkg().serial()).isEqualTo(ref.serial());
                    assertThat(trace.pkg().lot()).isEqualTo(ref.lot());
                    assertThat(trace.batch().batch().lot()).isEqualTo(ref.lot());
                    assertThat(trace.inspections()).hasSize(1);
                    assertThat(trace.packingRuns()).hasSize(1);
                    serials.add(ref.serial());
                }
                assertThat(serials).hasSize(1500);

                // and no more: the next serial of the last batch and the next batch do not exist
                Requests.PackageRef last = workloads.preloadedPackage(1499);
                assertThatThrownBy(() -> auditor.participant().tracePackage(last.gtin(), last.lot(), last.lot() + "-500"))
                        .isInstanceOfSatisfying(FairmarkException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_NOT_FOUND));
                Requests.PackageRef next = workloads.preloadedPackage(1500);
                assertThatThrownBy(() -> auditor.participant().tracePackage(next.gtin(), next.lot(), next.serial()))
                        .isInstanceOf(FairmarkException.class);
            } finally {
                target.release(auditor);
            }
        }
    }
}
