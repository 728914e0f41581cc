package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.devca.Identity;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.PreparedTransaction;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway collects endorsements for the chaincode policy and for the key-level policies the contract sets on its
 * records, and the committer enforces both. Here the chaincode policy names only MarketMSP, while the contract binds a
 * label key to its owner's organization, CoopMSP.
 */
class KeyLevelEndorsementIT {
    @TempDir
    static Path dataDir;

    static EmbeddedNetwork network;
    static Gateway gateway;
    static Contract contract;

    @BeforeAll
    static void start() throws Exception {
        network = EmbeddedNetwork.builder()
                .dataDir(DevNetworkTemplate.copyTo(dataDir))
                .port(-1)
                .blockSize(10)
                .blockTimeout(Duration.ofMillis(20))
                .endorsementPolicy("OR('MarketMSP.peer')")
                .start();
        Identity packer = network.wallet().get(EmbeddedNetwork.PACKER);
        gateway = Clients.connect(network.inProcessChannel(), packer);
        contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        network.close();
    }

    @Test
    void new_records_are_endorsed_by_the_chaincode_policy() throws Exception {
        Transaction transaction = contract.newProposal("labelkey:Register")
                .addArguments(FairmarkRequests.registerLabelKey(FairmarkRequests.labelKeyPair()))
                .build()
                .endorse();

        assertThat(endorsingOrganizations(transaction)).containsExactly("MarketMSP");
        assertThat(transaction.submitAsync().getStatus().getCode()).isEqualTo(TxValidationCode.VALID);
    }

    @Test
    void updating_a_record_needs_its_owner_organization_as_well() throws Exception {
        KeyPair pair = FairmarkRequests.labelKeyPair();
        contract.submitTransaction("labelkey:Register", FairmarkRequests.registerLabelKey(pair));

        Transaction revoke = contract.newProposal("labelkey:Revoke")
                .addArguments(FairmarkRequests.revokeLabelKey(FairmarkRequests.keyId(pair)))
                .build()
                .endorse();

        assertThat(endorsingOrganizations(revoke)).containsExactlyInAnyOrder("CoopMSP", "MarketMSP");
        assertThat(revoke.submitAsync().getStatus().getCode()).isEqualTo(TxValidationCode.VALID);
    }

    @Test
    void an_update_without_the_owner_organization_fails_endorsement_policy_validation() throws Exception {
        KeyPair pair = FairmarkRequests.labelKeyPair();
        contract.submitTransaction("labelkey:Register", FairmarkRequests.registerLabelKey(pair));
        Transaction revoke = contract.newProposal("labelkey:Revoke")
                .addArguments(FairmarkRequests.revokeLabelKey(FairmarkRequests.keyId(pair)))
                .setEndorsingOrganizations("MarketMSP")
                .build()
                .endorse();

        CommitException error = catchThrowableOfType(CommitException.class, revoke::submit);

        assertThat(error.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(new String(contract.evaluateTransaction(
                        "labelkey:Get", "{\"keyId\":\"" + FairmarkRequests.keyId(pair) + "\"}"),
                java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"revoked\":false");
    }

    @Test
    void a_transaction_endorsed_by_an_organization_outside_the_chaincode_policy_is_invalid() throws Exception {
        Transaction transaction = contract.newProposal("labelkey:Register")
                .addArguments(FairmarkRequests.registerLabelKey(FairmarkRequests.labelKeyPair()))
                .setEndorsingOrganizations("CarrierMSP")
                .build()
                .endorse();

        CommitException error = catchThrowableOfType(CommitException.class, transaction::submit);

        assertThat(error.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }

    /** The MSP ids of the endorsers in a prepared transaction, read from the envelope as a peer would. */
    private static List<String> endorsingOrganizations(Transaction transaction) throws Exception {
        PreparedTransaction prepared = PreparedTransaction.parseFrom(transaction.getBytes());
        Payload payload = Payload.parseFrom(prepared.getEnvelope().getPayload());
        org.hyperledger.fabric.protos.peer.Transaction tx =
                org.hyperledger.fabric.protos.peer.Transaction.parseFrom(payload.getData());
        ChaincodeActionPayload action = ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
        List<String> orgs = new ArrayList<>();
        for (Endorsement endorsement : action.getAction().getEndorsementsList()) {
            orgs.add(SerializedIdentity.parseFrom(endorsement.getEndorser()).getMspid());
        }
        return orgs;
    }
}
