package org.fairmark.devca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PemTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("PemMSP", "pem.example.com");
    private static final Identity ALICE = CA.issue("alice", Map.of("fairmark.role", "carrier"));

    private static String bouncyCastlePem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    @Nested
    class RoundTrips {
        @Test
        void certificate() {
            String pem = Pem.writeCertificate(ALICE.certificate());

            assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
            assertThat(pem.lines().filter(line -> !line.startsWith("-----")))
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
            assertThat(Pem.readCertificate(pem)).isEqualTo(ALICE.certificate());
        }

        @Test
        void certificate_text_matches_fabric_gateway_identities_to_pem_string() throws Exception {
            // fabric-gateway's Identities.toPemString writes with Bouncy Castle's JcaPEMWriter.
            assertThat(Pem.writeCertificate(ALICE.certificate())).isEqualTo(bouncyCastlePem(ALICE.certificate()));
        }

        @Test
        void private_key_as_pkcs8() {
            String pem = Pem.writePrivateKey(ALICE.privateKey());
            PrivateKey read = Pem.readPrivateKey(pem);

            assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
            assertThat(read.getEncoded()).isEqualTo(ALICE.privateKey().getEncoded());
            assertThat(Keys.matches(read, ALICE.certificate().getPublicKey())).isTrue();
        }

        @Test
        void private_key_with_its_public_key_reads_back_and_refuses_a_foreign_public_key() {
            String pem = Pem.writePrivateKey(ALICE.privateKey(), ALICE.certificate().getPublicKey());

            assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
            assertThat(Keys.matches(Pem.readPrivateKey(pem), ALICE.certificate().getPublicKey())).isTrue();
            Identity bob = CA.issue("bob", Map.of());
            assertThatThrownBy(() -> Pem.writePrivateKey(ALICE.privateKey(), bob.certificate().getPublicKey()))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("the public key does not belong to the private key");
            assertThatThrownBy(() -> Pem.writePrivateKey(ALICE.privateKey(), null)).hasMessage("publicKey == null");
        }

        @Test
        void sec1_ec_private_key_naming_its_curve_is_accepted() throws Exception {
            BigInteger secret = ((ECPrivateKey) ALICE.privateKey()).getS();
            byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, secret, SECObjectIdentifiers.secp256r1)
                    .getEncoded();

            PrivateKey read = Pem.readPrivateKey(Pem.encode("EC PRIVATE KEY", sec1));

            assertThat(Keys.matches(read, ALICE.certificate().getPublicKey())).isTrue();
        }

        @Test
        void sec1_ec_private_key_without_curve_is_refused() throws Exception {
            BigInteger secret = ((ECPrivateKey) ALICE.privateKey()).getS();
            byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, secret).getEncoded();

            assertThatThrownBy(() -> Pem.readPrivateKey(Pem.encode("EC PRIVATE KEY", sec1)))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("PEM EC PRIVATE KEY block names no curve");
        }

        @Test
        void openssl_style_sec1_with_curve_and_public_key_is_accepted() throws Exception {
            KeyPairGenerator generator =
                    KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            String pem = bouncyCastlePem(pair); // Bouncy Castle writes a key pair as SEC1, like openssl ecparam

            assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
            assertThat(Keys.matches(Pem.readPrivateKey(pem), pair.getPublic())).isTrue();
        }

        @Test
        void public_key() {
            String pem = Pem.writePublicKey(ALICE.certificate().getPublicKey());

            assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n");
            assertThat(Pem.readPublicKey(pem)).isEqualTo(ALICE.certificate().getPublicKey());
        }

        @Test
        void crl() {
            X509CRL crl = CA.crl();

            assertThat(Pem.readCrl(Pem.writeCrl(crl))).isEqualTo(crl);
        }

        @Test
        void bundle_of_certificates_in_order_with_text_between() {
            Identity bob = CA.issue("bob", Map.of());
            String bundle = "# chain\n" + Pem.writeCertificate(bob.certificate()) + "\nsome comment\n"
                    + Pem.writePublicKey(bob.certificate().getPublicKey()) + Pem.writeCertificate(CA.certificate());

            assertThat(Pem.readCertificates(bundle)).containsExactly(bob.certificate(), CA.certificate());
            assertThat(Pem.readCertificate(bundle)).isEqualTo(bob.certificate());
        }

        @Test
        void indented_blocks_as_a_yaml_or_json_profile_holds_them_are_accepted() {
            String indented = Pem.writeCertificate(ALICE.certificate()).lines().map(line -> "    " + line + "  ")
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n"));

            assertThat(Pem.readCertificate(indented)).isEqualTo(ALICE.certificate());
        }

        @Test
        void certificates_in_a_text_without_any_is_an_empty_list_not_an_error() {
            assertThat(Pem.certificatesIn("# no certificates here\n" + Pem.writePublicKey(ALICE.certificate().getPublicKey())))
                    .isEmpty();
            assertThat(Pem.certificatesIn(ALICE.certificatePem() + CA.certificatePem()))
                    .containsExactly(ALICE.certificate(), CA.certificate());
        }

        @Test
        void windows_line_ends_are_accepted() {
            String crlf = Pem.writeCertificate(ALICE.certificate()).replace("\n", "\r\n");

            assertThat(Pem.readCertificate(crlf)).isEqualTo(ALICE.certificate());
        }
    }

    @Nested
    class BadInput {
        private final String certificatePem = Pem.writeCertificate(ALICE.certificate());

        @Test
        void empty_text() {
            assertThatThrownBy(() -> Pem.readCertificate(""))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("no PEM CERTIFICATE block found");
        }

        @Test
        void garbage_text() {
            assertThatThrownBy(() -> Pem.readPrivateKey("hello, I am not a key"))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("no PEM PRIVATE KEY or EC PRIVATE KEY block found");
        }

        @Test
        void truncated_before_the_end_line() {
            String truncated = certificatePem.substring(0, certificatePem.length() / 2);

            assertThatThrownBy(() -> Pem.readCertificate(truncated))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("truncated PEM: no '-----END CERTIFICATE-----' line after the CERTIFICATE block");
        }

        @Test
        void truncated_in_the_begin_line() {
            assertThatThrownBy(() -> Pem.readCertificate("-----BEGIN CERTIF"))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("truncated PEM: malformed BEGIN line");
        }

        @Test
        void lines_missing_from_the_body() {
            String[] lines = certificatePem.split("\n");
            StringBuilder shortened = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                if (i != 3 && i != 4) {
                    shortened.append(lines[i]).append('\n');
                }
            }

            assertThatThrownBy(() -> Pem.readCertificate(shortened.toString()))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("PEM CERTIFICATE block is not a valid X.509 certificate");
        }

        @Test
        void a_bad_second_block_is_named_by_its_own_label() {
            String second = Pem.writePublicKey(ALICE.certificate().getPublicKey()).replaceFirst("\n[A-Za-z0-9+/]{10}", "\n!!!!####%%");

            assertThatThrownBy(() -> Pem.readCertificates(certificatePem + second))
                    .isInstanceOf(DevCaException.class)
                    .hasMessageStartingWith("PEM PUBLIC KEY block is not valid base64");
        }

        @Test
        void body_that_is_not_base64() {
            String corrupt = certificatePem.replaceFirst("\n[A-Za-z0-9+/]{10}", "\n!!!!####%%");

            assertThatThrownBy(() -> Pem.readCertificate(corrupt))
                    .isInstanceOf(DevCaException.class)
                    .hasMessageStartingWith("PEM CERTIFICATE block is not valid base64");
        }

        @Test
        void base64_of_something_else() {
            String notDer =
                    Pem.encode("CERTIFICATE", "definitely not DER".getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertThatThrownBy(() -> Pem.readCertificate(notDer))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("PEM CERTIFICATE block is not a valid X.509 certificate");
            assertThatThrownBy(() -> Pem.readPrivateKey(notDer.replace("CERTIFICATE", "PRIVATE KEY")))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("PEM PRIVATE KEY block is not a valid EC private key");
            assertThatThrownBy(() -> Pem.readPrivateKey(notDer.replace("CERTIFICATE", "EC PRIVATE KEY")))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("PEM EC PRIVATE KEY block is not a valid SEC1 EC private key");
            assertThatThrownBy(() -> Pem.readPublicKey(notDer.replace("CERTIFICATE", "PUBLIC KEY")))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("PEM PUBLIC KEY block is not a valid EC public key");
        }

        @Test
        void empty_block() {
            assertThatThrownBy(() -> Pem.readCertificate("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("PEM CERTIFICATE block is empty");
        }

        @Test
        void certificate_where_a_key_is_expected() {
            assertThatThrownBy(() -> Pem.readPrivateKey(certificatePem))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("no PEM PRIVATE KEY or EC PRIVATE KEY block found");
        }

        @Test
        void rsa_key_is_not_an_ec_key() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);
            String rsa = Pem.encode(
                    "PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());

            assertThatThrownBy(() -> Pem.readPrivateKey(rsa))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("PEM PRIVATE KEY block is not a valid EC private key");
        }

        @Test
        void encrypted_keys_are_refused_plainly() {
            String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                    + Base64.getEncoder().encodeToString(new byte[32]) + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
            String legacy = "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
                    + "-----END EC PRIVATE KEY-----\n";

            assertThatThrownBy(() -> Pem.readPrivateKey(encrypted))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("encrypted PEM private keys are not supported");
            assertThatThrownBy(() -> Pem.readPrivateKey(legacy))
                    .isInstanceOf(DevCaException.class)
                    .hasMessage("PEM EC PRIVATE KEY block has headers (encrypted?), which are not supported");
        }

        @Test
        void null_arguments_are_named() {
            assertThatThrownBy(() -> Pem.readCertificate(null)).hasMessage("pem == null");
            assertThatThrownBy(() -> Pem.writeCertificate(null)).hasMessage("certificate == null");
            assertThatThrownBy(() -> Pem.writePrivateKey(null)).hasMessage("privateKey == null");
        }
    }

    @Test
    void certificate_from_identity_pem_equals_the_certificate() throws Exception {
        X509Certificate read = Pem.readCertificate(ALICE.certificatePem());

        assertThat(read.getEncoded()).isEqualTo(ALICE.certificate().getEncoded());
    }
}
