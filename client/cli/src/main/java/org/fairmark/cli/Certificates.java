package org.fairmark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.domain.ErrorCode;

/** PEM certificate files. */
final class Certificates {
    private Certificates() {}

    static List<X509Certificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, file + " holds no certificate");
            }
            return certificates;
        } catch (NoSuchFileException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, file + " does not exist");
        } catch (IOException | CertificateException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, file + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }
}
