package org.fairmark.network.ledger;

import java.util.Objects;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Where a transaction id was committed, and with which validation code: what a peer answers for a commit status.
 *
 * @param blockNumber the block holding the transaction
 * @param txIndex its position in the block
 * @param validationCode the committer's verdict
 */
public record TransactionLocation(long blockNumber, int txIndex, TxValidationCode validationCode) {
    public TransactionLocation {
        Objects.requireNonNull(validationCode, "validationCode == null");
    }
}
