package org.fairmark.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchPlanTest {
    @Test
    void reads_rounds_with_defaults() {
        BenchPlan plan = BenchPlan.parse("""
                network: {blockTimeoutMs: 200, endorsementPolicy: MAJORITY}
                preload: {records: 1000}
                rounds:
                  - {workload: register-batch, clients: 8, count: 100}
                  - {name: fixed, workload: inspect, rate: 12.5, duration: 2m}
                  - {name: short, workload: trace, duration: 500ms, packages: 3, preload: 20000}
                """, "r.yaml");

        assertThat(plan.network()).isEqualTo(new BenchPlan.Network(200, 100, "MAJORITY"));
        assertThat(plan.preloadRecords()).isEqualTo(1000);
        assertThat(plan.rounds()).extracting(BenchPlan.Round::name).containsExactly("register-batch-1", "fixed", "short");
        BenchPlan.Round fixed = plan.rounds().get(1);
        assertThat(fixed.openLoop()).isTrue();
        assertThat(fixed.clients()).isEqualTo(64);
        assertThat(fixed.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(fixed.maxOperations()).isEqualTo(1500);
        assertThat(plan.rounds().get(2).duration()).isEqualTo(Duration.ofMillis(500));
        assertThat(plan.rounds().get(2).packages()).isEqualTo(3);
        assertThat(plan.rounds().get(2).preload()).isEqualTo(20000);
        assertThat(plan.rounds().get(0).clients()).isEqualTo(8);
    }

    @Test
    void refuses_mistakes_with_the_round_and_key() {
        assertThatThrownBy(() -> BenchPlan.parse("rounds: [{workload: inspect, clients: 4, duration: 5s}]", "r.yaml"))
                .isInstanceOf(BenchConfigException.class).hasMessageContaining("prepares one item per operation");
        assertThatThrownBy(() -> BenchPlan.parse("rounds: [{workload: register-batch, count: 5}]\nextra: 1", "r.yaml"))
                .hasMessageContaining("unknown key 'extra'");
        assertThatThrownBy(() -> BenchPlan.parse("rounds: [{workload: trace, count: 5}, {name: trace-1,"
                + " workload: trace, count: 1}]", "r.yaml")).hasMessageContaining("'trace-1' is used twice");
        assertThatThrownBy(() -> BenchPlan.parse("rounds: [{workload: trace, count: 5, clients: 0}]", "r.yaml"))
                .hasMessageContaining("round 1 (trace-1): 'clients' must be at least 1");
        assertThatThrownBy(() -> BenchPlan.parse("network: {blockTimeoutMs: -1}\nrounds: [{workload: trace, count: 5}]",
                "r.yaml")).hasMessageContaining("r.yaml: network: 'blockTimeoutMs' must be a whole number");
        assertThatThrownBy(() -> BenchPlan.parse("- just a list", "r.yaml")).hasMessageContaining("must be a mapping");
    }

    @Test
    void every_rounds_file_the_project_ships_reads_without_error() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("../../bench/rounds");
        java.util.List<java.nio.file.Path> files;
        try (var listing = java.nio.file.Files.list(dir)) {
            files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString())
                .contains("profile.yaml", "steady.yaml", "native-register.yaml", "saturation.yaml");
        for (java.nio.file.Path file : files) {
            assertThat(BenchPlan.read(file).rounds()).as(file.toString()).isNotEmpty();
        }
    }
}

