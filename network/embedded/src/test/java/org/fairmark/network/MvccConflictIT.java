package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.devca.Identity;
import org.fairmark.network.ledger.Blocks;
import org.fairmark.network.ledger.ParsedTransaction;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two transactions endorsed against the same state, each writing the same key: the first to commit wins, the other
 * fails validation with MVCC_READ_CONFLICT, exactly as on Fabric.
 */
class MvccConflictIT {
    @TempDir
    static Path dataDir;

    static EmbeddedNetwork network;
    static Gateway gateway;
    static Contract contract;
    static Gateway packerGateway;
    static Contract packerContract;

    @BeforeAll
    static void start() throws Exception {
        network = EmbeddedNetwork.builder()
                .dataDir(DevNetworkTemplate.copyTo(dataDir))
                .port(-1)
                .blockSize(10)
                .blockTimeout(Duration.ofMillis(100))
                .start();
        Identity producer = network.wallet().get(EmbeddedNetwork.PRODUCER);
        gateway = Clients.connect(network.inProcessChannel(), producer);
        contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
        packerGateway = Clients.connect(network.inProcessChannel(), network.wallet().get(EmbeddedNetwork.PACKER));
        packerContract = packerGateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        packerGateway.close();
        network.close();
    }

    @Test
    void of_two_updates_of_one_key_racing_in_one_block_exactly_one_commits() throws Exception {
        String keyId = registerLabelKey();
        Transaction first = endorse("labelkey:Revoke", FairmarkRequests.revokeLabelKey(keyId));
        Transaction second = endorse("labelkey:Revoke", FairmarkRequests.revokeLabelKey(keyId));

        SubmittedTransaction firstSubmitted = first.submitAsync();
        SubmittedTransaction secondSubmitted = second.submitAsync();
        Status firstStatus = firstSubmitted.getStatus();
        Status secondStatus = secondSubmitted.getStatus();

        assertThat(List.of(firstStatus.getCode(), secondStatus.getCode()))
                .containsExactlyInAnyOrder(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
    }

    @Test
    void of_two_registrations_racing_in_one_block_the_second_fails_key_level_validation() throws Exception {
        // Both set the new batch key's validation parameter; Fabric's key-level validator invalidates the later one
        // before MVCC is even checked.
        String lot = FairmarkRequests.newLot();
        Transaction first = endorseRegistration(lot);
        Transaction second = endorseRegistration(lot);

        SubmittedTransaction firstSubmitted = first.submitAsync();
        SubmittedTransaction secondSubmitted = second.submitAsync();
        Status firstStatus = firstSubmitted.getStatus();
        Status secondStatus = secondSubmitted.getStatus();

        assertThat(List.of(firstStatus.getCode(), secondStatus.getCode()))
                .containsExactlyInAnyOrder(TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(firstStatus.getBlockNumber()).isEqualTo(secondStatus.getBlockNumber());
    }

    @Test
    void the_loser_of_a_race_gets_a_commit_exception_with_mvcc_read_conflict() throws Exception {
        String lot = FairmarkRequests.newLot();
        Transaction winner = endorseRegistration(lot);
        Transaction loser = endorseRegistration(lot);

        winner.submit();
        CommitException error = catchThrowableOfType(CommitException.class, loser::submit);

        assertThat(error.getCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(error.getTransactionId()).isEqualTo(loser.getTransactionId());
        assertThat(error.getMessage()).contains("MVCC_READ_CONFLICT");
    }

    @Test
    void a_replayed_transaction_does_not_commit_twice() throws Exception {
        Transaction transaction = endorseRegistration(FairmarkRequests.newLot());
        Status original = transaction.submitAsync().getStatus();
        assertThat(original.getCode()).isEqualTo(TxValidationCode.VALID);
        long height = network.height();

        Transaction replay = gateway.newSignedTransaction(transaction.getBytes(), signatureOf(transaction));
        Status replayed = replay.submitAsync().getStatus();
        awaitHeightAbove(height);

        // As on Fabric, the commit status of an id is that of its first commit; the replay is DUPLICATE_TXID.
        assertThat(replayed.getCode()).isEqualTo(TxValidationCode.VALID);
        assertThat(replayed.getBlockNumber()).isEqualTo(original.getBlockNumber());
        // and in the blocks the id is valid once: every other occurrence is marked invalid, so nothing commits twice
        Contract qscc = gateway.getNetwork(network.channelName()).getContract("qscc");
        List<TxValidationCode> codes = new ArrayList<>();
        for (long number = original.getBlockNumber(); number < network.height(); number++) {
            Block block = Block.parseFrom(
                    qscc.evaluateTransaction("GetBlockByNumber", network.channelName(), Long.toString(number)));
            List<ParsedTransaction> transactions = Blocks.transactions(block);
            for (int i = 0; i < transactions.size(); i++) {
                if (transactions.get(i).txId().equals(original.getTransactionId())) {
                    codes.add(Blocks.validationCodes(block).get(i));
                }
            }
        }
        assertThat(codes).containsOnlyOnce(TxValidationCode.VALID).first().isEqualTo(TxValidationCode.VALID);
        assertThat(codes).allMatch(c -> c == TxValidationCode.VALID || c == TxValidationCode.DUPLICATE_TXID);
    }

    private static Transaction endorseRegistration(String lot) throws Exception {
        return contract.newProposal("batch:Register")
                .addArguments(FairmarkRequests.registerBatch(lot))
                .build()
                .endorse();
    }

    private static Transaction endorse(String function, String request) throws Exception {
        return packerContract.newProposal(function).addArguments(request).build().endorse();
    }

    private static String registerLabelKey() throws Exception {
        KeyPair pair = FairmarkRequests.labelKeyPair();
        packerContract.submitTransaction("labelkey:Register", FairmarkRequests.registerLabelKey(pair));
        return FairmarkRequests.keyId(pair);
    }

    private static byte[] signatureOf(Transaction transaction) throws Exception {
        org.hyperledger.fabric.protos.gateway.PreparedTransaction prepared =
                org.hyperledger.fabric.protos.gateway.PreparedTransaction.parseFrom(transaction.getBytes());
        return prepared.getEnvelope().getSignature().toByteArray();
    }

    private static void awaitHeightAbove(long height) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (network.height() <= height) {
            assertThat(System.nanoTime() - deadline).as("a block above %d within 30 s", height).isNegative();
            Thread.sleep(10);
        }
    }
}
