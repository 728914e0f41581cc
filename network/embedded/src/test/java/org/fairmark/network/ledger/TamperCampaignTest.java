package org.fairmark.network.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.fairmark.testkit.Campaign;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability campaign, tampering (issue #13). The embedded network keeps its world state and history in memory,
 * rebuilt from the blocks at every start ({@link LedgerState#rebuild}); the block files (and the height mark) are its
 * only persistent record, so editing the world state behind the ledger's back means editing a block file. Two ways
 * are tried: a single changed byte at sampled positions of every block file ({@code -Dreliability.positions}, each on
 * the pristine files), and a deliberate edit of a value written by a transaction, with the frame checksum and then
 * also the block's data hash recomputed, as someone who knows the file format would.
 */
@Tag(Campaign.TAG)
class TamperCampaignTest {
    private static final int BLOCKS = 40;

    @TempDir
    Path ledger;

    @Test
    void any_changed_byte_of_any_block_file_is_detected_at_its_block() throws Exception {
        int positions = Campaign.size("positions", 150);
        Random random = new Random(Campaign.seed(13_002L));
        long started = System.nanoTime();
        List<Block> blocks = DiskFaultCampaignTest.blocks(BLOCKS);
        List<BlockStore.BlockLocation> locations = new ArrayList<>();
        try (BlockStore store = BlockStore.open(ledger, 32 * 1024)) {
            for (Block block : blocks) {
                store.append(block);
            }
            for (long n = 0; n < BLOCKS; n++) {
                locations.add(store.locate(n));
            }
        }
        List<Path> files = new ArrayList<>(LedgerFiles.listSegments(ledger).values());
        long totalBytes = 0;
        for (Path file : files) {
            totalBytes += Files.size(file);
        }
        Map<Long, Integer> perBlock = new TreeMap<>();
        int detected = 0;
        int tried = 0;
        for (int i = 0; i < positions; i++) {
            // every block in turn, a random byte of its frame (header bytes included)
            BlockStore.BlockLocation in = locations.get(i % BLOCKS);
            Path file = in.file();
            long position = in.frameOffset() + random.nextLong(in.frameBytes());
            int mask = random.nextInt(1, 256);
            long expected = -1;
            for (BlockStore.BlockLocation location : locations) {
                if (location.file().equals(file) && position >= location.frameOffset()
                        && position < location.frameOffset() + location.frameBytes()) {
                    expected = location.number();
                }
            }
            DiskFaultCampaignTest.flip(file, position, mask);
            try {
                VerifyReport report = LedgerVerifier.verify(ledger);
                String what = "byte " + position + " of " + file.getFileName() + " xor " + mask;
                assertThat(report.ok()).as(what).isFalse();
                assertThat(report.tornTail()).as(what + ": " + report.summary()).isFalse();
                assertThat(report.firstBadBlock()).as(what + ": " + report.summary()).isEqualTo(expected);
                if (i % 50 == 0) {
                    LedgerCorruptedException refused =
                            catchThrowableOfType(LedgerCorruptedException.class, () -> BlockStore.open(ledger).close());
                    assertThat(refused).as(what).isNotNull();
                    assertThat(refused.blockNumber()).as(what).isEqualTo(expected);
                }
                detected++;
                perBlock.merge(expected, 1, Integer::sum);
            } finally {
                DiskFaultCampaignTest.flip(file, position, mask);
                tried++;
            }
        }
        assertThat(LedgerVerifier.verify(ledger).ok()).isTrue();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("positions_flipped", tried);
        figures.put("detected_at_their_block", detected);
        figures.put("ledger_bytes", totalBytes);
        figures.put("block_files", files.size());
        figures.put("blocks_hit", perBlock.size() + " of " + BLOCKS);
        figures.put("seconds", (System.nanoTime() - started) / 1_000_000_000.0);
        Campaign.record("tamper-bytes", figures);
        assertThat(detected).isEqualTo(positions);
        assertThat(perBlock).hasSize(BLOCKS);
    }

    /**
     * The state snapshot is persistent too: one byte changed (XOR a random non-zero mask) at positions sampled across
     * the whole snapshot file, each on the otherwise pristine ledger. {@code ledger verify} must report the snapshot
     * bad, and a start (every 10th position) must ignore it, name it, and give the state replayed from the blocks.
     */
    @Test
    void any_changed_byte_of_the_state_snapshot_is_detected_and_never_loaded() throws Exception {
        int positions = Campaign.size("positions", 150);
        Random random = new Random(Campaign.seed(13_004L));
        long started = System.nanoTime();
        LedgerState live = LedgerState.empty();
        try (BlockStore store = BlockStore.open(ledger, 32 * 1024)) {
            for (Block block : DiskFaultCampaignTest.blocks(BLOCKS)) {
                store.append(block);
                live.apply(block);
            }
            assertThat(new StateSnapshots(ledger, 0).write(live, store.lastHeaderHash())).isTrue();
        }
        Path snapshot = ledger.resolve(StateSnapshots.name(BLOCKS));
        Path rejected = ledger.resolve(snapshot.getFileName() + ".rejected");
        long size = Files.size(snapshot);
        int reported = 0;
        int starts = 0;
        int ignoredAtStart = 0;
        for (int i = 0; i < positions; i++) {
            long position = i < size && i < positions / 10 ? i : random.nextLong(size); // the header bytes, then anywhere
            int mask = random.nextInt(1, 256);
            String what = "byte " + position + " of " + snapshot.getFileName() + " xor " + mask;
            DiskFaultCampaignTest.flip(snapshot, position, mask);
            try {
                List<SnapshotReport> reports = LedgerVerifier.verifySnapshots(ledger, false);
                assertThat(reports).as(what).singleElement().satisfies(report ->
                        assertThat(report.ok()).as(what + ": " + report.summary()).isFalse());
                reported++;
                if (i % 10 == 0) {
                    StateSnapshots.Restored restored;
                    try (BlockStore store = BlockStore.open(ledger)) {
                        restored = StateSnapshots.restore(store);
                    }
                    starts++;
                    assertThat(restored.startup().snapshotHeight()).as(what).isZero();
                    assertThat(restored.startup().warnings()).as(what).singleElement().asString()
                            .contains("snapshot ignored: " + snapshot.getFileName());
                    assertThat(restored.state().digest()).as(what).isEqualTo(live.digest());
                    ignoredAtStart++;
                    Files.move(rejected, snapshot);
                }
            } finally {
                DiskFaultCampaignTest.flip(snapshot, position, mask);
            }
        }
        assertThat(LedgerVerifier.verifySnapshots(ledger, true)).singleElement()
                .satisfies(report -> assertThat(report.ok()).as(report.summary()).isTrue());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("positions_flipped", positions);
        figures.put("reported_by_verify", reported);
        figures.put("starts", starts);
        figures.put("ignored_at_start_state_as_replayed", ignoredAtStart);
        figures.put("snapshot_bytes", size);
        figures.put("seconds", (System.nanoTime() - started) / 1_000_000_000.0);
        Campaign.record("tamper-snapshot", figures);
        assertThat(reported).isEqualTo(positions);
        assertThat(ignoredAtStart).isEqualTo(starts);
    }

    @Test
    void an_edited_value_is_detected_even_with_the_checksum_and_the_data_hash_recomputed() throws Exception {
        List<Block> blocks = DiskFaultCampaignTest.blocks(BLOCKS);
        long target = 17;
        BlockStore.BlockLocation location;
        try (BlockStore store = BlockStore.open(ledger)) {
            for (Block block : blocks) {
                store.append(block);
            }
            location = store.locate(target);
        }
        Block original = blocks.get((int) target);
        String value = "a".repeat(900);
        String forged = "z".repeat(900);

        // 1. the value changed in place, frame checksum recomputed: the data hash no longer matches
        rewrite(location, replace(original, value, forged, false));
        VerifyReport checksumOnly = LedgerVerifier.verify(ledger);
        assertThat(checksumOnly.firstBadBlock()).isEqualTo(target);
        assertThat(checksumOnly.problem()).startsWith("data hash mismatch");

        // 2. the data hash recomputed as well: the next block's previous hash no longer matches this header
        rewrite(location, replace(original, value, forged, true));
        VerifyReport dataHashToo = LedgerVerifier.verify(ledger);
        assertThat(dataHashToo.firstBadBlock()).isEqualTo(target + 1);
        assertThat(dataHashToo.problem()).startsWith("previous hash mismatch");
        LedgerCorruptedException refused =
                catchThrowableOfType(LedgerCorruptedException.class, () -> BlockStore.open(ledger).close());
        assertThat(refused.blockNumber()).isEqualTo(target + 1);

        Campaign.record("tamper-state", Map.of(
                "edited_value_checksum_recomputed", "detected: " + checksumOnly.problem().split(":")[0],
                "edited_value_data_hash_recomputed", "detected at next block: " + dataHashToo.problem().split(":")[0]));
    }

    /** The block with {@code from} replaced by {@code to} in its data; the data hash recomputed when asked. */
    private static Block replace(Block block, String from, String to, boolean fixDataHash) {
        BlockData.Builder data = BlockData.newBuilder();
        for (ByteString envelope : block.getData().getDataList()) {
            data.addData(ByteString.copyFrom(replaceBytes(envelope.toByteArray(), from, to)));
        }
        Block.Builder edited = block.toBuilder().setData(data);
        assertThat(edited.getData()).isNotEqualTo(block.getData());
        if (fixDataHash) {
            edited.setHeader(block.getHeader().toBuilder()
                    .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(edited.getData()))));
        }
        return edited.build();
    }

    private static byte[] replaceBytes(byte[] bytes, String from, String to) {
        byte[] pattern = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] replacement = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = bytes.clone();
        for (int i = 0; i + pattern.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + pattern.length, pattern, 0, pattern.length)) {
                System.arraycopy(replacement, 0, out, i, replacement.length);
                i += pattern.length - 1;
            }
        }
        return out;
    }

    /** Rewrites the frame at {@code location} in place (same length) with a valid frame checksum. */
    private static void rewrite(BlockStore.BlockLocation location, Block replacement) throws Exception {
        ByteBuffer frame = LedgerFiles.frame(replacement.toByteArray());
        assertThat(frame.remaining()).isEqualTo(location.frameBytes());
        try (FileChannel channel = FileChannel.open(location.file(), StandardOpenOption.WRITE)) {
            channel.write(frame, location.frameOffset());
        }
    }
}
