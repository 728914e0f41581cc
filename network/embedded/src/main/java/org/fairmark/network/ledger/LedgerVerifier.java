package org.fairmark.network.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code ledger verify} routine: reads a ledger directory without opening it for writing or changing it, and
 * recomputes every frame checksum, every block's data hash and the header-hash chain.
 *
 * <p>A torn tail (a last frame shorter than its header says: an append interrupted by a crash) is reported like any
 * other problem, as the block that would have followed the last whole one, with {@link VerifyReport#tornTail()} set;
 * {@link BlockStore#open} cuts it, after which the ledger verifies. Every other problem, wherever it lies, is
 * corruption that {@link BlockStore#open} refuses. Run on a
 * ledger that a live network is appending to, the report may show the append in progress as a truncated frame.
 *
 * {@snippet :
 * VerifyReport report = LedgerVerifier.verify(ledgerDir);
 * if (!report.ok()) {
 *     System.err.println(report.summary());   // ledger bad at block 7: checksum mismatch: frame at offset ...
 * }
 * }
 */
public final class LedgerVerifier {
    private LedgerVerifier() {}

    /**
     * Verifies the ledger in {@code dir}, stopping at the first bad block.
     *
     * @throws NoSuchFileException if {@code dir} is not a directory
     * @throws IOException if a file cannot be read
     */
    public static VerifyReport verify(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir == null");
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a ledger directory");
        }
        LedgerFiles.Scan scan = LedgerFiles.scan(dir);
        if (scan.problem == null) {
            return new VerifyReport(scan.height(), null, null);
        }
        return new VerifyReport(
                scan.height(), scan.problem.blockNumber(), scan.problem.description(), scan.problem.tornTail());
    }

    /**
     * Checks every state snapshot in the ledger directory {@code dir} ({@link StateSnapshots}) against the chain,
     * changing no file: checksum, end marker, height within the chain, the hash of the chain's block at that height;
     * with {@code replay} also replays the chain (read-only) and compares the replayed state with each snapshot's
     * ({@link LedgerState#digest()}). Newest first.
     *
     * @throws IOException if a file cannot be read
     */
    public static List<SnapshotReport> verifySnapshots(Path dir, boolean replay) throws IOException {
        Objects.requireNonNull(dir, "dir == null");
        List<StateSnapshots.Found> found = new ArrayList<>(StateSnapshots.list(dir));
        Map<Long, StateSnapshots.Loaded> loaded = new HashMap<>();
        Map<Long, String> problems = new HashMap<>();
        for (StateSnapshots.Found snapshot : List.copyOf(found)) {
            try {
                loaded.put(snapshot.height(), StateSnapshots.read(snapshot.file()));
            } catch (StateSnapshots.SnapshotInvalidException e) {
                problems.put(snapshot.height(), e.getMessage());
            } catch (NoSuchFileException e) {
                found.remove(snapshot); // pruned by a running network meanwhile
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        // one pass over the chain: block hashes at each snapshot's height and, when asked, the replayed state
        Map<Long, byte[]> hashes = new HashMap<>();
        Map<Long, byte[]> digests = new HashMap<>();
        long highest = found.get(0).height();
        LedgerState replayed = replay ? LedgerState.empty() : null;
        LedgerFiles.Scan scan = LedgerFiles.scan(dir, block -> {
            long number = block.getHeader().getNumber();
            if (number >= highest) {
                return;
            }
            long height = number + 1;
            if (replayed != null) {
                replayed.apply(block);
            }
            if (loaded.containsKey(height)) {
                hashes.put(height, BlockHashes.headerHash(block.getHeader()));
                if (replayed != null) {
                    digests.put(height, replayed.digest());
                }
            }
        });
        List<SnapshotReport> reports = new ArrayList<>();
        for (StateSnapshots.Found snapshot : found) {
            String name = snapshot.file().getFileName().toString();
            long height = snapshot.height();
            String problem = problems.get(height);
            StateSnapshots.Loaded snapshotState = loaded.get(height);
            if (problem == null && snapshotState.header().height() != height) {
                problem = "its header says height " + snapshotState.header().height() + ", its name " + height;
            }
            if (problem == null && height > scan.height()) {
                problem = "it covers " + height + " blocks but the chain has " + scan.height() + " sound blocks";
            }
            if (problem == null && !Arrays.equals(hashes.get(height), snapshotState.header().blockHash())) {
                problem = "its block hash " + snapshotState.header().blockHashHex() + " is not the hash of block "
                        + (height - 1) + " of the chain";
            }
            if (problem == null && replay && !Arrays.equals(digests.get(height), snapshotState.state().digest())) {
                problem = "its state differs from the state replayed from blocks 0.." + (height - 1);
            }
            reports.add(new SnapshotReport(name, height, problem, replay && problem == null));
        }
        return List.copyOf(reports);
    }
}
