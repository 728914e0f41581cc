package org.fairmark.network;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.fairmark.simulator.Mvcc;
import org.fairmark.simulator.ReadWriteSet;
import org.fairmark.simulator.StateStore;
import org.fairmark.simulator.Version;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A committing peer's validation of an ordered block, as Fabric 2.5 does it: first each transaction on its own
 * ({@code core/common/validation/msgvalidation.go}: payload, headers, creator signature, transaction id, proposal
 * hash; then the endorsement signatures), then in block order the duplicate transaction id check, the endorsement
 * policy with key-level policies ({@code statebased/validator_keylevel.go}) and MVCC against the state including the
 * block's earlier valid transactions. The endorsement rules themselves (which policy governs a key, which
 * endorsements count) are the {@link EndorsementPolicy} the endorser plans with.
 */
final class BlockValidator {
    private static final Logger LOGGER = Logger.getLogger(BlockValidator.class.getName());

    private final String channel;
    private final String chaincodeName;
    private final MembershipService membership;
    private final EndorsementPolicy endorsementPolicy;

    BlockValidator(
            String channel,
            String chaincodeName,
            MembershipService membership,
            EndorsementPolicy endorsementPolicy) {
        this.channel = channel;
        this.chaincodeName = chaincodeName;
        this.membership = membership;
        this.endorsementPolicy = endorsementPolicy;
    }

    /**
     * The checks that need no state: everything up to and including the endorsement signatures. Safe to run for the
     * transactions of a block in parallel.
     *
     * @param creatorSignatureVerified whether the orderer already verified the envelope signature of these exact bytes
     */
    Checked check(Envelope envelope, boolean creatorSignatureVerified) {
        Payload payload;
        try {
            payload = Payload.parseFrom(envelope.getPayload());
        } catch (InvalidProtocolBufferException e) {
            return Checked.invalid(TxValidationCode.BAD_PAYLOAD, "", "payload: " + e.getMessage());
        }
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try {
            channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            return Checked.invalid(TxValidationCode.BAD_COMMON_HEADER, "", "header: " + e.getMessage());
        }
        String txId = channelHeader.getTxId();
        if (channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
            return Checked.invalid(
                    TxValidationCode.UNSUPPORTED_TX_PAYLOAD, txId, "header type " + channelHeader.getType());
        }
        if (channelHeader.getEpoch() != 0) {
            return Checked.invalid(TxValidationCode.BAD_COMMON_HEADER, txId,
                    "invalid Epoch in ChannelHeader. Expected 0, got [" + channelHeader.getEpoch() + "]");
        }
        if (signatureHeader.getNonce().isEmpty() || signatureHeader.getCreator().isEmpty()) {
            return Checked.invalid(TxValidationCode.BAD_COMMON_HEADER, txId, "invalid nonce or creator");
        }
        if (!channelHeader.getChannelId().equals(channel)) {
            return Checked.invalid(TxValidationCode.TARGET_CHAIN_NOT_FOUND, txId,
                    "channel " + channelHeader.getChannelId() + " is not " + channel);
        }
        ValidatedIdentity creator;
        try {
            creator = membership.validate(signatureHeader.getCreator());
        } catch (IdentityRejectedException e) {
            return Checked.invalid(TxValidationCode.BAD_CREATOR_SIGNATURE, txId, "creator: " + e.getMessage());
        }
        if (!creatorSignatureVerified
                && !creator.verify(envelope.getPayload().toByteArray(), envelope.getSignature().toByteArray())) {
            return Checked.invalid(TxValidationCode.BAD_CREATOR_SIGNATURE, txId,
                    "creator's signature over the transaction is not valid");
        }
        if (!TxIds.compute(signatureHeader.getNonce(), signatureHeader.getCreator()).equals(txId)) {
            return Checked.invalid(TxValidationCode.BAD_PROPOSAL_TXID, txId, "incorrectly computed txid");
        }
        ChaincodeActionPayload actionPayload;
        ProposalResponsePayload responsePayload;
        ChaincodeAction action;
        try {
            ChaincodeHeaderExtension extension = ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension());
            Transaction transaction = Transaction.parseFrom(payload.getData());
            if (transaction.getActionsCount() != 1) {
                return Checked.invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION, txId,
                        "only one action per transaction is supported, tx contains " + transaction.getActionsCount());
            }
            TransactionAction transactionAction = transaction.getActions(0);
            SignatureHeader actionHeader = SignatureHeader.parseFrom(transactionAction.getHeader());
            if (actionHeader.getNonce().isEmpty() || actionHeader.getCreator().isEmpty()) {
                return Checked.invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION, txId, "invalid action header");
            }
            actionPayload = ChaincodeActionPayload.parseFrom(transactionAction.getPayload());
            responsePayload = ProposalResponsePayload.parseFrom(actionPayload.getAction().getProposalResponsePayload());
            byte[] proposalHash = FabricHashes.sha256(
                    payload.getHeader().getChannelHeader(),
                    transactionAction.getHeader(),
                    actionPayload.getChaincodeProposalPayload());
            if (!Arrays.equals(proposalHash, responsePayload.getProposalHash().toByteArray())) {
                return Checked.invalid(
                        TxValidationCode.INVALID_ENDORSER_TRANSACTION, txId, "proposal hash does not match");
            }
            action = ChaincodeAction.parseFrom(responsePayload.getExtension());
            if (!extension.getChaincodeId().getName().equals(chaincodeName)
                    || !action.getChaincodeId().getName().equals(chaincodeName)) {
                return Checked.invalid(TxValidationCode.INVALID_CHAINCODE, txId,
                        "chaincode " + action.getChaincodeId().getName() + " is not defined on channel " + channel);
            }
        } catch (InvalidProtocolBufferException e) {
            return Checked.invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION, txId, e.getMessage());
        }
        if (action.getResponse().getStatus() >= 400) {
            return Checked.invalid(TxValidationCode.INVALID_OTHER_REASON, txId,
                    "the endorsed response has error status " + action.getResponse().getStatus());
        }
        ReadWriteSet rwset;
        try {
            TxReadWriteSet txRwSet = TxReadWriteSet.parseFrom(action.getResults());
            for (NsReadWriteSet nsRwSet : txRwSet.getNsRwsetList()) {
                if (!nsRwSet.getNamespace().equals(chaincodeName)) {
                    return Checked.invalid(TxValidationCode.ILLEGAL_WRITESET, txId,
                            "read-write set of namespace " + nsRwSet.getNamespace() + " from chaincode "
                                    + chaincodeName);
                }
            }
            rwset = ReadWriteSet.parseTxReadWriteSet(action.getResults().toByteArray(), chaincodeName);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return Checked.invalid(TxValidationCode.BAD_RWSET, txId, e.getMessage());
        }
        List<ValidatedIdentity> signers = endorsementPolicy.verifiedSigners(
                actionPayload.getAction().getEndorsementsList(), actionPayload.getAction().getProposalResponsePayload());
        return new Checked(TxValidationCode.VALID, txId, null, creator, rwset, signers);
    }

    /**
     * Validates the transactions of block {@code blockNumber} in order against {@code committed}, the state before
     * the block.
     *
     * @param isCommitted whether a transaction id is already in the ledger
     */
    List<TxValidationCode> validate(
            long blockNumber, List<Checked> transactions, StateStore committed, Predicate<String> isCommitted) {
        BlockOverlayState overlay = new BlockOverlayState(committed, chaincodeName);
        Set<String> txIdsInBlock = new HashSet<>();
        List<TxValidationCode> codes = new ArrayList<>(transactions.size());
        for (int txNumber = 0; txNumber < transactions.size(); txNumber++) {
            Checked tx = transactions.get(txNumber);
            TxValidationCode code = tx.code();
            String reason = tx.reason();
            if (code == TxValidationCode.VALID && (isCommitted.test(tx.txId()) || !txIdsInBlock.add(tx.txId()))) {
                code = TxValidationCode.DUPLICATE_TXID;
                reason = "duplicate transaction id";
            }
            if (code == TxValidationCode.VALID) {
                Optional<String> policyFailure = endorsementPolicy.unsatisfied(
                        tx.rwset(), tx.signers(), committed, overlay::validationParameterChanged);
                if (policyFailure.isPresent()) {
                    code = TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
                    reason = policyFailure.get();
                }
            }
            if (code == TxValidationCode.VALID) {
                // Fabric's key-level validator records a validation parameter change as soon as the transaction passes
                // endorsement validation, before (and whatever the outcome of) the MVCC check.
                overlay.recordValidationParameterChange(tx.rwset().metadataWrittenKeys());
                Optional<String> conflict =
                        Mvcc.findConflict(overlay, chaincodeName, tx.rwset(), overlay.writtenKeys());
                if (conflict.isPresent()) {
                    code = readsOnlyConflict(tx.rwset(), overlay)
                            ? TxValidationCode.MVCC_READ_CONFLICT
                            : TxValidationCode.PHANTOM_READ_CONFLICT;
                    reason = conflict.get();
                }
            }
            if (code == TxValidationCode.VALID) {
                ReadWriteSet rwset = tx.rwset();
                overlay.apply(
                        rwset.stateUpdates(overlay, chaincodeName, new Version(blockNumber, txNumber)),
                        rwset.writtenKeys());
            } else {
                String why = reason;
                String id = tx.txId();
                TxValidationCode finalCode = code;
                LOGGER.info(() -> "block " + blockNumber + " tx " + TxIds.shortened(id) + " invalid: " + finalCode
                        + " (" + why + ")");
            }
            codes.add(code);
        }
        return codes;
    }

    /** Whether a single-key read (rather than a range query) is stale: MVCC_READ_CONFLICT versus PHANTOM. */
    private boolean readsOnlyConflict(ReadWriteSet rwset, BlockOverlayState overlay) {
        ReadWriteSet.Builder reads = ReadWriteSet.builder();
        rwset.reads().forEach(reads::read);
        return Mvcc.findConflict(overlay, chaincodeName, reads.build(), overlay.writtenKeys()).isPresent();
    }

    /**
     * The outcome of the state-free checks of one transaction.
     *
     * @param code {@code VALID} when every check passed so far
     * @param txId the transaction id, empty when the header could not be read
     * @param reason why the transaction is invalid, for the log; null when valid
     * @param signers the endorsers whose signatures verified, deduplicated
     */
    record Checked(
            TxValidationCode code,
            String txId,
            String reason,
            ValidatedIdentity creator,
            ReadWriteSet rwset,
            List<ValidatedIdentity> signers) {
        static Checked invalid(TxValidationCode code, String txId, String reason) {
            return new Checked(code, txId, reason, null, ReadWriteSet.empty(), List.of());
        }
    }
}
