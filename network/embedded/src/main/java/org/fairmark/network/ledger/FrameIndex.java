package org.fairmark.network.ledger;

import java.util.Arrays;

/** Where each block's frame lies: segment, offset and block length, by block number. Not thread-safe. */
final class FrameIndex {
    private int[] segments = new int[1024];
    private long[] offsets = new long[1024];
    private int[] lengths = new int[1024];
    private int size;

    void add(int segment, long offset, int blockLength) {
        if (size == segments.length) {
            int capacity = size * 2;
            segments = Arrays.copyOf(segments, capacity);
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
        }
        segments[size] = segment;
        offsets[size] = offset;
        lengths[size] = blockLength;
        size++;
    }

    int size() {
        return size;
    }

    int segment(long number) {
        return segments[checked(number)];
    }

    long offset(long number) {
        return offsets[checked(number)];
    }

    int blockLength(long number) {
        return lengths[checked(number)];
    }

    private int checked(long number) {
        if (number < 0 || number >= size) {
            throw new IndexOutOfBoundsException("block " + number + " is not in the index of " + size + " blocks");
        }
        return (int) number;
    }
}
