package org.fairmark.devca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("CoopMSP", "coop.example.com");

    static byte[] subjectKeyIdentifier(X509Certificate certificate) {
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(certificate.getExtensionValue("2.5.29.14"))
                        .getOctets())
                .getKeyIdentifier();
    }

    static byte[] authorityKeyIdentifier(X509Certificate certificate) {
        return AuthorityKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(certificate.getExtensionValue("2.5.29.35"))
                                .getOctets())
                .getKeyIdentifierObject()
                .getOctets();
    }

    /** The DER signature (the last element of the certificate SEQUENCE). */
    static byte[] signatureBytes(X509Certificate certificate) {
        return certificate.getSignature();
    }

    @Nested
    class Root {
        private final X509Certificate root = CA.certificate();

        @Test
        void is_a_self_signed_p256_ecdsa_ca() {
            assertThat(root.getSubjectX500Principal().getName())
                    .isEqualTo("CN=ca.coop.example.com,O=coop.example.com,C=CN");
            assertThat(root.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
            assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
            assertThat(((ECPublicKey) root.getPublicKey())
                            .getParams()
                            .getOrder()
                            .bitLength())
                    .isEqualTo(256);
            assertThat(root.getPublicKey().getEncoded()).hasSize(91); // named curve P-256 SubjectPublicKeyInfo
            assertThat(root.getBasicConstraints()).isEqualTo(1);
            assertThat(root.getCriticalExtensionOIDs()).contains("2.5.29.15", "2.5.29.19");
            assertThat(root.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
            assertThat(subjectKeyIdentifier(root)).hasSize(20);
            assertThat(CertificateAuthority.isIssuedBy(root, root)).isTrue();
        }

        @Test
        void has_a_random_positive_serial_of_at_most_128_bits() {
            BigInteger serial = root.getSerialNumber();
            BigInteger other = CertificateAuthority.create("CoopMSP", "coop.example.com")
                    .certificate()
                    .getSerialNumber();

            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isLessThanOrEqualTo(128);
            assertThat(serial).isNotEqualTo(other);
        }

        @Test
        void is_valid_for_ten_years() {
            Instant notBefore = root.getNotBefore().toInstant();
            Instant notAfter = root.getNotAfter().toInstant();

            assertThat(notBefore).isBefore(Instant.now()).isAfter(Instant.now().minus(Duration.ofMinutes(10)));
            assertThat(notAfter)
                    .isEqualTo(notBefore.atZone(ZoneOffset.UTC).plusYears(10).toInstant());
        }

        @Test
        void names_are_printable_strings_as_go_writes_them() throws Exception {
            X500Name subject =
                    X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
            for (RDN rdn : subject.getRDNs()) {
                assertThat(rdn.getFirst().getValue()).isInstanceOf(DERPrintableString.class);
            }
        }

        @Test
        void unicode_organization_names_are_utf8_strings() {
            CertificateAuthority ca = CertificateAuthority.create("HongheMSP", "红河合作社");
            X500Name subject = X500Name.getInstance(
                    ca.certificate().getSubjectX500Principal().getEncoded());

            assertThat(subject.getRDNs(BCStyle.O)[0].getFirst().getValue().toString())
                    .isEqualTo("红河合作社");
            assertThat(ca.issue("alice", Map.of())
                            .certificate()
                            .getSubjectX500Principal()
                            .getName())
                    .isEqualTo("CN=alice,OU=client,O=红河合作社");
        }

        @Test
        void signature_is_low_s() {
            assertThat(Signatures.isLowS(root.getPublicKey(), signatureBytes(root)))
                    .isTrue();
        }

        @Test
        void rejects_malformed_names() {
            assertThatThrownBy(() -> CertificateAuthority.create("Coop MSP", "coop"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("MSP id must match");
            assertThatThrownBy(() -> CertificateAuthority.create("CoopMSP", ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("organization name must have 1 to 61 characters");
            assertThatThrownBy(() -> CertificateAuthority.create("CoopMSP", "x".repeat(62)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CertificateAuthority.create("CoopMSP", "coop\n"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CertificateAuthority.create(null, "coop")).hasMessage("mspId == null");
            assertThatThrownBy(() -> CertificateAuthority.create("CoopMSP", null))
                    .hasMessage("orgName == null");
        }

        @Test
        void org_name_starting_with_hash_is_text_not_hex_der() {
            CertificateAuthority ca = CertificateAuthority.create("HashMSP", "#04026869");

            assertThat(ca.certificate().getSubjectX500Principal().getName()).contains("O=\\#04026869");
        }
    }

    @Nested
    class EnrollmentCertificates {
        @Test
        void client_certificate_is_shaped_like_fabric_ca() {
            Identity alice = CA.issue("alice", Map.of("fairmark.role", "producer"));
            X509Certificate cert = alice.certificate();

            assertThat(alice.name()).isEqualTo("alice");
            assertThat(alice.mspId()).isEqualTo("CoopMSP");
            assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=alice,OU=client,O=coop.example.com");
            assertThat(cert.getIssuerX500Principal()).isEqualTo(CA.certificate().getSubjectX500Principal());
            assertThat(cert.getBasicConstraints()).isEqualTo(-1);
            assertThat(cert.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.15", "2.5.29.19");
            assertThat(cert.getKeyUsage())
                    .containsExactly(true, false, false, false, false, false, false, false, false);
            assertThat(authorityKeyIdentifier(cert)).isEqualTo(subjectKeyIdentifier(CA.certificate()));
            assertThat(subjectKeyIdentifier(cert)).hasSize(20).isNotEqualTo(subjectKeyIdentifier(CA.certificate()));
            assertThat(cert.getSerialNumber().signum()).isPositive();
            assertThat(cert.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
            assertThat(Duration.between(
                            cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
                    .isEqualTo(Duration.ofDays(365));
            assertThat(Signatures.isLowS(CA.certificate().getPublicKey(), signatureBytes(cert)))
                    .isTrue();
        }

        @Test
        void authority_key_identifier_holds_only_the_key_id() throws Exception {
            X509Certificate cert = CA.issue("akid", Map.of()).certificate();
            ASN1Sequence aki = ASN1Sequence.getInstance(
                    ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(cert.getExtensionValue("2.5.29.35"))
                            .getOctets()));

            assertThat(aki.size()).isEqualTo(1);
        }

        @Test
        void node_ou_follows_the_kind_of_identity() {
            assertThat(CA.issuePeer("peer0.coop.example.com")
                            .certificate()
                            .getSubjectX500Principal()
                            .getName())
                    .isEqualTo("CN=peer0.coop.example.com,OU=peer,O=coop.example.com");
            assertThat(CA.issueAdmin("admin")
                            .certificate()
                            .getSubjectX500Principal()
                            .getName())
                    .isEqualTo("CN=admin,OU=admin,O=coop.example.com");
            assertThat(CA.issueOrderer("orderer0")
                            .certificate()
                            .getSubjectX500Principal()
                            .getName())
                    .isEqualTo("CN=orderer0,OU=orderer,O=coop.example.com");
        }

        @Test
        void every_certificate_has_a_fresh_key_and_serial() {
            Identity first = CA.issue("twin", Map.of());
            Identity second = CA.issue("twin", Map.of());

            assertThat(first.certificate().getSerialNumber())
                    .isNotEqualTo(second.certificate().getSerialNumber());
            assertThat(first.certificate().getPublicKey())
                    .isNotEqualTo(second.certificate().getPublicKey());
        }

        @Test
        void rejects_malformed_identity_names() {
            for (String name : new String[] {"", ".hidden", "-dash", "a/b", "..", "has space", "x".repeat(65)}) {
                assertThatThrownBy(() -> CA.issue(name, Map.of()))
                        .as(name)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("identity name must match");
            }
            assertThat(CA.issue("user@coop.example.com", Map.of()).name()).isEqualTo("user@coop.example.com");
        }
    }

    @Nested
    class ChainVerification {
        @Test
        void leaf_is_issued_by_its_ca_only() {
            X509Certificate leaf = CA.issue("carol", Map.of()).certificate();
            CertificateAuthority other = CertificateAuthority.create("CoopMSP", "coop.example.com");

            assertThat(CertificateAuthority.isIssuedBy(leaf, CA.certificate())).isTrue();
            // Same subject name, different key: the signature decides.
            assertThat(CertificateAuthority.isIssuedBy(leaf, other.certificate()))
                    .isFalse();
            assertThat(CertificateAuthority.isIssuedBy(CA.certificate(), leaf)).isFalse();
            assertThat(CertificateAuthority.isIssuedBy(leaf, leaf)).isFalse();
        }

        @Test
        void pkix_path_validation_accepts_the_chain() throws Exception {
            X509Certificate leaf =
                    CA.issue("dave", Map.of("fairmark.role", "buyer")).certificate();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(CA.certificate(), null)));
            parameters.setRevocationEnabled(false);

            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult)
                    CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(leaf)), parameters);

            assertThat(result.getTrustAnchor().getTrustedCert()).isEqualTo(CA.certificate());
        }
    }
}
