package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Test;

/** The gateway reads a proposal once; what only the endorser refuses stays the endorser's error. */
class GatewayProposalTest {
    private static SignedProposal proposal(String channel, String chaincode, boolean withInput) {
        ChaincodeSpec.Builder spec = ChaincodeSpec.newBuilder().setChaincodeId(ChaincodeID.newBuilder().setName(chaincode));
        if (withInput) {
            spec.setInput(ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("batch:Get")));
        }
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setChannelId(channel)
                .setTxId("tx")
                .setExtension(ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode)).build().toByteString())
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(SerializedIdentity.newBuilder().setMspid("CoopMSP").build().toByteString())
                .setNonce(ByteString.copyFromUtf8("nonce"))
                .build();
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()).build().toByteString())
                .setPayload(ChaincodeProposalPayload.newBuilder()
                        .setInput(ChaincodeInvocationSpec.newBuilder().setChaincodeSpec(spec).build().toByteString())
                        .build().toByteString())
                .build();
        return SignedProposal.newBuilder().setProposalBytes(proposal.toByteString()).build();
    }

    @Test
    void reads_channel_chaincode_creator_and_the_endorsers_unpacking_from_one_parse() throws Exception {
        GatewayProposal read = GatewayProposal.read(proposal("fairmark", "fairmark", true));
        assertThat(read.channel()).isEqualTo("fairmark");
        assertThat(read.chaincode()).isEqualTo("fairmark");
        assertThat(read.creatorMspId()).isEqualTo("CoopMSP");
        assertThat(read.unpacked().function()).isEqualTo("batch:Get");
        assertThat(read.unpacked().txId()).isEqualTo("tx");
    }

    @Test
    void refuses_what_the_gateway_cannot_route_with_its_own_messages() {
        assertThatThrownBy(() -> GatewayProposal.read(SignedProposal.getDefaultInstance()))
                .hasMessage("a signed proposal is required");
        assertThatThrownBy(() -> GatewayProposal.read(proposal("", "fairmark", true)))
                .hasMessage("no channel id provided");
        assertThatThrownBy(() -> GatewayProposal.read(proposal("fairmark", "", true)))
                .hasMessage("no chaincode name is provided, channel id [fairmark]");
        assertThatThrownBy(() -> GatewayProposal.read(SignedProposal.newBuilder()
                .setProposalBytes(ByteString.copyFromUtf8("\u0008\u0096")).build()))
                .isInstanceOf(ProposalRejectedException.class);
    }

    @Test
    void what_only_the_endorser_refuses_is_its_pre_processing_error() throws Exception {
        GatewayProposal read = GatewayProposal.read(proposal("fairmark", "fairmark", false));
        assertThat(read.creatorMspId()).isEqualTo("CoopMSP");
        EndorserException e = catchThrowableOfType(EndorserException.class, read::unpacked);
        assertThat(e.kind()).isEqualTo(EndorserException.Kind.PRE_PROCESS);
        assertThat(e.getMessage()).isEqualTo("chaincode input did not contain any input");
    }
}
