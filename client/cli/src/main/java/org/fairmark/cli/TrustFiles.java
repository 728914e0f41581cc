package org.fairmark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.client.FairmarkException;
import org.fairmark.client.TrustBundle;
import org.fairmark.domain.ErrorCode;

/** Reading a trust bundle file, trusting the given CA certificates or else the data directory's organization CAs. */
final class TrustFiles {
    private TrustFiles() {}

    static TrustBundle read(RootCommand root, Path bundle, List<Path> trustCa) {
        Path file = root.context.workingDirectory().resolve(bundle);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, file + " does not exist");
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return TrustBundle.read(bytes, issuers(root, trustCa));
    }

    /** The certificates {@code --trust-ca} names, else every organization CA of the data directory. */
    static List<X509Certificate> issuers(RootCommand root, List<Path> trustCa) {
        List<X509Certificate> issuers = new ArrayList<>();
        if (trustCa != null && !trustCa.isEmpty()) {
            for (Path file : trustCa) {
                issuers.addAll(Certificates.read(root.context.workingDirectory().resolve(file)));
            }
            return issuers;
        }
        Path orgs = root.dataDirectory().resolve("orgs");
        if (!Files.isDirectory(orgs)) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "a trust bundle is read with the CA certificates you"
                    + " trust: give --trust-ca FILE (no development network in " + root.dataDirectory() + ")");
        }
        try {
            TrustBundle.caCertificatesFrom(orgs).values().forEach(issuers::addAll);
        } catch (FairmarkException e) {
            throw new CliException(e.code(), e.detail(), e);
        }
        return issuers;
    }
}
