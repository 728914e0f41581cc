package org.fairmark.network;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * The interesting parts of a signed proposal, as Fabric's endorser unpacks them
 * ({@code core/endorser/msgvalidation.go}), with the proposal hash that the proposal response and later the
 * transaction must carry.
 */
record UnpackedProposal(
        SignedProposal signedProposal,
        Header header,
        ChannelHeader channelHeader,
        SignatureHeader signatureHeader,
        String chaincodeName,
        ChaincodeInput input,
        ChaincodeProposalPayload payload,
        byte[] proposalHash) {

    /**
     * Unpacks a signed proposal; every field a later step needs is present afterwards.
     *
     * @throws ProposalRejectedException with Fabric's message if a part is missing or cannot be parsed
     */
    static UnpackedProposal unpack(SignedProposal signedProposal) throws ProposalRejectedException {
        try {
            Proposal proposal = Proposal.parseFrom(signedProposal.getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
            SignatureHeader signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
            String chaincodeName = chaincodeName(channelHeader);
            ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(payload.getInput());
            return assemble(signedProposal, header, channelHeader, signatureHeader, chaincodeName, payload, spec);
        } catch (InvalidProtocolBufferException e) {
            throw new ProposalRejectedException("error unmarshalling proposal: " + e.getMessage());
        }
    }

    /**
     * {@link #unpack(SignedProposal)} of a proposal whose header, channel header, payload and invocation spec the
     * gateway has parsed already: only the parts the gateway does not read are parsed here.
     */
    static UnpackedProposal unpack(
            SignedProposal signedProposal,
            Header header,
            ChannelHeader channelHeader,
            ChaincodeProposalPayload payload,
            ChaincodeInvocationSpec spec)
            throws ProposalRejectedException {
        try {
            SignatureHeader signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
            String chaincodeName = chaincodeName(channelHeader);
            return assemble(signedProposal, header, channelHeader, signatureHeader, chaincodeName, payload, spec);
        } catch (InvalidProtocolBufferException e) {
            throw new ProposalRejectedException("error unmarshalling proposal: " + e.getMessage());
        }
    }

    private static String chaincodeName(ChannelHeader channelHeader)
            throws InvalidProtocolBufferException, ProposalRejectedException {
        ChaincodeHeaderExtension extension = ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension());
        if (!extension.hasChaincodeId()) {
            throw new ProposalRejectedException("ChaincodeHeaderExtension.ChaincodeId is nil");
        }
        if (extension.getChaincodeId().getName().isEmpty()) {
            throw new ProposalRejectedException("ChaincodeHeaderExtension.ChaincodeId.Name is empty");
        }
        return extension.getChaincodeId().getName();
    }

    private static UnpackedProposal assemble(
            SignedProposal signedProposal,
            Header header,
            ChannelHeader channelHeader,
            SignatureHeader signatureHeader,
            String chaincodeName,
            ChaincodeProposalPayload payload,
            ChaincodeInvocationSpec spec)
            throws ProposalRejectedException {
        if (!spec.hasChaincodeSpec()) {
            throw new ProposalRejectedException("chaincode invocation spec did not contain chaincode spec");
        }
        if (!spec.getChaincodeSpec().hasInput()) {
            throw new ProposalRejectedException("chaincode input did not contain any input");
        }
        byte[] proposalHash = FabricHashes.sha256(
                header.getChannelHeader(), header.getSignatureHeader(), withoutTransient(payload).toByteString());
        return new UnpackedProposal(signedProposal, header, channelHeader, signatureHeader, chaincodeName,
                spec.getChaincodeSpec().getInput(), payload, proposalHash);
    }

    /**
     * Fabric's {@code UnpackedProposal.Validate} up to the signature: header type, epoch, nonce, creator, and that
     * the transaction id is {@code hex(SHA-256(nonce || creator))}.
     */
    void validateHeaders() throws ProposalRejectedException {
        int type = channelHeader.getType();
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE && type != HeaderType.CONFIG_VALUE) {
            HeaderType known = HeaderType.forNumber(type);
            throw new ProposalRejectedException("invalid header type " + (known == null ? type : known.name()));
        }
        if (channelHeader.getEpoch() != 0) {
            throw new ProposalRejectedException("epoch is non-zero");
        }
        if (signatureHeader.getNonce().isEmpty()) {
            throw new ProposalRejectedException("nonce is empty");
        }
        if (signatureHeader.getCreator().isEmpty()) {
            throw new ProposalRejectedException("creator is empty");
        }
        String expected = TxIds.compute(signatureHeader.getNonce(), signatureHeader.getCreator());
        if (!expected.equals(txId())) {
            throw new ProposalRejectedException(
                    "incorrectly computed txid '" + txId() + "' -- expected '" + expected + "'");
        }
        if (signedProposal.getProposalBytes().isEmpty()) {
            throw new ProposalRejectedException("empty proposal bytes");
        }
        if (signedProposal.getSignature().isEmpty()) {
            throw new ProposalRejectedException("empty signature bytes");
        }
    }

    String channelId() {
        return channelHeader.getChannelId();
    }

    String txId() {
        return channelHeader.getTxId();
    }

    ByteString creator() {
        return signatureHeader.getCreator();
    }

    /** The proposal timestamp, the transaction's timestamp for the chaincode. */
    Instant timestamp() {
        return Instant.ofEpochSecond(
                channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos());
    }

    List<byte[]> args() {
        return input.getArgsList().stream().map(ByteString::toByteArray).toList();
    }

    Map<String, byte[]> transientMap() {
        Map<String, byte[]> map = new LinkedHashMap<>();
        payload.getTransientMapMap().forEach((key, value) -> map.put(key, value.toByteArray()));
        return map;
    }

    /** The function name (first argument), for logs. */
    String function() {
        return input.getArgsCount() == 0 ? "" : input.getArgs(0).toStringUtf8();
    }

    /** Fabric's binding: {@code SHA-256(nonce || creator || epoch)}, epoch as 8 little-endian bytes. */
    byte[] binding() {
        byte[] epoch = ByteBuffer.allocate(Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(channelHeader.getEpoch())
                .array();
        return FabricHashes.sha256(
                signatureHeader.getNonce(), signatureHeader.getCreator(), ByteString.copyFrom(epoch));
    }

    /** The payload as it goes into the transaction: the transient map removed. */
    static ChaincodeProposalPayload withoutTransient(ChaincodeProposalPayload payload) {
        return ChaincodeProposalPayload.newBuilder().setInput(payload.getInput()).build();
    }
}
