package org.fairmark.network;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fairmark.network.ledger.BlockHashes;
import org.fairmark.network.ledger.LedgerState;
import org.fairmark.network.ledger.TransactionLocation;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * The query system chaincode {@code qscc} of a Fabric peer ({@code core/scc/qscc}), evaluated through the gateway as
 * Fabric does since 2.4.4: GetChainInfo, GetBlockByNumber, GetBlockByHash, GetTransactionByID and GetBlockByTxID,
 * with Fabric's argument conventions (function name, channel, argument) and error messages. Blocks are the stored
 * blocks, validation codes included. The caller has already checked that the creator is a valid channel member.
 */
final class Qscc {
    /** The chaincode name clients use: {@code network.getContract("qscc")}. */
    static final String NAME = "qscc";

    private static final int OK = 200;
    private static final int ERROR = 500;

    private final String channel;
    private final Committer committer;
    private final LedgerState state;
    /** Header hash → block number, filled up to {@link #indexedHeight} on demand. */
    private final Map<ByteString, Long> blocksByHash = new ConcurrentHashMap<>();
    private long indexedHeight;

    Qscc(String channel, Committer committer, LedgerState state) {
        this.channel = channel;
        this.committer = committer;
        this.state = state;
    }

    /** Invokes {@code args} = function, channel[, argument]; a 200 response with the result or a 500 with why not. */
    Response invoke(List<byte[]> args) {
        if (args.size() < 2) {
            return error("Incorrect number of arguments, " + args.size());
        }
        String function = text(args.get(0));
        String channelId = text(args.get(1));
        if (!function.equals("GetChainInfo") && args.size() < 3) {
            return error("missing 3rd argument for " + function);
        }
        if (!channelId.equals(channel)) {
            return error("Invalid chain ID, " + channelId);
        }
        try {
            return switch (function) {
                case "GetChainInfo" -> chainInfo();
                case "GetBlockByNumber" -> blockByNumber(text(args.get(2)));
                case "GetBlockByHash" -> blockByHash(args.get(2));
                case "GetTransactionByID" -> transactionById(text(args.get(2)));
                case "GetBlockByTxID" -> blockByTxId(text(args.get(2)));
                default -> error("Requested function " + function + " not found.");
            };
        } catch (IOException e) {
            return error(e.getMessage());
        }
    }

    private Response chainInfo() throws IOException {
        long height = state.height();
        Block last = committer.block(height - 1);
        return ok(BlockchainInfo.newBuilder()
                .setHeight(height)
                .setCurrentBlockHash(ByteString.copyFrom(BlockHashes.headerHash(last.getHeader())))
                .setPreviousBlockHash(last.getHeader().getPreviousHash())
                .build()
                .toByteString());
    }

    private Response blockByNumber(String text) throws IOException {
        long number;
        try {
            number = Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            return error("Failed to parse block number with error strconv.ParseUint: parsing \"" + text
                    + "\": invalid syntax");
        }
        if (number < 0 || number >= state.height()) {
            return error("Failed to get block number " + Long.toUnsignedString(number) + ", error no such block number ["
                    + Long.toUnsignedString(number) + "] in index");
        }
        return ok(committer.block(number).toByteString());
    }

    private Response blockByHash(byte[] hash) throws IOException {
        Long number = numberOfHash(ByteString.copyFrom(hash));
        if (number == null) {
            return error("Failed to get block hash " + new String(hash, StandardCharsets.UTF_8)
                    + ", error no such block hash [" + hex(hash) + "] in index");
        }
        return ok(committer.block(number).toByteString());
    }

    private Response transactionById(String txId) throws IOException {
        TransactionLocation location = txId.isEmpty() ? null : state.transaction(txId);
        if (location == null) {
            return error("Failed to get transaction with id " + txId + ", error no such transaction ID [" + txId
                    + "] in index");
        }
        Block block = committer.block(location.blockNumber());
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(block.getData().getData(location.txIndex()));
        } catch (InvalidProtocolBufferException e) {
            return error("Failed to get transaction with id " + txId + ", error " + e.getMessage());
        }
        return ok(ProcessedTransaction.newBuilder()
                .setTransactionEnvelope(envelope)
                .setValidationCode(location.validationCode().getNumber())
                .build()
                .toByteString());
    }

    private Response blockByTxId(String txId) throws IOException {
        TransactionLocation location = txId.isEmpty() ? null : state.transaction(txId);
        if (location == null) {
            return error("Failed to get block for txID " + txId + ", error no such transaction ID [" + txId
                    + "] in index");
        }
        return ok(committer.block(location.blockNumber()).toByteString());
    }

    /** The number of the block whose header hash is {@code hash}, indexing blocks committed since the last call. */
    private synchronized Long numberOfHash(ByteString hash) throws IOException {
        long height = state.height();
        for (long number = indexedHeight; number < height; number++) {
            Block block = committer.block(number);
            blocksByHash.put(ByteString.copyFrom(BlockHashes.headerHash(block.getHeader())), number);
        }
        indexedHeight = Math.max(indexedHeight, height);
        return blocksByHash.get(hash);
    }

    private static Response ok(ByteString payload) {
        return Response.newBuilder().setStatus(OK).setPayload(payload).build();
    }

    private static Response error(String message) {
        return Response.newBuilder().setStatus(ERROR).setMessage(message).build();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
