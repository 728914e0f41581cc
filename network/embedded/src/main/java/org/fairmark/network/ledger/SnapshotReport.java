package org.fairmark.network.ledger;

import java.util.Objects;

/**
 * The outcome of checking one state snapshot against the chain ({@link LedgerVerifier#verifySnapshots}).
 *
 * @param file the snapshot's file name
 * @param height the number of blocks it covers (from its name when the file cannot be read)
 * @param problem what is wrong: damaged or truncated, not matching the chain's block hash, or its state differs from
 *     the replayed chain's; {@code null} when it passed
 * @param replayed whether the chain was replayed and the states compared
 */
public record SnapshotReport(String file, long height, String problem, boolean replayed) {
    public SnapshotReport {
        Objects.requireNonNull(file, "file == null");
    }

    /** Whether the snapshot passed every check made. */
    public boolean ok() {
        return problem == null;
    }

    /** One line for an operator. */
    public String summary() {
        if (ok()) {
            return "snapshot ok: " + file + " (height " + height + ")"
                    + (replayed ? ", equal to the state replayed from the chain" : ", checksum and block hash");
        }
        return "snapshot bad: " + file + " (height " + height + "): " + problem
                + "; the next start ignores it and replays the blocks";
    }
}
