package org.fairmark.network.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Envelopes and blocks shaped as a Fabric peer and orderer shape them, for the ledger tests. */
final class TestLedger {
    static final String CHANNEL = "fairmark";
    static final String CHAINCODE = "fairmark";
    static final String MSP = "CooperativeMSP";

    private TestLedger() {}

    /** An endorser transaction whose chaincode action carries {@code rwsets} (namespace → KVRWSet) and event. */
    static Envelope transaction(String txId, Instant timestamp, TxReadWriteSet rwset, ChaincodeEvent event) {
        ByteString creator = SerializedIdentity.newBuilder()
                .setMspid(MSP)
                .setIdBytes(ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n"))
                .build()
                .toByteString();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(creator)
                .setNonce(ByteString.copyFromUtf8("nonce-" + txId))
                .build();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(CHANNEL)
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder()
                        .setSeconds(timestamp.getEpochSecond())
                        .setNanos(timestamp.getNano()))
                .build();
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(rwset.toByteString())
                .setResponse(Response.newBuilder().setStatus(200))
                .setChaincodeId(ChaincodeID.newBuilder().setName(CHAINCODE).setVersion("1.0"));
        if (event != null) {
            action.setEvents(event.toByteString());
        }
        ProposalResponsePayload responsePayload = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFromUtf8("proposal-hash-" + txId))
                .setExtension(action.build().toByteString())
                .build();
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(ByteString.copyFromUtf8("proposal-payload"))
                .setAction(ChaincodeEndorsedAction.newBuilder()
                        .setProposalResponsePayload(responsePayload.toByteString()))
                .build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(signatureHeader.toByteString())
                        .setPayload(actionPayload.toByteString()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()))
                .setData(transaction.toByteString())
                .build();
        return Envelope.newBuilder()
                .setPayload(payload.toByteString())
                .setSignature(ByteString.copyFromUtf8("signature-" + txId))
                .build();
    }

    static TxReadWriteSet rwset(String namespace, KVRWSet kvRwSet) {
        return TxReadWriteSet.newBuilder()
                .setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(namespace).setRwset(kvRwSet.toByteString()))
                .build();
    }

    static KVWrite put(String key, String value) {
        return KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)).build();
    }

    static KVWrite delete(String key) {
        return KVWrite.newBuilder().setKey(key).setIsDelete(true).build();
    }

    /** A transaction writing {@code writes} in namespace {@value #CHAINCODE}. */
    static Envelope writing(String txId, KVWrite... writes) {
        KVRWSet.Builder kvRwSet = KVRWSet.newBuilder();
        for (KVWrite write : writes) {
            kvRwSet.addWrites(write);
        }
        return transaction(txId, Instant.parse("2025-06-01T08:00:00Z"), rwset(CHAINCODE, kvRwSet.build()), null);
    }

    /** {@code count} chained, validated blocks of two transactions each, with a few hundred bytes of payload. */
    static List<Block> chain(int count) {
        List<Block> blocks = new ArrayList<>();
        byte[] previous = null;
        for (int number = 0; number < count; number++) {
            Block block = Blocks.newBlock(number, previous, List.of(
                    writing("tx-" + number + "-a", put("batch-" + number, "a".repeat(200 + number))),
                    writing("tx-" + number + "-b", put("batch-" + number + "-b", "b".repeat(100)))));
            block = Blocks.withValidationCodes(block, List.of(TxValidationCode.VALID, TxValidationCode.VALID));
            blocks.add(block);
            previous = BlockHashes.headerHash(block.getHeader());
        }
        return blocks;
    }

    /** The next block after {@code previous} (or block 0), validated. */
    static Block next(Block previous, String txId) {
        long number = previous == null ? 0 : previous.getHeader().getNumber() + 1;
        byte[] previousHash = previous == null ? null : BlockHashes.headerHash(previous.getHeader());
        Block block = Blocks.newBlock(number, previousHash, List.of(writing(txId, put("key-" + txId, txId))));
        return Blocks.withValidationCodes(block, List.of(TxValidationCode.VALID));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
