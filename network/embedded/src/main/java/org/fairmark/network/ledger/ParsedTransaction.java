package org.fairmark.network.ledger;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * One envelope of a block, parsed along Fabric's path Envelope → Payload → ChannelHeader / SignatureHeader →
 * Transaction → TransactionAction → ChaincodeActionPayload → ChaincodeEndorsedAction → ProposalResponsePayload →
 * ChaincodeAction.
 *
 * <p>A block may hold envelopes that cannot be parsed (they are stored with an invalid validation code, as Fabric
 * stores them). Such a transaction has {@link #malformed()} set and carries what was parsed before the failure;
 * text fields not reached are empty, {@link #rwset()} is the empty default instance and {@link #event()} is
 * {@code null}.
 *
 * @param index the position in the block, from 0 (the {@code txNum} of versions written by it)
 * @param validationCode the block's TRANSACTIONS_FILTER entry, {@code NOT_VALIDATED} when the block has none
 * @param txId the channel header's transaction id
 * @param channelId the channel header's channel
 * @param type the channel header's type; chaincode transactions are {@code ENDORSER_TRANSACTION}
 * @param timestamp the channel header's timestamp, {@link Instant#EPOCH} when absent
 * @param creatorMspId the MSP id of the submitting client, from the signature header's serialized identity
 * @param creator the serialized identity ({@code msp.SerializedIdentity}) of the submitting client
 * @param namespace the chaincode name the endorsers recorded in the chaincode action
 * @param rwset the chaincode action's {@code results}: the read-write sets of every namespace touched
 * @param event the chaincode action's event, {@code null} when the transaction set none
 * @param malformed why the envelope could not be fully parsed, {@code null} when it was
 */
public record ParsedTransaction(
        int index,
        TxValidationCode validationCode,
        String txId,
        String channelId,
        HeaderType type,
        Instant timestamp,
        String creatorMspId,
        ByteString creator,
        String namespace,
        TxReadWriteSet rwset,
        ChaincodeEvent event,
        String malformed) {
    public ParsedTransaction {
        if (index < 0) {
            throw new IllegalArgumentException("index < 0: " + index);
        }
        Objects.requireNonNull(validationCode, "validationCode == null");
        Objects.requireNonNull(txId, "txId == null");
        Objects.requireNonNull(channelId, "channelId == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(timestamp, "timestamp == null");
        Objects.requireNonNull(creatorMspId, "creatorMspId == null");
        Objects.requireNonNull(creator, "creator == null");
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(rwset, "rwset == null");
    }

    /** Whether the committer marked the transaction {@code VALID}. */
    public boolean isValid() {
        return validationCode == TxValidationCode.VALID;
    }

    /** Whether this is a fully parsed chaincode transaction, the only kind whose writes reach the world state. */
    public boolean isEndorserTransaction() {
        return type == HeaderType.ENDORSER_TRANSACTION && malformed == null;
    }

    /** Whether the transaction set a chaincode event. */
    public boolean hasEvent() {
        return event != null;
    }
}
