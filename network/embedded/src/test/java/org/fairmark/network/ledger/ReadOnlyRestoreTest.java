package org.fairmark.network.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StateSnapshots#restoreReadOnly}: the state of the chain from the newest fitting snapshot and the later blocks
 * (the same state as a full replay), without changing, renaming or locking a file.
 */
class ReadOnlyRestoreTest {
    @TempDir
    Path dir;

    @Test
    void a_stale_snapshot_and_the_later_blocks_give_the_live_state_and_no_file_changes() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(20, 5, 9);
        Map<String, Long> before = files();

        LedgerState read = StateSnapshots.restoreReadOnly(dir);

        assertThat(read.height()).isEqualTo(20);
        assertThat(read.digest()).isEqualTo(live.digest());
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void reads_while_the_ledger_is_open_for_writing() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(7, 4);
        try (BlockStore open = BlockStore.open(dir)) {
            assertThat(StateSnapshots.restoreReadOnly(dir).digest()).isEqualTo(live.digest());
            assertThat(open.height()).isEqualTo(7);
        }
    }

    @Test
    void a_damaged_newest_snapshot_is_passed_over_and_left_in_place() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(15, 4, 8);
        Path damaged = dir.resolve(StateSnapshots.name(8));
        flipByte(damaged, 60);
        Map<String, Long> before = files();

        assertThat(StateSnapshots.restoreReadOnly(dir).digest()).isEqualTo(live.digest());
        assertThat(files()).isEqualTo(before);
        assertThat(damaged).exists();
    }

    @Test
    void a_snapshot_beyond_the_chain_or_of_no_block_of_it_is_ignored() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(6, 6);
        Files.move(dir.resolve(StateSnapshots.name(6)), dir.resolve(StateSnapshots.name(9)));

        assertThat(StateSnapshots.restoreReadOnly(dir).digest()).isEqualTo(live.digest());

        Files.move(dir.resolve(StateSnapshots.name(9)), dir.resolve(StateSnapshots.name(3)));
        assertThat(StateSnapshots.restoreReadOnly(dir).digest()).isEqualTo(live.digest());
    }

    @Test
    void an_unfinished_last_append_is_left_alone_and_only_whole_blocks_count() throws IOException {
        LedgerState live = ledgerWithSnapshotsAt(5, 3);
        Path segment = dir.resolve(LedgerFiles.segmentName(0));
        Files.write(segment, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        long size = Files.size(segment);

        LedgerState read = StateSnapshots.restoreReadOnly(dir);

        assertThat(read.height()).isEqualTo(5);
        assertThat(read.digest()).isEqualTo(live.digest());
        assertThat(Files.size(segment)).isEqualTo(size);
    }

    @Test
    void a_damaged_block_is_refused_with_its_number() throws IOException {
        ledgerWithSnapshotsAt(6, 2);
        Path segment = dir.resolve(LedgerFiles.segmentName(0));
        flipByte(segment, Files.size(segment) / 2);

        assertThatThrownBy(() -> StateSnapshots.restoreReadOnly(dir))
                .isInstanceOf(LedgerCorruptedException.class)
                .hasMessageContaining("block");
    }

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

    /** Every file of the ledger directory with its size and modification time. */
    private Map<String, Long> files() throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : listing.toList()) {
                files.put(file.getFileName() + " " + Files.size(file), Files.getLastModifiedTime(file).toMillis());
            }
        }
        return files;
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int original = raf.read();
            raf.seek(position);
            raf.write(original ^ 0x10);
        }
    }
}
