package org.fairmark.network.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fairmark.domain.journal.Journal;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The on-disk format of a ledger directory, and the scan that {@link BlockStore#open} and
 * {@link LedgerVerifier#verify} share.
 *
 * <p>Blocks live in segment files {@code blocks-000000.dat}, {@code blocks-000001.dat}, … of at most
 * {@link BlockStore#DEFAULT_SEGMENT_BYTES} each (a larger block gets a segment of its own). A segment is a sequence
 * of frames of Fairmark's one {@link Journal} format (shared with the client outbox and the CLI's import journals),
 * block {@code n} being the {@code n}-th frame overall:
 *
 * <pre>
 * magic   4 bytes  "FMB1" (0x464D4231)
 * length  4 bytes  big-endian length of the block bytes, 1 .. 2^30
 * crc32c  4 bytes  big-endian CRC-32C (Castagnoli) of the block bytes
 * block   length   a serialized common.Block, metadata included
 * </pre>
 *
 * <p>The file {@code HEIGHT} holds the height mark: how many blocks had been appended and acknowledged when it was
 * last written, as 16 bytes (magic {@code "FMH1"}, the height as a big-endian long, CRC-32C of those 12 bytes). The
 * store rewrites it in place after each append has been forced to disk, without forcing it, so it never claims more
 * than the block files hold; it may lag behind them after a crash, which is harmless. What it adds: block files that
 * end before the mark lost acknowledged blocks, so a cut of the last file (deeper than an unfinished append) or a
 * lost file is corruption, not a torn tail to cut. A mark that fails its checksum (a torn write of the mark itself)
 * or is absent (a ledger from before the mark) is ignored.
 */
final class LedgerFiles {
    static final int MAGIC = 0x464D4231;
    static final int FRAME_HEADER_BYTES = Journal.HEADER_BYTES;
    static final int MAX_BLOCK_BYTES = 1 << 30;
    /** The frame codec of the block files: Fairmark's one {@link Journal} format with the blocks' magic. */
    static final Journal BLOCKS = new Journal(MAGIC, MAX_BLOCK_BYTES, "block");
    static final String LOCK_FILE = "LOCK";
    static final String HEIGHT_FILE = "HEIGHT";
    static final int HEIGHT_MAGIC = 0x464D4831;
    static final int HEIGHT_MARK_BYTES = 16;
    private static final Pattern SEGMENT_NAME = Pattern.compile("blocks-(\\d{6})\\.dat");

    private LedgerFiles() {}

    static String segmentName(int index) {
        return String.format(Locale.ROOT, "blocks-%06d.dat", index);
    }

    static int checksum(byte[] bytes, int offset, int length) {
        return Journal.checksum(bytes, offset, length);
    }

    /** The frame of one block: header and block bytes, ready to write. */
    static ByteBuffer frame(byte[] blockBytes) {
        return BLOCKS.frame(blockBytes);
    }

    /** The height mark recording {@code height}, ready to write at offset 0 of {@link #HEIGHT_FILE}. */
    static ByteBuffer heightMark(long height) {
        ByteBuffer mark = ByteBuffer.allocate(HEIGHT_MARK_BYTES);
        mark.putInt(HEIGHT_MAGIC).putLong(height);
        mark.putInt(checksum(mark.array(), 0, 12)).flip();
        return mark;
    }

    /** The height the mark in {@code dir} records; -1 when there is no mark or it fails its checksum. */
    static long readHeightMark(Path dir) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(HEIGHT_FILE));
        } catch (java.nio.file.NoSuchFileException e) {
            return -1;
        }
        if (bytes.length < HEIGHT_MARK_BYTES) {
            return -1;
        }
        ByteBuffer mark = ByteBuffer.wrap(bytes);
        long height = mark.getLong(4);
        if (mark.getInt(0) != HEIGHT_MAGIC || mark.getInt(12) != checksum(bytes, 0, 12) || height < 0) {
            return -1;
        }
        return height;
    }

    /** The segment files present, keyed by index. */
    static TreeMap<Integer, Path> listSegments(Path dir) throws IOException {
        TreeMap<Integer, Path> segments = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Matcher name = SEGMENT_NAME.matcher(file.getFileName().toString());
                if (name.matches() && Files.isRegularFile(file)) {
                    segments.put(Integer.parseInt(name.group(1)), file);
                }
            }
        }
        return segments;
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        Journal.readFully(channel, buffer, position);
    }

    /**
     * What is wrong with the first bad frame or block, and whether it is an unfinished last append.
     *
     * @param reason what is wrong, without the location
     * @param description the reason with the file and offset, as reports show it
     */
    record Problem(long blockNumber, String reason, String description, boolean tornTail, int segment, long offset) {}

    /** The result of a scan: the good prefix of the ledger and the first problem after it, if any. */
    static final class Scan {
        final List<Path> segments = new ArrayList<>();
        final FrameIndex index = new FrameIndex();
        byte[] lastHeaderHash;
        /** Where the good frames end in the last segment. */
        long lastSegmentEnd;
        /** The size of the last segment as found. */
        long lastSegmentSize;
        Problem problem;
        java.util.function.Consumer<Block> blocks;

        long height() {
            return index.size();
        }
    }

    /**
     * Reads every frame of every segment and checks the frame (magic, length, checksum), then the block (parses,
     * number, previous hash, data hash). Stops at the first problem.
     *
     * <p>A frame problem is a torn tail only when the frame is unfinished (shorter than its header says, or zeros to
     * the end of the file), lies in the last segment and no valid frame follows it there: what an append interrupted
     * by a crash leaves behind (an append that returned was fsynced whole). Anything else, a complete frame that
     * fails its checksum included, is corruption.
     */
    static Scan scan(Path dir) throws IOException {
        return scan(dir, null);
    }

    /** {@link #scan(Path)} handing every good block, in order, to {@code blocks} (may be null). */
    static Scan scan(Path dir, java.util.function.Consumer<Block> blocks) throws IOException {
        Scan scan = scanFrames(dir, blocks);
        long mark = readHeightMark(dir);
        if (scan.height() < mark && (scan.problem == null || scan.problem.tornTail())) {
            // Fewer whole blocks than were acknowledged: what looked like an unfinished append (or a clean end) is
            // a cut of acknowledged blocks, or a lost file.
            int segment = Math.max(0, scan.segments.size() - 1);
            long offset = scan.segments.isEmpty() ? 0 : scan.lastSegmentEnd;
            String name = segmentName(segment);
            String reason = "missing acknowledged blocks (the block files hold " + scan.height()
                    + " whole blocks, the height mark records " + mark + ")";
            String where = scan.segments.isEmpty() ? "no block file" : "frame at offset " + offset + " of " + name;
            scan.problem = new Problem(scan.height(), reason, reason + ": " + where, false, segment, offset);
        }
        return scan;
    }

    private static Scan scanFrames(Path dir, java.util.function.Consumer<Block> blocks) throws IOException {
        Scan scan = new Scan();
        scan.blocks = blocks;
        TreeMap<Integer, Path> files = listSegments(dir);
        int count = files.isEmpty() ? 0 : files.lastKey() + 1;
        for (int segment = 0; segment < count; segment++) {
            Path file = files.get(segment);
            if (file == null) {
                // Files follow the gap, so this is no unfinished append: blocks are missing.
                String reason = "missing block file " + segmentName(segment);
                scan.problem = new Problem(scan.height(), reason, reason, false, segment, 0);
                return scan;
            }
            scan.segments.add(file);
            scanSegment(scan, segment, segment == count - 1);
            if (scan.problem != null) {
                return scan;
            }
        }
        return scan;
    }

    private static void scanSegment(Scan scan, int segment, boolean last) throws IOException {
        Path file = scan.segments.get(segment);
        String name = file.getFileName().toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            while (position < size) {
                long number = scan.height();
                String where = "frame at offset " + position + " of " + name;
                Journal.Read read = BLOCKS.read(channel, position, size);
                if (!read.isGood()) {
                    boolean torn = last && read.unfinished() && !BLOCKS.validFrameIn(channel, position + 1, size);
                    String description = read.problem() + ": " + where
                            + (torn ? " (an unfinished append, " + (size - position) + " bytes to the end of file)"
                                    : "");
                    scan.problem = new Problem(number, read.problem(), description, torn, segment, position);
                    break;
                }
                byte[] blockBytes = read.record();
                String blockProblem = checkBlock(scan, number, blockBytes);
                if (blockProblem != null) {
                    scan.problem =
                            new Problem(number, blockProblem, blockProblem + ": " + where, false, segment, position);
                    break;
                }
                scan.index.add(segment, position, blockBytes.length);
                position += FRAME_HEADER_BYTES + blockBytes.length;
            }
            if (last) {
                scan.lastSegmentEnd = position;
                scan.lastSegmentSize = size;
            }
        }
    }

    /** Checks the block against its position in the chain; on success records its header hash. */
    private static String checkBlock(Scan scan, long number, byte[] blockBytes) {
        Block block;
        try {
            block = Block.parseFrom(blockBytes);
        } catch (InvalidProtocolBufferException e) {
            return "unparseable block (" + e.getMessage() + ")";
        }
        long found = block.getHeader().getNumber();
        if (found != number) {
            return "block number mismatch (the frame holds block " + Long.toUnsignedString(found) + ")";
        }
        byte[] previous = block.getHeader().getPreviousHash().toByteArray();
        byte[] expectedPrevious = scan.lastHeaderHash == null ? new byte[0] : scan.lastHeaderHash;
        if (!Arrays.equals(previous, expectedPrevious)) {
            return "previous hash mismatch";
        }
        if (!Arrays.equals(block.getHeader().getDataHash().toByteArray(), BlockHashes.dataHash(block.getData()))) {
            return "data hash mismatch";
        }
        scan.lastHeaderHash = BlockHashes.headerHash(block.getHeader());
        if (scan.blocks != null) {
            scan.blocks.accept(block);
        }
        return null;
    }
}
