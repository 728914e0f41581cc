package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fairmark.devca.Identity;
import org.fairmark.network.ledger.BlockHashes;
import org.fairmark.network.ledger.Blocks;
import org.fairmark.network.ledger.ParsedTransaction;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.InMemoryCheckpointer;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Deliver service through fabric-gateway's {@code Network} block event API, as an explorer or indexer uses it:
 * blocks from block 0 with a checkpoint, resuming from the checkpoint after reconnecting, live blocks, filtered
 * blocks with validation codes and events, the with-private-data form, and requests the peer refuses.
 */
class DeliverIT {
    @TempDir
    static Path dataDir;

    static EmbeddedNetwork network;
    static Gateway gateway;
    static Network channel;
    static Contract contract;

    @BeforeAll
    static void start() throws Exception {
        network = EmbeddedNetwork.builder()
                .dataDir(DevNetworkTemplate.copyTo(dataDir))
                .port(0)
                .blockSize(10)
                .blockTimeout(Duration.ofMillis(50))
                .start();
        gateway = Clients.connect(network.inProcessChannel(), network.wallet().get(EmbeddedNetwork.PRODUCER));
        channel = gateway.getNetwork(network.channelName());
        contract = channel.getContract(network.chaincodeName());
        contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(FairmarkRequests.newLot()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        network.close();
    }

    @Test
    void blocks_from_block_0_are_the_committed_chain_and_a_checkpoint_resumes_after_reconnecting() throws Exception {
        long height = network.height();
        InMemoryCheckpointer checkpointer = new InMemoryCheckpointer();
        List<Block> blocks = new ArrayList<>();
        try (CloseableIterator<Block> events =
                channel.newBlockEventsRequest().startBlock(0).checkpoint(checkpointer).build().getEvents()) {
            while (blocks.size() < height) {
                Block block = events.next();
                blocks.add(block);
                checkpointer.checkpointBlock(block.getHeader().getNumber());
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            assertThat(block.getHeader().getNumber()).isEqualTo(i);
            assertThat(block.getHeader().getDataHash().toByteArray())
                    .isEqualTo(BlockHashes.dataHash(block.getData()));
            if (i > 0) {
                assertThat(block.getHeader().getPreviousHash().toByteArray())
                        .isEqualTo(BlockHashes.headerHash(blocks.get(i - 1).getHeader()));
            }
        }
        assertThat(Blocks.transactions(blocks.get(0)).get(0).type()).isEqualTo(HeaderType.CONFIG);
        List<byte[]> stored = storedBlocks();
        for (int i = 0; i < blocks.size(); i++) {
            assertThat(blocks.get(i).toByteArray()).as("block %d as stored", i).isEqualTo(stored.get(i));
        }
        assertThat(checkpointer.getBlockNumber()).hasValue(height);

        // More blocks commit while the client is away; a new connection over TCP resumes at the checkpoint.
        Status later = contract.newProposal("batch:Register")
                .addArguments(FairmarkRequests.registerBatch(FairmarkRequests.newLot()))
                .build()
                .endorse()
                .submitAsync()
                .getStatus();
        ManagedChannel tcp = Clients.tcp(network);
        try (Gateway reconnected = Clients.connect(tcp, network.wallet().get(EmbeddedNetwork.AUDITOR));
                CloseableIterator<Block> events = reconnected.getNetwork(network.channelName())
                        .newBlockEventsRequest()
                        .startBlock(0) // the checkpoint wins over the start block
                        .checkpoint(checkpointer)
                        .build()
                        .getEvents()) {
            Block next = events.next();
            assertThat(next.getHeader().getNumber()).isEqualTo(height);
            assertThat(next.getHeader().getPreviousHash().toByteArray())
                    .isEqualTo(BlockHashes.headerHash(blocks.get(blocks.size() - 1).getHeader()));
            Block block = next;
            while (block.getHeader().getNumber() < later.getBlockNumber()) {
                block = events.next();
            }
            assertThat(txIds(block)).contains(later.getTransactionId());
            assertThat(Blocks.validationCodes(block).get(txIds(block).indexOf(later.getTransactionId())))
                    .isEqualTo(TxValidationCode.VALID);
        } finally {
            tcp.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void blocks_committed_later_are_sent_live() throws Exception {
        try (CloseableIterator<Block> events = channel.getBlockEvents()) {
            CompletableFuture<Block> first = CompletableFuture.supplyAsync(events::next);
            Thread.sleep(200); // the request reaches the peer before the transaction commits
            Status status = contract.newProposal("batch:Register")
                    .addArguments(FairmarkRequests.registerBatch(FairmarkRequests.newLot()))
                    .build()
                    .endorse()
                    .submitAsync()
                    .getStatus();
            Block block = first.get(30, TimeUnit.SECONDS);
            while (block.getHeader().getNumber() < status.getBlockNumber()) {
                block = events.next();
            }
            assertThat(block.getHeader().getNumber()).isEqualTo(status.getBlockNumber());
            assertThat(txIds(block)).contains(status.getTransactionId());
        }
    }

    @Test
    void filtered_blocks_carry_validation_codes_and_events_without_payload() throws Exception {
        String lot = FairmarkRequests.newLot();
        var winner = contract.newProposal("batch:Register")
                .addArguments(FairmarkRequests.registerBatch(lot))
                .build()
                .endorse();
        var loser = contract.newProposal("batch:Register")
                .addArguments(FairmarkRequests.registerBatch(lot))
                .build()
                .endorse();
        Status valid = winner.submitAsync().getStatus();
        Status conflict = loser.submitAsync().getStatus();
        // Endorsed by one organization's peer only, while the chaincode policy requires a majority.
        Status underEndorsed = contract.newProposal("batch:Register")
                .addArguments(FairmarkRequests.registerBatch(FairmarkRequests.newLot()))
                .setEndorsingOrganizations("MarketMSP")
                .build()
                .endorse()
                .submitAsync()
                .getStatus();
        assertThat(conflict.getCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(underEndorsed.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);

        List<FilteredTransaction> seen = new ArrayList<>();
        try (CloseableIterator<FilteredBlock> events = channel.newFilteredBlockEventsRequest()
                .startBlock(valid.getBlockNumber())
                .build()
                .getEvents()) {
            long last = Math.max(conflict.getBlockNumber(), underEndorsed.getBlockNumber());
            FilteredBlock block;
            do {
                block = events.next();
                assertThat(block.getChannelId()).isEqualTo(network.channelName());
                seen.addAll(block.getFilteredTransactionsList());
            } while (block.getNumber() < last);
        }
        FilteredTransaction validTx = find(seen, valid.getTransactionId());
        assertThat(validTx.getTxValidationCode()).isEqualTo(TxValidationCode.VALID);
        assertThat(validTx.getType()).isEqualTo(HeaderType.ENDORSER_TRANSACTION);
        var event = validTx.getTransactionActions().getChaincodeActions(0).getChaincodeEvent();
        assertThat(event.getEventName()).isEqualTo("BatchRegistered");
        assertThat(event.getChaincodeId()).isEqualTo(network.chaincodeName());
        assertThat(event.getTxId()).isEqualTo(valid.getTransactionId());
        assertThat(event.getPayload().isEmpty()).isTrue();
        assertThat(find(seen, conflict.getTransactionId()).getTxValidationCode())
                .isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(find(seen, underEndorsed.getTransactionId()).getTxValidationCode())
                .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void blocks_with_private_data_are_the_blocks_with_an_empty_private_data_map() throws Exception {
        try (CloseableIterator<BlockAndPrivateData> events =
                channel.newBlockAndPrivateDataEventsRequest().startBlock(0).build().getEvents();
                CloseableIterator<Block> blocks = channel.newBlockEventsRequest().startBlock(0).build().getEvents()) {
            for (int i = 0; i < 2; i++) {
                BlockAndPrivateData withPrivateData = events.next();
                assertThat(withPrivateData.getBlock()).isEqualTo(blocks.next());
                assertThat(withPrivateData.getPrivateDataMapMap()).isEmpty();
            }
        }
    }

    @Test
    void a_bad_signature_is_forbidden() throws Exception {
        Identity producer = network.wallet().get(EmbeddedNetwork.PRODUCER);
        KeyPair stranger = FairmarkRequests.labelKeyPair();
        try (Gateway forged = Clients.connect(
                        network.inProcessChannel(), producer, Signers.newPrivateKeySigner(stranger.getPrivate()));
                CloseableIterator<Block> events =
                        forged.getNetwork(network.channelName()).newBlockEventsRequest().startBlock(0).build()
                                .getEvents()) {
            NoSuchElementException refused = catchThrowableOfType(NoSuchElementException.class, events::next);
            assertThat(refused).hasMessageContaining("FORBIDDEN");
        }
    }

    @Test
    void a_stream_of_an_identity_revoked_meanwhile_ends_with_forbidden() throws Exception {
        try (Gateway carrier = Clients.connect(network.inProcessChannel(), network.wallet().get(EmbeddedNetwork.CARRIER));
                CloseableIterator<Block> events =
                        carrier.getNetwork(network.channelName()).newBlockEventsRequest().startBlock(0).build()
                                .getEvents()) {
            assertThat(events.next().getHeader().getNumber()).isZero();
            network.revoke(EmbeddedNetwork.CARRIER);
            contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(FairmarkRequests.newLot()));

            NoSuchElementException refused = catchThrowableOfType(NoSuchElementException.class, () -> {
                while (true) {
                    events.next();
                }
            });
            assertThat(refused).hasMessageContaining("FORBIDDEN");
        }
    }

    @Test
    void an_unknown_channel_is_not_found() {
        try (CloseableIterator<FilteredBlock> events =
                gateway.getNetwork("nochannel").newFilteredBlockEventsRequest().startBlock(0).build().getEvents()) {
            NoSuchElementException refused = catchThrowableOfType(NoSuchElementException.class, events::next);
            assertThat(refused).hasMessageContaining("NOT_FOUND");
        }
    }

    private static FilteredTransaction find(List<FilteredTransaction> transactions, String txId) {
        return transactions.stream()
                .filter(transaction -> transaction.getTxid().equals(txId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no filtered transaction " + txId));
    }

    /** The block bytes of every frame in the ledger's block files (format: docs/design/embedded-ledger.md). */
    private static List<byte[]> storedBlocks() throws Exception {
        List<byte[]> stored = new ArrayList<>();
        try (var files = Files.list(network.dataDir().resolve("ledger"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("blocks-\\d{6}\\.dat"))
                    .sorted()
                    .toList()) {
                ByteBuffer frames = ByteBuffer.wrap(Files.readAllBytes(file));
                while (frames.remaining() >= 12) {
                    frames.getInt(); // magic
                    byte[] block = new byte[frames.getInt()];
                    frames.getInt(); // checksum
                    frames.get(block);
                    stored.add(block);
                }
            }
        }
        return stored;
    }

    private static List<String> txIds(Block block) {
        return Blocks.transactions(block).stream().map(ParsedTransaction::txId).toList();
    }
}
