package org.fairmark.network.fabric;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairmark.devca.Identity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance suite against a real Fabric 2.5 network: {@code up.sh --prepare-only}, a producer certificate of
 * CoopMSP revoked and its CRL put into the org's MSP ({@link NativeFabric#revokedBeforeTheChannel}), {@code up.sh},
 * {@code deploy.sh} (MAJORITY policy) in a
 * temp dir, its {@code connection-profile.json} and wallet, {@code down.sh --clean} afterwards; the host-wide lock
 * {@link NativeFabric#LOCK_FILE} is held throughout. Skipped, with the reason, when a Fabric binary is not on PATH.
 * Docker Fabric via Testcontainers is not implemented.
 */
class NativeFabricConformanceIT extends ConformanceSuite {
    private static Path state;
    private static AutoCloseable lock;

    @BeforeAll
    static void up() throws Exception {
        List<String> missing = NativeFabric.missingBinaries(System.getenv("PATH"));
        Assumptions.assumeTrue(missing.isEmpty(),
                "Fabric binaries not on PATH: " + String.join(", ", missing) + " (native Fabric conformance skipped)");
        lock = NativeFabric.lock();
        state = Files.createTempDirectory("fairmark-fabric-conformance");
        // the revoked certificate's CRL must be in CoopMSP's MSP before the channel's genesis block is made
        NativeFabric.run(600, "up.sh", state.toString(), "--prepare-only");
        Identity revoked = NativeFabric.revokedBeforeTheChannel(state.resolve("crypto"));
        NativeFabric.run(600, "up.sh", state.toString());
        NativeFabric.run(600, "deploy.sh", state.toString(), "--policy", "majority");
        // deploy.sh returns once every org's gateway endorses (AwaitGateways): the first write must succeed at once
        connect(new Target("native-fabric", state.resolve("connection-profile.json"), state.resolve("wallet"),
                state.resolve("crypto").resolve("orgs"), revoked));
    }

    @AfterAll
    static void down() throws Exception {
        disconnect();
        try {
            if (state != null) {
                NativeFabric.run(120, "down.sh", state.toString(), "--clean");
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }
}
