package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bench warns before a preload whose state will not fit the heap it runs in. */
class BenchHeapWarningTest {
    @Test
    void a_small_preload_gets_no_warning() {
        assertThat(BenchCommand.heapWarning(1_000)).isEmpty();
    }

    @Test
    void a_preload_larger_than_the_heap_is_warned_about_with_the_options_that_fit_it() {
        long records = Runtime.getRuntime().maxMemory() / BenchCommand.HEAP_BYTES_PER_RECORD * 2;

        assertThat(BenchCommand.heapWarning(records)).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("bench: warning: " + records + " records need about")
                .contains("FAIRMARK_JAVA_OPTS=\"-XX:-UseSerialGC -XX:+UseG1GC -Xmx"));
    }
}
