package org.fairmark.devca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.junit.jupiter.api.Test;

class RevocationTest {
    private static BigInteger crlNumber(X509CRL crl) {
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(crl.getExtensionValue("2.5.29.20"))
                        .getOctets())
                .getValue();
    }

    @Test
    void crl_lists_the_revoked_serial_and_is_signed_by_the_ca() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("CarrierMSP", "carrier.example.com");
        Identity revoked = ca.issue("driver.liu", Map.of("fairmark.role", "carrier"));
        Identity kept = ca.issue("driver.ma", Map.of("fairmark.role", "carrier"));

        ca.revoke(revoked.certificate());
        X509CRL crl = ca.crl();

        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(crl.getRevokedCertificates())
                .extracting(X509CRLEntry::getSerialNumber)
                .containsExactly(revoked.certificate().getSerialNumber());
        assertThat(crl.isRevoked(revoked.certificate())).isTrue();
        assertThat(crl.isRevoked(kept.certificate())).isFalse();
        assertThat(ca.isRevoked(revoked.certificate())).isTrue();
        assertThat(ca.isRevoked(kept.certificate())).isFalse();
        assertThat(Signatures.isLowS(ca.certificate().getPublicKey(), crl.getSignature()))
                .isTrue();
    }

    @Test
    void crl_has_update_times_key_identifier_and_a_growing_number() {
        CertificateAuthority ca = CertificateAuthority.create("CarrierMSP", "carrier.example.com");
        X509CRL empty = ca.crl();

        assertThat(empty.getRevokedCertificates()).isNull();
        assertThat(empty.getThisUpdate().toInstant()).isBetween(Instant.now().minusSeconds(5), Instant.now());
        assertThat(Duration.between(
                        empty.getThisUpdate().toInstant(), empty.getNextUpdate().toInstant()))
                .isEqualTo(Duration.ofDays(7));
        byte[] aki = AuthorityKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(empty.getExtensionValue("2.5.29.35"))
                                .getOctets())
                .getKeyIdentifierObject()
                .getOctets();
        assertThat(aki).isEqualTo(CertificateAuthorityTest.subjectKeyIdentifier(ca.certificate()));

        Identity first = ca.issue("a", Map.of());
        ca.revoke(first.certificate());
        X509CRL one = ca.crl();
        ca.revoke(first.certificate()); // again: no change
        X509CRL same = ca.crl();
        ca.revoke(ca.issue("b", Map.of()).certificate());
        X509CRL two = ca.crl();

        assertThat(crlNumber(empty)).isEqualTo(1);
        assertThat(crlNumber(one)).isEqualTo(2);
        assertThat(crlNumber(same)).isEqualTo(2);
        assertThat(crlNumber(two)).isEqualTo(3);
        assertThat(two.getRevokedCertificates()).hasSize(2);
        assertThat(one.getRevokedCertificate(first.certificate().getSerialNumber())
                        .getRevocationDate())
                .isEqualTo(two.getRevokedCertificate(first.certificate().getSerialNumber())
                        .getRevocationDate());
    }

    @Test
    void refuses_certificates_of_other_cas_and_its_own_root() {
        CertificateAuthority ca = CertificateAuthority.create("CarrierMSP", "carrier.example.com");
        CertificateAuthority twin = CertificateAuthority.create("CarrierMSP", "carrier.example.com");
        Identity foreign = twin.issue("spy", Map.of());

        assertThatThrownBy(() -> ca.revoke(foreign.certificate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was not issued by CN=ca.carrier.example.com");
        assertThatThrownBy(() -> ca.revoke(ca.certificate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a CA cannot revoke its own root certificate");
        assertThat(ca.isRevoked(foreign.certificate())).isFalse();
        assertThat(ca.crl().getRevokedCertificates()).isNull();
    }
}
