package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The class list the archive-writing run loads names the read path's classes, and classes that exist. */
class CdsTrainingTest {

    @Test
    void lists_the_read_path_and_only_classes_that_load() {
        List<String> names = CdsTraining.names();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, false, CdsTrainingTest.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(name);
            }
        }

        assertThat(names).contains("org.fairmark.network.LedgerReader", "org.fairmark.simulator.ContractReader",
                "org.fairmark.client.LocalReadClient", "org.fairmark.contract.BatchContract");
        assertThat(missing).isEmpty();
    }

    @Test
    void loads_nothing_unless_the_run_writes_the_archive() {
        assertThat(System.getProperty(CdsTraining.PROPERTY)).isNull();
        assertThat(CdsTraining.loadIfTraining()).isZero();
    }
}
