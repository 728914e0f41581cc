package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fairmark.client.TrustBundle;
import org.fairmark.domain.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairmark trust export}: the signed trust bundle offline verifiers use. */
@Command(name = "trust", description = "Trust bundles for offline label verification. 信任包。",
        subcommands = TrustCommand.Export.class)
final class TrustCommand extends GroupCommand {

    @Command(name = "export", description = {
        "Export a signed trust bundle for offline verification. 导出信任包。",
        "%nEvery label key (with its organization and revocation) and the organizations' CA certificates, dated and"
            + " signed by your identity, for 'fairmark verify --trust' without a network. Each organization is bound"
            + " to the GS1 company prefixes it may label (--gtin-prefix): a key verifies only labels of its own"
            + " organization's GTINs.",
        "%nExample:",
        "  fairmark trust export --gtin-prefix CoopMSP=6901234 --out trust-bundle.json"})
    static final class Export extends FairmarkCommand {
        @Option(names = "--out", paramLabel = "FILE", defaultValue = "trust-bundle.json",
                description = "Where to write it (default ${DEFAULT-VALUE}).")
        Path outFile;

        @Option(names = "--valid-days", paramLabel = "DAYS", defaultValue = "30",
                description = "How long verifiers may rely on it, 1..366 (default ${DEFAULT-VALUE}).")
        int validDays;

        @Option(names = "--gtin-prefix", paramLabel = "MSP=PREFIX[,PREFIX...]", required = true,
                description = "GS1 company prefixes an organization may label: 4..13 digits of the GTIN without its"
                        + " indicator digit (6901234 for 06901234567892). Repeatable; required.")
        List<String> gtinPrefixOptions;

        @Option(names = "--ca-dir", paramLabel = "DIR",
                description = "Organizations' MSP folders with CA certificates (default <data-dir>/orgs).")
        Path caDirectory;

        @Override
        int execute() {
            if (validDays < 1 || validDays > 366) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "--valid-days must be 1..366");
            }
            Session session = session();
            session.ensureDevelopmentNetwork();
            Path cas = caDirectory != null ? root().context.workingDirectory().resolve(caDirectory)
                    : session.dataDir().resolve("orgs");
            if (!Files.isDirectory(cas)) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "no CA certificates in " + cas + "; give --ca-dir");
            }
            Map<String, List<X509Certificate>> certificates = TrustBundle.caCertificatesFrom(cas);
            Map<String, List<String>> prefixes = prefixes(gtinPrefixOptions);
            TrustBundle bundle = TrustBundle.export(client(null), certificates, prefixes, Duration.ofDays(validDays));
            java.util.Set<String> unbound = new java.util.TreeSet<>();
            bundle.labelKeys().stream().filter(key -> !Boolean.TRUE.equals(key.revoked()))
                    .map(key -> key.ownerOrg()).filter(org -> !prefixes.containsKey(org)).forEach(unbound::add);
            if (!unbound.isEmpty()) {
                out().note("note: " + String.join(", ", unbound) + " hold label keys but no --gtin-prefix: their labels"
                        + " will not verify offline with this bundle");
            }
            Path file = root().context.workingDirectory().resolve(outFile);
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.write(file, bundle.toJson());
            } catch (IOException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot write " + file + ": " + e.getMessage(), e);
            }
            ObjectNode json = CliJson.object();
            json.put("file", file.toString());
            json.put("issuedAt", bundle.issuedAt().toString());
            json.put("validUntil", bundle.validUntil().toString());
            json.put("issuer", bundle.issuerMspId());
            json.put("organizations", bundle.organizations().size());
            json.put("labelKeys", bundle.labelKeys().size());
            json.set("gtinPrefixes", CliJson.tree(bundle.gtinPrefixes()));
            out().json(json);
            out().say("trust.exported", file, bundle.labelKeys().size(), bundle.organizations().size(), bundle.validUntil());
            return 0;
        }

        /** {@code MSP=P1,P2} options as prefixes by MSP id. */
        static Map<String, List<String>> prefixes(List<String> options) {
            Map<String, List<String>> result = new java.util.TreeMap<>();
            for (String option : options) {
                int equals = option.indexOf('=');
                if (equals <= 0 || equals == option.length() - 1) {
                    throw new UsageException("--gtin-prefix must be MSP=PREFIX[,PREFIX...], not '" + option + "'");
                }
                List<String> list = result.computeIfAbsent(option.substring(0, equals), msp -> new java.util.ArrayList<>());
                for (String prefix : option.substring(equals + 1).split(",")) {
                    try {
                        list.add(TrustBundle.requirePrefix(prefix.strip()));
                    } catch (org.fairmark.client.FairmarkException e) {
                        throw new CliException(e.code(), "--gtin-prefix " + option + ": " + e.detail());
                    }
                }
            }
            return result;
        }
    }
}
