package org.fairmark.network.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
}
