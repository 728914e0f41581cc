package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.fairmark.domain.ErrorCode;
import org.fairmark.network.ledger.BlockStore;
import org.fairmark.network.ledger.LedgerCorruptedException;
import org.fairmark.network.ledger.LedgerRecovery;
import org.fairmark.network.ledger.VerifyReport;
import org.fairmark.testkit.FilePermissions;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way opening the network's data directory and ledger can fail, through {@link EmbeddedNetwork} and
 * {@link EmbeddedNetworkMain}: each has its error code, exit status and a message that names what is wrong; none is
 * {@code INTERNAL_ERROR}, and nothing is changed.
 */
class LedgerOpenFailuresIT {
    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void a_flipped_byte_in_the_last_block_stops_the_start_names_block_offset_and_file_and_changes_nothing()
            throws Exception {
        BlockStore.BlockLocation last = ledgerWithBatches(3);
        String hashBefore = sha256(last.file());
        flipByte(last.file(), last.frameOffset() + last.frameBytes() / 2);
        String tampered = sha256(last.file());

        NetworkStartException refused = catchThrowableOfType(
                NetworkStartException.class, () -> EmbeddedNetwork.start(dataDir).close());
        int status = main("start", "--data-dir", dataDir.toString(), "--port", "-1");
        VerifyReport report = EmbeddedNetwork.verifyLedger(dataDir);

        assertThat(tampered).isNotEqualTo(hashBefore);
        assertThat(refused.code()).isEqualTo(ErrorCode.LEDGER_CORRUPT);
        assertThat(refused.getMessage())
                .contains("is corrupt at block " + last.number() + ": checksum mismatch (CRC-32C): frame at offset "
                        + last.frameOffset() + " of blocks-000000.dat")
                .contains("no file was changed");
        assertThat(refused.getCause()).isInstanceOfSatisfying(LedgerCorruptedException.class, cause -> {
            assertThat(cause.blockNumber()).isEqualTo(last.number());
            assertThat(cause.offset()).isEqualTo(last.frameOffset());
            assertThat(cause.file()).isEqualTo(last.file().toAbsolutePath());
        });
        assertThat(status).isEqualTo(74);
        assertThat(err()).startsWith("error: LEDGER_CORRUPT: cannot start the network in " + dataDir)
                .contains("block " + last.number()).contains("offset " + last.frameOffset());
        assertThat(sha256(last.file())).as("the block file is untouched").isEqualTo(tampered);
        assertThat(EmbeddedNetwork.lastRecovery(dataDir)).isEmpty();
        assertThat(report.ok()).isFalse();
        assertThat(report.tornTail()).isFalse();
        assertThat(report.firstBadBlock()).isEqualTo(last.number());
        assertThat(report.problem()).contains("frame at offset " + last.frameOffset());
    }

    @Test
    void a_torn_last_frame_is_cut_reported_and_noted() throws Exception {
        BlockStore.BlockLocation last = ledgerWithBatches(2);
        try (RandomAccessFile file = new RandomAccessFile(last.file().toFile(), "rw")) {
            file.setLength(last.frameOffset() + 50);
        }
        unacknowledge(dataDir.resolve("ledger"), last.number());

        long height;
        LedgerRecovery recovery;
        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start()) {
            height = network.height();
            recovery = network.recovery().orElseThrow();
        }

        assertThat(height).isEqualTo(last.number());
        assertThat(recovery.offset()).isEqualTo(last.frameOffset());
        assertThat(recovery.bytes()).isEqualTo(50);
        assertThat(EmbeddedNetwork.lastRecovery(dataDir)).contains(recovery.summary());
        assertThat(recovery.summary()).startsWith("recovered: cut a torn frame of 50 bytes at offset "
                + last.frameOffset() + " of file blocks-000000.dat at ");
        assertThat(EmbeddedNetwork.verifyLedger(dataDir).ok()).isTrue();
    }

    @Test
    void a_ledger_open_in_another_network_is_locked() throws Exception {
        DevNetworkTemplate.copyTo(dataDir);
        try (EmbeddedNetwork first = EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start()) {
            NetworkStartException second = catchThrowableOfType(
                    NetworkStartException.class, () -> EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start());
            int status = main("start", "--data-dir", dataDir.toString(), "--port", "-1");

            assertThat(first.height()).isPositive();
            assertThat(second.code()).isEqualTo(ErrorCode.LEDGER_LOCKED);
            assertThat(second.getMessage()).contains("ledger " + dataDir.resolve("ledger").toAbsolutePath());
            assertThat(status).isEqualTo(6);
            assertThat(err()).startsWith("error: LEDGER_LOCKED: ");
        }
    }

    @Test
    void a_data_directory_that_is_a_file_or_incomplete_is_invalid() throws Exception {
        Path file = Files.writeString(dataDir.resolve("plain-file"), "x");
        Path incomplete = DevNetworkTemplate.copyTo(dataDir.resolve("incomplete"));
        Files.delete(incomplete.resolve("orgs").resolve("CoopMSP").resolve("ca").resolve("ca-cert.pem"));
        Path ledgerIsAFile = DevNetworkTemplate.copyTo(dataDir.resolve("ledger-file"));
        Files.writeString(ledgerIsAFile.resolve("ledger"), "not a directory");

        NetworkStartException notADirectory = startFailure(file);
        NetworkStartException missingFile = startFailure(incomplete);
        NetworkStartException ledgerFile = startFailure(ledgerIsAFile);
        int status = main("start", "--data-dir", file.toString(), "--port", "-1");

        assertThat(notADirectory.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID);
        assertThat(notADirectory.getMessage()).isEqualTo("the data directory " + file + " is not a directory");
        assertThat(missingFile.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID);
        assertThat(missingFile.getMessage()).contains("is not a complete development network").contains("ca-cert.pem");
        assertThat(ledgerFile.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID);
        assertThat(ledgerFile.getMessage()).contains("is not a directory");
        assertThat(status).isEqualTo(3);
        assertThat(err()).startsWith("error: DATA_DIR_INVALID: ");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void a_ledger_that_cannot_be_written_is_inaccessible() throws Exception {
        DevNetworkTemplate.copyTo(dataDir);
        EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start().close();
        Path lock = dataDir.resolve("ledger").resolve("LOCK");
        try (FilePermissions denied = FilePermissions.denyWrites(lock)) {
            assertThat(denied.file()).isEqualTo(lock);
            NetworkStartException refused = startFailure(dataDir);
            int status = main("start", "--data-dir", dataDir.toString(), "--port", "-1");

            assertThat(refused.code()).isEqualTo(ErrorCode.DATA_DIR_INACCESSIBLE);
            assertThat(refused.getMessage()).contains(lock.toString());
            assertThat(status).isEqualTo(74);
            assertThat(err()).startsWith("error: DATA_DIR_INACCESSIBLE: ");
        }
        assertThat(EmbeddedNetwork.verifyLedger(dataDir).ok()).isTrue();
    }

    @Test
    void a_taken_port_is_named_with_a_hint_to_use_port_0() throws Exception {
        DevNetworkTemplate.copyTo(dataDir);
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            NetworkStartException refused = catchThrowableOfType(NetworkStartException.class,
                    () -> EmbeddedNetwork.builder().dataDir(dataDir).port(port).start().close());
            int status = main("start", "--data-dir", dataDir.toString(), "--port", Integer.toString(port));

            assertThat(refused.code()).isEqualTo(ErrorCode.PORT_IN_USE);
            assertThat(refused.getMessage()).isEqualTo("port " + port + " on 127.0.0.1 is already in use by another"
                    + " program; choose another port with --port, or --port 0 for any free one");
            assertThat(status).isEqualTo(6);
            assertThat(err()).startsWith("error: PORT_IN_USE: ").contains("port " + port).contains("--port 0");
        }
        // the failed start released the ledger
        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start()) {
            assertThat(network.height()).isEqualTo(1);
        }
    }

    private BlockStore.BlockLocation ledgerWithBatches(int batches) throws Exception {
        try (EmbeddedNetwork network = EmbeddedNetwork.builder()
                        .dataDir(DevNetworkTemplate.copyTo(dataDir))
                        .port(-1)
                        .blockTimeout(Duration.ofMillis(10))
                        .start();
                Gateway gateway = Clients.connect(
                        network.inProcessChannel(), network.wallet().get(EmbeddedNetwork.PRODUCER))) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
            for (int i = 0; i < batches; i++) {
                contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(FairmarkRequests.newLot()));
            }
        }
        try (BlockStore store = BlockStore.open(dataDir.resolve("ledger"))) {
            return store.locate(store.height() - 1);
        }
    }

    private NetworkStartException startFailure(Path dir) {
        return catchThrowableOfType(
                NetworkStartException.class, () -> EmbeddedNetwork.builder().dataDir(dir).port(-1).start().close());
    }

    private int main(String... args) throws EmbeddedNetworkMain.UsageException {
        err.reset();
        return EmbeddedNetworkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int original = raf.read();
            raf.seek(position);
            raf.write(original ^ 0x01);
        }
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
    /**
     * Rewinds the ledger's height mark ({@code HEIGHT}: magic "FMH1", height, CRC-32C of those 12 bytes) to
     * {@code height}: with a cut into the last frame, what an append of block {@code height} interrupted by a crash
     * leaves, as its mark is written only after the append returned.
     */
    static void unacknowledge(Path ledgerDir, long height) throws java.io.IOException {
        java.nio.ByteBuffer mark = java.nio.ByteBuffer.allocate(16).putInt(0x464D4831).putLong(height);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(mark.array(), 0, 12);
        mark.putInt((int) crc.getValue());
        java.nio.file.Files.write(ledgerDir.resolve("HEIGHT"), mark.array());
    }
}
