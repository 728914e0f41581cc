package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Test;

class SignaturePoliciesTest {
    private static final CertificateAuthority COOP = CertificateAuthority.create("CoopMSP", "coop.example.com");
    private static final CertificateAuthority BUREAU = CertificateAuthority.create("BureauMSP", "bureau.example.com");
    private static final ValidatedIdentity COOP_PEER = validated(COOP.issuePeer("peer0.coop.example.com"));
    private static final ValidatedIdentity COOP_CLIENT = validated(COOP.issue("alice", Map.of()));
    private static final ValidatedIdentity BUREAU_PEER = validated(BUREAU.issuePeer("peer0.bureau.example.com"));

    @Test
    void parses_fabric_policy_language_and_describes_it_back() {
        SignaturePolicyEnvelope policy =
                SignaturePolicies.parse(
                "OutOf(2, 'CoopMSP.peer', \"BureauMSP.peer\", AND('CoopMSP.member','BureauMSP.member'))");

        assertThat(SignaturePolicies.describe(policy))
                .isEqualTo("OutOf(2, 'CoopMSP.peer', 'BureauMSP.peer', AND('CoopMSP.member', 'BureauMSP.member'))");
        assertThat(SignaturePolicies.mspIds(policy)).containsExactly("CoopMSP", "BureauMSP");
        assertThat(policy.getIdentitiesCount()).isEqualTo(4);
    }

    @Test
    void rejects_malformed_policies_with_the_position() {
        assertThatThrownBy(() -> SignaturePolicies.parse("OR('CoopMSP.peer'"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position");
        assertThatThrownBy(() -> SignaturePolicies.parse("XOR('CoopMSP.peer')"))
                .hasMessageContaining("expected AND, OR, OutOf");
        assertThatThrownBy(() -> SignaturePolicies.parse("OR('CoopMSP.owner')")).hasMessageContaining("unknown role");
        assertThatThrownBy(() -> SignaturePolicies.parse("OutOf(3, 'CoopMSP.peer', 'BureauMSP.peer')"))
                .hasMessageContaining("can never be satisfied");
    }

    @Test
    void a_peer_role_needs_a_peer_of_that_organization() {
        SignaturePolicyEnvelope policy = SignaturePolicies.parse("OR('CoopMSP.peer')");

        assertThat(SignaturePolicies.isSatisfied(policy, List.of(COOP_PEER))).isTrue();
        assertThat(SignaturePolicies.isSatisfied(policy, List.of(COOP_CLIENT))).isFalse();
        assertThat(SignaturePolicies.isSatisfied(policy, List.of(BUREAU_PEER))).isFalse();
        assertThat(SignaturePolicies.isSatisfied(SignaturePolicies.parse("OR('CoopMSP.member')"), List.of(COOP_CLIENT)))
                .isTrue();
    }

    @Test
    void one_signer_satisfies_only_one_principal() {
        SignaturePolicyEnvelope twoCoopPeers = SignaturePolicies.parse("AND('CoopMSP.peer', 'CoopMSP.member')");
        SignaturePolicyEnvelope bothOrgs = SignaturePolicies.parse("AND('CoopMSP.peer', 'BureauMSP.peer')");

        assertThat(SignaturePolicies.isSatisfied(twoCoopPeers, List.of(COOP_PEER))).isFalse();
        assertThat(SignaturePolicies.isSatisfied(twoCoopPeers, List.of(COOP_PEER, COOP_CLIENT))).isTrue();
        assertThat(SignaturePolicies.isSatisfied(bothOrgs, List.of(COOP_PEER))).isFalse();
        assertThat(SignaturePolicies.isSatisfied(bothOrgs, List.of(BUREAU_PEER, COOP_PEER))).isTrue();
    }

    @Test
    void any_is_one_organizations_peer() {
        SignaturePolicyEnvelope policy = SignaturePolicies.anyPeerOf(List.of("CoopMSP", "BureauMSP"));

        assertThat(SignaturePolicies.describe(policy)).isEqualTo("OR('CoopMSP.peer', 'BureauMSP.peer')");
        assertThat(SignaturePolicies.isSatisfied(policy, List.of(BUREAU_PEER))).isTrue();
    }

    @Test
    void the_default_majority_is_more_than_half_of_the_organizations_peers() {
        List<String> four = List.of("CoopMSP", "BureauMSP", "CarrierMSP", "MarketMSP");

        assertThat(SignaturePolicies.describe(SignaturePolicies.resolve(" majority ", four)))
                .isEqualTo("OutOf(3, 'CoopMSP.peer', 'BureauMSP.peer', 'CarrierMSP.peer', 'MarketMSP.peer')");
        assertThat(SignaturePolicies.describe(SignaturePolicies.resolve("MAJORITY", List.of("CoopMSP", "BureauMSP"))))
                .isEqualTo("AND('CoopMSP.peer', 'BureauMSP.peer')");
        assertThat(SignaturePolicies.describe(SignaturePolicies.resolve("any", four)))
                .isEqualTo("OR('CoopMSP.peer', 'BureauMSP.peer', 'CarrierMSP.peer', 'MarketMSP.peer')");
    }

    @Test
    void the_builder_accepts_the_keywords_before_it_knows_the_organizations() {
        for (String text : List.of("MAJORITY", "any", "OR('CoopMSP.peer')")) {
            SignaturePolicies.check(text);
            EmbeddedNetwork.builder().endorsementPolicy(text);
        }
        assertThatThrownBy(() -> EmbeddedNetwork.builder().endorsementPolicy("MOST"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ValidatedIdentity validated(Identity identity) {
        return new ValidatedIdentity(
                identity.mspId(),
                identity.certificate(),
                identity.certificate().getPublicKey(),
                MembershipService.nodeOu(identity.certificate()),
                ByteString.copyFrom(identity.serialized()));
    }
}
