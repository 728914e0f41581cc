package org.fairmark.network.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The block files of a ledger are damaged somewhere other than an unfinished last append, so blocks from
 * {@link #blockNumber()} on cannot be trusted. Not repaired automatically: acknowledged transactions may be
 * involved. {@link LedgerVerifier#verify} reports the same block and problem without opening the ledger.
 */
public final class LedgerCorruptedException extends IOException {
    private final Path directory;
    private final long blockNumber;
    private final String problem;

    public LedgerCorruptedException(Path directory, long blockNumber, String problem) {
        super("ledger " + directory + " is corrupt at block " + blockNumber + ": " + problem
                + " (blocks before " + blockNumber + " verified; blocks from " + blockNumber
                + " on cannot be trusted)");
        this.directory = Objects.requireNonNull(directory, "directory == null");
        this.blockNumber = blockNumber;
        this.problem = Objects.requireNonNull(problem, "problem == null");
    }

    /** The ledger directory. */
    public Path directory() {
        return directory;
    }

    /** The number of the first bad block. */
    public long blockNumber() {
        return blockNumber;
    }

    /** What is wrong with it, e.g. {@code "checksum mismatch: frame at offset 120 of blocks-000000.dat"}. */
    public String problem() {
        return problem;
    }
}
