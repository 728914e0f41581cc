package org.fairmark.network.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The blocks of one channel, append-only and crash-safe, in a directory of its own.
 *
 * <p>Each block is written as one checksummed frame (format in {@code docs/design/embedded-ledger.md}) to the
 * current segment file, and {@link #append} returns only after {@link FileChannel#force(boolean) force(true)}:
 * a block whose append returned survives a crash of the process or the machine. {@link #open} scans every frame
 * and rebuilds an in-memory index of frame offsets; it cuts a torn tail (a last frame shorter than its header says:
 * the remains of an append interrupted by a crash), logs and notes what it cut ({@link #recovery()}), and refuses,
 * with a {@link LedgerCorruptedException} naming the block, file and offset, to open a ledger damaged anywhere else
 * (a complete last frame that fails its checksum included), changing no file. After each append the store also
 * rewrites a small height mark ({@code HEIGHT}), so that block files which end before an acknowledged block (a
 * file cut deeper than an unfinished append, or a lost last file) are refused as corruption rather than cut. A
 * {@code LOCK} file keeps a second
 * process (or a second store in this one) from opening the same directory ({@link LedgerLockedException}).
 *
 * <p>Appends are serialized; reads ({@link #get}, {@link #forEach}) may run concurrently with them and with each
 * other.
 *
 * {@snippet :
 * try (BlockStore store = BlockStore.open(dataDir.resolve("ledger"))) {
 *     Block block = Blocks.newBlock(store.height(), store.lastHeaderHash(), envelopes);
 *     store.append(Blocks.withValidationCodes(block, codes));
 * }
 * }
 */
public final class BlockStore implements AutoCloseable {
    /** Segment files are rolled over before they would exceed this size. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(BlockStore.class.getName());

    private final Path directory;
    private final long maxSegmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel heightMark;
    private final Object appendLock = new Object();
    /** Guards {@link #index} and {@link #segments}; held briefly, never during I/O. */
    private final Object indexLock = new Object();
    private final FrameIndex index;
    private final List<FileChannel> segments;
    private long activeSegmentSize;
    private volatile long height;
    private volatile byte[] lastHeaderHash;
    private volatile boolean closed;
    /** Set when a failed append could not be rolled back; the store then refuses further appends. */
    private volatile IOException broken;
    private LedgerRecovery recovery;

    private BlockStore(
            Path directory, long maxSegmentBytes, FileChannel lockChannel, FileLock lock, LedgerFiles.Scan scan,
            List<FileChannel> segments) {
        this.directory = directory;
        this.maxSegmentBytes = maxSegmentBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.index = scan.index;
        this.segments = segments;
        this.activeSegmentSize = scan.lastSegmentEnd;
        this.height = scan.height();
        this.lastHeaderHash = scan.lastHeaderHash;
    }

    /**
     * Opens the ledger in {@code dir}, creating the directory and an empty ledger when absent.
     *
     * @throws LedgerCorruptedException if a block other than an unfinished last append is damaged
     * @throws LedgerLockedException if the directory is in use by another store
     * @throws IOException if the directory cannot be read or written
     */
    public static BlockStore open(Path dir) throws IOException {
        return open(dir, DEFAULT_SEGMENT_BYTES);
    }

    /** {@link #open(Path)} with a chosen segment size; small sizes let tests roll segments over. */
    static BlockStore open(Path dir, long maxSegmentBytes) throws IOException {
        Objects.requireNonNull(dir, "dir == null");
        if (maxSegmentBytes < LedgerFiles.FRAME_HEADER_BYTES) {
            throw new IllegalArgumentException("maxSegmentBytes too small: " + maxSegmentBytes);
        }
        Path directory = dir.toAbsolutePath();
        Files.createDirectories(directory);
        FileChannel lockChannel = FileChannel.open(
                directory.resolve(LedgerFiles.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        List<FileChannel> channels = new ArrayList<>();
        FileChannel heightMark = null;
        try {
            FileLock lock = tryLock(lockChannel, directory);
            LedgerFiles.Scan scan = LedgerFiles.scan(directory);
            LedgerFiles.Problem problem = scan.problem;
            if (problem != null && !problem.tornTail()) {
                throw new LedgerCorruptedException(directory, problem.blockNumber(), problem.description(),
                        directory.resolve(LedgerFiles.segmentName(problem.segment())), problem.offset());
            }
            if (scan.segments.isEmpty()) {
                scan.segments.add(directory.resolve(LedgerFiles.segmentName(0)));
                Files.createFile(scan.segments.get(0));
                syncDirectory(directory);
            }
            for (int i = 0; i < scan.segments.size(); i++) {
                boolean active = i == scan.segments.size() - 1;
                channels.add(active
                        ? FileChannel.open(scan.segments.get(i), StandardOpenOption.READ, StandardOpenOption.WRITE)
                        : FileChannel.open(scan.segments.get(i), StandardOpenOption.READ));
            }
            LedgerRecovery recovery = null;
            if (problem != null) {
                recovery = cutTornTail(directory, scan, problem, channels.get(channels.size() - 1));
            }
            heightMark = FileChannel.open(directory.resolve(LedgerFiles.HEIGHT_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            BlockStore store = new BlockStore(directory, maxSegmentBytes, lockChannel, lock, scan, channels);
            store.recovery = recovery;
            store.heightMark = heightMark;
            store.writeHeightMark();
            LOG.info(() -> "opened ledger " + directory + ": " + store.height + " blocks in " + channels.size()
                    + " block file(s)" + (store.height == 0 ? "" : ", last block " + (store.height - 1)));
            return store;
        } catch (IOException | RuntimeException e) {
            for (FileChannel channel : channels) {
                closeQuietly(channel, e);
            }
            if (heightMark != null) {
                closeQuietly(heightMark, e);
            }
            closeQuietly(lockChannel, e);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel lockChannel, Path directory) throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new LedgerLockedException(directory, true, e);
        }
        if (lock == null) {
            throw new LedgerLockedException(directory, false, null);
        }
        return lock;
    }

    private static LedgerRecovery cutTornTail(
            Path directory, LedgerFiles.Scan scan, LedgerFiles.Problem problem, FileChannel active)
            throws IOException {
        Path file = scan.segments.get(problem.segment());
        long cut = scan.lastSegmentSize - problem.offset();
        LedgerRecovery recovery = new LedgerRecovery(Instant.now(), file.getFileName().toString(), problem.offset(),
                cut, problem.blockNumber(), problem.reason());
        active.truncate(problem.offset());
        active.force(true);
        recovery.note(directory);
        LOG.warning(() -> "ledger " + directory + ": cut a torn tail of " + cut + " bytes from " + file.getFileName()
                + " at offset " + problem.offset() + " where block " + problem.blockNumber() + " would start ("
                + problem.reason() + "); " + problem.blockNumber() + " whole blocks recovered");
        return recovery;
    }

    /**
     * The unfinished append this open cut off the end of the last block file, if it cut one; also noted in the
     * ledger directory's {@value LedgerRecovery#NOTE_FILE} (see {@link LedgerRecovery#lastNoted}).
     */
    public Optional<LedgerRecovery> recovery() {
        return Optional.ofNullable(recovery);
    }

    /** The ledger directory. */
    public Path directory() {
        return directory;
    }

    /** The number of blocks stored; the next block appended must have this number. */
    public long height() {
        return height;
    }

    /** The header hash of the last block, the {@code previous_hash} of the next one; {@code null} when empty. */
    public byte[] lastHeaderHash() {
        byte[] hash = lastHeaderHash;
        return hash == null ? null : hash.clone();
    }

    /**
     * Appends {@code block} durably: the frame is written and forced to the storage device before this returns.
     *
     * @throws IllegalArgumentException if the block's number is not {@link #height()}, its previous hash is not
     *     {@link #lastHeaderHash()} (empty for block 0), or its data hash does not match its data
     * @throws IOException if the write or the fsync fails; the store then holds exactly the blocks it held before
     */
    public void append(Block block) throws IOException {
        Objects.requireNonNull(block, "block == null");
        synchronized (appendLock) {
            ensureOpen();
            if (broken != null) {
                throw new IOException("ledger " + directory + " refuses appends after a failed write", broken);
            }
            long number = block.getHeader().getNumber();
            if (number != height) {
                throw new IllegalArgumentException("block number " + Long.toUnsignedString(number)
                        + " does not follow the ledger: the next block must be " + height);
            }
            byte[] expectedPrevious = lastHeaderHash == null ? new byte[0] : lastHeaderHash;
            if (!Arrays.equals(block.getHeader().getPreviousHash().toByteArray(), expectedPrevious)) {
                throw new IllegalArgumentException("block " + number + " previous hash does not match the header "
                        + "hash of block " + (number - 1));
            }
            if (!Arrays.equals(block.getHeader().getDataHash().toByteArray(), BlockHashes.dataHash(block.getData()))) {
                throw new IllegalArgumentException("block " + number + " data hash does not match its data");
            }
            ByteBuffer frame = LedgerFiles.frame(block.toByteArray());
            int frameBytes = frame.remaining();
            if (activeSegmentSize > 0 && activeSegmentSize + frameBytes > maxSegmentBytes) {
                rollOver();
            }
            FileChannel active = activeChannel();
            long offset = activeSegmentSize;
            try {
                long at = offset;
                while (frame.hasRemaining()) {
                    at += active.write(frame, at);
                }
                active.force(true);
            } catch (IOException e) {
                rollBack(active, offset, e);
                throw e;
            }
            synchronized (indexLock) {
                index.add(segments.size() - 1, offset, frameBytes - LedgerFiles.FRAME_HEADER_BYTES);
            }
            activeSegmentSize = offset + frameBytes;
            lastHeaderHash = BlockHashes.headerHash(block.getHeader());
            height = number + 1;
            writeHeightMark();
        }
    }

    /**
     * Records the height in the mark, after the blocks it counts are durable. Not forced: a mark that lags after a
     * crash is harmless, and one that cannot be written only loses the extra check, so a failure is logged.
     */
    private void writeHeightMark() {
        try {
            ByteBuffer mark = LedgerFiles.heightMark(height);
            long at = 0;
            while (mark.hasRemaining()) {
                at += heightMark.write(mark, at);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ledger " + directory + ": cannot write the height mark " + height, e);
        }
    }

    /**
     * Block {@code number}, read from its file and checked against its frame checksum.
     *
     * @throws IndexOutOfBoundsException if {@code number} is not below {@link #height()}
     * @throws LedgerCorruptedException if the frame changed on disk since the store was opened
     */
    public Block get(long number) throws IOException {
        ensureOpen();
        FileChannel channel;
        long offset;
        int length;
        synchronized (indexLock) {
            if (number < 0 || number >= index.size()) {
                throw new IndexOutOfBoundsException("block " + number + " is not in the ledger of height " + height);
            }
            channel = segments.get(index.segment(number));
            offset = index.offset(number);
            length = index.blockLength(number);
        }
        ByteBuffer frame = ByteBuffer.allocate(LedgerFiles.FRAME_HEADER_BYTES + length);
        LedgerFiles.readFully(channel, frame, offset);
        frame.flip();
        int magic = frame.getInt();
        int storedLength = frame.getInt();
        int checksum = frame.getInt();
        byte[] blockBytes = Arrays.copyOfRange(frame.array(), LedgerFiles.FRAME_HEADER_BYTES, frame.limit());
        if (magic != LedgerFiles.MAGIC || storedLength != length
                || LedgerFiles.checksum(blockBytes, 0, length) != checksum) {
            throw new LedgerCorruptedException(directory, number, "checksum mismatch on read: frame at offset "
                    + offset + " changed on disk since the ledger was opened");
        }
        try {
            return Block.parseFrom(blockBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerCorruptedException(directory, number, "unparseable block on read: " + e.getMessage());
        }
    }

    /**
     * Replays blocks {@code fromNumber} to the last block stored when the call starts, in order.
     *
     * @throws IndexOutOfBoundsException if {@code fromNumber} is negative or above {@link #height()}
     */
    public void forEach(long fromNumber, BlockConsumer consumer) throws IOException {
        Objects.requireNonNull(consumer, "consumer == null");
        long end = height;
        if (fromNumber < 0 || fromNumber > end) {
            throw new IndexOutOfBoundsException("cannot replay from block " + fromNumber + ": height is " + end);
        }
        for (long number = fromNumber; number < end; number++) {
            consumer.accept(get(number));
        }
    }

    /** The segment files, oldest first; the last one receives appends. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        synchronized (indexLock) {
            for (int i = 0; i < segments.size(); i++) {
                files.add(directory.resolve(LedgerFiles.segmentName(i)));
            }
        }
        return List.copyOf(files);
    }

    /**
     * Where block {@code number} is stored: its file, the offset of its frame and the frame's size (12 header
     * bytes and the block). For tools and for tests that damage a block on purpose.
     */
    public BlockLocation locate(long number) {
        synchronized (indexLock) {
            if (number < 0 || number >= index.size()) {
                throw new IndexOutOfBoundsException("block " + number + " is not in the ledger of height " + height);
            }
            return new BlockLocation(
                    number,
                    directory.resolve(LedgerFiles.segmentName(index.segment(number))),
                    index.offset(number),
                    LedgerFiles.FRAME_HEADER_BYTES + index.blockLength(number));
        }
    }

    /**
     * Where one block is stored.
     *
     * @param number the block number
     * @param file the segment file holding its frame
     * @param frameOffset the offset of the frame in the file
     * @param frameBytes the frame's size: 12 header bytes and the block
     */
    public record BlockLocation(long number, Path file, long frameOffset, int frameBytes) {}

    /** Closes the files and releases the directory lock. Appends that returned are already durable. */
    @Override
    public void close() throws IOException {
        synchronized (appendLock) {
            if (closed) {
                return;
            }
            closed = true;
            IOException failure = null;
            List<FileChannel> channels;
            synchronized (indexLock) {
                channels = List.copyOf(segments);
            }
            for (FileChannel channel : channels) {
                failure = closeCollecting(channel, failure);
            }
            try {
                heightMark.force(true);
            } catch (IOException e) {
                LOG.log(Level.FINE, "cannot force the height mark of " + directory, e);
            }
            failure = closeCollecting(heightMark, failure);
            try {
                lock.release();
            } catch (IOException e) {
                failure = collect(failure, e);
            }
            failure = closeCollecting(lockChannel, failure);
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Override
    public String toString() {
        return "BlockStore[" + directory + ", height=" + height + "]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("block store " + directory + " is closed");
        }
    }

    private FileChannel activeChannel() {
        synchronized (indexLock) {
            return segments.get(segments.size() - 1);
        }
    }

    /** Starts the next segment file; the previous one stays open for reads. */
    private void rollOver() throws IOException {
        int next;
        synchronized (indexLock) {
            next = segments.size();
        }
        Path file = directory.resolve(LedgerFiles.segmentName(next));
        FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        syncDirectory(directory);
        synchronized (indexLock) {
            segments.add(channel);
        }
        activeSegmentSize = 0;
        LOG.fine(() -> "ledger " + directory + ": started block file " + file.getFileName() + " at block " + height);
    }

    private void rollBack(FileChannel active, long offset, IOException cause) {
        try {
            active.truncate(offset);
            active.force(true);
        } catch (IOException e) {
            cause.addSuppressed(e);
            broken = cause;
            LOG.log(Level.SEVERE, "ledger " + directory + ": could not remove a failed append at offset " + offset
                    + "; no further appends until restart", e);
        }
    }

    /** Makes a created file's directory entry durable; not every platform can open a directory. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot fsync directory " + directory, e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable, Exception primary) {
        try {
            closeable.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }

    private static IOException closeCollecting(FileChannel channel, IOException failure) {
        try {
            channel.close();
            return failure;
        } catch (IOException e) {
            return collect(failure, e);
        }
    }

    private static IOException collect(IOException failure, IOException next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }
}
