package org.fairmark.network;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fairmark.network.ledger.Blocks;
import org.fairmark.network.ledger.LedgerState;
import org.fairmark.network.ledger.ParsedTransaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredChaincodeAction;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.FilteredTransactionActions;

/**
 * The peer's Deliver service ({@code protos.Deliver}: Deliver, DeliverFiltered, DeliverWithPrivateData) as a Fabric
 * 2.5 peer serves it ({@code common/deliver/deliver.go}, {@code core/peer/deliverevents.go}): each request is a
 * signed envelope carrying a {@link SeekInfo}; the envelope must be well-formed ({@code BAD_REQUEST}), for this
 * channel ({@code NOT_FOUND}) and signed by a valid member of the channel, the Readers policy ({@code FORBIDDEN}).
 * Blocks from the start to the stop position are sent as stored, then a {@code SUCCESS} status; while
 * {@code BLOCK_UNTIL_READY}, blocks committed later are sent as they commit. Requests on one stream are served one
 * after the other, as Fabric does.
 */
final class DeliverService extends DeliverGrpc.DeliverImplBase {
    private static final Logger LOGGER = Logger.getLogger(DeliverService.class.getName());
    private static final long POLL_MILLIS = 1_000;
    /** Fabric's {@code peer.deliveryclient} / orderer {@code General.Authentication.TimeWindow} default. */
    private static final Duration TIME_WINDOW = Duration.ofMinutes(15);

    private final String channel;
    private final MembershipService membership;
    private final Committer committer;
    private final CommitNotifier notifier;
    private final LedgerState state;
    private final Executor streams;

    DeliverService(
            String channel,
            MembershipService membership,
            Committer committer,
            CommitNotifier notifier,
            LedgerState state,
            Executor streams) {
        this.channel = channel;
        this.membership = membership;
        this.committer = committer;
        this.notifier = notifier;
        this.state = state;
        this.streams = streams;
    }

    /** What a stream sends for each block. */
    private enum Form {
        BLOCK,
        FILTERED,
        WITH_PRIVATE_DATA
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
        return new Session(Form.BLOCK, responses);
    }

    @Override
    public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> responses) {
        return new Session(Form.FILTERED, responses);
    }

    @Override
    public StreamObserver<Envelope> deliverWithPrivateData(StreamObserver<DeliverResponse> responses) {
        return new Session(Form.WITH_PRIVATE_DATA, responses);
    }

    /** One Deliver stream: its requests are served in order, each ending with a status. */
    private final class Session implements StreamObserver<Envelope> {
        private final Form form;
        private final ServerCallStreamObserver<DeliverResponse> responses;
        private final Object readiness = new Object();
        private volatile boolean cancelled;
        private volatile boolean finished;
        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        Session(Form form, StreamObserver<DeliverResponse> responses) {
            this.form = form;
            this.responses = (ServerCallStreamObserver<DeliverResponse>) responses;
            this.responses.setOnCancelHandler(() -> {
                cancelled = true;
                notifier.wakeAll();
                synchronized (readiness) {
                    readiness.notifyAll();
                }
            });
            this.responses.setOnReadyHandler(() -> {
                synchronized (readiness) {
                    readiness.notifyAll();
                }
            });
        }

        @Override
        public synchronized void onNext(Envelope envelope) {
            try {
                tail = tail.thenRunAsync(() -> serve(envelope), streams);
            } catch (RejectedExecutionException e) {
                finish(Status.SERVICE_UNAVAILABLE);
            }
        }

        @Override
        public void onError(Throwable t) {
            cancelled = true;
            notifier.wakeAll();
        }

        @Override
        public synchronized void onCompleted() {
            tail = tail.whenComplete((ignored, failure) -> {
                if (!finished && !cancelled) {
                    finished = true;
                    try {
                        responses.onCompleted();
                    } catch (RuntimeException e) {
                        // The call is gone already.
                    }
                }
            });
        }

        private void serve(Envelope envelope) {
            if (cancelled || finished) {
                return;
            }
            try {
                Status status = deliverBlocks(envelope);
                if (status != null && !cancelled) {
                    send(DeliverResponse.newBuilder().setStatus(status).build());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "cannot read a block for a Deliver stream", e);
                finish(Status.SERVICE_UNAVAILABLE);
            } catch (RuntimeException e) {
                // The call was cancelled or closed under us.
                cancelled = true;
            }
        }

        /** Fabric's {@code deliverBlocks}: the status that ends the request, null when the stream is gone. */
        private Status deliverBlocks(Envelope envelope) throws InterruptedException, IOException {
            Payload payload;
            ChannelHeader channelHeader;
            SignatureHeader signatureHeader;
            try {
                payload = Payload.parseFrom(envelope.getPayload());
                if (!payload.hasHeader()) {
                    LOGGER.warning("Deliver request refused: the envelope's payload has no header");
                    return Status.BAD_REQUEST;
                }
                channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
                signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
            } catch (InvalidProtocolBufferException e) {
                LOGGER.warning(() -> "Deliver request refused: malformed envelope: " + e.getMessage());
                return Status.BAD_REQUEST;
            }
            Instant timestamp = Instant.ofEpochSecond(
                    channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos());
            Instant now = Instant.now();
            if (timestamp.isBefore(now.minus(TIME_WINDOW)) || timestamp.isAfter(now.plus(TIME_WINDOW))) {
                LOGGER.warning(() -> "Deliver request refused: envelope timestamp " + timestamp + " is more than "
                        + TIME_WINDOW.toMinutes() + " minutes apart from the peer's time " + now);
                return Status.BAD_REQUEST;
            }
            if (!channelHeader.getChannelId().equals(channel)) {
                LOGGER.warning(() -> "Deliver request refused: channel " + channelHeader.getChannelId()
                        + " not found");
                return Status.NOT_FOUND;
            }
            ValidatedIdentity requester;
            try {
                requester = membership.validate(signatureHeader.getCreator());
            } catch (IdentityRejectedException e) {
                LOGGER.warning(() -> "Deliver request refused: access denied: " + e.getMessage());
                return Status.FORBIDDEN;
            }
            if (!requester.verify(envelope.getPayload().toByteArray(), envelope.getSignature().toByteArray())) {
                LOGGER.warning(() -> "Deliver request refused: access denied: the signature does not verify with "
                        + requester.describe());
                return Status.FORBIDDEN;
            }
            SeekInfo seekInfo;
            try {
                seekInfo = SeekInfo.parseFrom(payload.getData());
            } catch (InvalidProtocolBufferException e) {
                LOGGER.warning(() -> "Deliver request refused: malformed seek info: " + e.getMessage());
                return Status.BAD_REQUEST;
            }
            if (!seekInfo.hasStart() || !seekInfo.hasStop()) {
                LOGGER.warning("Deliver request refused: seek info without start or stop");
                return Status.BAD_REQUEST;
            }
            long height = state.height();
            SeekPosition start = seekInfo.getStart();
            long number = switch (start.getTypeCase()) {
                case OLDEST -> 0;
                case NEWEST -> height - 1;
                case SPECIFIED -> start.getSpecified().getNumber();
                case NEXT_COMMIT -> height;
                default -> -1;
            };
            if (number == -1 && start.getTypeCase() != SeekPosition.TypeCase.SPECIFIED) {
                return Status.NOT_FOUND;
            }
            SeekPosition stop = seekInfo.getStop();
            long stopNumber = switch (stop.getTypeCase()) {
                case OLDEST -> number;
                case NEWEST -> start.getTypeCase() == SeekPosition.TypeCase.NEWEST ? number : height - 1;
                case SPECIFIED -> stop.getSpecified().getNumber();
                case NEXT_COMMIT -> height;
                default -> -2;
            };
            if (stopNumber == -2 && stop.getTypeCase() != SeekPosition.TypeCase.SPECIFIED) {
                LOGGER.warning("Deliver request refused: unknown stop position");
                return Status.BAD_REQUEST;
            }
            // Block numbers are uint64 on the wire.
            if (Long.compareUnsigned(stopNumber, number) < 0) {
                LOGGER.warning(() -> "Deliver request refused: start number " + Long.toUnsignedString(number)
                        + " greater than stop number " + Long.toUnsignedString(stopNumber));
                return Status.BAD_REQUEST;
            }
            boolean failIfNotReady = seekInfo.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY;
            long next = number;
            while (true) {
                if (cancelled) {
                    return null;
                }
                if (next < 0) {
                    // Beyond Long.MAX_VALUE: never committed here.
                    return failIfNotReady ? Status.NOT_FOUND : waitForever();
                }
                if (failIfNotReady && next >= state.height()) {
                    return Status.NOT_FOUND;
                }
                if (!notifier.awaitBlock(next, POLL_MILLIS)) {
                    if (notifier.isClosed()) {
                        return Status.SERVICE_UNAVAILABLE;
                    }
                    continue;
                }
                // The session's access is evaluated again for every block, as Fabric's SessionAccessControl does:
                // a revoked or expired identity stops receiving blocks.
                try {
                    membership.validate(signatureHeader.getCreator());
                } catch (IdentityRejectedException e) {
                    LOGGER.warning(() -> "Deliver stream ended: access denied: " + e.getMessage());
                    return Status.FORBIDDEN;
                }
                Block block = committer.block(next);
                awaitReady();
                if (cancelled) {
                    return null;
                }
                send(response(block));
                if (next == stopNumber) {
                    return Status.SUCCESS;
                }
                next++;
            }
        }

        private Status waitForever() throws InterruptedException {
            while (!cancelled && !notifier.isClosed()) {
                notifier.awaitBlock(Long.MAX_VALUE, POLL_MILLIS);
            }
            return cancelled ? null : Status.SERVICE_UNAVAILABLE;
        }

        private DeliverResponse response(Block block) {
            return switch (form) {
                case BLOCK -> DeliverResponse.newBuilder().setBlock(block).build();
                case FILTERED -> DeliverResponse.newBuilder().setFilteredBlock(filtered(block)).build();
                case WITH_PRIVATE_DATA -> DeliverResponse.newBuilder()
                        .setBlockAndPrivateData(BlockAndPrivateData.newBuilder().setBlock(block))
                        .build();
            };
        }

        private void awaitReady() throws InterruptedException {
            synchronized (readiness) {
                while (!responses.isReady() && !cancelled) {
                    readiness.wait(POLL_MILLIS);
                }
            }
        }

        private synchronized void send(DeliverResponse response) {
            if (!finished) {
                responses.onNext(response);
            }
        }

        private void finish(Status status) {
            if (finished || cancelled) {
                return;
            }
            try {
                send(DeliverResponse.newBuilder().setStatus(status).build());
                finished = true;
                responses.onCompleted();
            } catch (RuntimeException e) {
                // The call is gone already.
            }
        }
    }

    /**
     * A block as DeliverFiltered sends it ({@code toFilteredBlock} of Fabric's peer): per transaction its id, header
     * type and validation code, and for chaincode transactions the chaincode event without its payload.
     */
    FilteredBlock filtered(Block block) {
        FilteredBlock.Builder filtered = FilteredBlock.newBuilder()
                .setChannelId(channel)
                .setNumber(block.getHeader().getNumber());
        for (ParsedTransaction transaction : Blocks.transactions(block)) {
            FilteredTransaction.Builder filteredTransaction = FilteredTransaction.newBuilder()
                    .setTxid(transaction.txId())
                    .setType(transaction.type())
                    .setTxValidationCode(transaction.validationCode());
            if (transaction.type() == HeaderType.ENDORSER_TRANSACTION) {
                FilteredTransactionActions.Builder actions = FilteredTransactionActions.newBuilder();
                ChaincodeEvent event = transaction.event();
                if (event != null && !event.getChaincodeId().isEmpty()) {
                    actions.addChaincodeActions(FilteredChaincodeAction.newBuilder()
                            .setChaincodeEvent(ChaincodeEvent.newBuilder()
                                    .setTxId(event.getTxId())
                                    .setChaincodeId(event.getChaincodeId())
                                    .setEventName(event.getEventName())));
                }
                filteredTransaction.setTransactionActions(actions);
            }
            filtered.addFilteredTransactions(filteredTransaction);
        }
        return filtered.build();
    }
}
