package org.fairmark.network;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * A solo orderer: {@link #broadcast} makes Fabric's Broadcast checks on a submitted envelope, then one thread takes submitted envelopes in arrival order and cuts a block when it holds
 * {@code blockSize} transactions or {@code blockTimeout} has passed since the first one, like Fabric's
 * {@code BatchSize.MaxMessageCount} and {@code BatchTimeout}. The same thread commits each block, so blocks are
 * validated and written strictly in order.
 */
final class Orderer implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(Orderer.class.getName());

    /**
     * An envelope accepted by {@code Broadcast}.
     *
     * @param signatureVerified whether the creator's signature over these exact bytes was verified on submission
     */
    record Pending(Envelope envelope, String txId, boolean signatureVerified) {}

    /**
     * Why {@link #broadcast} refused an envelope, with Fabric's orderer status ({@code BAD_REQUEST}, {@code NOT_FOUND},
     * {@code FORBIDDEN}, {@code SERVICE_UNAVAILABLE}) and info.
     */
    record Rejection(String status, String info) {
        static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    }

    static final String WRITERS_POLICY_FAILURE =
            "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the"
                    + " 'Writers' sub-policies to be satisfied";

    private final String channel;
    private final MembershipService membership;
    private final int blockSize;
    private final long blockTimeoutNanos;
    private final Committer committer;
    private final Consumer<IOException> onFailure;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Object lifecycle = new Object();
    private volatile boolean accepting = true;
    private volatile boolean stopped;
    private volatile IOException failure;

    /** @param onFailure told once when a block cannot be committed, after which nothing more is ordered */
    Orderer(String channel, MembershipService membership, int blockSize, Duration blockTimeout, Committer committer,
            Consumer<IOException> onFailure) {
        this.channel = channel;
        this.membership = membership;
        this.blockSize = blockSize;
        this.onFailure = onFailure;
        this.blockTimeoutNanos = blockTimeout.toNanos();
        this.committer = committer;
        this.thread = new Thread(this::run, "fairmark-orderer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Fabric's {@code Broadcast} of one envelope: a well-formed endorser transaction for this channel, signed by a
     * channel member (the channel's {@code Writers}), is queued for the next block with its signature marked verified.
     *
     * @return null when the envelope was queued, else why it was refused
     */
    Rejection broadcast(Envelope envelope) {
        String txId;
        try {
            Payload payload = Payload.parseFrom(envelope.getPayload());
            ChannelHeader channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            SignatureHeader signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
            txId = channelHeader.getTxId();
            if (channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                return new Rejection("BAD_REQUEST", "unsupported header type " + channelHeader.getType());
            }
            if (!channelHeader.getChannelId().equals(channel)) {
                return new Rejection("NOT_FOUND",
                        "channel creation request not allowed because the orderer system channel is not defined");
            }
            ValidatedIdentity creator;
            try {
                creator = membership.validate(signatureHeader.getCreator());
            } catch (IdentityRejectedException e) {
                LOGGER.warning(() -> "rejected submission of tx " + TxIds.shortened(txId) + ": " + e.getMessage());
                return new Rejection("FORBIDDEN", WRITERS_POLICY_FAILURE);
            }
            if (!creator.verify(envelope.getPayload().toByteArray(), envelope.getSignature().toByteArray())) {
                LOGGER.warning(() -> "rejected submission of tx " + TxIds.shortened(txId)
                        + ": the signature does not verify with the creator's certificate (" + creator.describe()
                        + ")");
                return new Rejection("FORBIDDEN", WRITERS_POLICY_FAILURE);
            }
        } catch (InvalidProtocolBufferException e) {
            return new Rejection("BAD_REQUEST", "bad envelope: " + e.getMessage());
        }
        return submit(new Pending(envelope, txId, true))
                ? null
                : new Rejection(Rejection.SERVICE_UNAVAILABLE, "the orderer no longer accepts transactions");
    }

    /**
     * Queues an envelope for the next block.
     *
     * @return false when the orderer no longer accepts transactions (closing, or the ledger failed)
     */
    private boolean submit(Pending pending) {
        synchronized (lifecycle) {
            if (!accepting || failure != null) {
                return false;
            }
            queue.add(pending);
            return true;
        }
    }

    /** The I/O failure that stopped the orderer, or null. */
    IOException failure() {
        return failure;
    }

    /** Stops accepting, commits what is queued, and stops the thread. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            accepting = false;
        }
        stopped = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    private void run() {
        try {
            while (!(stopped && queue.isEmpty())) {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>(Math.min(blockSize, 1024));
                batch.add(first);
                long deadline = System.nanoTime() + blockTimeoutNanos;
                while (batch.size() < blockSize) {
                    // Draining what is already queued costs no waiting.
                    Pending next = queue.poll();
                    if (next == null) {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0 || stopped) {
                            break;
                        }
                        next = queue.poll(remaining, TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                    }
                    batch.add(next);
                }
                committer.commit(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = e;
            LOGGER.log(Level.SEVERE, "cannot write block; the network stops ordering transactions", e);
            onFailure.accept(e);
        } catch (RuntimeException | Error e) {
            failure = new IOException("committer failed: " + e, e);
            LOGGER.log(Level.SEVERE, "committing a block failed; the network stops ordering transactions", e);
            onFailure.accept(failure);
        }
    }
}
