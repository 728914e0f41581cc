package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.fairmark.network.ledger.BlockHashes;
import org.fairmark.network.ledger.Blocks;
import org.fairmark.network.ledger.ParsedTransaction;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query system chaincode through the gateway's Evaluate, as fabric-gateway clients call it on Fabric 2.4.4 and
 * later: {@code network.getContract("qscc").evaluateTransaction("GetChainInfo", channel)} and friends, results
 * parsed with fabric-protos.
 */
class QsccIT {
    @TempDir
    static Path dataDir;

    static EmbeddedNetwork network;
    static Gateway gateway;
    static Contract contract;
    static Contract qscc;
    static Status valid;
    static Status conflict;

    @BeforeAll
    static void start() throws Exception {
        network = EmbeddedNetwork.builder()
                .dataDir(DevNetworkTemplate.copyTo(dataDir))
                .port(-1)
                .blockSize(10)
                .blockTimeout(Duration.ofMillis(50))
                .start();
        gateway = Clients.connect(network.inProcessChannel(), network.wallet().get(EmbeddedNetwork.PRODUCER));
        contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
        qscc = gateway.getNetwork(network.channelName()).getContract("qscc");
        String lot = FairmarkRequests.newLot();
        Transaction winner = endorseRegistration(lot);
        Transaction loser = endorseRegistration(lot);
        valid = winner.submitAsync().getStatus();
        conflict = loser.submitAsync().getStatus();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        network.close();
    }

    @Test
    void chain_info_has_the_height_and_the_hashes_of_the_last_block() throws Exception {
        BlockchainInfo info = BlockchainInfo.parseFrom(qscc.evaluateTransaction("GetChainInfo", network.channelName()));
        Block last = Block.parseFrom(
                qscc.evaluateTransaction("GetBlockByNumber", network.channelName(), Long.toString(info.getHeight() - 1)));

        assertThat(info.getHeight()).isEqualTo(network.height()).isGreaterThan(conflict.getBlockNumber());
        assertThat(info.getCurrentBlockHash().toByteArray()).isEqualTo(BlockHashes.headerHash(last.getHeader()));
        assertThat(info.getPreviousBlockHash()).isEqualTo(last.getHeader().getPreviousHash());
    }

    @Test
    void blocks_by_number_hash_and_transaction_id_are_the_committed_blocks() throws Exception {
        Block genesis = Block.parseFrom(qscc.evaluateTransaction("GetBlockByNumber", network.channelName(), "0"));
        assertThat(Blocks.transactions(genesis).get(0).type()).isEqualTo(HeaderType.CONFIG);

        Block byTxId = Block.parseFrom(
                qscc.evaluateTransaction("GetBlockByTxID", network.channelName(), valid.getTransactionId()));
        assertThat(byTxId.getHeader().getNumber()).isEqualTo(valid.getBlockNumber());
        int index = Blocks.transactions(byTxId).stream().map(ParsedTransaction::txId).toList()
                .indexOf(valid.getTransactionId());
        assertThat(Blocks.validationCodes(byTxId).get(index)).isEqualTo(TxValidationCode.VALID);

        Block byNumber = Block.parseFrom(qscc.evaluateTransaction(
                "GetBlockByNumber", network.channelName(), Long.toString(valid.getBlockNumber())));
        Block byHash = Block.parseFrom(qscc.evaluateTransaction(
                "GetBlockByHash",
                network.channelName().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                BlockHashes.headerHash(byNumber.getHeader())));
        assertThat(byNumber).isEqualTo(byTxId);
        assertThat(byHash).isEqualTo(byTxId);
    }

    @Test
    void transactions_by_id_carry_their_envelope_and_validation_code() throws Exception {
        ProcessedTransaction validTx = ProcessedTransaction.parseFrom(
                qscc.evaluateTransaction("GetTransactionByID", network.channelName(), valid.getTransactionId()));
        ProcessedTransaction invalidTx = ProcessedTransaction.parseFrom(
                qscc.evaluateTransaction("GetTransactionByID", network.channelName(), conflict.getTransactionId()));

        assertThat(validTx.getValidationCode()).isEqualTo(TxValidationCode.VALID_VALUE);
        assertThat(invalidTx.getValidationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT_VALUE);
        ChannelHeader header = ChannelHeader.parseFrom(
                Payload.parseFrom(invalidTx.getTransactionEnvelope().getPayload()).getHeader().getChannelHeader());
        assertThat(header.getTxId()).isEqualTo(conflict.getTransactionId());
        assertThat(header.getChannelId()).isEqualTo(network.channelName());
    }

    @Test
    void unknown_transactions_and_blocks_are_errors_with_fabric_texts() {
        GatewayException unknownTx = catchThrowableOfType(GatewayException.class,
                () -> qscc.evaluateTransaction("GetTransactionByID", network.channelName(), "nope"));
        GatewayException unknownBlockOfTx = catchThrowableOfType(GatewayException.class,
                () -> qscc.evaluateTransaction("GetBlockByTxID", network.channelName(), "nope"));
        GatewayException unknownBlock = catchThrowableOfType(GatewayException.class,
                () -> qscc.evaluateTransaction("GetBlockByNumber", network.channelName(), "999999"));
        GatewayException unknownHash = catchThrowableOfType(GatewayException.class,
                () -> qscc.evaluateTransaction("GetBlockByHash", network.channelName(), "x"));
        GatewayException otherChannel = catchThrowableOfType(GatewayException.class,
                () -> qscc.evaluateTransaction("GetChainInfo", "other"));
        GatewayException unknownFunction = catchThrowableOfType(GatewayException.class,
                () -> qscc.evaluateTransaction("GetEverything", network.channelName(), "x"));

        assertThat(unknownTx.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNKNOWN);
        assertThat(unknownTx).hasMessageEndingWith("UNKNOWN: evaluate call to endorser returned error: chaincode response 500,"
                + " Failed to get transaction with id nope, error no such transaction ID [nope] in index");
        assertThat(unknownBlockOfTx)
                .hasMessageEndingWith("Failed to get block for txID nope, error no such transaction ID [nope] in index");
        assertThat(unknownBlock)
                .hasMessageEndingWith("Failed to get block number 999999, error no such block number [999999] in index");
        assertThat(unknownHash).hasMessageContaining("Failed to get block hash x, error no such block hash [78]");
        assertThat(otherChannel).hasMessageEndingWith("Invalid chain ID, other");
        assertThat(unknownFunction).hasMessageEndingWith("Requested function GetEverything not found.");
    }

    @Test
    void only_valid_channel_members_may_query() throws Exception {
        KeyPair stranger = FairmarkRequests.labelKeyPair();
        try (Gateway forged = Clients.connect(network.inProcessChannel(),
                network.wallet().get(EmbeddedNetwork.PRODUCER), Signers.newPrivateKeySigner(stranger.getPrivate()))) {
            GatewayException denied = catchThrowableOfType(GatewayException.class, () -> forged
                    .getNetwork(network.channelName())
                    .getContract("qscc")
                    .evaluateTransaction("GetChainInfo", network.channelName()));
            assertThat(denied.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION);
            assertThat(denied).hasMessageContaining("access denied");
        }
    }

    private static Transaction endorseRegistration(String lot) throws Exception {
        return contract.newProposal("batch:Register")
                .addArguments(FairmarkRequests.registerBatch(lot))
                .build()
                .endorse();
    }
}
