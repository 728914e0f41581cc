import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.fairmark.devca.FastEcdsa;

/**
 * The embedded network's crypto-bound ceiling next to a bench report (bench/results/profile.md, issue #12).
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -cp client/cli/target/fairmark-cli-0.1.0-SNAPSHOT-all.jar \
 *     bench/tools/CryptoCeiling.java bench/results/profile-wave5.json [SIGNS VERIFIES CLIENT_SIGNS]
 * </pre>
 *
 * Measures the network's ECDSA P-256 provider (FastEcdsa's choice) on this thread, signatures and verifications per
 * second, then the public-key crypto CPU per write transaction: by default MAJORITY (3 of 4), 3 endorsement signatures
 * and 6 verifications by the network (proposal, transaction, 3 endorsements, commit-status request) and 3 client
 * signatures (proposal, transaction, commit-status request). The ceiling is the cores divided by that CPU; each write
 * round of the report is shown as a share of it, with its process CPU per transaction.
 *
 * <p>When the report has a no-op evaluate round, it also prints what one gateway call costs outside public-key crypto
 * (the no-op's process CPU per call, less its one client signature, its one verification and its contract CPU), and
 * two bounds from it. A write's Endorse call does all a no-op evaluate does (unpack, verify, simulate) and more, so a
 * write costs at least its crypto plus one such call: the crypto's share of that is a strict upper bound on any
 * write's share of the ceiling. A submit makes three gateway calls (Endorse, Submit, CommitStatus); with all three at
 * the no-op's cost, and ordering, validation and commit for free, the share is an estimate of the reachable one.
 */
public class CryptoCeiling {
    public static void main(String[] args) throws Exception {
        JsonNode report = new ObjectMapper().readTree(Files.readAllBytes(Path.of(args[0])));
        double signs = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        double verifies = args.length > 2 ? Double.parseDouble(args[2]) : 6;
        double clientSigns = args.length > 3 ? Double.parseDouble(args[3]) : 3;
        FastEcdsa ecdsa = FastEcdsa.get();
        FastEcdsa.measureSignRate(ecdsa.provider(), 2000); // warm-up
        FastEcdsa.measureVerifyRate(ecdsa.provider(), 2000);
        double signRate = FastEcdsa.measureSignRate(ecdsa.provider(), 5000);
        double verifyRate = FastEcdsa.measureVerifyRate(ecdsa.provider(), 5000);
        int cores = Runtime.getRuntime().availableProcessors();
        double cryptoMs = 1000 * ((signs + clientSigns) / signRate + verifies / verifyRate);
        double ceiling = cores * 1000 / cryptoMs;
        System.out.printf(Locale.ROOT, "provider %s: %.0f signs/s, %.0f verifies/s on one thread; load %s%n",
                ecdsa.summary(), signRate, verifyRate, Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf(Locale.ROOT, "per write: %.0f + %.0f signatures, %.0f verifications = %.3f ms of crypto CPU;"
                + " ceiling on %d cores %.0f tx/s%n", signs, clientSigns, verifies, cryptoMs, cores, ceiling);
        System.out.println("| round | tx/s | share of ceiling | process CPU ms/tx | crypto share of it |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (JsonNode round : report.get("rounds")) {
            String workload = round.get("workload").asText();
            if (workload.contains("evaluate") || workload.startsWith("verify") || workload.equals("trace")) {
                continue;
            }
            double tx = round.get("throughput").asDouble();
            double cpuMs = 1000 * round.get("resources").get("processCpuSeconds").asDouble()
                    / Math.max(1, round.get("successes").asDouble());
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f %% | %.2f | %.1f %% |%n", round.get("name").asText(), tx,
                    100 * tx / ceiling, cpuMs, 100 * cryptoMs / cpuMs);
        }
        for (JsonNode round : report.get("rounds")) {
            if (round.get("workload").asText().equals("noop-evaluate")) {
                floor(round, signRate, verifyRate, cryptoMs);
            }
        }
    }

    /** The protocol floor of a write from one no-op evaluate round (see the class comment). */
    private static void floor(JsonNode round, double signRate, double verifyRate, double writeCryptoMs) {
        double calls = Math.max(1, round.get("successes").asDouble());
        double cpuMs = 1000 * round.get("resources").get("processCpuSeconds").asDouble() / calls;
        double contractMs = round.get("resources").path("contractCpuMsPerCall").asDouble(0);
        double evaluateCryptoMs = 1000 * (1 / signRate + 1 / verifyRate);
        double perCallMs = Math.max(0, cpuMs - evaluateCryptoMs - contractMs);
        double floorMs = writeCryptoMs + 3 * perCallMs;
        System.out.printf(Locale.ROOT, "from %s: %.3f ms process CPU per evaluate, of it %.3f crypto and %.3f contract,"
                        + " so %.3f ms per gateway call outside crypto and contract%n",
                round.get("name").asText(), cpuMs, evaluateCryptoMs, contractMs, perCallMs);
        System.out.printf(Locale.ROOT, "  60 %% of the ceiling leaves %.3f ms per write outside crypto; the Endorse call"
                        + " alone needs at least %.3f, so no write can reach more than %.1f %% of the ceiling%n",
                writeCryptoMs * (1 / 0.6 - 1), perCallMs, 100 * writeCryptoMs / (writeCryptoMs + perCallMs));
        System.out.printf(Locale.ROOT, "  with all three calls at that cost: %.3f + 3 x %.3f = %.3f ms per write, %.1f %%"
                        + " of the ceiling%n", writeCryptoMs, perCallMs, floorMs, 100 * writeCryptoMs / floorMs);
    }
}
