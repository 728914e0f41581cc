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
        "%nEvery label key (with revocations) and the organizations' CA certificates, dated and signed by your"
            + " identity, for 'fairmark verify --trust' without a network."})
    static final class Export extends FairmarkCommand {
        @Option(names = "--out", paramLabel = "FILE", defaultValue = "trust-bundle.json",
                description = "Where to write it (default ${DEFAULT-VALUE}).")
        Path outFile;

        @Option(names = "--valid-days", paramLabel = "DAYS", defaultValue = "30",
                description = "How long verifiers may rely on it, 1..366 (default ${DEFAULT-VALUE}).")
        int validDays;

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
            TrustBundle bundle = TrustBundle.export(client(null), certificates, Duration.ofDays(validDays));
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
            out().json(json);
            out().say("trust.exported", file, bundle.labelKeys().size(), bundle.organizations().size(), bundle.validUntil());
            return 0;
        }
    }
}
