package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's trust bundle finds the organizations' CAs of an embedded data directory and of a Fabric state dir. */
class DemoOrganizationsTest {
    @TempDir
    Path dir;

    @Test
    void an_embedded_data_directory_keeps_its_orgs_folder() throws Exception {
        Files.createDirectories(dir.resolve("orgs"));
        Files.createDirectories(dir.resolve("crypto/orgs"));

        assertThat(DemoCommand.organizationsDirectory(dir)).isEqualTo(dir.resolve("orgs"));
    }

    @Test
    void a_state_directory_of_network_fabric_up_sh_is_read_in_fabrics_msp_layout() throws Exception {
        Files.createDirectories(dir.resolve("crypto/orgs/CoopMSP/msp/cacerts"));

        assertThat(DemoCommand.organizationsDirectory(dir)).isEqualTo(dir.resolve("crypto").resolve("orgs"));
    }

    @Test
    void without_either_the_embedded_layout_is_named_in_the_error() {
        assertThat(DemoCommand.organizationsDirectory(dir)).isEqualTo(dir.resolve("orgs"));
    }
}
