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
    }
}
