package org.fairmark.network;

import com.google.protobuf.ByteString;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fairmark.devca.FastEcdsa;
import org.fairmark.network.ledger.LedgerState;
import org.fairmark.simulator.InProcessChaincode;
import org.fairmark.simulator.Invocation;
import org.fairmark.simulator.SimulationResult;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * The peers of the channel: validates a signed proposal as Fabric's endorser does, simulates it once with the
 * in-process chaincode against the committed world state, builds the proposal response payload, works out which
 * organizations must endorse it (chaincode policy and key-level policies, as a Fabric gateway does from the chaincode
 * interest, by the {@link EndorsementPolicy} the committer validates with), and signs it with those organizations'
 * peer identities.
 *
 * <p>Every organization's peer would compute the same deterministic result, so the chaincode runs once and each
 * needed peer signs that one result.
 */
final class Endorser {
    private static final Logger LOGGER = Logger.getLogger(Endorser.class.getName());

    private final String channel;
    private final String chaincodeName;
    private final String chaincodeVersion;
    private final InProcessChaincode chaincode;
    private final LedgerState state;
    private final MembershipService membership;
    private final Predicate<String> isCommitted;
    private final EndorsementPolicy endorsementPolicy;
    private final Map<String, PeerSigner> peers = new LinkedHashMap<>();
    private final ContractCpu contractCpu = new ContractCpu();

    Endorser(
            String channel,
            String chaincodeName,
            String chaincodeVersion,
            InProcessChaincode chaincode,
            LedgerState state,
            MembershipService membership,
            Predicate<String> isCommitted,
            EndorsementPolicy endorsementPolicy,
            List<Organization> organizations) {
        this.channel = channel;
        this.chaincodeName = chaincodeName;
        this.chaincodeVersion = chaincodeVersion;
        this.chaincode = chaincode;
        this.state = state;
        this.membership = membership;
        this.isCommitted = isCommitted;
        this.endorsementPolicy = endorsementPolicy;
        for (Organization organization : organizations) {
            ByteString serialized = ByteString.copyFrom(organization.peer().serialized());
            ValidatedIdentity identity = membership.validOrNull(serialized);
            if (identity == null) {
                throw new IllegalStateException("the peer identity of " + organization.mspId() + " is not valid");
            }
            peers.put(organization.mspId(), new PeerSigner(
                    organization, identity, FastEcdsa.get().importKey(organization.peer().privateKey())));
        }
    }

    /** CPU time spent in the contract so far, per function ({@code batch:Register}, ...). */
    Map<String, EmbeddedNetwork.ContractCalls> contractCpu() {
        return contractCpu.totals();
    }

    private static String functionName(List<byte[]> args) {
        if (args.isEmpty()) {
            return "";
        }
        byte[] first = args.get(0);
        return first.length > 100 ? ContractCpu.OTHER : new String(first, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The MSP ids of the channel's organizations, in configuration order. */
    List<String> organizations() {
        return List.copyOf(peers.keySet());
    }

    /** The error-detail address of an organization's peer. */
    String peerAddress(String mspId) {
        PeerSigner peer = peers.get(mspId);
        return peer == null ? "" : peer.organization().peerName();
    }

    /**
     * Validates and simulates a proposal the gateway unpacked, as {@code ProcessProposal} of the first endorser.
     *
     * @param mspIdForDetails the organization whose peer is reported in error details
     * @throws EndorserException if the proposal is invalid, the chaincode unknown, or the chaincode returned an error
     */
    Simulation simulate(UnpackedProposal proposal, String mspIdForDetails) throws EndorserException {
        if (!proposal.channelId().equals(channel)) {
            throw EndorserException.peer("channel '" + proposal.channelId() + "' not found");
        }
        ValidatedIdentity creator = validate(proposal);
        if (!proposal.chaincodeName().equals(chaincodeName)) {
            throw EndorserException.peer("make sure the chaincode " + proposal.chaincodeName()
                    + " has been successfully defined on channel " + channel + " and try again: chaincode "
                    + proposal.chaincodeName() + " not found");
        }
        String peerMspId = peers.containsKey(mspIdForDetails) ? mspIdForDetails : organizations().get(0);
        Invocation invocation = new Invocation(
                channel,
                proposal.txId(),
                proposal.timestamp(),
                proposal.creator().toByteArray(),
                proposal.args(),
                proposal.transientMap(),
                proposal.signedProposal(),
                proposal.binding(),
                peerMspId);
        SimulationResult result;
        long cpuBefore = ContractCpu.threadCpuNanos();
        try {
            result = state.read(committed -> chaincode.execute(committed, chaincodeName, invocation));
            contractCpu.record(functionName(proposal.args()), cpuBefore);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "chaincode " + chaincodeName + " failed on tx " + TxIds.shortened(proposal.txId()), e);
            throw EndorserException.peer("error in simulation: " + e);
        }
        Response response = Response.newBuilder()
                .setStatus(result.status())
                .setMessage(result.message())
                .setPayload(ByteString.copyFrom(result.payload()))
                .build();
        if (!result.isSuccess()) {
            throw EndorserException.chaincode(result.status(), result.message());
        }
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(ByteString.copyFrom(result.readWriteSet().toTxReadWriteSetBytes(chaincodeName)))
                .setResponse(response)
                .setChaincodeId(ChaincodeID.newBuilder().setName(chaincodeName).setVersion(chaincodeVersion));
        if (result.event() != null) {
            action.setEvents(ChaincodeEvent.newBuilder()
                    .setChaincodeId(chaincodeName)
                    .setTxId(proposal.txId())
                    .setEventName(result.event().name())
                    .setPayload(ByteString.copyFrom(result.event().payload()))
                    .build()
                    .toByteString());
        }
        ByteString responsePayload = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFrom(proposal.proposalHash()))
                .setExtension(action.build().toByteString())
                .build()
                .toByteString();
        return new Simulation(proposal, creator, result, response, responsePayload);
    }

    /**
     * Validates a proposal for the query system chaincode as {@code ProcessProposal} does and runs it against the
     * ledger; nothing is endorsed.
     *
     * @throws EndorserException if the proposal is invalid or qscc returned an error (status 400 and above)
     */
    Response evaluateQscc(UnpackedProposal proposal, Qscc qscc) throws EndorserException {
        if (!proposal.channelId().equals(channel)) {
            throw EndorserException.peer("channel '" + proposal.channelId() + "' not found");
        }
        validate(proposal);
        Response response = qscc.invoke(proposal.args());
        if (response.getStatus() >= 400) {
            throw EndorserException.chaincode(response.getStatus(), response.getMessage());
        }
        return response;
    }

    /**
     * The organizations whose peers must endorse {@code simulation}: the smallest set, preferring the creator's own
     * organization, whose peers satisfy every policy the transaction is subject to.
     *
     * @throws EndorserException if no set of the channel's peers satisfies them
     */
    List<String> plan(Simulation simulation) throws EndorserException {
        List<SignaturePolicyEnvelope> required =
                endorsementPolicy.requiredPolicies(simulation.result().readWriteSet(), state);
        List<String> orgs = new ArrayList<>(peers.keySet());
        String preferred = simulation.creator().mspId();
        if (orgs.remove(preferred)) {
            orgs.add(0, preferred);
        }
        int n = orgs.size();
        if (n > 20) {
            throw new IllegalStateException("more than 20 organizations are not supported");
        }
        List<Integer> masks = new ArrayList<>();
        for (int mask = 1; mask < (1 << n); mask++) {
            masks.add(mask);
        }
        // Fewest organizations first; among equals, the creator's organization (bit 0) and earlier ones first.
        masks.sort((a, b) -> Integer.bitCount(a) != Integer.bitCount(b)
                ? Integer.compare(Integer.bitCount(a), Integer.bitCount(b))
                : Integer.compareUnsigned(Integer.reverse(b), Integer.reverse(a)));
        for (int mask : masks) {
            List<ValidatedIdentity> signers = new ArrayList<>();
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    chosen.add(orgs.get(i));
                    signers.add(peers.get(orgs.get(i)).identity());
                }
            }
            boolean satisfied = true;
            for (SignaturePolicyEnvelope policy : required) {
                if (!SignaturePolicies.isSatisfied(policy, signers)) {
                    satisfied = false;
                    break;
                }
            }
            if (satisfied) {
                List<String> ordered = new ArrayList<>(peers.keySet());
                ordered.retainAll(chosen);
                return ordered;
            }
        }
        StringBuilder policies = new StringBuilder();
        for (SignaturePolicyEnvelope policy : required) {
            policies.append(policies.length() == 0 ? "" : ", ").append(SignaturePolicies.describe(policy));
        }
        throw EndorserException.noPlan("no combination of peers can be derived which satisfy the endorsement policy: "
                + policies);
    }

    /** Whether the channel has a peer of {@code mspId}. */
    boolean hasPeer(String mspId) {
        return peers.containsKey(mspId);
    }

    /** The endorsement of {@code mspId}'s peer: its identity and its signature over payload || identity. */
    Endorsement endorse(String mspId, ByteString responsePayload) {
        PeerSigner peer = Objects.requireNonNull(peers.get(mspId), mspId);
        return EndorsementPolicy.sign(responsePayload, peer.identity().serialized(), peer.privateKey());
    }

    private ValidatedIdentity validate(UnpackedProposal proposal) throws EndorserException {
        try {
            proposal.validateHeaders();
        } catch (ProposalRejectedException e) {
            throw EndorserException.preProcess("error validating proposal: " + e.getMessage());
        }
        ValidatedIdentity creator;
        try {
            creator = membership.validate(proposal.creator());
        } catch (IdentityRejectedException e) {
            LOGGER.warning(() -> "access denied on tx " + TxIds.shortened(proposal.txId()) + ": " + e.getMessage());
            throw EndorserException.preProcess(e.mspId() == null
                    ? "error validating proposal: access denied: channel [" + proposal.channelId()
                            + "] creator org unknown, creator is malformed"
                    : "error validating proposal: access denied: channel [" + proposal.channelId() + "] creator org ["
                            + e.mspId() + "]");
        }
        if (!creator.verify(
                proposal.signedProposal().getProposalBytes().toByteArray(),
                proposal.signedProposal().getSignature().toByteArray())) {
            LOGGER.warning(() -> "access denied on tx " + TxIds.shortened(proposal.txId())
                    + ": creator's signature over the proposal is not valid (" + creator.describe() + ")");
            throw EndorserException.preProcess("error validating proposal: access denied: channel ["
                    + proposal.channelId() + "] creator org [" + creator.mspId() + "]");
        }
        if (isCommitted.test(proposal.txId())) {
            throw EndorserException.preProcess("duplicate transaction found [" + proposal.txId() + "]. Creator ["
                    + HexFormat.of().formatHex(proposal.creator().toByteArray()) + "]");
        }
        return creator;
    }

    /**
     * A proposal that the chaincode executed successfully.
     *
     * @param responsePayload the serialized {@code ProposalResponsePayload} every endorser signs
     */
    record Simulation(
            UnpackedProposal proposal,
            ValidatedIdentity creator,
            SimulationResult result,
            Response response,
            ByteString responsePayload) {}

    private record PeerSigner(Organization organization, ValidatedIdentity identity, PrivateKey privateKey) {}
}
