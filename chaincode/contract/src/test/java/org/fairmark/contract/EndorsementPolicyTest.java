package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.fairmark.simulator.VersionedValue;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;
import org.junit.jupiter.api.Test;

/** Every record is bound to its owner org by a key-level endorsement policy. */
class EndorsementPolicyTest {

    @Test
    void key_level_policies_are_the_bytes_the_shim_builds_for_every_record_not_only_the_first() throws Exception {
        Scenario s = Scenario.certified();
        s.expectOk(s.chain.submit(Parties.producer(), "batch:Register", Fixtures.batch("LOT-POLICY-2", Parties.QIANXI, Fixtures.DECLARED_GRAMS)));
        StateBasedEndorsement fresh = StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(null);
        fresh.addOrgs(StateBasedEndorsement.RoleType.RoleTypePeer, Parties.COOP);
        byte[] expected = fresh.policy();

        int batches = 0;
        for (Map.Entry<String, VersionedValue> entry : s.chain.store().range(Chain.CHAINCODE, "", "", 10_000)) {
            if (entry.getKey().startsWith("\u0000batch\u0000")) {
                assertThat(entry.getValue().metadata()).as(entry.getKey()).isEqualTo(expected);
                batches++;
            }
        }
        assertThat(batches).isEqualTo(2);
        // the cached encoding is handed out as a copy: a caller changing it changes nothing for the next key
        FairmarkContext.peerPolicy(Parties.COOP)[0] ^= 1;
        assertThat(FairmarkContext.peerPolicy(Parties.COOP)).isEqualTo(expected);
    }

    @Test
    void each_record_requires_its_owner_orgs_peer() throws Exception {
        Scenario s = Scenario.certified();
        s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("P", 2, 1000, null))));

        s.expectOk(s.chain.submit(Parties.admin(Parties.MARKET), "profile:Set", new org.fairmark.domain.model.ProfileRequests.SetProfile(
                Fixtures.requestId(), "示例市场", "Demo market", ProfileContractTest.validCode(), Parties.QIANXI,
                org.fairmark.domain.model.OrgKind.MARKET)));

        Map<String, String> ownerByType = new TreeMap<>();
        for (Map.Entry<String, VersionedValue> entry : s.chain.store().range(Chain.CHAINCODE, "", "", 10_000)) {
            String type = entry.getKey().substring(1, entry.getKey().indexOf('\u0000', 1));
            byte[] policy = entry.getValue().metadata();
            assertThat(policy).as("policy of " + type).isNotNull();
            SignaturePolicyEnvelope envelope = SignaturePolicyEnvelope.parseFrom(policy);
            assertThat(envelope.getIdentitiesCount()).isEqualTo(1);
            MSPPrincipal principal = envelope.getIdentities(0);
            MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
            assertThat(role.getRole()).isEqualTo(MSPRole.MSPRoleType.PEER);
            String previous = ownerByType.put(type, role.getMspIdentifier());
            if (previous != null && !type.equals("request") && !type.equals("fact")) { // these belong to their writer's org
                assertThat(role.getMspIdentifier()).as(type).isEqualTo(previous);
            }
        }
        assertThat(ownerByType)
                .containsEntry("batch", Parties.COOP)
                .containsEntry("standard", Parties.BUREAU)
                .containsEntry("inspection", Parties.BUREAU)
                .containsEntry("label-key", Parties.COOP)
                .containsEntry("package", Parties.COOP)
                .containsEntry("serial", Parties.COOP)
                .containsEntry("packing", Parties.COOP)
                .containsEntry("profile", Parties.MARKET)
                .containsKey("request");
    }
}
