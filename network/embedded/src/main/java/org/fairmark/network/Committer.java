package org.fairmark.network;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.fairmark.network.ledger.BlockStore;
import org.fairmark.network.ledger.Blocks;
import org.fairmark.network.ledger.LedgerState;
import org.fairmark.network.ledger.ParsedTransaction;
import org.fairmark.network.ledger.StateSnapshots;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Turns a batch of ordered envelopes into the next block: validates every transaction, writes the block with its
 * validation codes to the block store (which fsyncs before returning), applies it to the world state and only then
 * notifies clients waiting for commit status or events. Called by the one ordering thread only.
 */
final class Committer {
    private static final Logger LOGGER = Logger.getLogger(Committer.class.getName());
    private static final int RECENT_BLOCKS = 256;

    private final BlockStore store;
    private final LedgerState state;
    private final BlockValidator validator;
    private final CommitNotifier notifier;
    private final StateSnapshots snapshots;
    private final Map<Long, Block> recent = new ConcurrentHashMap<>();

    Committer(BlockStore store, LedgerState state, BlockValidator validator, CommitNotifier notifier,
            StateSnapshots snapshots) {
        this.store = store;
        this.snapshots = snapshots;
        this.state = state;
        this.validator = validator;
        this.notifier = notifier;
    }

    /**
     * Commits the batch as one block.
     *
     * @throws IOException if the block cannot be made durable; nothing was acknowledged then
     */
    synchronized void commit(List<Orderer.Pending> batch) throws IOException {
        long started = System.nanoTime();
        long number = store.height();
        List<BlockValidator.Checked> checked = batch.size() > 1
                ? batch.parallelStream().map(this::check).toList()
                : batch.stream().map(this::check).toList();
        List<TxValidationCode> codes =
                validator.validate(number, checked, state, txId -> state.transaction(txId) != null);
        List<Envelope> envelopes = new ArrayList<>(batch.size());
        for (Orderer.Pending pending : batch) {
            envelopes.add(pending.envelope());
        }
        Block block = Blocks.withValidationCodes(Blocks.newBlock(number, store.lastHeaderHash(), envelopes), codes);
        store.append(block);
        // parsed once, in parallel, for the state and the notifications (it was parsed twice on this thread)
        List<ParsedTransaction> parsed = Blocks.transactions(block, batch.size() > 1);
        state.apply(block, parsed);
        remember(block);
        notifier.committed(number, parsed);
        snapshots.afterCommit(state, store.lastHeaderHash());
        long valid = codes.stream().filter(code -> code == TxValidationCode.VALID).count();
        long micros = (System.nanoTime() - started) / 1_000;
        LOGGER.fine(() -> "committed block [" + number + "] with " + codes.size() + " transaction(s), " + valid
                + " valid, in " + micros / 1000.0 + " ms");
    }

    /**
     * On a clean close: a snapshot of the state when enough blocks came since the last
     * ({@link StateSnapshots#beforeClose}); between commits, so that the state and the last block hash agree. Never
     * throws.
     */
    synchronized boolean snapshotBeforeClose() {
        return snapshots.beforeClose(state, store.lastHeaderHash());
    }

    /** Writes block 0 when the ledger is empty. */
    synchronized void commitGenesis(Block genesis) throws IOException {
        store.append(genesis);
        state.apply(genesis);
        notifier.committed(0, Blocks.transactions(genesis));
    }

    /** Block {@code number} from memory when recent, else from the block store. */
    Block block(long number) throws IOException {
        Block block = recent.get(number);
        return block != null ? block : store.get(number);
    }

    private void remember(Block block) {
        long number = block.getHeader().getNumber();
        recent.put(number, block);
        recent.remove(number - RECENT_BLOCKS);
    }

    private BlockValidator.Checked check(Orderer.Pending pending) {
        return validator.check(pending.envelope(), pending.signatureVerified());
    }
}
