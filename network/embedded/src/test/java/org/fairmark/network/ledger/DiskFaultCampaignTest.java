package org.fairmark.network.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fairmark.testkit.Campaign;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability campaign, disk faults (issue #13): random damage to the files of a ledger that spans several block
 * files, one fault per round on a fresh copy. Each fault must be reported by {@code ledger verify} at the block and
 * offset where it lies, and a start must refuse it and change no file; the only damage a start repairs is an unfinished
 * append (a torn frame after the last acknowledged block), and that it reports. Rounds: {@code -Dreliability.faults}.
 *
 * <p>The damaged files come from {@link Target}s: the block files, and the state snapshots, whose loader must never
 * give a state other than the one replayed from the blocks ({@link #snapshot_faults}).
 */
@Tag(Campaign.TAG)
class DiskFaultCampaignTest {
    private static final long SEGMENT_BYTES = 16 * 1024;
    private static final int BLOCKS = 60;

    /** Where damage can be done: a set of files in the ledger directory. */
    enum Target {
        BLOCK_FILES,
        /** The state snapshot files ({@code snapshot-<height>.snap}) next to the block files. */
        SNAPSHOT;

        List<Path> files(Path ledger) throws IOException {
            return new ArrayList<>(LedgerFiles.listSegments(ledger).values());
        }
    }

    /** Every target has its campaign: the block files in the first test, the snapshot in {@link #snapshot_faults}. */
    static final List<Target> TARGETS = List.of(Target.BLOCK_FILES, Target.SNAPSHOT);

    /** The faults done to the newest state snapshot. */
    enum SnapshotFault {
        /** A snapshot write that never finished: part of a newer snapshot in a temp file. */
        TORN_WRITE,
        /** The snapshot file cut at a random offset. */
        TRUNCATED,
        /** One bit flipped at a random offset of the snapshot. */
        BIT_FLIP,
        /** The newest snapshot deleted (every other time all snapshots). */
        DELETED,
        /** The newest snapshot's file replaced by an older snapshot's bytes (a stale copy put back). */
        STALE
    }

    /** The faults of the campaign. */
    enum Fault {
        /** An append that never returned: part of a frame of the next block at the end of the last file. */
        TORN_APPEND,
        /** A file cut short at a random offset (an acknowledged block lost, wholly or in part). */
        TRUNCATED,
        /** One bit flipped at a random offset of a random file. */
        BIT_FLIP,
        /** A block file gone. */
        LOST_FILE,
        /** A bit flipped while the ledger is open: reads of that block must fail, never serve it. */
        BIT_FLIP_WHILE_OPEN
    }

    @TempDir
    Path work;

    @Test
    void every_disk_fault_is_reported_with_block_and_offset_and_nothing_is_accepted_or_erased_silently()
            throws Exception {
        int rounds = Campaign.size("faults", 20);
        long started = System.nanoTime();
        Random random = new Random(Campaign.seed(13_001L));
        Path pristine = work.resolve("pristine");
        List<Block> blocks = blocks(BLOCKS);
        TreeMap<Long, BlockStore.BlockLocation> locations = new TreeMap<>();
        try (BlockStore store = BlockStore.open(pristine, SEGMENT_BYTES)) {
            for (Block block : blocks) {
                store.append(block);
            }
            for (long n = 0; n < BLOCKS; n++) {
                BlockStore.BlockLocation location = store.locate(n);
                locations.put(n, new BlockStore.BlockLocation(n, pristine.relativize(location.file()),
                        location.frameOffset(), location.frameBytes()));
            }
        }
        assertThat(LedgerFiles.listSegments(pristine)).hasSizeGreaterThan(3);

        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        Map<Fault, Integer> detected = new EnumMap<>(Fault.class);
        for (int round = 0; round < rounds; round++) {
            // Every fault in turn, every other time on the last block file (where damage looks most like a crash).
            Fault fault = Fault.values()[round % Fault.values().length];
            boolean lastFile = (round / Fault.values().length) % 2 == 0;
            Target target = Target.BLOCK_FILES;
            Path ledger = work.resolve("round-" + round);
            copy(pristine, ledger);
            String what = "round " + round + " " + fault + " on " + target;
            boolean ok = switch (fault) {
                case TORN_APPEND -> tornAppend(ledger, blocks, random, what);
                case TRUNCATED -> truncated(ledger, pick(target.files(ledger), lastFile, random), locations, random, what);
                case BIT_FLIP -> bitFlip(ledger, pick(target.files(ledger), lastFile, random), locations, random, what);
                case LOST_FILE -> lostFile(ledger, pick(target.files(ledger), lastFile, random), locations, what);
                case BIT_FLIP_WHILE_OPEN -> bitFlipWhileOpen(ledger, locations, random, what);
            };
            counts.merge(fault, 1, Integer::sum);
            if (ok) {
                detected.merge(fault, 1, Integer::sum);
            }
            TestLedger.deleteRecursively(ledger);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rounds", rounds);
        figures.put("block_files", LedgerFiles.listSegments(pristine).size());
        figures.put("blocks", BLOCKS);
        figures.put("seconds", (System.nanoTime() - started) / 1_000_000_000.0);
        for (Fault fault : Fault.values()) {
            figures.put(fault.name().toLowerCase() + "_injected", counts.getOrDefault(fault, 0));
            figures.put(fault.name().toLowerCase() + "_reported", detected.getOrDefault(fault, 0));
        }
        Campaign.record("disk-faults", figures);
        assertThat(detected).isEqualTo(counts);
    }

    /**
     * The snapshot target: one fault per round on a fresh copy of a 60-block ledger with snapshots at heights 30 and
     * 60. Whatever is done to the snapshots, a start gives exactly the state replayed from the blocks, a damaged
     * snapshot is reported by {@code ledger verify} and named in the start's warning, a deleted or stale one shows in
     * the start's summary (it starts from an older height, or replays everything), and no block file changes.
     */
    @Test
    void snapshot_faults() throws Exception {
        assertThat(TARGETS).contains(Target.SNAPSHOT);
        int rounds = Campaign.size("faults", 20);
        long started = System.nanoTime();
        Random random = new Random(Campaign.seed(13_003L));
        Path pristine = work.resolve("pristine-snapshot");
        LedgerState live = LedgerState.empty();
        try (BlockStore store = BlockStore.open(pristine, SEGMENT_BYTES)) {
            StateSnapshots snapshots = new StateSnapshots(pristine, 0);
            for (Block block : blocks(BLOCKS)) {
                store.append(block);
                live.apply(block);
                if (live.height() == BLOCKS / 2 || live.height() == BLOCKS) {
                    assertThat(snapshots.write(live, store.lastHeaderHash())).isTrue();
                }
            }
        }
        byte[] expected = live.digest();
        String newest = StateSnapshots.name(BLOCKS);
        String older = StateSnapshots.name(BLOCKS / 2);
        Map<SnapshotFault, Integer> counts = new EnumMap<>(SnapshotFault.class);
        Map<SnapshotFault, Integer> detected = new EnumMap<>(SnapshotFault.class);
        for (int round = 0; round < rounds; round++) {
            SnapshotFault fault = SnapshotFault.values()[round % SnapshotFault.values().length];
            boolean alternate = (round / SnapshotFault.values().length) % 2 == 1;
            Path ledger = work.resolve("snapshot-round-" + round);
            copy(pristine, ledger);
            Path file = ledger.resolve(newest);
            String what = "round " + round + " " + fault + (alternate ? " (alternate)" : "");
            Map<Path, String> blocksBefore = blockHashes(ledger);
            long size = Files.size(file);
            switch (fault) {
                case TORN_WRITE -> {
                    byte[] bytes = Files.readAllBytes(file);
                    Files.write(ledger.resolve(StateSnapshots.name(BLOCKS) + StateSnapshots.TEMP_SUFFIX),
                            java.util.Arrays.copyOf(bytes, random.nextInt(0, bytes.length)));
                }
                case TRUNCATED -> {
                    long cut = random.nextLong(0, size);
                    what += " cut at " + cut;
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(cut);
                    }
                }
                case BIT_FLIP -> {
                    long position = random.nextLong(0, size);
                    int bit = random.nextInt(8);
                    what += " bit " + bit + " of byte " + position;
                    flip(file, position, 1 << bit);
                }
                case DELETED -> {
                    Files.delete(file);
                    if (alternate) {
                        Files.delete(ledger.resolve(older));
                    }
                }
                case STALE -> Files.copy(ledger.resolve(older), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            boolean damaged = fault == SnapshotFault.TRUNCATED || fault == SnapshotFault.BIT_FLIP
                    || fault == SnapshotFault.STALE;
            String described = what;
            if (damaged) {
                List<SnapshotReport> reports = LedgerVerifier.verifySnapshots(ledger, false);
                assertThat(reports).as(what).anySatisfy(report -> {
                    assertThat(report.file()).contains(newest);
                    assertThat(report.ok()).as(described + ": " + report.summary()).isFalse();
                });
            }
            StateSnapshots.Restored restored;
            try (BlockStore store = BlockStore.open(ledger, SEGMENT_BYTES)) {
                restored = StateSnapshots.restore(store);
            }
            StateSnapshots.Startup startup = restored.startup();
            assertThat(restored.state().digest()).as(what + ": " + startup.summary()).isEqualTo(expected);
            switch (fault) {
                case TORN_WRITE -> {
                    assertThat(startup.snapshotHeight()).as(what).isEqualTo(BLOCKS);
                    assertThat(startup.warnings()).as(what).isEmpty();
                    assertThat(ledger.resolve(newest + StateSnapshots.TEMP_SUFFIX)).as(what).doesNotExist();
                }
                case TRUNCATED, BIT_FLIP, STALE -> {
                    assertThat(startup.snapshotHeight()).as(what + ": " + startup.summary()).isEqualTo(BLOCKS / 2);
                    assertThat(startup.warnings()).as(what).singleElement().asString()
                            .contains("snapshot ignored: " + newest);
                }
                case DELETED -> {
                    assertThat(startup.snapshotHeight()).as(what).isEqualTo(alternate ? 0 : BLOCKS / 2);
                    assertThat(startup.replayedBlocks()).as(what).isEqualTo(alternate ? BLOCKS : BLOCKS / 2);
                    if (alternate) {
                        assertThat(startup.summary()).as(what).contains("no usable state snapshot");
                    }
                }
            }
            assertThat(blockHashes(ledger)).as(what + ": block files changed").isEqualTo(blocksBefore);
            assertThat(LedgerVerifier.verify(ledger).ok()).as(what).isTrue();
            counts.merge(fault, 1, Integer::sum);
            detected.merge(fault, 1, Integer::sum);
            TestLedger.deleteRecursively(ledger);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rounds", rounds);
        figures.put("blocks", BLOCKS);
        figures.put("snapshots", older + ", " + newest);
        figures.put("seconds", (System.nanoTime() - started) / 1_000_000_000.0);
        for (SnapshotFault fault : SnapshotFault.values()) {
            figures.put(fault.name().toLowerCase() + "_injected", counts.getOrDefault(fault, 0));
            figures.put(fault.name().toLowerCase() + "_detected_state_as_replayed", detected.getOrDefault(fault, 0));
        }
        Campaign.record("disk-faults-snapshot", figures);
        assertThat(detected).isEqualTo(counts);
    }

    private static Map<Path, String> blockHashes(Path ledger) throws Exception {
        Map<Path, String> all = hashes(ledger);
        all.keySet().removeIf(name -> !name.toString().startsWith("blocks-"));
        return all;
    }

    /** The torn frame is reported as such, cut on open with a note, and every acknowledged block is kept. */
    private static boolean tornAppend(Path ledger, List<Block> blocks, Random random, String what) throws IOException {
        Block next = TestLedger.next(blocks.get(blocks.size() - 1), "tx-torn");
        ByteBuffer frame = LedgerFiles.frame(next.toByteArray());
        int kept = random.nextInt(1, frame.remaining());
        Path last = LedgerFiles.listSegments(ledger).lastEntry().getValue();
        long size = Files.size(last);
        try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(frame.array(), 0, kept));
        }
        VerifyReport report = LedgerVerifier.verify(ledger);
        assertThat(report.tornTail()).as(what + ": " + report.summary()).isTrue();
        assertThat(report.firstBadBlock()).as(what).isEqualTo((long) BLOCKS);
        assertThat(report.problem()).as(what).contains("offset " + size + " of " + last.getFileName());
        try (BlockStore store = BlockStore.open(ledger, SEGMENT_BYTES)) {
            assertThat(store.height()).as(what).isEqualTo(BLOCKS);
            LedgerRecovery recovery = store.recovery().orElseThrow();
            assertThat(recovery.offset()).as(what).isEqualTo(size);
            assertThat(recovery.bytes()).as(what).isEqualTo(kept);
        }
        assertThat(LedgerRecovery.lastNoted(ledger)).as(what).isPresent();
        assertThat(LedgerVerifier.verify(ledger).ok()).as(what).isTrue();
        return true;
    }

    private static Path pick(List<Path> files, boolean last, Random random) {
        return last ? files.get(files.size() - 1) : files.get(random.nextInt(files.size()));
    }

    private static boolean truncated(Path ledger, Path file, TreeMap<Long, BlockStore.BlockLocation> locations,
            Random random, String what) throws Exception {
        long size = Files.size(file);
        long cut = random.nextLong(0, size);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(cut);
        }
        long expected = blockAt(locations, ledger.relativize(file), cut);
        return refusedAt(ledger, expected, what + " cut " + file.getFileName() + " at " + cut);
    }

    private static boolean bitFlip(Path ledger, Path file, TreeMap<Long, BlockStore.BlockLocation> locations,
            Random random, String what) throws Exception {
        long position = random.nextLong(0, Files.size(file));
        flip(file, position, 1 << random.nextInt(8));
        long expected = blockAt(locations, ledger.relativize(file), position);
        return refusedAt(ledger, expected, what + " at " + position + " of " + file.getFileName());
    }

    private static boolean lostFile(Path ledger, Path file, TreeMap<Long, BlockStore.BlockLocation> locations,
            String what) throws Exception {
        Files.delete(file);
        long expected = blockAt(locations, ledger.relativize(file), 0);
        return refusedAt(ledger, expected, what + " " + file.getFileName());
    }

    private static boolean bitFlipWhileOpen(Path ledger, TreeMap<Long, BlockStore.BlockLocation> locations,
            Random random, String what) throws Exception {
        long number = random.nextLong(0, BLOCKS);
        BlockStore.BlockLocation location = locations.get(number);
        try (BlockStore store = BlockStore.open(ledger, SEGMENT_BYTES)) {
            flip(ledger.resolve(location.file()), location.frameOffset() + random.nextLong(0, location.frameBytes()),
                    1 << random.nextInt(8));
            LedgerCorruptedException refused =
                    catchThrowableOfType(LedgerCorruptedException.class, () -> store.get(number));
            assertThat(refused).as(what + " block " + number).isNotNull();
            assertThat(refused.blockNumber()).as(what).isEqualTo(number);
        }
        return refusedAt(ledger, number, what + " block " + number);
    }

    /**
     * Verify names {@code expected} and the offset of its frame; a start refuses with the same block and offset,
     * notes no recovery and leaves every file as it was.
     */
    private static boolean refusedAt(Path ledger, long expected, String what) throws Exception {
        Map<Path, String> before = hashes(ledger);
        VerifyReport report = LedgerVerifier.verify(ledger);
        assertThat(report.ok()).as(what).isFalse();
        assertThat(report.tornTail()).as(what + ": " + report.summary()).isFalse();
        assertThat(report.firstBadBlock()).as(what + ": " + report.summary()).isEqualTo(expected);
        assertThat(report.blocksChecked()).as(what).isEqualTo(expected);
        assertThat(report.problem()).as(what).containsPattern("(offset \\d+ of blocks-\\d{6}\\.dat|missing block file)");
        LedgerCorruptedException refused = catchThrowableOfType(LedgerCorruptedException.class,
                () -> BlockStore.open(ledger, SEGMENT_BYTES).close());
        assertThat(refused).as(what + ": the open was not refused").isNotNull();
        assertThat(refused.blockNumber()).as(what).isEqualTo(expected);
        assertThat(refused.getMessage()).as(what).contains("no file was changed");
        assertThat(LedgerRecovery.lastNoted(ledger)).as(what).isEmpty();
        assertThat(hashes(ledger)).as(what + ": files changed by the refused open").isEqualTo(before);
        return true;
    }

    /** The block whose frame holds {@code position} of {@code file}, or the first block after the file's frames. */
    private static long blockAt(TreeMap<Long, BlockStore.BlockLocation> locations, Path file, long position) {
        long after = -1;
        for (BlockStore.BlockLocation location : locations.values()) {
            if (!location.file().equals(file)) {
                if (after >= 0) {
                    return location.number();
                }
                continue;
            }
            after = location.number();
            if (position < location.frameOffset() + location.frameBytes()) {
                return location.number();
            }
        }
        return locations.lastKey() + 1;
    }

    static List<Block> blocks(int count) {
        List<Block> blocks = new ArrayList<>();
        Block previous = null;
        for (int number = 0; number < count; number++) {
            byte[] previousHash = previous == null ? null : BlockHashes.headerHash(previous.getHeader());
            Block block = Blocks.newBlock(number, previousHash, List.of(
                    TestLedger.writing("tx-" + number + "-a", TestLedger.put("batch-" + number, "a".repeat(900))),
                    TestLedger.writing("tx-" + number + "-b", TestLedger.put("pkg-" + number, "b".repeat(1500)))));
            block = Blocks.withValidationCodes(block, List.of(TxValidationCode.VALID, TxValidationCode.VALID));
            blocks.add(block);
            previous = block;
        }
        return blocks;
    }

    static void flip(Path file, long position, int mask) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            channel.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ mask)}), position);
        }
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals(LedgerFiles.LOCK_FILE)) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }

    static Map<Path, String> hashes(Path dir) throws Exception {
        Map<Path, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals(LedgerFiles.LOCK_FILE)) {
                    hashes.put(file.getFileName(), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
                }
            }
        }
        return hashes;
    }
}
