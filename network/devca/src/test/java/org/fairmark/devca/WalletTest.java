package org.fairmark.devca;

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

class WalletTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("CoopMSP", "coop.example.com");

    @TempDir
    Path directory;

    @Test
    void put_then_get_returns_the_same_identity() {
        Wallet wallet = Wallet.open(directory.resolve("wallet"));
        Identity alice = CA.issue("alice", Map.of("fairmark.role", "producer"));

        wallet.put(alice);
        Identity read = Wallet.open(directory.resolve("wallet")).get("alice");

        assertThat(read.name()).isEqualTo("alice");
        assertThat(read.mspId()).isEqualTo("CoopMSP");
        assertThat(read.certificate()).isEqualTo(alice.certificate());
        assertThat(((java.security.interfaces.ECPrivateKey) read.privateKey()).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) alice.privateKey()).getS());
        assertThat(read.role()).isEqualTo("producer");
        assertThat(read.serialized()).isEqualTo(alice.serialized());
    }

    @Test
    void writes_plain_pem_files_and_the_msp_id() throws Exception {
        Wallet wallet = Wallet.open(directory);
        Identity alice = CA.issue("alice", Map.of());
        wallet.put(alice);

        try (Stream<Path> files = Files.list(directory.resolve("alice"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("cert.pem", "key.pem", "mspid");
        }
        assertThat(Files.readString(directory.resolve("alice/cert.pem"))).isEqualTo(alice.certificatePem());
        assertThat(Files.readString(directory.resolve("alice/key.pem"))).isEqualTo(alice.privateKeyPem());
        assertThat(Files.readString(directory.resolve("alice/mspid"))).isEqualTo("CoopMSP\n");
    }

    @Test
    void key_file_is_pkcs8_carrying_the_certificates_public_point() throws Exception {
        Wallet wallet = Wallet.open(directory);
        Identity alice = CA.issue("alice", Map.of());
        wallet.put(alice);
        String pem = Files.readString(directory.resolve("alice/key.pem"));

        Object parsed;
        try (org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(new java.io.StringReader(pem))) {
            parsed = parser.readObject();
        }
        assertThat(parsed).isInstanceOf(org.bouncycastle.asn1.pkcs.PrivateKeyInfo.class);
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo info = (org.bouncycastle.asn1.pkcs.PrivateKeyInfo) parsed;
        assertThat(info.getPrivateKeyAlgorithm().getParameters())
                .isEqualTo(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1);
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
                org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        byte[] certificatePoint = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                        alice.certificate().getPublicKey().getEncoded())
                .getPublicKeyData()
                .getOctets();
        assertThat(sec1.getPublicKey()).as("[1] publicKey").isNotNull();
        assertThat(sec1.getPublicKey().getOctets()).isEqualTo(certificatePoint);
        assertThat(certificatePoint[0]).as("uncompressed point").isEqualTo((byte) 4);
        assertThat(sec1.getKey()).isEqualTo(((java.security.interfaces.ECPrivateKey) alice.privateKey()).getS());
        assertThat(Keys.matches(new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPrivateKey(info),
                        alice.certificate().getPublicKey()))
                .isTrue();
        assertThat(((java.security.interfaces.ECPrivateKey) wallet.get("alice").privateKey()).getS())
                .isEqualTo(sec1.getKey());
    }

    @Test
    void keys_written_before_the_public_key_was_included_still_read() throws Exception {
        Wallet wallet = Wallet.open(directory);
        Identity alice = CA.issue("alice", Map.of());
        wallet.put(alice);
        // Earlier versions wrote the JDK's own PKCS#8 encoding, which has no public key.
        Files.writeString(directory.resolve("alice/key.pem"), Pem.writePrivateKey(alice.privateKey()));

        Identity read = wallet.get("alice");

        assertThat(Keys.matches(read.privateKey(), alice.certificate().getPublicKey())).isTrue();
    }

    @Test
    void key_file_is_owner_only() throws Exception {
        assumeTrue(AtomicFiles.isPosix(directory), "POSIX file system");
        Wallet.open(directory).put(CA.issue("alice", Map.of()));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("alice/key.pem"))))
                .isEqualTo("rw-------");
    }

    @Test
    void names_are_sorted_and_skip_what_is_not_an_identity() throws Exception {
        Wallet wallet = Wallet.open(directory);
        wallet.put(CA.issue("zoe", Map.of()));
        wallet.put(CA.issue("Bob", Map.of()));
        wallet.put(CA.issue("admin@coop", Map.of()));
        Files.createDirectories(directory.resolve("empty"));
        Files.createDirectories(directory.resolve(".hidden"));
        Files.writeString(directory.resolve("README"), "not an identity");

        assertThat(wallet.names()).containsExactly("Bob", "admin@coop", "zoe");
        assertThat(wallet.contains("zoe")).isTrue();
        assertThat(wallet.contains("empty")).isFalse();
        assertThat(wallet.contains("../zoe")).isFalse();
        assertThat(Wallet.open(directory.resolve("fresh")).names()).isEmpty();
    }

    @Test
    void put_replaces_an_identity_of_the_same_name() {
        Wallet wallet = Wallet.open(directory);
        wallet.put(CA.issue("alice", Map.of("fairmark.role", "producer")));
        Identity reissued = CA.issue("alice", Map.of("fairmark.role", "packer"));

        wallet.put(reissued);

        assertThat(wallet.get("alice").certificate()).isEqualTo(reissued.certificate());
        assertThat(wallet.get("alice").role()).isEqualTo("packer");
        assertThat(wallet.names()).containsExactly("alice");
    }

    @Test
    void leaves_no_temporary_files() throws Exception {
        Wallet wallet = Wallet.open(directory);
        wallet.put(CA.issue("alice", Map.of()));
        wallet.put(CA.issue("alice", Map.of()));

        try (Stream<Path> files = Files.walk(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void missing_identity_is_a_clear_error() {
        Wallet wallet = Wallet.open(directory);

        assertThatThrownBy(() -> wallet.get("nobody"))
                .isInstanceOf(DevCaException.class)
                .hasMessage("wallet " + directory + " has no identity 'nobody'");
    }

    @Test
    void missing_or_truncated_files_are_named() throws Exception {
        Wallet wallet = Wallet.open(directory);
        wallet.put(CA.issue("alice", Map.of()));
        Path cert = directory.resolve("alice/cert.pem");
        Path key = directory.resolve("alice/key.pem");
        String certText = Files.readString(cert);
        String keyText = Files.readString(key);

        Files.writeString(cert, certText.substring(0, 100));
        assertThatThrownBy(() -> wallet.get("alice"))
                .isInstanceOf(DevCaException.class)
                .hasMessage("wallet identity alice: cert.pem: truncated PEM: no '-----END CERTIFICATE-----' line after"
                        + " the CERTIFICATE block");

        Files.writeString(cert, certText);
        Files.writeString(key, keyText.substring(0, keyText.length() - 30));
        assertThatThrownBy(() -> wallet.get("alice"))
                .isInstanceOf(DevCaException.class)
                .hasMessageStartingWith("wallet identity alice: key.pem: truncated PEM");

        Files.delete(key);
        assertThatThrownBy(() -> wallet.get("alice"))
                .isInstanceOf(DevCaException.class)
                .hasMessage("wallet identity alice: key.pem is missing (" + key + ")");

        Files.writeString(key, keyText);
        Files.delete(directory.resolve("alice/mspid"));
        assertThatThrownBy(() -> wallet.get("alice"))
                .isInstanceOf(DevCaException.class)
                .hasMessageStartingWith("wallet identity alice: mspid is missing");

        Files.writeString(directory.resolve("alice/mspid"), "");
        assertThatThrownBy(() -> wallet.get("alice"))
                .isInstanceOf(DevCaException.class)
                .hasMessageStartingWith("wallet identity alice: MSP id must match");
    }

    @Test
    void key_of_another_identity_is_refused() throws Exception {
        Wallet wallet = Wallet.open(directory);
        wallet.put(CA.issue("alice", Map.of()));
        wallet.put(CA.issue("bob", Map.of()));
        Files.copy(
                directory.resolve("bob/key.pem"),
                directory.resolve("alice/key.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> wallet.get("alice"))
                .isInstanceOf(DevCaException.class)
                .hasMessage("wallet identity alice: private key of identity alice does not match its certificate");
    }

    @Test
    void rejects_names_that_could_escape_the_directory() {
        Wallet wallet = Wallet.open(directory);

        assertThatThrownBy(() -> wallet.get("../etc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("identity name must match");
        assertThatThrownBy(() -> wallet.get(null)).hasMessage("name == null");
        assertThatThrownBy(() -> wallet.put(null)).hasMessage("identity == null");
    }

    @Test
    void open_refuses_a_regular_file() throws Exception {
        Path file = Files.writeString(directory.resolve("file"), "x");

        assertThatThrownBy(() -> Wallet.open(file))
                .isInstanceOf(DevCaException.class)
                .hasMessageStartingWith("cannot create wallet directory " + file);
    }
}
