package org.fairmark.network.ledger;

import java.io.IOException;
import org.hyperledger.fabric.protos.common.Block;

/** Receives blocks replayed by {@link BlockStore#forEach}, in order. */
@FunctionalInterface
public interface BlockConsumer {
    /** Handles the next block; an exception stops the replay and propagates. */
    void accept(Block block) throws IOException;
}
