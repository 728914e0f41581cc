package org.fairmark.network;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * A solo orderer: one thread takes submitted envelopes in arrival order and cuts a block when it holds
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
    Orderer(int blockSize, Duration blockTimeout, Committer committer, Consumer<IOException> onFailure) {
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
     * Queues an envelope for the next block.
     *
     * @return false when the orderer no longer accepts transactions (closing, or the ledger failed)
     */
    boolean submit(Pending pending) {
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
