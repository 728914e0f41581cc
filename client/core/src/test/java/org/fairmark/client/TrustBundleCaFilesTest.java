package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.domain.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CA certificate files of an organizations folder are read by the one PEM codec (devca's Pem). */
class TrustBundleCaFilesTest {
    private static final CertificateAuthority COOP = CertificateAuthority.create("CoopMSP", "coop.example.com");
    private static final CertificateAuthority MARKET = CertificateAuthority.create("MarketMSP", "market.example.com");

    @TempDir
    Path organizations;

    @Test
    void reads_every_certificate_of_a_bundle_in_order_and_skips_files_without_any() throws Exception {
        Path folder = Files.createDirectories(organizations.resolve("CoopMSP/msp/cacerts"));
        Files.writeString(folder.resolve("ca.pem"), "# bundle\n" + COOP.certificatePem() + MARKET.certificatePem());
        Files.writeString(folder.resolve("notes.pem"), "no certificate in here\n");

        assertThat(TrustBundle.caCertificatesFrom(organizations).get("CoopMSP"))
                .containsExactly(COOP.certificate(), MARKET.certificate());
    }

    @Test
    void a_truncated_certificate_is_INVALID_ARGUMENT_naming_the_file() throws Exception {
        Path folder = Files.createDirectories(organizations.resolve("CoopMSP/ca"));
        String pem = COOP.certificatePem();
        Files.writeString(folder.resolve("ca.pem"), pem.substring(0, pem.length() / 2));

        FairmarkException e = catchThrowableOfType(FairmarkException.class,
                () -> TrustBundle.caCertificatesFrom(organizations));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("ca.pem", "truncated PEM: no '-----END CERTIFICATE-----' line");
    }
}
