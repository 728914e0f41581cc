package org.fairmark.network.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The block files of a ledger are damaged somewhere other than an unfinished last append, so blocks from
 * {@link #blockNumber()} on cannot be trusted. Not repaired automatically, and no file is changed: acknowledged
 * transactions may be involved. {@link LedgerVerifier#verify} reports the same block and problem without opening the
 * ledger.
 */
public final class LedgerCorruptedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Path directory;
    private final long blockNumber;
    private final String problem;
    private final Path file;
    private final long offset;

    public LedgerCorruptedException(Path directory, long blockNumber, String problem) {
        this(directory, blockNumber, problem, null, -1);
    }

    /**
     * @param file the block file holding the bad frame, or null when unknown
     * @param offset the frame's offset in {@code file}, or -1 when unknown
     */
    public LedgerCorruptedException(Path directory, long blockNumber, String problem, Path file, long offset) {
        super("ledger " + directory + " is corrupt at block " + blockNumber + ": " + problem
                + " (blocks before " + blockNumber + " verified; blocks from " + blockNumber
                + " on cannot be trusted; no file was changed)");
        this.directory = Objects.requireNonNull(directory, "directory == null");
        this.blockNumber = blockNumber;
        this.problem = Objects.requireNonNull(problem, "problem == null");
        this.file = file;
        this.offset = offset;
    }

    /** The ledger directory. */
    public Path directory() {
        return directory;
    }

    /** The number of the first bad block. */
    public long blockNumber() {
        return blockNumber;
    }

    /** What is wrong with it, e.g. {@code "checksum mismatch (CRC-32C): frame at offset 120 of blocks-000000.dat"}. */
    public String problem() {
        return problem;
    }

    /** The block file holding the bad frame, or null when not known. */
    public Path file() {
        return file;
    }

    /** The offset of the bad frame in {@link #file()}, or -1 when not known. */
    public long offset() {
        return offset;
    }
}
