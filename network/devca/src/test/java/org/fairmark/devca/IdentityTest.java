package org.fairmark.devca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;

class IdentityTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("BuyerMSP", "buyer.example.com");
    private static final Identity ERIN = CA.issue("erin", Map.of("fairmark.role", "buyer"));

    @Test
    void serialized_is_a_serialized_identity_with_the_certificate_pem() throws Exception {
        SerializedIdentity parsed = SerializedIdentity.parseFrom(ERIN.serialized());

        assertThat(parsed.getMspid()).isEqualTo("BuyerMSP");
        assertThat(parsed.getIdBytes().toStringUtf8()).isEqualTo(ERIN.certificatePem());
        X509Certificate fromIdBytes = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new ByteArrayInputStream(parsed.getIdBytes().toByteArray()));
        assertThat(fromIdBytes).isEqualTo(ERIN.certificate());
        assertThat(Pem.readCertificate(parsed.getIdBytes().toStringUtf8())).isEqualTo(ERIN.certificate());
    }

    @Test
    void serialized_is_stable_and_has_no_unknown_fields() throws Exception {
        SerializedIdentity parsed = SerializedIdentity.parseFrom(ERIN.serialized());

        assertThat(ERIN.serialized()).isEqualTo(ERIN.serialized());
        assertThat(parsed.getUnknownFields().asMap()).isEmpty();
        assertThat(parsed.toByteArray()).isEqualTo(ERIN.serialized());
    }

    @Test
    void shim_sees_the_same_msp_and_subject() throws Exception {
        var client = ShimAttributes.clientIdentity(ERIN.serialized());

        assertThat(client.getMSPID()).isEqualTo("BuyerMSP");
        assertThat(client.getId()).startsWith("x509::CN=erin, OU=client, O=buyer.example.com::");
    }

    @Test
    void to_string_names_the_identity_without_its_key() {
        assertThat(ERIN.toString())
                .isEqualTo("Identity[name=erin, mspId=BuyerMSP, subject=CN=erin,OU=client,O=buyer.example.com]");
    }

    @Test
    void rejects_a_key_that_does_not_belong_to_the_certificate() {
        Identity other = CA.issue("frank", Map.of());

        assertThatThrownBy(() -> new Identity("erin", "BuyerMSP", ERIN.certificate(), other.privateKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("private key of identity erin does not match its certificate");
    }

    @Test
    void rejects_malformed_names_and_missing_parts() {
        assertThatThrownBy(() -> new Identity("../erin", "BuyerMSP", ERIN.certificate(), ERIN.privateKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("identity name must match");
        assertThatThrownBy(() -> new Identity("erin", "Buyer MSP", ERIN.certificate(), ERIN.privateKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("MSP id must match");
        assertThatThrownBy(() -> new Identity("erin", "BuyerMSP", null, ERIN.privateKey()))
                .hasMessage("certificate == null");
        assertThatThrownBy(() -> new Identity("erin", "BuyerMSP", ERIN.certificate(), null))
                .hasMessage("privateKey == null");
    }

    @Test
    void private_key_pem_reads_back_to_the_same_key() {
        // Same secret scalar; the written encoding adds the public key, which the JDK's own one leaves out.
        assertThat(((java.security.interfaces.ECPrivateKey) Pem.readPrivateKey(ERIN.privateKeyPem())).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) ERIN.privateKey()).getS());
    }
}
