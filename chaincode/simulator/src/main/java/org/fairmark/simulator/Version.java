package org.fairmark.simulator;

import java.util.Comparator;

/**
 * The height at which a key was last written: the block number and the transaction's position in that block, as
 * Fabric's {@code version.Height} and {@code kvrwset.Version}. Ordered by block, then transaction.
 *
 * @param blockNumber the number of the block that committed the write, from 0
 * @param txNumber the position of the transaction inside that block, from 0
 */
public record Version(long blockNumber, long txNumber) implements Comparable<Version> {
    private static final Comparator<Version> ORDER =
            Comparator.comparingLong(Version::blockNumber).thenComparingLong(Version::txNumber);

    public Version {
        if (blockNumber < 0) {
            throw new IllegalArgumentException("blockNumber < 0: " + blockNumber);
        }
        if (txNumber < 0) {
            throw new IllegalArgumentException("txNumber < 0: " + txNumber);
        }
    }

    @Override
    public int compareTo(Version other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return blockNumber + ":" + txNumber;
    }
}
