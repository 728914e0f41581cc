package org.fairmark.network.fabric;

import java.nio.file.Path;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
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
        // the embedded network puts a revocation into force at once, as a channel configuration update would
        Path orgs = dataDir.resolve("orgs");
        Identity revoked = ConformanceSuite.issueRevoked(CertificateAuthority.load(orgs.resolve("CoopMSP").resolve("ca")));
        network.revoke(revoked.mspId(), revoked.certificate());
        connect(new Target("embedded", network.connectionProfile().orElseThrow(), network.wallet().directory(), orgs,
                revoked));
    }

    @AfterAll
    static void stop() {
        disconnect();
        if (network != null) {
            network.close();
        }
    }
}
