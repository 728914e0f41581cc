package org.fairmark.network.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockStoreTest {
    @TempDir
    Path dir;

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger storeLogger = Logger.getLogger(BlockStore.class.getName());

    @BeforeEach
    void captureLog() {
        storeLogger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        storeLogger.removeHandler(capture);
    }

    @Test
    void appended_blocks_read_back_after_reopen() throws IOException {
        List<Block> blocks = TestLedger.chain(5);
        try (BlockStore store = BlockStore.open(dir)) {
            assertThat(store.height()).isZero();
            assertThat(store.lastHeaderHash()).isNull();
            for (Block block : blocks) {
                store.append(block);
            }
            assertThat(store.height()).isEqualTo(5);
            assertThat(store.get(3)).isEqualTo(blocks.get(3));
        }

        try (BlockStore store = BlockStore.open(dir)) {
            assertThat(store.height()).isEqualTo(5);
            assertThat(store.lastHeaderHash()).isEqualTo(BlockHashes.headerHash(blocks.get(4).getHeader()));
            for (int number = 0; number < 5; number++) {
                assertThat(store.get(number)).isEqualTo(blocks.get(number));
            }
            Block next = TestLedger.next(blocks.get(4), "after-reopen");
            store.append(next);
            assertThat(store.get(5)).isEqualTo(next);
        }
        assertThat(LedgerVerifier.verify(dir)).isEqualTo(new VerifyReport(6, null, null));
    }

    @Test
    void for_each_replays_in_order_from_a_block() throws IOException {
        List<Block> blocks = TestLedger.chain(6);
        try (BlockStore store = open(blocks)) {
            List<Long> seen = new ArrayList<>();
            store.forEach(2, block -> seen.add(block.getHeader().getNumber()));
            assertThat(seen).containsExactly(2L, 3L, 4L, 5L);

            List<Long> none = new ArrayList<>();
            store.forEach(6, block -> none.add(block.getHeader().getNumber()));
            assertThat(none).isEmpty();
            assertThatThrownBy(() -> store.forEach(7, block -> {})).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void get_beyond_the_height_is_out_of_bounds() throws IOException {
        try (BlockStore store = open(TestLedger.chain(2))) {
            assertThatThrownBy(() -> store.get(2))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessage("block 2 is not in the ledger of height 2");
            assertThatThrownBy(() -> store.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void locate_names_the_file_and_frame_of_a_block() throws IOException {
        List<Block> blocks = TestLedger.chain(3);
        try (BlockStore store = open(blocks)) {
            BlockStore.BlockLocation first = store.locate(0);
            BlockStore.BlockLocation second = store.locate(1);

            assertThat(first.file()).isEqualTo(dir.toAbsolutePath().resolve("blocks-000000.dat"));
            assertThat(first.frameOffset()).isZero();
            assertThat(first.frameBytes()).isEqualTo(12 + blocks.get(0).getSerializedSize());
            assertThat(second.frameOffset()).isEqualTo(first.frameBytes());
            assertThat(store.files()).containsExactly(first.file());
        }
    }

    @Nested
    class Rejects {
        @Test
        void a_block_number_that_does_not_follow() throws IOException {
            List<Block> blocks = TestLedger.chain(3);
            try (BlockStore store = open(blocks.subList(0, 1))) {
                assertThatThrownBy(() -> store.append(blocks.get(2)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("block number 2 does not follow the ledger: the next block must be 1");
                assertThat(store.height()).isEqualTo(1);
            }
        }

        @Test
        void a_previous_hash_that_is_not_the_last_header_hash() throws IOException {
            List<Block> blocks = TestLedger.chain(2);
            Block forged = Blocks.newBlock(1, new byte[32], List.of(TestLedger.writing("forged")));
            try (BlockStore store = open(blocks.subList(0, 1))) {
                assertThatThrownBy(() -> store.append(forged))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("block 1 previous hash does not match the header hash of block 0");
                assertThat(store.height()).isEqualTo(1);
            }
        }

        @Test
        void a_genesis_block_with_a_previous_hash() throws IOException {
            try (BlockStore store = BlockStore.open(dir)) {
                assertThatThrownBy(() -> store.append(Blocks.newBlock(0, new byte[32], List.of())))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }

        @Test
        void a_data_hash_that_does_not_match_the_data() throws IOException {
            Block block = TestLedger.chain(1).get(0);
            Block tampered = block.toBuilder()
                    .setData(block.getData().toBuilder().addData(TestLedger.writing("smuggled").toByteString()))
                    .build();
            try (BlockStore store = BlockStore.open(dir)) {
                assertThatThrownBy(() -> store.append(tampered))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("block 0 data hash does not match its data");
                assertThat(store.height()).isZero();
            }
        }

        @Test
        void a_second_store_on_the_same_directory() throws IOException {
            try (BlockStore store = BlockStore.open(dir)) {
                assertThatThrownBy(() -> BlockStore.open(dir))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("is already open in this process");
                assertThat(store.height()).isZero();
            }
            try (BlockStore again = BlockStore.open(dir)) {
                assertThat(again.height()).isZero();
            }
        }

        @Test
        void use_after_close() throws IOException {
            BlockStore store = open(TestLedger.chain(1));
            store.close();
            assertThatThrownBy(() -> store.get(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.append(TestLedger.chain(2).get(1)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class TornTail {
        @ParameterizedTest(name = "cut {0} bytes into the last frame")
        @ValueSource(ints = {1, 5, 11, 12, 13, 100, -1})
        void is_cut_on_open_and_appends_continue(int keptBytes) throws IOException {
            List<Block> blocks = TestLedger.chain(5);
            BlockStore.BlockLocation last;
            try (BlockStore store = open(blocks)) {
                last = store.locate(4);
            }
            long kept = keptBytes < 0 ? last.frameBytes() - 1 : keptBytes;
            truncate(last.file(), last.frameOffset() + kept);
            unacknowledge(dir, last.number());

            VerifyReport before = LedgerVerifier.verify(dir);
            assertThat(before.ok()).isFalse();
            assertThat(before.firstBadBlock()).isEqualTo(4L);
            assertThat(before.blocksChecked()).isEqualTo(4);
            assertThat(before.problem()).startsWith("truncated frame");

            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(4);
                assertThat(store.lastHeaderHash()).isEqualTo(BlockHashes.headerHash(blocks.get(3).getHeader()));
                assertThat(Files.size(last.file())).isEqualTo(last.frameOffset());
                assertThat(store.recovery()).hasValueSatisfying(recovery -> {
                    assertThat(recovery.bytes()).isEqualTo(kept);
                    assertThat(recovery.offset()).isEqualTo(last.frameOffset());
                });
                store.append(blocks.get(4));
                assertThat(store.height()).isEqualTo(5);
            }
            assertThat(warnings()).singleElement().asString()
                    .contains("cut a torn tail of " + kept + " bytes from blocks-000000.dat at offset "
                            + last.frameOffset() + " where block 4 would start")
                    .contains("4 whole blocks recovered");
            assertThat(LedgerVerifier.verify(dir).ok()).isTrue();
            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.get(4)).isEqualTo(blocks.get(4));
            }
        }

        @Test
        void of_zeros_after_the_last_block_is_cut() throws IOException {
            List<Block> blocks = TestLedger.chain(3);
            Path file;
            long size;
            try (BlockStore store = open(blocks)) {
                file = store.locate(2).file();
                size = Files.size(file);
            }
            // What a power loss can leave: the file grew but the data never reached the disk.
            Files.write(file, new byte[4096], StandardOpenOption.APPEND);

            assertThat(LedgerVerifier.verify(dir).problem()).startsWith("bad frame magic (0x00000000)");
            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(3);
                assertThat(Files.size(file)).isEqualTo(size);
            }
        }

        @Test
        void of_a_torn_last_frame_is_noted_for_status() throws IOException {
            List<Block> blocks = TestLedger.chain(3);
            BlockStore.BlockLocation last;
            try (BlockStore store = open(blocks)) {
                assertThat(store.recovery()).isEmpty();
                last = store.locate(2);
            }
            truncate(last.file(), last.frameOffset() + 40);
            unacknowledge(dir, last.number());
            assertThat(LedgerVerifier.verify(dir).tornTail()).isTrue();
            assertThat(LedgerVerifier.verify(dir).summary()).endsWith("; the next start cuts this unfinished append");
            assertThat(LedgerRecovery.lastNoted(dir)).isEmpty();

            LedgerRecovery recovery;
            try (BlockStore store = BlockStore.open(dir)) {
                recovery = store.recovery().orElseThrow();
            }
            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.recovery()).as("nothing cut on the second open").isEmpty();
            }

            assertThat(recovery.file()).isEqualTo("blocks-000000.dat");
            assertThat(recovery.offset()).isEqualTo(last.frameOffset());
            assertThat(recovery.bytes()).isEqualTo(40);
            assertThat(recovery.blockNumber()).isEqualTo(2);
            assertThat(recovery.summary()).startsWith("recovered: cut a torn frame of 40 bytes at offset "
                    + last.frameOffset() + " of file blocks-000000.dat at ");
            assertThat(LedgerRecovery.lastNoted(dir)).contains(recovery.summary());
            assertThat(LedgerVerifier.verify(dir).ok()).isTrue();
        }
    }

    /**
     * A last frame that is complete to the end of the file but fails a check was acknowledged: damage to it is
     * corruption, never a torn tail, and the file stays as it is.
     */
    @Nested
    class DamagedLastFrame {
        @ParameterizedTest(name = "flipped byte {0} of the last frame")
        @ValueSource(ints = {0, 2, 4, 8, 11, 12, 13, 60, -10, -1})
        void refuses_to_open_and_changes_no_file(int byteInFrame) throws IOException {
            List<Block> blocks = TestLedger.chain(4);
            BlockStore.BlockLocation last;
            try (BlockStore store = open(blocks)) {
                last = store.locate(3);
            }
            flipByte(last.file(), last.frameOffset() + (byteInFrame < 0 ? last.frameBytes() + byteInFrame : byteInFrame));

            assertRefusedAtTheLastBlock(last);
        }

        @ParameterizedTest(name = "length field changed by {0}")
        @ValueSource(ints = {1, 7, 1000, -1, -30})
        void a_damaged_length_field_is_corruption_even_when_it_points_past_the_end(int change) throws IOException {
            List<Block> blocks = TestLedger.chain(4);
            BlockStore.BlockLocation last;
            try (BlockStore store = open(blocks)) {
                last = store.locate(3);
            }
            int length = last.frameBytes() - LedgerFiles.FRAME_HEADER_BYTES;
            writeInt(last.file(), last.frameOffset() + 4, length + change);

            VerifyReport report = assertRefusedAtTheLastBlock(last);
            if (change > 0) {
                assertThat(report.problem()).startsWith("bad frame length (" + (length + change) + ", but the "
                        + length + " block bytes to the end of the file match the frame checksum)");
            }
        }

        @Test
        void a_last_frame_short_of_its_length_is_an_unfinished_append_and_is_cut() throws IOException {
            // the counterpart of the cases above: the file ends before the frame does, so it was never acknowledged
            List<Block> blocks = TestLedger.chain(3);
            BlockStore.BlockLocation last;
            try (BlockStore store = open(blocks)) {
                last = store.locate(2);
            }
            truncate(last.file(), last.frameOffset() + 20);
            unacknowledge(dir, last.number());
            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(2);
            }
        }

        private VerifyReport assertRefusedAtTheLastBlock(BlockStore.BlockLocation last) throws IOException {
            byte[] before = Files.readAllBytes(last.file());
            VerifyReport report = LedgerVerifier.verify(dir);
            assertThat(report.ok()).isFalse();
            assertThat(report.tornTail()).isFalse();
            assertThat(report.firstBadBlock()).isEqualTo(last.number());
            assertThat(report.problem()).contains("frame at offset " + last.frameOffset() + " of blocks-000000.dat");

            assertThatThrownBy(() -> BlockStore.open(dir))
                    .isInstanceOfSatisfying(LedgerCorruptedException.class, e -> {
                        assertThat(e.blockNumber()).isEqualTo(last.number());
                        assertThat(e.file()).isEqualTo(last.file().toAbsolutePath());
                        assertThat(e.offset()).isEqualTo(last.frameOffset());
                        assertThat(e.problem()).isEqualTo(report.problem());
                    })
                    .hasMessageContaining("is corrupt at block " + last.number() + ": ")
                    .hasMessageContaining("no file was changed");
            assertThat(Files.readAllBytes(last.file())).isEqualTo(before);
            assertThat(LedgerRecovery.lastNoted(dir)).isEmpty();
            assertThat(warnings()).isEmpty();
            return report;
        }
    }

    @Nested
    class Corruption {
        @ParameterizedTest(name = "flipped byte {0} of the frame")
        @ValueSource(ints = {0, 3, 4, 5, 6, 7, 8, 11, 12, 40, -1})
        void in_a_middle_block_names_that_block_and_open_fails(int byteInFrame) throws IOException {
            List<Block> blocks = TestLedger.chain(6);
            BlockStore.BlockLocation middle;
            try (BlockStore store = open(blocks)) {
                middle = store.locate(2);
            }
            long at = middle.frameOffset() + (byteInFrame < 0 ? middle.frameBytes() / 2 + 7 : byteInFrame);
            flipByte(middle.file(), at);
            long sizeBefore = Files.size(middle.file());

            VerifyReport report = LedgerVerifier.verify(dir);
            assertThat(report.ok()).isFalse();
            assertThat(report.firstBadBlock()).isEqualTo(2L);
            assertThat(report.blocksChecked()).isEqualTo(2);
            assertThat(report.problem()).contains("frame at offset " + middle.frameOffset() + " of blocks-000000.dat");
            if (byteInFrame >= 8 || byteInFrame < 0) {
                assertThat(report.problem()).startsWith("checksum mismatch");
            }
            if (byteInFrame >= 0 && byteInFrame < 4) {
                assertThat(report.problem()).startsWith("bad frame magic");
            }

            assertThatThrownBy(() -> BlockStore.open(dir))
                    .isInstanceOfSatisfying(LedgerCorruptedException.class, e -> {
                        assertThat(e.blockNumber()).isEqualTo(2);
                        assertThat(e.problem()).isEqualTo(report.problem());
                        assertThat(e.directory()).isEqualTo(dir.toAbsolutePath());
                    })
                    .hasMessageContaining("is corrupt at block 2: ");
            assertThat(Files.size(middle.file())).isEqualTo(sizeBefore);
            assertThat(warnings()).isEmpty();
        }

        @Test
        void the_store_can_open_again_once_the_failed_open_released_its_lock() throws IOException {
            List<Block> blocks = TestLedger.chain(3);
            BlockStore.BlockLocation middle;
            try (BlockStore store = open(blocks)) {
                middle = store.locate(1);
            }
            flipByte(middle.file(), middle.frameOffset() + 20);
            assertThatThrownBy(() -> BlockStore.open(dir)).isInstanceOf(LedgerCorruptedException.class);
            flipByte(middle.file(), middle.frameOffset() + 20);

            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(3);
            }
        }

        @Test
        void data_tampered_under_a_recomputed_checksum_is_a_data_hash_mismatch() throws IOException {
            List<Block> blocks = new ArrayList<>(TestLedger.chain(4));
            Block original = blocks.get(2);
            blocks.set(2, original.toBuilder()
                    .setData(original.getData().toBuilder().setData(0, TestLedger.writing("forged").toByteString()))
                    .build());
            writeFrames(blocks);

            VerifyReport report = LedgerVerifier.verify(dir);
            assertThat(report.firstBadBlock()).isEqualTo(2L);
            assertThat(report.problem()).startsWith("data hash mismatch");
            assertThatThrownBy(() -> BlockStore.open(dir))
                    .isInstanceOfSatisfying(LedgerCorruptedException.class, e -> assertThat(e.blockNumber()).isEqualTo(2));
        }

        @Test
        void a_rewritten_header_breaks_the_chain_at_the_next_block() throws IOException {
            List<Block> blocks = new ArrayList<>(TestLedger.chain(4));
            Block forged = Blocks.withValidationCodes(
                    Blocks.newBlock(1, BlockHashes.headerHash(blocks.get(0).getHeader()),
                            List.of(TestLedger.writing("forged"))),
                    List.of(org.hyperledger.fabric.protos.peer.TxValidationCode.VALID));
            blocks.set(1, forged);
            writeFrames(blocks);

            VerifyReport report = LedgerVerifier.verify(dir);
            assertThat(report.firstBadBlock()).isEqualTo(2L);
            assertThat(report.problem()).startsWith("previous hash mismatch");
        }

        @Test
        void a_missing_block_is_a_block_number_mismatch() throws IOException {
            List<Block> blocks = new ArrayList<>(TestLedger.chain(4));
            blocks.remove(2);
            writeFrames(blocks);

            VerifyReport report = LedgerVerifier.verify(dir);
            assertThat(report.firstBadBlock()).isEqualTo(2L);
            assertThat(report.problem()).startsWith("block number mismatch (the frame holds block 3)");
        }
    }

    @Nested
    class Segments {
        @Test
        void roll_over_and_read_back_across_files() throws IOException {
            List<Block> blocks = TestLedger.chain(12);
            try (BlockStore store = BlockStore.open(dir, 2048)) {
                for (Block block : blocks) {
                    store.append(block);
                }
                assertThat(store.files()).hasSizeGreaterThan(3);
                assertThat(store.locate(11).file()).isEqualTo(store.files().get(store.files().size() - 1));
            }
            try (BlockStore store = BlockStore.open(dir, 2048)) {
                assertThat(store.height()).isEqualTo(12);
                for (int number = 0; number < 12; number++) {
                    assertThat(store.get(number)).isEqualTo(blocks.get(number));
                }
                store.append(TestLedger.next(blocks.get(11), "more"));
            }
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".dat")).toList()) {
                    assertThat(Files.size(file)).isLessThanOrEqualTo(2048);
                }
            }
            // A larger segment limit reads the same files.
            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(13);
            }
            assertThat(LedgerVerifier.verify(dir)).isEqualTo(new VerifyReport(13, null, null));
        }

        @Test
        void damage_at_the_end_of_an_earlier_file_is_corruption_not_a_torn_tail() throws IOException {
            List<Block> blocks = TestLedger.chain(12);
            BlockStore.BlockLocation lastOfFirstFile;
            try (BlockStore store = open(blocks, 2048)) {
                long number = 0;
                while (store.locate(number + 1).file().equals(store.locate(0).file())) {
                    number++;
                }
                lastOfFirstFile = store.locate(number);
            }
            truncate(lastOfFirstFile.file(), lastOfFirstFile.frameOffset() + 30);

            long bad = lastOfFirstFile.number();
            assertThat(LedgerVerifier.verify(dir).firstBadBlock()).isEqualTo(bad);
            assertThatThrownBy(() -> BlockStore.open(dir, 2048))
                    .isInstanceOfSatisfying(LedgerCorruptedException.class, e -> assertThat(e.blockNumber()).isEqualTo(bad));
        }

        @Test
        void a_missing_file_is_reported_at_its_first_block() throws IOException {
            List<Block> blocks = TestLedger.chain(12);
            long firstOfSecondFile;
            Path secondFile;
            try (BlockStore store = open(blocks, 2048)) {
                secondFile = store.files().get(1);
                long number = 0;
                while (!store.locate(number).file().equals(secondFile)) {
                    number++;
                }
                firstOfSecondFile = number;
            }
            Files.delete(secondFile);

            VerifyReport report = LedgerVerifier.verify(dir);
            assertThat(report.firstBadBlock()).isEqualTo(firstOfSecondFile);
            assertThat(report.problem()).startsWith("missing block file blocks-000001.dat");
            assertThatThrownBy(() -> BlockStore.open(dir, 2048)).isInstanceOf(LedgerCorruptedException.class);
        }

        @Test
        void a_block_larger_than_a_segment_gets_a_file_of_its_own() throws IOException {
            List<Block> blocks = TestLedger.chain(3);
            try (BlockStore store = BlockStore.open(dir, 100)) {
                for (Block block : blocks) {
                    store.append(block);
                }
                assertThat(store.files()).hasSize(3);
            }
            try (BlockStore store = BlockStore.open(dir, 100)) {
                assertThat(store.get(2)).isEqualTo(blocks.get(2));
            }
        }
    }

    @Test
    void get_detects_a_frame_damaged_after_open() throws IOException {
        List<Block> blocks = TestLedger.chain(3);
        try (BlockStore store = open(blocks)) {
            BlockStore.BlockLocation location = store.locate(1);
            flipByte(location.file(), location.frameOffset() + 50);

            assertThatThrownBy(() -> store.get(1))
                    .isInstanceOfSatisfying(LedgerCorruptedException.class, e -> assertThat(e.blockNumber()).isEqualTo(1))
                    .hasMessageContaining("checksum mismatch on read");
            assertThat(store.get(2)).isEqualTo(blocks.get(2));
        }
    }

    @Test
    void verifying_an_empty_or_missing_ledger() throws IOException {
        try (BlockStore store = BlockStore.open(dir.resolve("new"))) {
            assertThat(store.height()).isZero();
        }
        assertThat(LedgerVerifier.verify(dir.resolve("new"))).isEqualTo(new VerifyReport(0, null, null));
        assertThatThrownBy(() -> LedgerVerifier.verify(dir.resolve("absent")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void report_summaries_read_well() {
        assertThat(new VerifyReport(4, null, null).summary()).isEqualTo("ledger ok: 4 blocks verified");
        assertThat(new VerifyReport(2, 2L, "checksum mismatch: frame at offset 9 of blocks-000000.dat").summary())
                .isEqualTo("ledger bad at block 2: checksum mismatch: frame at offset 9 of blocks-000000.dat"
                        + " (2 blocks before it verified)");
        assertThatThrownBy(() -> new VerifyReport(1, 1L, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private BlockStore open(List<Block> blocks) throws IOException {
        return open(blocks, BlockStore.DEFAULT_SEGMENT_BYTES);
    }

    private BlockStore open(List<Block> blocks, long segmentBytes) throws IOException {
        BlockStore store = BlockStore.open(dir, segmentBytes);
        for (Block block : blocks) {
            store.append(block);
        }
        return store;
    }

    /** Writes frames directly, bypassing the store's checks, as a tampering party would. */
    private void writeFrames(List<Block> blocks) throws IOException {
        try (FileChannel channel = FileChannel.open(
                dir.resolve("blocks-000000.dat"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (Block block : blocks) {
                ByteBuffer frame = LedgerFiles.frame(block.toByteArray());
                while (frame.hasRemaining()) {
                    channel.write(frame);
                }
            }
        }
    }

    /** The height mark tells a cut of acknowledged blocks from an unfinished append. */
    @Nested
    class HeightMark {
        @Test
        void a_last_file_cut_at_a_frame_boundary_lost_acknowledged_blocks_and_is_refused() throws IOException {
            List<Block> blocks = TestLedger.chain(5);
            BlockStore.BlockLocation third;
            try (BlockStore store = open(blocks)) {
                third = store.locate(2);
            }
            truncate(third.file(), third.frameOffset());

            VerifyReport report = LedgerVerifier.verify(dir);
            assertThat(report.ok()).isFalse();
            assertThat(report.tornTail()).isFalse();
            assertThat(report.firstBadBlock()).isEqualTo(2L);
            assertThat(report.problem()).isEqualTo("missing acknowledged blocks (the block files hold 2 whole blocks, "
                    + "the height mark records 5): frame at offset " + third.frameOffset() + " of blocks-000000.dat");
            assertThatThrownBy(() -> BlockStore.open(dir)).isInstanceOfSatisfying(LedgerCorruptedException.class, e -> {
                assertThat(e.blockNumber()).isEqualTo(2);
                assertThat(e.offset()).isEqualTo(third.frameOffset());
            });
            assertThat(Files.size(third.file())).isEqualTo(third.frameOffset());
        }

        @Test
        void a_cut_inside_an_acknowledged_last_frame_is_refused_not_cut() throws IOException {
            List<Block> blocks = TestLedger.chain(3);
            BlockStore.BlockLocation last;
            try (BlockStore store = open(blocks)) {
                last = store.locate(2);
            }
            truncate(last.file(), last.frameOffset() + 20);

            assertThat(LedgerVerifier.verify(dir).tornTail()).isFalse();
            assertThatThrownBy(() -> BlockStore.open(dir)).isInstanceOfSatisfying(LedgerCorruptedException.class,
                    e -> assertThat(e.blockNumber()).isEqualTo(2));
            assertThat(Files.size(last.file())).isEqualTo(last.frameOffset() + 20);
        }

        @Test
        void without_a_mark_or_with_a_torn_mark_a_torn_tail_is_cut_as_before_and_the_mark_is_rewritten()
                throws IOException {
            List<Block> blocks = TestLedger.chain(3);
            BlockStore.BlockLocation last;
            try (BlockStore store = open(blocks)) {
                last = store.locate(2);
            }
            truncate(last.file(), last.frameOffset() + 20);
            Files.write(dir.resolve(LedgerFiles.HEIGHT_FILE), new byte[] {1, 2, 3});
            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(2);
            }
            assertThat(LedgerFiles.readHeightMark(dir)).isEqualTo(2);
            Files.delete(dir.resolve(LedgerFiles.HEIGHT_FILE));
            try (BlockStore store = BlockStore.open(dir)) {
                store.append(blocks.get(2));
            }
            assertThat(LedgerFiles.readHeightMark(dir)).isEqualTo(3);
            assertThat(LedgerVerifier.verify(dir).ok()).isTrue();
        }
    }

    private List<String> warnings() {
        synchronized (logged) {
            return logged.stream()
                    .filter(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                    .map(LogRecord::getMessage)
                    .toList();
        }
    }

    static void flipByte(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.flip();
            byte flipped = (byte) (one.get() ^ 0x5a);
            channel.write(ByteBuffer.wrap(new byte[] {flipped}), position);
        }
    }

    static void writeInt(Path file, long position, int value) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(0, value), position);
        }
    }

    /**
     * Rewinds the height mark to {@code height}: with {@link #truncate} into the last frame, what an append of block
     * {@code height} interrupted by a crash leaves (its mark is written only after the append returned).
     */
    static void unacknowledge(Path ledger, long height) throws IOException {
        try (FileChannel channel = FileChannel.open(ledger.resolve(LedgerFiles.HEIGHT_FILE), StandardOpenOption.WRITE)) {
            channel.write(LedgerFiles.heightMark(height), 0);
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }
}
