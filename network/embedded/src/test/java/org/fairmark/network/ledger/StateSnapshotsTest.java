package org.fairmark.network.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fairmark.testkit.Property;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State snapshots: a start from a snapshot plus the later blocks gives exactly the state of a full replay, and every
 * way a snapshot can be missing, stale, damaged or foreign leads to a correct state, never to the snapshot's.
 */
class StateSnapshotsTest {
    @TempDir
    Path dir;

    /** Random workloads (writes, deletes, validation parameters, invalid transactions), snapshot at a random height. */
    @Test
    void restart_from_a_snapshot_equals_a_full_replay() {
        Property.forAll(40, random -> new Workload(LedgerStatePropertiesTest.blocks(random),
                random.nextInt(1, 1000), random.nextLong()), workload -> {
            Path ledger = Files.createTempDirectory("snapshot-property");
            try {
                int snapshotAt = 1 + workload.snapshotPick() % workload.blocks().size();
                LedgerState live = LedgerState.empty();
                try (BlockStore store = BlockStore.open(ledger)) {
                    StateSnapshots snapshots = new StateSnapshots(ledger, 0);
                    appendAll(store, live, workload.blocks(), snapshotAt, snapshots);
                }
                byte[] fullReplay;
                LedgerState replayed;
                Path copy = Files.createTempDirectory("snapshot-property-replay");
                try {
                    copyBlocks(ledger, copy);
                    try (BlockStore store = BlockStore.open(copy)) {
                        replayed = LedgerState.rebuild(store);
                        fullReplay = replayed.digest();
                    }
                } finally {
                    TestLedger.deleteRecursively(copy);
                }
                StateSnapshots.Restored restored;
                try (BlockStore store = BlockStore.open(ledger)) {
                    restored = StateSnapshots.restore(store);
                }
                assertThat(restored.startup().snapshotHeight()).isEqualTo(snapshotAt);
                assertThat(restored.startup().replayedBlocks()).isEqualTo(workload.blocks().size() - snapshotAt);
                assertThat(restored.startup().warnings()).isEmpty();
                LedgerState state = restored.state();
                assertThat(state.digest()).isEqualTo(fullReplay).isEqualTo(live.digest());
                assertSameAnswers(state, replayed);
            } finally {
                TestLedger.deleteRecursively(ledger);
            }
        });
    }

    record Workload(List<List<LedgerStatePropertiesTest.Tx>> blocks, int snapshotPick, long seed) {}

    @Test
    void a_deleted_snapshot_means_a_full_replay() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(12, 8);
        deleteSnapshots();

        StateSnapshots.Restored restored = restore();

        assertThat(restored.startup().snapshotHeight()).isZero();
        assertThat(restored.startup().snapshotFile()).isNull();
        assertThat(restored.startup().replayedBlocks()).isEqualTo(12);
        assertThat(restored.startup().summary()).contains("no usable state snapshot: replayed all 12 blocks");
        assertThat(restored.state().digest()).isEqualTo(live.digest());
    }

    @Test
    void a_stale_snapshot_is_used_and_the_later_blocks_replayed() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(20, 5);

        StateSnapshots.Restored restored = restore();

        assertThat(restored.startup().snapshotHeight()).isEqualTo(5);
        assertThat(restored.startup().replayedBlocks()).isEqualTo(15);
        assertThat(restored.state().digest()).isEqualTo(live.digest());
    }

    @Test
    void a_snapshot_with_a_flipped_byte_is_ignored_renamed_and_noted_and_the_chain_replayed() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(10, 10);
        Path snapshot = dir.resolve(StateSnapshots.name(10));
        flipByte(snapshot, Files.size(snapshot) / 2);

        StateSnapshots.Restored restored = restore();

        assertThat(restored.startup().snapshotHeight()).isZero();
        assertThat(restored.startup().warnings()).singleElement().asString()
                .contains("snapshot ignored: " + snapshot.getFileName(), "checksum mismatch");
        assertThat(restored.state().digest()).isEqualTo(live.digest());
        assertThat(snapshot).doesNotExist();
        assertThat(dir.resolve(snapshot.getFileName() + ".rejected")).exists();
        assertThat(LedgerRecovery.lastNoted(dir)).get().asString().startsWith("snapshot ignored: ");
        // the rejected file is not looked at again
        assertThat(restore().startup().warnings()).isEmpty();
    }

    @Test
    void a_truncated_snapshot_is_ignored() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(10, 10);
        Path snapshot = dir.resolve(StateSnapshots.name(10));
        for (long keep : new long[] {Files.size(snapshot) - 1, Files.size(snapshot) / 2, 30, 0}) {
            truncate(snapshot, keep);
            StateSnapshots.Restored restored = restore();
            assertThat(restored.startup().snapshotHeight()).isZero();
            assertThat(restored.startup().warnings()).singleElement().asString().contains("snapshot ignored");
            assertThat(restored.state().digest()).isEqualTo(live.digest());
            Files.move(dir.resolve(snapshot.getFileName() + ".rejected"), snapshot);
        }
    }

    @Test
    void a_snapshot_of_another_chain_is_ignored_even_with_a_sound_checksum() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(10, 0);
        Path other = Files.createTempDirectory("other-chain");
        try (BlockStore store = BlockStore.open(other)) {
            LedgerState otherState = LedgerState.empty();
            Block block = null;
            for (int i = 0; i < 6; i++) {
                block = TestLedger.next(block, "other-" + i);
                store.append(block);
                otherState.apply(block);
            }
            assertThat(new StateSnapshots(other, 0).write(otherState, store.lastHeaderHash())).isTrue();
        }
        Files.copy(other.resolve(StateSnapshots.name(6)), dir.resolve(StateSnapshots.name(6)));

        StateSnapshots.Restored restored = restore();

        assertThat(restored.startup().snapshotHeight()).isZero();
        assertThat(restored.startup().warnings()).singleElement().asString()
                .contains("is not the hash of block 5 of the chain");
        assertThat(restored.state().digest()).isEqualTo(live.digest());
        TestLedger.deleteRecursively(other);
    }

    @Test
    void a_snapshot_beyond_the_chain_is_ignored() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(6, 6);
        Files.move(dir.resolve(StateSnapshots.name(6)), dir.resolve(StateSnapshots.name(9)));

        StateSnapshots.Restored restored = restore();

        assertThat(restored.startup().warnings()).singleElement().asString()
                .contains("it covers 9 blocks but the chain has 6");
        assertThat(restored.state().digest()).isEqualTo(live.digest());
    }

    /** Found by the disk-fault campaign: a start used such a file silently while {@code ledger verify} reported it. */
    @Test
    void an_older_snapshot_under_a_newer_name_is_ignored_and_named_at_start() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(12, 4, 8);
        Files.copy(dir.resolve(StateSnapshots.name(4)), dir.resolve(StateSnapshots.name(8)),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        StateSnapshots.Restored restored = restore();

        assertThat(restored.startup().snapshotHeight()).isEqualTo(4);
        assertThat(restored.startup().warnings()).singleElement().asString()
                .contains("snapshot ignored: " + StateSnapshots.name(8), "its header says height 4, its name 8");
        assertThat(restored.state().digest()).isEqualTo(live.digest());
    }

    @Test
    void a_damaged_newest_snapshot_falls_back_to_the_older_one() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(15, 4, 8);
        flipByte(dir.resolve(StateSnapshots.name(8)), 60);

        StateSnapshots.Restored restored = restore();

        assertThat(restored.startup().snapshotHeight()).isEqualTo(4);
        assertThat(restored.startup().replayedBlocks()).isEqualTo(11);
        assertThat(restored.startup().warnings()).hasSize(1);
        assertThat(restored.state().digest()).isEqualTo(live.digest());
    }

    @Test
    void a_crash_during_a_snapshot_write_leaves_a_temp_file_that_is_harmless_and_removed() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(9, 3);
        Path temp = dir.resolve(StateSnapshots.name(9) + StateSnapshots.TEMP_SUFFIX);
        byte[] complete = Files.readAllBytes(dir.resolve(StateSnapshots.name(3)));
        Files.write(temp, java.util.Arrays.copyOf(complete, complete.length / 2));

        assertThat(LedgerVerifier.verifySnapshots(dir, true)).singleElement()
                .satisfies(report -> assertThat(report.ok()).isTrue());
        StateSnapshots.Restored restored = restore();

        assertThat(temp).doesNotExist();
        assertThat(restored.startup().snapshotHeight()).isEqualTo(3);
        assertThat(restored.startup().warnings()).isEmpty();
        assertThat(restored.state().digest()).isEqualTo(live.digest());
    }

    @Test
    void only_the_two_newest_snapshots_are_kept_and_periodic_ones_follow_the_interval() throws IOException {
        try (BlockStore store = BlockStore.open(dir)) {
            LedgerState state = LedgerState.empty();
            StateSnapshots snapshots = new StateSnapshots(dir, 4);
            for (Block block : TestLedger.chain(13)) {
                store.append(block);
                state.apply(block);
                snapshots.afterCommit(state, store.lastHeaderHash());
            }
            assertThat(snapshots.lastHeight()).isEqualTo(12);
        }
        assertThat(snapshotNames()).containsExactly(StateSnapshots.name(12), StateSnapshots.name(8));
    }

    @Test
    void verify_replays_the_chain_and_finds_a_forged_snapshot_with_a_sound_checksum_and_hash() throws IOException {
        ledgerWithSnapshotsAt(10, 10);
        assertThat(LedgerVerifier.verifySnapshots(dir, true)).singleElement()
                .satisfies(report -> assertThat(report.summary()).contains("snapshot ok", "equal to the state replayed"));
        // a state that is not the chain's, written with the chain's height and block hash
        LedgerState forged = LedgerState.empty();
        List<Block> chain = TestLedger.chain(10);
        for (int number = 0; number < 10; number++) {
            Block block = chain.get(number);
            if (number == 7) {
                block = Blocks.withValidationCodes(Blocks.newBlock(7, BlockHashes.headerHash(chain.get(6).getHeader()),
                        List.of(TestLedger.writing("forged", TestLedger.put("batch-7", "forged")))),
                        List.of(TxValidationCode.VALID));
            }
            forged.apply(block);
        }
        byte[] chainHash = BlockHashes.headerHash(chain.get(9).getHeader());
        Files.delete(dir.resolve(StateSnapshots.name(10)));
        assertThat(new StateSnapshots(dir, 0).write(forged, chainHash)).isTrue();

        List<SnapshotReport> cheap = LedgerVerifier.verifySnapshots(dir, false);
        List<SnapshotReport> replayed = LedgerVerifier.verifySnapshots(dir, true);

        assertThat(cheap).singleElement().satisfies(report -> assertThat(report.ok()).isTrue());
        assertThat(replayed).singleElement().satisfies(report -> {
            assertThat(report.ok()).isFalse();
            assertThat(report.problem()).contains("its state differs from the state replayed from blocks 0..9");
        });
    }

    @Test
    void verify_reports_a_damaged_snapshot_without_changing_a_file() throws IOException {
        ledgerWithSnapshotsAt(10, 10);
        Path snapshot = dir.resolve(StateSnapshots.name(10));
        flipByte(snapshot, 70);
        byte[] before = Files.readAllBytes(snapshot);

        List<SnapshotReport> reports = LedgerVerifier.verifySnapshots(dir, true);

        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.problem()).contains("checksum mismatch");
            assertThat(report.summary()).startsWith("snapshot bad: " + snapshot.getFileName());
        });
        assertThat(Files.readAllBytes(snapshot)).isEqualTo(before);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A ledger of {@code TestLedger.chain(height)} in {@link #dir} with snapshots at the given heights. */
    private LedgerState ledgerWithSnapshotsAt(int height, int... snapshotHeights) throws IOException {
        LedgerState state = LedgerState.empty();
        try (BlockStore store = BlockStore.open(dir)) {
            StateSnapshots snapshots = new StateSnapshots(dir, 0);
            for (Block block : TestLedger.chain(height)) {
                store.append(block);
                state.apply(block);
                for (int at : snapshotHeights) {
                    if (at == state.height()) {
                        assertThat(snapshots.write(state, store.lastHeaderHash())).isTrue();
                    }
                }
            }
        }
        return state;
    }

    private StateSnapshots.Restored restore() throws IOException {
        try (BlockStore store = BlockStore.open(dir)) {
            return StateSnapshots.restore(store);
        }
    }

    private static void appendAll(BlockStore store, LedgerState live, List<List<LedgerStatePropertiesTest.Tx>> blocks,
            int snapshotAt, StateSnapshots snapshots) throws IOException {
        int txCounter = 0;
        for (List<LedgerStatePropertiesTest.Tx> transactions : blocks) {
            long number = store.height();
            List<Envelope> envelopes = new ArrayList<>();
            List<TxValidationCode> codes = new ArrayList<>();
            for (LedgerStatePropertiesTest.Tx tx : transactions) {
                String txId = "tx-" + txCounter++;
                Instant timestamp = Instant.ofEpochSecond(1_700_000_000L + txCounter, txCounter);
                envelopes.add(TestLedger.transaction(txId, timestamp, LedgerStatePropertiesTest.rwset(tx), null));
                codes.add(tx.code());
            }
            Block block = Blocks.withValidationCodes(Blocks.newBlock(number, store.lastHeaderHash(), envelopes), codes);
            store.append(block);
            live.apply(block);
            if (live.height() == snapshotAt) {
                assertThat(snapshots.write(live, store.lastHeaderHash())).isTrue();
            }
        }
    }

    /** Every query a chaincode or the gateway makes answers alike: ranges (with versions), gets, histories, tx ids. */
    private static void assertSameAnswers(LedgerState actual, LedgerState expected) {
        assertThat(actual.height()).isEqualTo(expected.height());
        assertThat(actual.transactionCount()).isEqualTo(expected.transactionCount());
        for (String namespace : List.of("fairmark", "other")) {
            assertThat(actual.range(namespace, "", "", 10_000)).isEqualTo(expected.range(namespace, "", "", 10_000));
            for (String key : List.of("a", "b", "batch~1", "\u00e4", "\uD83C\uDF4E", "\uFFFD", "k\u0000x")) {
                assertThat(actual.get(namespace, key)).isEqualTo(expected.get(namespace, key));
                assertThat(actual.history(namespace, key)).isEqualTo(expected.history(namespace, key));
            }
        }
        for (int i = 0; i < expected.transactionCount() + 2; i++) {
            assertThat(actual.transaction("tx-" + i)).isEqualTo(expected.transaction("tx-" + i));
        }
    }

    private void deleteSnapshots() throws IOException {
        for (String name : snapshotNames()) {
            Files.delete(dir.resolve(name));
        }
    }

    private List<String> snapshotNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("snapshot-\\d{20}\\.snap"))
                    .sorted(java.util.Comparator.reverseOrder())
                    .toList();
        }
    }

    private static void copyBlocks(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().startsWith("blocks-")) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int original = raf.read();
            raf.seek(position);
            raf.write(original ^ 0x10);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
    }
}
