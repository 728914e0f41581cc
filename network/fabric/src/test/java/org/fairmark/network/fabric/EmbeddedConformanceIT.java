package org.fairmark.network.fabric;

import java.nio.file.Path;
import org.fairmark.network.EmbeddedNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite against the embedded network over TCP, through the connection.json profile it writes. */
class EmbeddedConformanceIT extends ConformanceSuite {
    @TempDir
    static Path dataDir;

    static EmbeddedNetwork network;

    @BeforeAll
    static void start() throws Exception {
        network = EmbeddedNetwork.builder().dataDir(dataDir).port(0).start();
        connect(new Target("embedded", network.connectionProfile().orElseThrow(), network.wallet().directory()));
    }

    @AfterAll
    static void stop() {
        disconnect();
        if (network != null) {
            network.close();
        }
    }
}
