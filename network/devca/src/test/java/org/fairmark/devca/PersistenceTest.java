package org.fairmark.devca;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
    @TempDir
    Path directory;

    @Test
    void save_then_load_keeps_identity_revocations_and_crl_number() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("CoopMSP", "Red Hill Co-op 红河");
        Identity revoked = ca.issue("old.key", Map.of("fairmark.role", "producer"));
        Identity kept = ca.issue("new.key", Map.of("fairmark.role", "producer"));
        ca.revoke(revoked.certificate());

        ca.save(directory);
        CertificateAuthority loaded = CertificateAuthority.load(directory);

        assertThat(loaded.mspId()).isEqualTo("CoopMSP");
        assertThat(loaded.orgName()).isEqualTo("Red Hill Co-op 红河");
        assertThat(loaded.certificate()).isEqualTo(ca.certificate());
        assertThat(loaded.isRevoked(revoked.certificate())).isTrue();
        assertThat(loaded.isRevoked(kept.certificate())).isFalse();
        assertThat(loaded.crl().getRevokedCertificates()).hasSize(1);
        assertThat(loaded.crl().getExtensionValue("2.5.29.20"))
                .isEqualTo(ca.crl().getExtensionValue("2.5.29.20"));
        assertThat(loaded.crl()
                        .getRevokedCertificate(revoked.certificate().getSerialNumber())
                        .getRevocationDate())
                .isEqualTo(ca.crl()
                        .getRevokedCertificate(revoked.certificate().getSerialNumber())
                        .getRevocationDate());
        // The loaded CA still holds the original key: what it issues chains to the original root.
        Identity later = loaded.issue("later", Map.of());
        assertThat(CertificateAuthority.isIssuedBy(later.certificate(), ca.certificate()))
                .isTrue();
    }

    @Test
    void writes_the_documented_files_and_nothing_else() throws Exception {
        CertificateAuthority.create("CoopMSP", "coop.example.com").save(directory.resolve("nested/ca"));

        try (Stream<Path> files = Files.list(directory.resolve("nested/ca"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("ca-cert.pem", "ca-key.pem", "org.properties", "revoked.txt");
        }
        assertThat(Files.readString(directory.resolve("nested/ca/ca-key.pem")))
                .startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(directory.resolve("nested/ca/org.properties")))
                .isEqualTo("# Fairmark development CA\nmspId=CoopMSP\norgName=coop.example.com\ncrlNumber=1\n");
    }

    @Test
    void private_key_is_owner_only() throws Exception {
        assumeTrue(AtomicFiles.isPosix(directory), "POSIX file system");
        CertificateAuthority.create("CoopMSP", "coop.example.com").save(directory);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("ca-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("ca-cert.pem"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void saving_again_replaces_the_files() {
        CertificateAuthority ca = CertificateAuthority.create("CoopMSP", "coop.example.com");
        ca.save(directory);
        ca.revoke(ca.issue("x", Map.of()).certificate());
        ca.save(directory);

        assertThat(CertificateAuthority.load(directory).crl().getRevokedCertificates())
                .hasSize(1);
    }

    @Test
    void missing_files_are_named() throws Exception {
        CertificateAuthority.create("CoopMSP", "coop.example.com").save(directory);
        Files.delete(directory.resolve("ca-key.pem"));

        assertThatThrownBy(() -> CertificateAuthority.load(directory))
                .isInstanceOf(DevCaException.class)
                .hasMessageContaining("CA file ca-key.pem is missing");
        assertThatThrownBy(() -> CertificateAuthority.load(directory.resolve("nowhere")))
                .isInstanceOf(DevCaException.class)
                .hasMessageContaining("CA file org.properties is missing");
    }

    @Test
    void truncated_key_is_reported_with_its_file() throws Exception {
        CertificateAuthority.create("CoopMSP", "coop.example.com").save(directory);
        Path key = directory.resolve("ca-key.pem");
        String text = Files.readString(key);
        Files.writeString(key, text.substring(0, text.length() / 2));

        assertThatThrownBy(() -> CertificateAuthority.load(directory))
                .isInstanceOf(DevCaException.class)
                .hasMessage(key + ": truncated PEM: no '-----END PRIVATE KEY-----' line after the PRIVATE KEY block");
    }

    @Test
    void key_of_another_ca_is_refused() throws Exception {
        CertificateAuthority.create("CoopMSP", "coop.example.com").save(directory);
        Path other = directory.resolve("other");
        CertificateAuthority.create("CoopMSP", "coop.example.com").save(other);
        Files.copy(
                other.resolve("ca-key.pem"),
                directory.resolve("ca-key.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> CertificateAuthority.load(directory))
                .isInstanceOf(DevCaException.class)
                .hasMessageEndingWith(
                        "ca-key.pem does not match the public key of " + directory.resolve("ca-cert.pem"));
    }

    @Test
    void leaf_certificate_is_not_a_ca() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("CoopMSP", "coop.example.com");
        ca.save(directory);
        Identity leaf = ca.issue("leaf", Map.of());
        Files.writeString(directory.resolve("ca-cert.pem"), leaf.certificatePem());
        Files.writeString(directory.resolve("ca-key.pem"), leaf.privateKeyPem());

        assertThatThrownBy(() -> CertificateAuthority.load(directory))
                .isInstanceOf(DevCaException.class)
                .hasMessageEndingWith("ca-cert.pem is not a CA certificate");
    }

    @Test
    void corrupt_properties_and_revocation_lines_are_reported() throws Exception {
        CertificateAuthority.create("CoopMSP", "coop.example.com").save(directory);
        Path org = directory.resolve("org.properties");
        Files.writeString(org, "mspId=CoopMSP\norgName=coop.example.com\n", UTF_8);

        assertThatThrownBy(() -> CertificateAuthority.load(directory))
                .isInstanceOf(DevCaException.class)
                .hasMessage(org + " has no 'crlNumber' entry");

        Files.writeString(org, "mspId=CoopMSP\norgName=coop.example.com\ncrlNumber=1\n", UTF_8);
        Files.writeString(directory.resolve("revoked.txt"), "# header\nzz 2024-01-01T00:00:00Z\n", UTF_8);
        assertThatThrownBy(() -> CertificateAuthority.load(directory))
                .isInstanceOf(DevCaException.class)
                .hasMessageContaining("revoked.txt line 2: expected '<serial hex> <instant>'");

        Files.writeString(directory.resolve("revoked.txt"), "ff yesterday\n", UTF_8);
        assertThatThrownBy(() -> CertificateAuthority.load(directory))
                .isInstanceOf(DevCaException.class)
                .hasMessageContaining("revoked.txt line 1: bad instant 'yesterday'");
    }

    @Test
    void missing_revocation_list_means_nothing_revoked() throws Exception {
        CertificateAuthority.create("CoopMSP", "coop.example.com").save(directory);
        Files.delete(directory.resolve("revoked.txt"));

        assertThat(CertificateAuthority.load(directory).crl().getRevokedCertificates())
                .isNull();
    }
}
