package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.fairmark.network.ledger.BlockStore;
import org.fairmark.network.ledger.LedgerCorruptedException;
import org.fairmark.network.ledger.VerifyReport;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A byte changed on disk is found by {@code ledger verify}, which names the block, and stops a restart. */
class LedgerTamperIT {
    @TempDir
    Path dataDir;

    @Test
    void a_flipped_byte_in_a_block_file_is_reported_with_its_block_number() throws Exception {
        try (EmbeddedNetwork network = EmbeddedNetwork.builder()
                        .dataDir(DevNetworkTemplate.copyTo(dataDir))
                        .port(-1)
                        .blockTimeout(Duration.ofMillis(10))
                        .start();
                Gateway gateway = Clients.connect(
                        network.inProcessChannel(), network.wallet().get(EmbeddedNetwork.PRODUCER))) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
            for (int i = 0; i < 4; i++) {
                contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(FairmarkRequests.newLot()));
            }
            assertThat(network.height()).isEqualTo(5);
        }
        assertThat(EmbeddedNetwork.verifyLedger(dataDir).ok()).isTrue();

        BlockStore.BlockLocation location;
        try (BlockStore store = BlockStore.open(dataDir.resolve("ledger"))) {
            location = store.locate(2);
        }
        try (RandomAccessFile file = new RandomAccessFile(location.file().toFile(), "rw")) {
            long position = location.frameOffset() + location.frameBytes() / 2;
            file.seek(position);
            int original = file.read();
            file.seek(position);
            file.write(original ^ 0x01);
        }

        VerifyReport report = EmbeddedNetwork.verifyLedger(dataDir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = EmbeddedNetworkMain.run(
                new String[] {"verify", "--data-dir", dataDir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        NetworkStartException restart = catchThrowableOfType(
                NetworkStartException.class, () -> EmbeddedNetwork.start(dataDir).close());

        assertThat(report.ok()).isFalse();
        assertThat(report.firstBadBlock()).isEqualTo(2L);
        assertThat(report.blocksChecked()).isEqualTo(2);
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("block 2");
        assertThat(restart.code()).isEqualTo(org.fairmark.domain.ErrorCode.LEDGER_CORRUPT);
        assertThat(restart.getCause()).isInstanceOfSatisfying(
                LedgerCorruptedException.class, cause -> assertThat(cause.blockNumber()).isEqualTo(2));
    }
}
