package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.fairmark.network.ledger.BlockStore;
import org.fairmark.testkit.FilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line says when the ledger cannot be opened: {@code network start}, an in-process command and
 * {@code ledger verify} on a tampered last block, a torn last frame, a ledger held by another process, a data
 * directory that is not one or cannot be written, and a taken port. Each failure has its code and exit status; none
 * is {@code INTERNAL_ERROR}.
 */
class LedgerFailuresIT {
    @TempDir
    Path dataDir;

    @AfterEach
    void stopWhateverRuns() {
        BackgroundNetwork.stop(dataDir, Duration.ofSeconds(30));
    }

    @Test
    void a_tampered_last_block_stops_network_start_and_commands_and_ledger_verify_names_it() throws Exception {
        LedgerFixture ledger = LedgerFixture.create(dataDir);
        String lot = ledger.newLot();
        ledger.register(lot);
        BlockStore.BlockLocation last = lastBlock();
        flipByte(last.file(), last.frameOffset() + last.frameBytes() - 20);
        String tampered = sha256(last.file());
        CliRun cli = ledger.cli;

        CliRun.Result start = cli.run("network", "start", "--port", "0");
        CliRun.Result command = cli.run("batch", "get", LedgerFixture.GTIN, lot);
        CliRun.Result verify = cli.run("--json", "ledger", "verify");
        CliRun.Result verifyHuman = cli.run("ledger", "verify");
        CliRun.Result status = cli.run("--json", "network", "status").ok();

        String where = "frame at offset " + last.frameOffset() + " of blocks-000000.dat";
        assertThat(start.exit()).as(start.toString()).isEqualTo(74);
        assertThat(start.err()).startsWith("error: LEDGER_CORRUPT: ")
                .contains("is corrupt at block " + last.number() + ": checksum mismatch (CRC-32C): " + where)
                .contains("no file was changed")
                .doesNotContain("another process");
        assertThat(command.exit()).as(command.toString()).isEqualTo(74);
        assertThat(command.err()).startsWith("error: LEDGER_CORRUPT: ").contains(where)
                .doesNotContain("another fairmark process");
        assertThat(sha256(last.file())).as("the block file is untouched").isEqualTo(tampered);
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.json().get("firstBadBlock").asLong()).isEqualTo(last.number());
        assertThat(verify.json().get("tornTail").asBoolean()).isFalse();
        assertThat(verify.json().get("problem").asText()).contains(where);
        assertThat(verifyHuman.out()).contains("Ledger damaged at block " + last.number())
                .doesNotContain("unfinished last append");
        assertThat(status.json().get("running").asBoolean()).isFalse();
        assertThat(status.json().has("lastRecovery")).isFalse();
    }

    @Test
    void a_torn_last_frame_is_cut_by_network_start_which_says_so_as_does_network_status() throws Exception {
        LedgerFixture ledger = LedgerFixture.create(dataDir);
        ledger.register(ledger.newLot());
        BlockStore.BlockLocation last = lastBlock();
        try (RandomAccessFile file = new RandomAccessFile(last.file().toFile(), "rw")) {
            file.setLength(last.frameOffset() + 33);
        }
        unacknowledge(last.file().getParent(), last.number());
        CliRun cli = ledger.cli;

        CliRun.Result before = cli.run("--json", "ledger", "verify");
        CliRun.Result beforeHuman = cli.run("ledger", "verify");
        CliRun.Result start = cli.run("network", "start", "--port", "0").ok();
        CliRun.Result status = cli.run("network", "status").ok();
        JsonNode statusJson = cli.run("--json", "network", "status").ok().json();
        cli.run("network", "stop").ok();
        JsonNode after = cli.run("--json", "ledger", "verify").ok().json();

        String recovered = "recovered: cut a torn frame of 33 bytes at offset " + last.frameOffset()
                + " of file blocks-000000.dat at ";
        assertThat(before.exit()).isEqualTo(1);
        assertThat(before.json().get("tornTail").asBoolean()).isTrue();
        assertThat(beforeHuman.out()).contains("This is an unfinished last append");
        assertThat(start.err()).startsWith("warning: " + recovered);
        assertThat(status.out()).contains("Ledger " + recovered);
        assertThat(statusJson.get("lastRecovery").asText()).startsWith(recovered);
        assertThat(after.get("ok").asBoolean()).isTrue();
        assertThat(after.get("blocksChecked").asLong()).as("the cut block is gone, the ones before it kept")
                .isEqualTo(last.number());
        assertThat(after.get("lastRecovery").asText()).startsWith(recovered);
    }

    @Test
    void a_ledger_held_by_another_process_is_locked_not_an_internal_error() throws Exception {
        LedgerFixture ledger = LedgerFixture.create(dataDir);
        CliRun cli = ledger.cli;
        cli.run("network", "start", "--port", "0").ok();
        // hide the background network from the commands, which then try to open the ledger themselves
        Path pidFile = dataDir.resolve(BackgroundNetwork.PID_FILE);
        Path hidden = dataDir.resolve("hidden.pid");
        Files.move(pidFile, hidden);
        CliRun.Result command;
        CliRun.Result read;
        CliRun.Result secondStart;
        try {
            command = cli.run(registerL1());
            read = cli.run("batch", "get", LedgerFixture.GTIN, "L1");
            secondStart = cli.run("network", "start", "--port", "0");
        } finally {
            Files.move(hidden, pidFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        // a read needs no lock: it answers from the ledger files (no such batch)
        assertThat(read.exit()).as(read.toString()).isEqualTo(5);
        assertThat(read.err()).startsWith("error: BATCH_NOT_FOUND: ");
        assertThat(command.exit()).as(command.toString()).isEqualTo(6);
        assertThat(command.err()).startsWith("error: LEDGER_LOCKED: ").contains("is in use by another process")
                .contains("'fairmark network start' runs one network that several commands share");
        assertThat(secondStart.exit()).as(secondStart.toString()).isEqualTo(6);
        assertThat(secondStart.err()).startsWith("error: LEDGER_LOCKED: ").contains("is in use by another process");
    }

    @Test
    void a_data_directory_that_is_a_file_or_cannot_be_written_has_its_code() throws Exception {
        Path file = Files.writeString(dataDir.resolve("a-file"), "x");
        CliRun onFile = new CliRun(file);
        CliRun.Result command = onFile.run("batch", "get", LedgerFixture.GTIN, "L1");
        CliRun.Result start = onFile.run("network", "start", "--port", "0");
        CliRun.Result verify = onFile.run("ledger", "verify");

        Path network = dataDir.resolve("net");
        LedgerFixture.create(network);
        Path lock = network.resolve("ledger").resolve("LOCK");
        CliRun.Result unwritable;
        CliRun.Result unwritableRead;
        CliRun.Result unwritableStart;
        try (FilePermissions denied = FilePermissions.denyWrites(lock)) {
            assertThat(denied.file()).isEqualTo(lock);
            unwritable = new CliRun(network).run(registerL1());
            unwritableRead = new CliRun(network).run("batch", "get", LedgerFixture.GTIN, "L1");
            unwritableStart = new CliRun(network).run("network", "start", "--port", "0");
        } finally {
            BackgroundNetwork.stop(network, Duration.ofSeconds(30));
        }

        assertThat(command.exit()).as(command.toString()).isEqualTo(3);
        assertThat(command.err()).startsWith("error: DATA_DIR_INVALID: ").contains(file + " is not a directory");
        assertThat(start.exit()).as(start.toString()).isEqualTo(3);
        assertThat(start.err()).startsWith("error: DATA_DIR_INVALID: ");
        assertThat(verify.exit()).isEqualTo(3);
        assertThat(verify.err()).startsWith("error: DATA_DIR_INVALID: ");
        assertThat(Files.readString(file)).isEqualTo("x");
        assertThat(unwritableRead.exit()).as(unwritableRead.toString()).isEqualTo(5);
        assertThat(unwritable.exit()).as(unwritable.toString()).isEqualTo(74);
        assertThat(unwritable.err()).startsWith("error: DATA_DIR_INACCESSIBLE: ").contains(lock.toString());
        assertThat(unwritableStart.exit()).as(unwritableStart.toString()).isEqualTo(74);
        assertThat(unwritableStart.err()).startsWith("error: DATA_DIR_INACCESSIBLE: ").contains(lock.toString());
    }

    @Test
    void network_start_on_a_taken_port_names_the_port_and_suggests_port_0() throws Exception {
        CliRun cli = new CliRun(dataDir);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CliRun.Result start = cli.run("network", "start", "--port", Integer.toString(port));
            CliRun.Result chinese = cli.run("--lang", "zh", "network", "start", "--port", Integer.toString(port));
            CliRun.Result status = cli.run("--json", "network", "status").ok();

            assertThat(start.exit()).as(start.toString()).isEqualTo(6);
            assertThat(start.err()).startsWith("error: PORT_IN_USE: ")
                    .contains("port " + port + " on 127.0.0.1 is already in use by another program")
                    .contains("--port 0")
                    .doesNotContain("Failed to bind");
            assertThat(chinese.exit()).isEqualTo(6);
            assertThat(chinese.err()).contains("提示：TCP 端口已被其他程序占用").contains("--port 0");
            assertThat(status.json().get("running").asBoolean()).isFalse();
        }
    }

    private BlockStore.BlockLocation lastBlock() throws Exception {
        try (BlockStore store = BlockStore.open(dataDir.resolve("ledger"))) {
            return store.locate(store.height() - 1);
        }
    }

    /** A write: it opens the ledger (reads answer from its files without opening it). */
    private static String[] registerL1() {
        return new String[] {"batch", "register", LedgerFixture.GTIN, "L1", "--product", "板栗 chestnut", "--county",
            "130227", "--township", "Xingcheng", "--village", "Dongzhuang", "--harvest-date", "2024-09-10",
            "--declared", "1t"};
    }

    private static void flipByte(Path file, long position) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int original = raf.read();
            raf.seek(position);
            raf.write(original ^ 0x01);
        }
    }

    private static String sha256(Path file) throws Exception {
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
