package org.fairmark.network;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fairmark.network.ledger.Blocks;
import org.fairmark.network.ledger.LedgerState;
import org.fairmark.network.ledger.ParsedTransaction;
import org.fairmark.network.ledger.TransactionLocation;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * The Fabric Gateway gRPC service ({@code gateway.Gateway}) of the embedded network, with the status codes, messages
 * and error details of Fabric 2.5's gateway ({@code internal/pkg/gateway}), so that the fabric-gateway client
 * libraries behave as against a Fabric peer.
 */
final class GatewayService extends GatewayGrpc.GatewayImplBase {
    private static final Logger LOGGER = Logger.getLogger(GatewayService.class.getName());
    private static final long EVENT_POLL_MILLIS = 1_000;

    private final String channel;
    private final String chaincodeName;
    private final Endorser endorser;
    private final MembershipService membership;
    private final Orderer orderer;
    private final Committer committer;
    private final CommitNotifier notifier;
    private final LedgerState state;
    private final Executor eventStreams;
    private final Qscc qscc;
    /** The port in error-detail addresses: the TCP listener's, or Fabric's default peer port without one. */
    private volatile int detailPort = 7051;

    GatewayService(
            String channel,
            String chaincodeName,
            Endorser endorser,
            MembershipService membership,
            Orderer orderer,
            Committer committer,
            CommitNotifier notifier,
            LedgerState state,
            Executor eventStreams,
            Qscc qscc) {
        this.channel = channel;
        this.qscc = qscc;
        this.eventStreams = eventStreams;
        this.chaincodeName = chaincodeName;
        this.endorser = endorser;
        this.membership = membership;
        this.orderer = orderer;
        this.committer = committer;
        this.notifier = notifier;
        this.state = state;
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> responses) {
        GatewayProposal proposal;
        try {
            proposal = GatewayProposal.read(request.getProposedTransaction());
        } catch (ProposalRejectedException e) {
            responses.onError(Status.INVALID_ARGUMENT
                    .withDescription("failed to unpack transaction proposal: " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        String proposalChannel = proposal.channel();
        String proposalChaincode = proposal.chaincode();
        if (!proposalChannel.equals(channel)) {
            // Fabric's gateway asks discovery for the channel configuration first.
            responses.onError(Status.UNAVAILABLE
                    .withDescription("failed to get config for channel [" + proposalChannel
                            + "]: could not get last config for channel " + proposalChannel)
                    .asRuntimeException());
            return;
        }
        if (!proposalChaincode.equals(chaincodeName) && !proposalChaincode.equals(Qscc.NAME)) {
            responses.onError(Status.FAILED_PRECONDITION
                    .withDescription("no peers available to evaluate chaincode " + proposalChaincode + " in channel "
                            + proposalChannel)
                    .asRuntimeException());
            return;
        }
        String mspId;
        if (request.getTargetOrganizationsCount() > 0) {
            mspId = request.getTargetOrganizationsList().stream()
                    .filter(endorser::hasPeer)
                    .findFirst()
                    .orElse(null);
            if (mspId == null) {
                responses.onError(Status.FAILED_PRECONDITION
                        .withDescription("no peers available to evaluate chaincode " + chaincodeName + " in channel "
                                + channel + " for organizations " + request.getTargetOrganizationsList())
                        .asRuntimeException());
                return;
            }
        } else {
            mspId = localOrganization(proposal);
        }
        try {
            Response response = Qscc.NAME.equals(proposalChaincode)
                    ? endorser.evaluateQscc(proposal.unpacked(), qscc)
                    : endorser.simulate(proposal.unpacked(), mspId).response();
            responses.onNext(EvaluateResponse.newBuilder().setResult(response).build());
            responses.onCompleted();
        } catch (EndorserException e) {
            ErrorDetail detail = detail(mspId, e.getMessage());
            StatusRuntimeException error = switch (e.kind()) {
                case PRE_PROCESS -> rpcError(
                        Status.Code.FAILED_PRECONDITION, "evaluate call to endorser returned error: " + e.getMessage(),
                        detail);
                case CHAINCODE -> rpcError(
                        Status.Code.UNKNOWN, "evaluate call to endorser returned error: " + e.getMessage(), detail);
                case PEER, NO_PLAN -> rpcError(
                        Status.Code.ABORTED,
                        "failed to evaluate transaction, see attached details for more info",
                        detail);
            };
            responses.onError(error);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "evaluate failed", e);
            responses.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
        }
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> responses) {
        SignedProposal signedProposal = request.getProposedTransaction();
        if (signedProposal.getProposalBytes().isEmpty()) {
            responses.onError(Status.INVALID_ARGUMENT
                    .withDescription("the proposed transaction must contain a signed proposal")
                    .asRuntimeException());
            return;
        }
        GatewayProposal proposal;
        try {
            proposal = GatewayProposal.read(signedProposal);
        } catch (ProposalRejectedException e) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        List<String> requestedOrgs = List.copyOf(new LinkedHashSet<>(request.getEndorsingOrganizationsList()));
        // A chaincode this channel does not define (qscc included: discovery has no metadata for system chaincodes)
        // or another channel: no peer has it installed, and discovery cannot plan an endorsement.
        String proposalChannel = proposal.channel();
        String proposalChaincode = proposal.chaincode();
        boolean defined = proposalChannel.equals(channel) && proposalChaincode.equals(chaincodeName);
        if (!defined && requestedOrgs.isEmpty()) {
            responses.onError(Status.FAILED_PRECONDITION
                    .withDescription("no combination of peers can be derived which satisfy the endorsement policy: No"
                            + " metadata was found for chaincode " + proposalChaincode + " in channel "
                            + proposalChannel)
                    .asRuntimeException());
            return;
        }
        List<String> unknown = requestedOrgs.stream().filter(org -> !defined || !endorser.hasPeer(org)).toList();
        if (!unknown.isEmpty()) {
            responses.onError(Status.UNAVAILABLE
                    .withDescription("failed to find any endorsing peers for org(s): " + String.join(", ", unknown))
                    .asRuntimeException());
            return;
        }
        String firstOrg = requestedOrgs.isEmpty() ? localOrganization(proposal) : requestedOrgs.get(0);
        try {
            Endorser.Simulation simulation = endorser.simulate(proposal.unpacked(), firstOrg);
            List<String> orgs = requestedOrgs.isEmpty() ? endorser.plan(simulation) : requestedOrgs;
            List<Endorsement> endorsements = new ArrayList<>(orgs.size());
            for (String org : orgs) {
                endorsements.add(endorser.endorse(org, simulation.responsePayload()));
            }
            Envelope prepared = prepareTransaction(simulation.proposal(), simulation.responsePayload(), endorsements);
            responses.onNext(EndorseResponse.newBuilder().setPreparedTransaction(prepared).build());
            responses.onCompleted();
            LOGGER.fine(() -> "endorsed tx " + TxIds.shortened(request.getTransactionId()) + " "
                    + simulation.proposal().function() + " by " + orgs);
        } catch (EndorserException e) {
            if (e.kind() == EndorserException.Kind.NO_PLAN) {
                responses.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
                return;
            }
            responses.onError(rpcError(
                    Status.Code.ABORTED,
                    "failed to endorse transaction, see attached details for more info",
                    detail(firstOrg, e.getMessage())));
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "endorse failed", e);
            responses.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
        }
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> responses) {
        if (!request.hasPreparedTransaction()) {
            responses.onError(
                    Status.INVALID_ARGUMENT.withDescription("a prepared transaction is required").asRuntimeException());
            return;
        }
        Envelope envelope = request.getPreparedTransaction();
        if (envelope.getSignature().isEmpty()) {
            responses.onError(
                    Status.INVALID_ARGUMENT
                            .withDescription("prepared transaction must be signed")
                            .asRuntimeException());
            return;
        }
        if (!request.getChannelId().equals(channel)) {
            responses.onError(Status.FAILED_PRECONDITION
                    .withDescription("failed to get config for channel [" + request.getChannelId()
                            + "]: could not get last config for channel " + request.getChannelId())
                    .asRuntimeException());
            return;
        }
        // The orderer makes Broadcast's checks (well-formed, this channel, signed by a channel member) and queues it.
        Orderer.Rejection rejection = orderer.broadcast(envelope);
        if (rejection != null) {
            responses.onError(Orderer.Rejection.SERVICE_UNAVAILABLE.equals(rejection.status())
                    ? Status.UNAVAILABLE
                            .withDescription("no orderers could successfully process transaction")
                            .asRuntimeException()
                    : ordererRejected(rejection.status(), rejection.info()));
            return;
        }
        responses.onNext(SubmitResponse.getDefaultInstance());
        responses.onCompleted();
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest signedRequest, StreamObserver<CommitStatusResponse> responses) {
        if (signedRequest.getRequest().isEmpty()) {
            responses.onError(
                    Status.INVALID_ARGUMENT
                            .withDescription("a commit status request is required")
                            .asRuntimeException());
            return;
        }
        CommitStatusRequest request;
        try {
            request = CommitStatusRequest.parseFrom(signedRequest.getRequest());
        } catch (InvalidProtocolBufferException e) {
            responses.onError(Status.INVALID_ARGUMENT
                    .withDescription("invalid status request: " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        String invalid = request.getIdentity().isEmpty()
                ? "no identity provided"
                : request.getChannelId().isEmpty()
                        ? "no channel ID provided"
                        : request.getTransactionId().isEmpty() ? "transaction ID should not be empty" : null;
        if (invalid != null) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(invalid).asRuntimeException());
            return;
        }
        StatusRuntimeException denied = checkReaders(
                request.getChannelId(),
                request.getIdentity(),
                signedRequest.getRequest(),
                signedRequest.getSignature());
        if (denied != null) {
            responses.onError(denied);
            return;
        }
        String txId = request.getTransactionId();
        CompletableFuture<TransactionLocation> waiter = notifier.status(txId);
        if (responses instanceof ServerCallStreamObserver<CommitStatusResponse> serverCall) {
            serverCall.setOnCancelHandler(() -> notifier.abandon(txId, waiter));
        }
        waiter.whenComplete((location, failure) -> {
            try {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    responses.onError(Status.UNAVAILABLE.withDescription(cause.getMessage()).asRuntimeException());
                    return;
                }
                responses.onNext(CommitStatusResponse.newBuilder()
                        .setResult(location.validationCode())
                        .setBlockNumber(location.blockNumber())
                        .build());
                responses.onCompleted();
            } catch (StatusRuntimeException | IllegalStateException e) {
                // The client went away meanwhile.
            }
        });
    }

    @Override
    public void chaincodeEvents(
            SignedChaincodeEventsRequest signedRequest, StreamObserver<ChaincodeEventsResponse> responses) {
        if (signedRequest.getRequest().isEmpty()) {
            responses.onError(Status.INVALID_ARGUMENT
                    .withDescription("a chaincode events request is required")
                    .asRuntimeException());
            return;
        }
        ChaincodeEventsRequest request;
        try {
            request = ChaincodeEventsRequest.parseFrom(signedRequest.getRequest());
        } catch (InvalidProtocolBufferException e) {
            responses.onError(Status.INVALID_ARGUMENT
                    .withDescription("invalid chaincode events request: " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        StatusRuntimeException denied = checkReaders(
                request.getChannelId(),
                request.getIdentity(),
                signedRequest.getRequest(),
                signedRequest.getSignature());
        if (denied != null) {
            responses.onError(denied);
            return;
        }
        long startBlock;
        try {
            startBlock = startBlock(request);
        } catch (StatusRuntimeException e) {
            responses.onError(e);
            return;
        }
        EventStream stream =
                new EventStream(request, startBlock, (ServerCallStreamObserver<ChaincodeEventsResponse>) responses);
        try {
            eventStreams.execute(stream::run);
        } catch (RejectedExecutionException e) {
            responses.onError(Status.UNAVAILABLE.withDescription("the network is shutting down").asRuntimeException());
        }
    }

    /** Where a chaincode events stream starts: the block of the checkpointed transaction, or the start position. */
    private long startBlock(ChaincodeEventsRequest request) {
        if (!request.getAfterTransactionId().isEmpty()) {
            TransactionLocation location = state.transaction(request.getAfterTransactionId());
            if (location != null) {
                return location.blockNumber();
            }
        }
        SeekPosition position = request.getStartPosition();
        return switch (position.getTypeCase()) {
            case TYPE_NOT_SET, NEXT_COMMIT -> state.height();
            case SPECIFIED -> position.getSpecified().getNumber();
            default -> throw Status.INVALID_ARGUMENT
                    .withDescription("invalid start position type: *orderer.SeekPosition_"
                            + camel(position.getTypeCase().name()))
                    .asRuntimeException();
        };
    }

    /** A server-streaming call that replays committed blocks and then follows new ones as they commit. */
    private final class EventStream {
        private final ChaincodeEventsRequest request;
        private final ServerCallStreamObserver<ChaincodeEventsResponse> responses;
        private final Object readiness = new Object();
        private volatile boolean cancelled;
        private long next;
        private boolean passedPreviousTransaction;

        EventStream(
                ChaincodeEventsRequest request,
                long startBlock,
                ServerCallStreamObserver<ChaincodeEventsResponse> responses) {
            this.request = request;
            this.responses = responses;
            this.next = startBlock;
            this.passedPreviousTransaction = request.getAfterTransactionId().isEmpty();
            responses.setOnCancelHandler(() -> {
                cancelled = true;
                notifier.wakeAll();
                synchronized (readiness) {
                    readiness.notifyAll();
                }
            });
            responses.setOnReadyHandler(() -> {
                synchronized (readiness) {
                    readiness.notifyAll();
                }
            });
        }

        void run() {
            try {
                while (!cancelled) {
                    if (!notifier.awaitBlock(next, EVENT_POLL_MILLIS)) {
                        if (notifier.isClosed()) {
                            responses.onError(Status.UNAVAILABLE
                                    .withDescription("the network is shutting down")
                                    .asRuntimeException());
                            return;
                        }
                        continue;
                    }
                    List<ChaincodeEvent> events = matching(committer.block(next));
                    if (!events.isEmpty()) {
                        awaitReady();
                        if (cancelled) {
                            return;
                        }
                        responses.onNext(ChaincodeEventsResponse.newBuilder()
                                .setBlockNumber(next)
                                .addAllEvents(events)
                                .build());
                    }
                    next++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                responses.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "cannot read block " + next + " for a chaincode events stream", e);
                responses.onError(Status.ABORTED.withDescription(e.getMessage()).asRuntimeException());
            } catch (StatusRuntimeException | IllegalStateException e) {
                // The call was cancelled or closed under us.
            }
        }

        private void awaitReady() throws InterruptedException {
            synchronized (readiness) {
                while (!responses.isReady() && !cancelled) {
                    readiness.wait(EVENT_POLL_MILLIS);
                }
            }
        }

        /** The chaincode's events of the block's valid transactions, after the checkpointed transaction. */
        private List<ChaincodeEvent> matching(Block block) {
            List<ChaincodeEvent> events = new ArrayList<>();
            for (ParsedTransaction transaction : Blocks.transactions(block)) {
                if (!transaction.isValid() || !transaction.isEndorserTransaction()) {
                    continue;
                }
                ChaincodeEvent event = transaction.event();
                if (event == null
                        || event.getChaincodeId().isEmpty()
                        || event.getEventName().isEmpty()
                        || event.getTxId().isEmpty()) {
                    continue;
                }
                if (!passedPreviousTransaction) {
                    if (event.getTxId().equals(request.getAfterTransactionId())) {
                        passedPreviousTransaction = true;
                    }
                    continue;
                }
                if (event.getChaincodeId().equals(request.getChaincodeId())) {
                    events.add(event);
                }
            }
            return events;
        }
    }

    /** The ACL check of CommitStatus and ChaincodeEvents: a valid channel member signed the request. */
    private StatusRuntimeException checkReaders(
            String requestChannel, ByteString identity, ByteString signedBytes, ByteString signature) {
        if (!requestChannel.equals(channel)) {
            return Status.PERMISSION_DENIED
                    .withDescription("failed to get policy manager for channel [" + requestChannel + "]")
                    .asRuntimeException();
        }
        String failure;
        try {
            ValidatedIdentity requester = membership.validate(identity);
            failure = requester.verify(signedBytes.toByteArray(), signature.toByteArray())
                    ? null
                    : "the signature does not verify with " + requester.describe();
        } catch (IdentityRejectedException e) {
            failure = e.getMessage();
        }
        if (failure == null) {
            return null;
        }
        String reason = failure;
        LOGGER.warning(() -> "access denied to a reader: " + reason);
        return Status.PERMISSION_DENIED
                .withDescription("failed evaluating policy on signed data during check policy"
                        + " [/Channel/Application/Readers]: [implicit policy evaluation failed - 0 sub-policies were"
                        + " satisfied, but this policy requires 1 of the 'Readers' sub-policies to be satisfied]")
                .asRuntimeException();
    }

    /** Sets the port shown in error-detail addresses ({@code peer0.coop.example.com:7051}). */
    void detailPort(int port) {
        this.detailPort = port;
    }

    /**
     * The organization whose peer a Fabric gateway would ask first: its own. Clients of every organization share
     * this one gateway, so the creator's organization plays that part.
     */
    private String localOrganization(GatewayProposal proposal) {
        String mspId = proposal.creatorMspId();
        return mspId != null && endorser.hasPeer(mspId) ? mspId : endorser.organizations().get(0);
    }

    /** Fabric's {@code prepareTransaction}: the unsigned transaction envelope the client signs and submits. */
    private static Envelope prepareTransaction(
            UnpackedProposal proposal, ByteString responsePayload, List<Endorsement> endorsements) {
        List<Endorsement> unique = new ArrayList<>();
        Set<ByteString> endorsers = new HashSet<>();
        for (Endorsement endorsement : endorsements) {
            if (endorsers.add(endorsement.getEndorser())) {
                unique.add(endorsement);
            }
        }
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(UnpackedProposal.withoutTransient(proposal.payload()).toByteString())
                .setAction(ChaincodeEndorsedAction.newBuilder()
                        .setProposalResponsePayload(responsePayload)
                        .addAllEndorsements(unique))
                .build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(proposal.header().getSignatureHeader())
                        .setPayload(actionPayload.toByteString()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(proposal.header())
                .setData(transaction.toByteString())
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }

    private ErrorDetail detail(String mspId, String message) {
        return ErrorDetail.newBuilder()
                .setAddress(endorser.peerAddress(mspId) + ":" + detailPort)
                .setMspId(mspId)
                .setMessage(message)
                .build();
    }

    private static StatusRuntimeException ordererRejected(String status, String info) {
        return Status.ABORTED
                .withDescription("received unsuccessful response from orderer: status=" + status + ", info=" + info)
                .asRuntimeException();
    }

    /** Fabric's {@code newRpcError}: a status with {@link ErrorDetail}s the client turns into exception details. */
    static StatusRuntimeException rpcError(Status.Code code, String message, ErrorDetail... details) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        for (ErrorDetail detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    private static String camel(String enumName) {
        StringBuilder out = new StringBuilder();
        for (String part : enumName.toLowerCase(Locale.ROOT).split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
