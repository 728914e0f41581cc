package org.fairmark.network.ledger;

/**
 * The outcome of {@link LedgerVerifier#verify}.
 *
 * @param blocksChecked how many blocks, from block 0, passed every check
 * @param firstBadBlock the number of the first block that failed a check, {@code null} when all passed
 * @param problem what is wrong with it, {@code null} when all passed; starts with one of {@code "checksum
 *     mismatch"}, {@code "truncated frame"}, {@code "bad frame magic"}, {@code "bad frame length"},
 *     {@code "unparseable block"}, {@code "block number mismatch"}, {@code "previous hash mismatch"},
 *     {@code "data hash mismatch"} or {@code "missing block file"}, followed by the file and offset
 * @param tornTail whether the problem is an unfinished last append (a last frame shorter than its header says),
 *     which the next start cuts; any other problem is corruption, which stops the network from starting
 */
public record VerifyReport(long blocksChecked, Long firstBadBlock, String problem, boolean tornTail) {
    /** A report of corruption, or of a sound ledger. */
    public VerifyReport(long blocksChecked, Long firstBadBlock, String problem) {
        this(blocksChecked, firstBadBlock, problem, false);
    }

    public VerifyReport {
        if (tornTail && firstBadBlock == null) {
            throw new IllegalArgumentException("a torn tail needs firstBadBlock and problem");
        }
        if (blocksChecked < 0) {
            throw new IllegalArgumentException("blocksChecked < 0: " + blocksChecked);
        }
        if ((firstBadBlock == null) != (problem == null)) {
            throw new IllegalArgumentException("firstBadBlock and problem must both be set or both be null");
        }
    }

    /** Whether every block passed. */
    public boolean ok() {
        return firstBadBlock == null;
    }

    /** One line for an operator. */
    public String summary() {
        if (ok()) {
            return "ledger ok: " + blocksChecked + " blocks verified";
        }
        return "ledger bad at block " + firstBadBlock + ": " + problem + " (" + blocksChecked
                + " blocks before it verified)" + (tornTail ? "; the next start cuts this unfinished append" : "");
    }
}
