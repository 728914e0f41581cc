package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;

class MembershipServiceTest {
    private final CertificateAuthority coop = CertificateAuthority.create("CoopMSP", "coop.example.com");
    private final Identity peer = coop.issuePeer("peer0.coop.example.com");
    private final MembershipService membership =
            new MembershipService(List.of(new Organization("CoopMSP", coop, peer)));

    @Test
    void accepts_an_identity_of_the_organizations_ca_with_its_node_ou() throws Exception {
        Identity alice = coop.issue("alice", Map.of("fairmark.role", "producer"));

        ValidatedIdentity validated = membership.validate(ByteString.copyFrom(alice.serialized()));

        assertThat(validated.mspId()).isEqualTo("CoopMSP");
        assertThat(validated.nodeOu()).isEqualTo("client");
        assertThat(membership.validate(ByteString.copyFrom(peer.serialized())).nodeOu()).isEqualTo("peer");
    }

    @Test
    void caches_chain_validation() throws Exception {
        ByteString alice = ByteString.copyFrom(coop.issue("alice", Map.of()).serialized());
        membership.validate(alice);
        long validations = membership.chainValidations();

        membership.validate(alice);
        membership.validate(alice);

        assertThat(membership.chainValidations()).isEqualTo(validations);
    }

    @Test
    void rejects_unknown_msp_foreign_ca_ca_certificate_and_garbage() {
        Identity foreign = CertificateAuthority.create("CoopMSP", "coop.example.com").issue("eve", Map.of());
        Identity stranger = CertificateAuthority.create("EvilMSP", "evil.example.com").issue("eve", Map.of());
        ByteString caAsIdentity = SerializedIdentity.newBuilder()
                .setMspid("CoopMSP")
                .setIdBytes(ByteString.copyFrom(coop.certificatePem(), StandardCharsets.UTF_8))
                .build()
                .toByteString();

        assertThatThrownBy(() -> membership.validate(ByteString.copyFrom(foreign.serialized())))
                .isInstanceOf(IdentityRejectedException.class)
                .hasMessageContaining("unknown authority");
        assertThatThrownBy(() -> membership.validate(ByteString.copyFrom(stranger.serialized())))
                .hasMessageContaining("MSP EvilMSP is not defined");
        assertThatThrownBy(() -> membership.validate(caAsIdentity)).hasMessageContaining("Certificate Authority");
        assertThatThrownBy(() -> membership.validate(ByteString.copyFromUtf8("garbage")))
                .isInstanceOf(IdentityRejectedException.class);
    }

    @Test
    void a_new_revocation_list_takes_effect_at_once() throws Exception {
        Identity alice = coop.issue("alice", Map.of());
        ByteString serialized = ByteString.copyFrom(alice.serialized());
        membership.validate(serialized);

        coop.revoke(alice.certificate());
        membership.updateCrl("CoopMSP", coop.crl());

        assertThatThrownBy(() -> membership.validate(serialized)).hasMessageContaining("revoked");
    }
}
