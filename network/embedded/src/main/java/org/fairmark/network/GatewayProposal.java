package org.fairmark.network;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * A signed proposal as the gateway reads it, parsed once: the gateway's own first look (Fabric's
 * {@code getChannelAndChaincodeFromSignedProposal}) and, from the same parsed parts, the endorser's unpacking, which the
 * endorser then works on without parsing the proposal again.
 */
final class GatewayProposal {
    private final String channel;
    private final String chaincode;
    private final String creatorMspId;
    private final UnpackedProposal unpacked;
    private final ProposalRejectedException rejection;

    private GatewayProposal(String channel, String chaincode, String creatorMspId, UnpackedProposal unpacked,
            ProposalRejectedException rejection) {
        this.channel = channel;
        this.chaincode = chaincode;
        this.creatorMspId = creatorMspId;
        this.unpacked = unpacked;
        this.rejection = rejection;
    }

    /**
     * Reads a signed proposal.
     *
     * @throws ProposalRejectedException with the gateway's message when it is not a proposal the gateway can route
     *     (no proposal bytes, unparsable, no channel id, no chaincode name)
     */
    static GatewayProposal read(SignedProposal signedProposal) throws ProposalRejectedException {
        if (signedProposal.getProposalBytes().isEmpty()) {
            throw new ProposalRejectedException("a signed proposal is required");
        }
        Header header;
        ChannelHeader channelHeader;
        ChaincodeProposalPayload payload;
        ChaincodeInvocationSpec spec;
        try {
            Proposal proposal = Proposal.parseFrom(signedProposal.getProposalBytes());
            header = Header.parseFrom(proposal.getHeader());
            channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
            payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            spec = ChaincodeInvocationSpec.parseFrom(payload.getInput());
        } catch (InvalidProtocolBufferException e) {
            throw new ProposalRejectedException(e.getMessage());
        }
        String channel = channelHeader.getChannelId();
        if (channel.isEmpty()) {
            throw new ProposalRejectedException("no channel id provided");
        }
        if (!spec.hasChaincodeSpec()) {
            throw new ProposalRejectedException("no chaincode spec is provided, channel id [" + channel + "]");
        }
        if (!spec.getChaincodeSpec().hasChaincodeId()) {
            throw new ProposalRejectedException("no chaincode id is provided, channel id [" + channel + "]");
        }
        String chaincode = spec.getChaincodeSpec().getChaincodeId().getName();
        if (chaincode.isEmpty()) {
            throw new ProposalRejectedException("no chaincode name is provided, channel id [" + channel + "]");
        }
        UnpackedProposal unpacked = null;
        ProposalRejectedException rejection = null;
        try {
            unpacked = UnpackedProposal.unpack(signedProposal, header, channelHeader, payload, spec);
        } catch (ProposalRejectedException e) {
            rejection = e;
        }
        return new GatewayProposal(channel, chaincode, creatorMspId(header, unpacked), unpacked, rejection);
    }

    private static String creatorMspId(Header header, UnpackedProposal unpacked) {
        try {
            SignatureHeader signatureHeader = unpacked != null
                    ? unpacked.signatureHeader()
                    : SignatureHeader.parseFrom(header.getSignatureHeader());
            return SerializedIdentity.parseFrom(signatureHeader.getCreator()).getMspid();
        } catch (InvalidProtocolBufferException e) {
            return null; // the endorser's validation reports it
        }
    }

    String channel() {
        return channel;
    }

    String chaincode() {
        return chaincode;
    }

    /** The MSP id the creator claims, not yet validated; null when it cannot be read. */
    String creatorMspId() {
        return creatorMspId;
    }

    /**
     * The endorser's view of the proposal.
     *
     * @throws EndorserException the endorser's pre-processing error when the proposal cannot be unpacked
     */
    UnpackedProposal unpacked() throws EndorserException {
        if (rejection != null) {
            throw EndorserException.preProcess(rejection.getMessage());
        }
        return unpacked;
    }
}
