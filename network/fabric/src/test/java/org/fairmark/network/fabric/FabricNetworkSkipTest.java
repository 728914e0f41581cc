package org.fairmark.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The skip decision of {@link FabricNetworkIT} and {@link NativeFabricConformanceIT}, checked without Fabric binaries. */
class FabricNetworkSkipTest {
    @Test
    void names_every_binary_missing_from_path(@TempDir Path dir) throws Exception {
        assertThat(NativeFabric.missingBinaries(dir.toString()))
                .containsExactly("peer", "orderer", "configtxgen", "osnadmin");
        assertThat(NativeFabric.missingBinaries(null)).hasSize(4);

        for (String name : new String[] {"peer", "orderer"}) {
            Path binary = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertThat(NativeFabric.missingBinaries("/nonexistent" + java.io.File.pathSeparator + dir))
                .containsExactly("configtxgen", "osnadmin");
    }
}
