package org.fairmark.domain.journal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The one append-only, checksummed record format of Fairmark's files: the embedded ledger's block files, the client
 * outbox and the CLI's import journals. A file is a sequence of frames:
 *
 * <pre>
 * magic   4 bytes  big-endian, one per kind of file (the ledger's blocks: "FMB1", 0x464D4231)
 * length  4 bytes  big-endian length of the record, 1 .. maxRecordBytes
 * crc32c  4 bytes  big-endian CRC-32C (Castagnoli) of the record
 * record  length   the record's bytes
 * </pre>
 *
 * <p>A writer appends a frame and forces it to disk before it counts the record as written, so a crash can only leave
 * an <em>unfinished</em> last frame: one shorter than its header says, or space the file gained without its bytes
 * (zeros to the end). {@link #read} tells that torn tail apart from damage (a complete frame that fails its checksum,
 * a bad magic or length), which is never cut silently.
 *
 * <pre>{@code
 * Journal journal = new Journal(0x464D4931, 1 << 20);
 * channel.write(journal.frame(record), channel.size());
 * channel.force(false);
 * Journal.Scan scan = journal.scan(channel);   // records, where the good frames end, a torn tail or damage
 * }</pre>
 */
public final class Journal {
    /** Magic, length and checksum. */
    public static final int HEADER_BYTES = 12;

    private final int magic;
    private final int maxRecordBytes;
    private final String recordName;

    /** A journal of records named "record" in its messages. */
    public Journal(int magic, int maxRecordBytes) {
        this(magic, maxRecordBytes, "record");
    }

    /**
     * @param magic the frames' magic number, e.g. {@code 0x464D4231} ("FMB1")
     * @param maxRecordBytes the largest record, 1 .. 2^30
     * @param recordName what a record is called in problem messages, e.g. {@code block}
     */
    public Journal(int magic, int maxRecordBytes, String recordName) {
        if (maxRecordBytes < 1 || maxRecordBytes > 1 << 30) {
            throw new IllegalArgumentException("maxRecordBytes must be 1 .. 2^30, not " + maxRecordBytes);
        }
        this.magic = magic;
        this.maxRecordBytes = maxRecordBytes;
        this.recordName = Objects.requireNonNull(recordName, "recordName == null");
    }

    public int magic() {
        return magic;
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** CRC-32C of {@code length} bytes from {@code offset}, as a big-endian frame stores it. */
    public static int checksum(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** The frame of one record: header and record bytes, ready to write. */
    public ByteBuffer frame(byte[] record) {
        Objects.requireNonNull(record, "record == null");
        if (record.length == 0 || record.length > maxRecordBytes) {
            throw new IllegalArgumentException("a " + recordName + " must serialize to 1 .. " + maxRecordBytes
                    + " bytes, not " + record.length);
        }
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + record.length);
        frame.putInt(magic).putInt(record.length).putInt(checksum(record, 0, record.length));
        frame.put(record).flip();
        return frame;
    }

    /**
     * One frame's record, or what is wrong with the frame.
     *
     * @param record the record's bytes; null when the frame is bad
     * @param problem what is wrong; null when the frame is good
     * @param unfinished whether the bad frame may be an append cut short by a crash (shorter than its header says, or
     *     zeros to the end of the file); a complete frame that fails its checksum, or whose magic or length is
     *     damaged, is never that
     */
    public record Read(byte[] record, String problem, boolean unfinished) {
        static Read bad(String problem, boolean unfinished) {
            return new Read(null, problem, unfinished);
        }

        public boolean isGood() {
            return problem == null;
        }
    }

    /** Reads the frame at {@code position} of a file of {@code size} bytes. */
    public Read read(FileChannel channel, long position, long size) throws IOException {
        long available = size - position;
        if (available < HEADER_BYTES) {
            return Read.bad("truncated frame (" + available + " of " + HEADER_BYTES + " header bytes)", true);
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        readFully(channel, header, position);
        header.flip();
        int foundMagic = header.getInt();
        int length = header.getInt();
        int checksum = header.getInt();
        if (foundMagic != magic) {
            return Read.bad(String.format(Locale.ROOT, "bad frame magic (0x%08X)", foundMagic),
                    foundMagic == 0 && zerosToEnd(channel, position, size));
        }
        if (length <= 0 || length > maxRecordBytes) {
            return Read.bad("bad frame length (" + Integer.toUnsignedString(length) + ")", false);
        }
        long body = available - HEADER_BYTES;
        if (body < length) {
            // Short: either an append cut off by a crash, or a complete last frame whose length field was damaged to
            // point past the end of the file. The checksum tells them apart: the bytes of a complete frame match it,
            // the prefix of an unfinished one does not.
            byte[] rest = new byte[(int) body];
            readFully(channel, ByteBuffer.wrap(rest), position + HEADER_BYTES);
            if (body > 0 && checksum(rest, 0, rest.length) == checksum) {
                return Read.bad("bad frame length (" + length + ", but the " + body + " " + recordName + " bytes to the end of"
                        + " the file match the frame checksum)", false);
            }
            return Read.bad("truncated frame (" + body + " of " + length + " " + recordName + " bytes)", true);
        }
        byte[] record = new byte[length];
        readFully(channel, ByteBuffer.wrap(record), position + HEADER_BYTES);
        if (checksum(record, 0, length) != checksum) {
            return Read.bad("checksum mismatch (CRC-32C)", false);
        }
        return new Read(record, null, false);
    }

    /**
     * Whether a whole frame with a matching checksum starts anywhere in {@code [from, size)}: then a bad frame before
     * it is damage in the middle of the file, not an unfinished append.
     */
    public boolean validFrameIn(FileChannel channel, long from, long size) throws IOException {
        if (size - from < HEADER_BYTES) {
            return false;
        }
        ByteBuffer rest = ByteBuffer.allocate((int) Math.min(size - from, Integer.MAX_VALUE - 8));
        readFully(channel, rest, from);
        byte[] bytes = rest.array();
        ByteBuffer view = ByteBuffer.wrap(bytes);
        for (int at = 0; at + HEADER_BYTES <= bytes.length; at++) {
            if (view.getInt(at) != magic) {
                continue;
            }
            int length = view.getInt(at + 4);
            if (length <= 0 || length > bytes.length - at - HEADER_BYTES) {
                continue;
            }
            if (checksum(bytes, at + HEADER_BYTES, length) == view.getInt(at + 8)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The records of a one-file journal.
     *
     * @param records the good records, in file order
     * @param goodEnd where the good frames end
     * @param problem what is wrong with the frame at {@code goodEnd}; null when the file ends there
     * @param tornTail whether that bad frame is an unfinished last append (no good frame follows it), which a writer
     *     may cut off at {@code goodEnd}; otherwise it is damage
     */
    public record Scan(List<byte[]> records, long goodEnd, String problem, boolean tornTail) {
        public Scan {
            records = List.copyOf(records);
        }

        /** Whether the file holds damage that is not a torn tail. */
        public boolean isDamaged() {
            return problem != null && !tornTail;
        }
    }

    /** Reads every frame of a file, stopping at the first bad one. */
    public Scan scan(FileChannel channel) throws IOException {
        long size = channel.size();
        List<byte[]> records = new ArrayList<>();
        long position = 0;
        while (position < size) {
            Read read = read(channel, position, size);
            if (!read.isGood()) {
                boolean torn = read.unfinished() && !validFrameIn(channel, position + 1, size);
                return new Scan(records, position, read.problem() + " at offset " + position, torn);
            }
            records.add(read.record());
            position += HEADER_BYTES + read.record().length;
        }
        return new Scan(records, position, null, false);
    }

    /** Reads exactly {@code buffer.remaining()} bytes from {@code position}. */
    public static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("end of file at offset " + at);
            }
            at += read;
        }
    }

    /** Whether every byte from {@code from} to the end of the file is zero. */
    private static boolean zerosToEnd(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long at = from;
        while (at < size) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), size - at));
            readFully(channel, buffer, at);
            for (int i = 0; i < buffer.limit(); i++) {
                if (buffer.get(i) != 0) {
                    return false;
                }
            }
            at += buffer.limit();
        }
        return true;
    }
}
