package org.fairmark.network;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.fairmark.network.ledger.LedgerState;
import org.fairmark.network.ledger.ParsedTransaction;
import org.fairmark.network.ledger.TransactionLocation;

/**
 * Tells waiting clients when their transaction commits, and event streams when a block does. A commit status is
 * answered from the ledger when the transaction is already there, otherwise when its block commits; the waiter is
 * registered before the ledger is asked, so no commit slips between the two (as Fabric's {@code commit.Finder}).
 */
final class CommitNotifier {
    private final LedgerState state;
    private final ConcurrentMap<String, CompletableFuture<TransactionLocation>> waiters = new ConcurrentHashMap<>();
    private final Object heightMonitor = new Object();
    private volatile boolean closed;

    CommitNotifier(LedgerState state) {
        this.state = state;
    }

    /** Completes with where and how {@code txId} committed. */
    CompletableFuture<TransactionLocation> status(String txId) {
        CompletableFuture<TransactionLocation> waiter = waiters.computeIfAbsent(txId, id -> new CompletableFuture<>());
        TransactionLocation location = state.transaction(txId);
        if (location != null) {
            waiters.remove(txId, waiter);
            waiter.complete(location);
        }
        return waiter;
    }

    /** Forgets a waiter nobody listens to any more. */
    void abandon(String txId, CompletableFuture<TransactionLocation> waiter) {
        if (waiter.getNumberOfDependents() == 0) {
            waiters.remove(txId, waiter);
        }
    }

    /** Called after a block is durable and applied to the state. */
    void committed(long blockNumber, Iterable<ParsedTransaction> transactions) {
        if (!waiters.isEmpty()) {
            for (ParsedTransaction transaction : transactions) {
                CompletableFuture<TransactionLocation> waiter = waiters.remove(transaction.txId());
                if (waiter != null) {
                    waiter.complete(state.transaction(transaction.txId()));
                }
            }
        }
        synchronized (heightMonitor) {
            heightMonitor.notifyAll();
        }
    }

    /**
     * Waits until the ledger is higher than {@code blockNumber}, the network closes, or {@code millis} pass.
     *
     * @return whether block {@code blockNumber} exists now
     */
    boolean awaitBlock(long blockNumber, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (heightMonitor) {
            while (state.height() <= blockNumber && !closed) {
                long remaining = (deadline - System.nanoTime()) / 1_000_000L;
                if (remaining <= 0) {
                    break;
                }
                heightMonitor.wait(remaining);
            }
        }
        return state.height() > blockNumber;
    }

    /** Wakes every waiting stream, e.g. when one was cancelled. */
    void wakeAll() {
        synchronized (heightMonitor) {
            heightMonitor.notifyAll();
        }
    }

    /** Fails every pending commit status wait; streams see {@link #isClosed()}. */
    void close(RuntimeException reason) {
        closed = true;
        waiters.values().forEach(waiter -> waiter.completeExceptionally(reason));
        waiters.clear();
        wakeAll();
    }

    boolean isClosed() {
        return closed;
    }
}
