package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Wallet;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identities from wallets and PEM files; broken files are typed errors. */
class FairmarkIdentityTest {
    static final CertificateAuthority CA = CertificateAuthority.create("CoopMSP", "coop");

    @TempDir
    Path dir;

    @Test
    void reads_role_and_jurisdiction_from_a_wallet_identity() {
        Wallet.open(dir).put(CA.issue("insp", Map.of("fairmark.role", "inspector", "fairmark.jurisdiction", "130227, 1302")));
        FairmarkIdentity identity = FairmarkIdentity.fromWallet(dir, "insp");
        assertThat(identity.mspId()).isEqualTo("CoopMSP");
        assertThat(identity.role()).contains(Role.INSPECTOR);
        assertThat(identity.jurisdiction()).containsExactly("130227", "1302");
        assertThat(FairmarkIdentity.walletNames(dir)).containsExactly("insp");
    }

    @Test
    void reads_pem_files_and_a_certificate_without_attributes_has_no_role() throws Exception {
        Identity plain = CA.issue("reader", Map.of());
        Files.writeString(dir.resolve("cert.pem"), plain.certificatePem());
        Files.writeString(dir.resolve("key.pem"), plain.privateKeyPem());
        FairmarkIdentity identity = FairmarkIdentity.fromPem("CoopMSP", dir.resolve("cert.pem"), dir.resolve("key.pem"));
        assertThat(identity.role()).isEmpty();
        assertThat(identity.certificate()).isEqualTo(plain.certificate());
    }

    @Test
    void a_wallet_key_carries_its_public_key_and_fabric_gateway_reads_it() throws Exception {
        Identity producer = CA.issue("producer", Map.of("fairmark.role", "producer"));
        Wallet.open(dir).put(producer);
        String pem = Files.readString(dir.resolve("producer").resolve("key.pem"));

        java.security.PrivateKey read = org.hyperledger.fabric.client.identity.Identities.readPrivateKey(pem);
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(
                org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(read.getEncoded()).parsePrivateKey());
        byte[] certificatePoint = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                        producer.certificate().getPublicKey().getEncoded())
                .getPublicKeyData()
                .getOctets();

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(sec1.getPublicKey().getOctets()).isEqualTo(certificatePoint);
        byte[] message = "fairmark".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(message);
        byte[] signature = org.hyperledger.fabric.client.identity.Signers
                .newPrivateKeySigner((java.security.interfaces.ECPrivateKey) read)
                .sign(digest);
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(producer.certificate().getPublicKey());
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(FairmarkIdentity.fromWallet(dir, "producer").certificate()).isEqualTo(producer.certificate());
    }

    @Test
    void missing_truncated_and_mismatched_files_are_identity_invalid() throws Exception {
        Identity one = CA.issue("one", Map.of("fairmark.role", "producer"));
        Identity two = CA.issue("two", Map.of("fairmark.role", "producer"));
        Files.writeString(dir.resolve("cert.pem"), one.certificatePem());
        Files.writeString(dir.resolve("key.pem"), two.privateKeyPem());
        Files.writeString(dir.resolve("cut.pem"), one.certificatePem().substring(0, 100));
        assertThat(error(() -> FairmarkIdentity.fromPem("CoopMSP", dir.resolve("nope.pem"), dir.resolve("key.pem"))))
                .contains("does not exist");
        assertThat(error(() -> FairmarkIdentity.fromPem("CoopMSP", dir.resolve("cut.pem"), dir.resolve("key.pem"))))
                .contains("not a PEM X.509 certificate");
        assertThat(error(() -> FairmarkIdentity.fromPem("CoopMSP", dir.resolve("cert.pem"), dir.resolve("key.pem"))))
                .contains("does not belong");
        assertThat(error(() -> FairmarkIdentity.fromWallet(dir, "nobody"))).contains("no identity 'nobody'");
        assertThat(error(() -> FairmarkIdentity.fromWallet(dir, "../etc"))).contains("must match");
    }

    private static String error(Runnable action) {
        FairmarkException e = catchThrowableOfType(FairmarkException.class, action::run);
        assertThat(e.code()).isEqualTo(ErrorCode.IDENTITY_INVALID);
        return e.detail();
    }
}
