package org.fairmark.network.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Fabric block construction and parsing.
 *
 * <p>Blocks are built as Fabric 2.5's orderer builds them ({@code protoutil.NewBlock}): the header carries the
 * number, the previous block's {@linkplain BlockHashes#headerHash header hash} and the
 * {@linkplain BlockHashes#dataHash data hash}; each data entry is one serialized envelope; the metadata has the
 * five entries of {@link BlockMetadataIndex} (SIGNATURES, LAST_CONFIG, TRANSACTIONS_FILTER, ORDERER, COMMIT_HASH),
 * empty until filled. The committer's validation codes go to TRANSACTIONS_FILTER as raw bytes, one per
 * transaction, exactly as Fabric's {@code txflags.ValidationFlags}.
 *
 * {@snippet :
 * Block ordered = Blocks.newBlock(store.height(), store.lastHeaderHash(), envelopes);
 * Block committed = Blocks.withValidationCodes(ordered, codes);
 * store.append(committed);
 * state.apply(committed);
 * }
 */
public final class Blocks {
    /** How many metadata entries a Fabric block has: one per {@link BlockMetadataIndex}. */
    public static final int METADATA_ENTRIES = BlockMetadataIndex.COMMIT_HASH_VALUE + 1;

    private static final int TRANSACTIONS_FILTER = BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE;

    private Blocks() {}

    /**
     * A block of {@code envelopes} with its header hashes set and empty metadata.
     *
     * @param number the block number, from 0
     * @param previousHeaderHash the header hash of block {@code number - 1}; {@code null} or empty for block 0
     */
    public static Block newBlock(long number, byte[] previousHeaderHash, List<Envelope> envelopes) {
        Objects.requireNonNull(envelopes, "envelopes == null");
        if (number < 0) {
            throw new IllegalArgumentException("number < 0: " + number);
        }
        BlockData.Builder data = BlockData.newBuilder();
        for (Envelope envelope : envelopes) {
            data.addData(Objects.requireNonNull(envelope, "envelope == null").toByteString());
        }
        BlockData blockData = data.build();
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(previousHeaderHash == null ? ByteString.EMPTY : ByteString.copyFrom(previousHeaderHash))
                .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(blockData)))
                .build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < METADATA_ENTRIES; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        return Block.newBuilder().setHeader(header).setData(blockData).setMetadata(metadata).build();
    }

    /**
     * {@code block} with its TRANSACTIONS_FILTER metadata set to {@code codes}, one byte per transaction. Missing
     * metadata entries are added first, as Fabric's {@code protoutil.InitBlockMetadata} does. The header, and so
     * the block's hash, does not change.
     *
     * @throws IllegalArgumentException if there is not exactly one code per data entry
     */
    public static Block withValidationCodes(Block block, List<TxValidationCode> codes) {
        Objects.requireNonNull(block, "block == null");
        Objects.requireNonNull(codes, "codes == null");
        int transactions = block.getData().getDataCount();
        if (codes.size() != transactions) {
            throw new IllegalArgumentException("block " + block.getHeader().getNumber() + " has " + transactions
                    + " transactions but " + codes.size() + " validation codes were given");
        }
        byte[] filter = new byte[codes.size()];
        for (int i = 0; i < filter.length; i++) {
            TxValidationCode code = Objects.requireNonNull(codes.get(i), "codes[" + i + "] == null");
            if (code == TxValidationCode.UNRECOGNIZED) {
                throw new IllegalArgumentException("codes[" + i + "] is UNRECOGNIZED");
            }
            filter[i] = (byte) code.getNumber();
        }
        BlockMetadata.Builder metadata = block.getMetadata().toBuilder();
        while (metadata.getMetadataCount() < METADATA_ENTRIES) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        metadata.setMetadata(TRANSACTIONS_FILTER, ByteString.copyFrom(filter));
        return block.toBuilder().setMetadata(metadata).build();
    }

    /**
     * The validation code of each transaction from the TRANSACTIONS_FILTER metadata; empty when the block has not
     * been validated (no filter). A byte that is no known code maps to {@link TxValidationCode#UNRECOGNIZED}.
     */
    public static List<TxValidationCode> validationCodes(Block block) {
        Objects.requireNonNull(block, "block == null");
        if (block.getMetadata().getMetadataCount() <= TRANSACTIONS_FILTER) {
            return List.of();
        }
        ByteString filter = block.getMetadata().getMetadata(TRANSACTIONS_FILTER);
        List<TxValidationCode> codes = new ArrayList<>(filter.size());
        for (int i = 0; i < filter.size(); i++) {
            TxValidationCode code = TxValidationCode.forNumber(filter.byteAt(i) & 0xFF);
            codes.add(code == null ? TxValidationCode.UNRECOGNIZED : code);
        }
        return Collections.unmodifiableList(codes);
    }

    /**
     * Every envelope of {@code block}, parsed; never throws for a malformed envelope (see
     * {@link ParsedTransaction#malformed()}).
     *
     * @throws IllegalArgumentException if the block has validation codes but not one per transaction
     */
    public static List<ParsedTransaction> transactions(Block block) {
        return transactions(block, false);
    }

    /**
     * {@link #transactions(Block)}, parsing the envelopes on the common fork-join pool when {@code parallel}: the
     * committer parses a block once, off its own thread, for the state and the commit notifications.
     */
    public static List<ParsedTransaction> transactions(Block block, boolean parallel) {
        Objects.requireNonNull(block, "block == null");
        List<TxValidationCode> codes = validationCodes(block);
        int count = block.getData().getDataCount();
        if (!codes.isEmpty() && codes.size() != count) {
            throw new IllegalArgumentException("block " + block.getHeader().getNumber() + " has " + count
                    + " transactions but " + codes.size() + " validation codes");
        }
        IntFunction<ParsedTransaction> parseOne = i -> parse(
                i, codes.isEmpty() ? TxValidationCode.NOT_VALIDATED : codes.get(i), block.getData().getData(i));
        if (parallel && count > 1) {
            return IntStream.range(0, count).parallel().mapToObj(parseOne).toList();
        }
        List<ParsedTransaction> transactions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            transactions.add(parseOne.apply(i));
        }
        return Collections.unmodifiableList(transactions);
    }

    /** Parses one data entry of a block; see {@link #transactions}. */
    public static ParsedTransaction parse(int index, TxValidationCode code, ByteString envelopeBytes) {
        Objects.requireNonNull(code, "code == null");
        Objects.requireNonNull(envelopeBytes, "envelopeBytes == null");
        Parser parser = new Parser(index, code);
        try {
            parser.parse(envelopeBytes);
        } catch (InvalidProtocolBufferException e) {
            parser.malformed = parser.stage + ": " + e.getMessage();
        }
        return parser.result();
    }

    /** Accumulates fields as the envelope is unwrapped, so a failure keeps what was parsed before it. */
    private static final class Parser {
        private final int index;
        private final TxValidationCode code;
        private String stage = "envelope";
        private String txId = "";
        private String channelId = "";
        private HeaderType type = HeaderType.UNRECOGNIZED;
        private Instant timestamp = Instant.EPOCH;
        private String creatorMspId = "";
        private ByteString creator = ByteString.EMPTY;
        private String namespace = "";
        private TxReadWriteSet rwset = TxReadWriteSet.getDefaultInstance();
        private ChaincodeEvent event;
        private String malformed;

        Parser(int index, TxValidationCode code) {
            this.index = index;
            this.code = code;
        }

        void parse(ByteString envelopeBytes) throws InvalidProtocolBufferException {
            Envelope envelope = Envelope.parseFrom(envelopeBytes);
            stage = "payload";
            Payload payload = Payload.parseFrom(envelope.getPayload());
            if (!payload.hasHeader()) {
                malformed = "payload has no header";
                return;
            }
            stage = "channel header";
            ChannelHeader channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            txId = channelHeader.getTxId();
            channelId = channelHeader.getChannelId();
            HeaderType headerType = HeaderType.forNumber(channelHeader.getType());
            type = headerType == null ? HeaderType.UNRECOGNIZED : headerType;
            if (channelHeader.hasTimestamp()) {
                timestamp = Instant.ofEpochSecond(
                        channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos());
            }
            stage = "signature header";
            SignatureHeader signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
            creator = signatureHeader.getCreator();
            stage = "creator";
            creatorMspId = SerializedIdentity.parseFrom(creator).getMspid();
            if (type != HeaderType.ENDORSER_TRANSACTION) {
                return;
            }
            stage = "transaction";
            Transaction transaction = Transaction.parseFrom(payload.getData());
            if (transaction.getActionsCount() != 1) {
                // Fabric's validator accepts exactly one action per transaction.
                malformed = "transaction has " + transaction.getActionsCount() + " actions, not 1";
                return;
            }
            stage = "chaincode action payload";
            ChaincodeActionPayload actionPayload =
                    ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
            stage = "proposal response payload";
            ProposalResponsePayload responsePayload =
                    ProposalResponsePayload.parseFrom(actionPayload.getAction().getProposalResponsePayload());
            stage = "chaincode action";
            ChaincodeAction action = ChaincodeAction.parseFrom(responsePayload.getExtension());
            namespace = action.getChaincodeId().getName();
            stage = "read-write set";
            rwset = TxReadWriteSet.parseFrom(action.getResults());
            if (!action.getEvents().isEmpty()) {
                stage = "chaincode event";
                event = ChaincodeEvent.parseFrom(action.getEvents());
            }
        }

        ParsedTransaction result() {
            return new ParsedTransaction(index, code, txId, channelId, type, timestamp, creatorMspId, creator,
                    namespace, rwset, event, malformed);
        }
    }
}
