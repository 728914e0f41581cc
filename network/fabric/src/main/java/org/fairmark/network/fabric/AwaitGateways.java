package org.fairmark.network.fabric;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.client.ConnectionProfile;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkException;
import org.fairmark.client.FairmarkIdentity;

/**
 * Waits until every organization's gateway in a connection profile can endorse for the chaincode
 * ({@link FairmarkClient#awaitReady}), as the organization's admin from the Fabric MSP folders {@code up.sh} wrote
 * ({@code crypto/orgs/<MSP>/users/admin/msp}). Right after {@code deploy.sh} commits a definition the peers' gossip
 * needs a few seconds before discovery can plan a MAJORITY endorsement; a first write before that fails with
 * "no combination of peers can be derived". {@code deploy.sh} runs this last, so a deployed network takes writes.
 *
 * <pre>
 * java -cp fairmark-network-fabric-*-tools.jar org.fairmark.network.fabric.AwaitGateways \
 *     --profile STATE/connection-profile.json --crypto STATE/crypto [--timeout SECONDS]
 * </pre>
 *
 * <p>Exit 0 when all are ready, 69 (unavailable) when one is not within the timeout (shared by all organizations),
 * 2 on bad arguments, 1 on any other failure; one line per organization on stderr.
 */
public final class AwaitGateways {
    static final int EXIT_UNAVAILABLE = 69;

    private AwaitGateways() {}

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream out) {
        Path profileFile = null;
        Path crypto = null;
        long timeoutSeconds = 120;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--profile" -> profileFile = Path.of(args[++i]);
                    case "--crypto" -> crypto = Path.of(args[++i]);
                    case "--timeout" -> timeoutSeconds = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (profileFile == null || crypto == null || timeoutSeconds < 0) {
                throw new IllegalArgumentException("--profile FILE and --crypto DIR are required, --timeout >= 0");
            }
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage()
                    + "\nusage: AwaitGateways --profile FILE --crypto DIR [--timeout SECONDS]");
            return 2;
        }
        try {
            ConnectionProfile profile = ConnectionProfile.load(profileFile);
            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            List<String> ready = new ArrayList<>();
            for (String mspId : profile.organizations()) {
                Path msp = crypto.resolve("orgs").resolve(mspId).resolve("users").resolve("admin").resolve("msp");
                Path certificate = msp.resolve("signcerts").resolve("cert.pem");
                Path key = msp.resolve("keystore").resolve("key.pem");
                if (!Files.isRegularFile(certificate) || !Files.isRegularFile(key)) {
                    out.println("error: no admin identity of " + mspId + " under " + msp);
                    return 1;
                }
                FairmarkIdentity admin = FairmarkIdentity.fromPem(mspId, certificate, key);
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                try (FairmarkClient client = FairmarkClient.builder().profile(profile).identity(admin).connect()) {
                    Duration took = client.awaitReady(left);
                    out.println(mspId + ": the gateway at " + profile.gateway(mspId).endpoint()
                            + " endorses for chaincode " + profile.chaincode() + " (" + took.toMillis() + " ms)");
                    ready.add(mspId);
                }
            }
            out.println("all " + ready.size() + " gateways ready");
            return 0;
        } catch (FairmarkException e) {
            out.println("error: " + e.getMessage());
            return e.isUnavailable() || e.code() == org.fairmark.domain.ErrorCode.CHAINCODE_NOT_FOUND
                    ? EXIT_UNAVAILABLE : 1;
        }
    }
}
