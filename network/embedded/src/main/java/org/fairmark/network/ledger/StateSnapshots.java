package org.fairmark.network.ledger;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Snapshots of the world state in the ledger directory, so that a start replays only the blocks after the newest
 * one instead of the whole chain. The blocks stay the only truth: a snapshot is a cache of what replaying them
 * gives, and is used only when it provably belongs to the chain.
 *
 * <p>A snapshot {@code snapshot-<height, 20 digits>.snap} holds the state after blocks {@code 0 .. height-1}:
 *
 * <pre>
 * magic     4 bytes  "FMS1"
 * format    4 bytes  1
 * height    8 bytes  the number of blocks the state covers
 * hash      4 + 32   the header hash of block height-1, length-prefixed
 * state     ...      entries, key histories and the transaction index ({@link LedgerState#writeTo})
 * magic     4 bytes  "FMSE"
 * crc32c    4 bytes  CRC-32C (Castagnoli) of every byte before the end magic
 * </pre>
 *
 * <p>It is written to {@code snapshot-<height>.snap.tmp}, forced to disk, renamed to its name atomically and the
 * directory forced, so a crash leaves either the complete file or a temp file that the next start deletes. The two
 * newest snapshots are kept.
 *
 * <p><b>At start</b> ({@link #restore}) the newest snapshot is used when its checksum holds, its end magic is where
 * the file ends, its height does not exceed the chain's, and its hash equals the header hash of the chain's block
 * {@code height-1}; the blocks after it are replayed. A snapshot that fails any of these is <b>ignored</b> (never
 * loaded into the state served): renamed to {@code .rejected}, logged at WARNING and noted in
 * {@value LedgerRecovery#NOTE_FILE}, and the next older one tried, else every block is replayed. Ignoring rather than
 * refusing to start is the safer choice here because the blocks, checked frame by frame and hash by hash when the
 * ledger opens, fully determine the state: a full replay gives exactly the right state, whereas refusing would stop a
 * sound ledger for a damaged cache. A snapshot whose checksum holds but whose content was forged cannot be told
 * apart at start; {@code ledger verify --snapshot} replays the chain and compares ({@link LedgerVerifier#verifySnapshots}).
 */
public final class StateSnapshots {
    /** The default interval: a snapshot after every this many blocks (and on a clean close). */
    public static final int DEFAULT_INTERVAL = 1000;
    static final String TEMP_SUFFIX = ".tmp";
    static final String REJECTED_SUFFIX = ".rejected";

    private static final Logger LOG = Logger.getLogger(StateSnapshots.class.getName());
    private static final int MAGIC = 0x464D5331; // FMS1
    private static final int END_MAGIC = 0x464D5345; // FMSE
    private static final int FORMAT = 1;
    private static final int HASH_BYTES = 32;
    private static final int HEADER_BYTES = 4 + 4 + 8 + 4 + HASH_BYTES;
    private static final int TRAILER_BYTES = 8;
    private static final Pattern NAME = Pattern.compile("snapshot-(\\d{20})\\.snap");
    private static final int KEEP = 2;

    private final Path directory;
    private final int interval;
    private volatile long lastHeight;

    /**
     * A writer of snapshots into {@code ledgerDir}, every {@code interval} blocks (0: only when asked, e.g. on a
     * clean close).
     */
    public StateSnapshots(Path ledgerDir, int interval) {
        this.directory = Objects.requireNonNull(ledgerDir, "ledgerDir == null").toAbsolutePath();
        if (interval < 0) {
            throw new IllegalArgumentException("interval < 0: " + interval);
        }
        this.interval = interval;
        this.lastHeight = newestHeight(directory);
    }

    /** The snapshot interval in blocks; 0 when only {@link #write} on demand writes one. */
    public int interval() {
        return interval;
    }

    /** The height of the newest snapshot written or found, 0 when none. */
    public long lastHeight() {
        return lastHeight;
    }

    /**
     * After a commit: writes a snapshot when the state's height is a multiple of the interval. Never throws: a
     * snapshot that cannot be written is logged and the ledger goes on without it.
     */
    public void afterCommit(LedgerState state, byte[] lastHeaderHash) {
        long height = state.height();
        if (interval > 0 && height > 0 && height % interval == 0) {
            write(state, lastHeaderHash);
        }
    }

    /** A clean close writes a snapshot when at least this many blocks (or the interval, if smaller) came since the last. */
    public static final int CLOSE_MIN_BLOCKS = 100;

    /**
     * On a clean close: writes a snapshot when at least {@value #CLOSE_MIN_BLOCKS} blocks (or the interval when it is
     * smaller; any block when the interval is 0) were committed since the newest snapshot, so that a short command
     * run against a large ledger does not rewrite the whole state for a block or two. Never throws.
     */
    public boolean beforeClose(LedgerState state, byte[] lastHeaderHash) {
        long threshold = interval == 0 ? 1 : Math.min(CLOSE_MIN_BLOCKS, interval);
        if (state.height() - lastHeight < threshold) {
            return false;
        }
        return write(state, lastHeaderHash);
    }

    /**
     * Writes a snapshot of {@code state} unless one of its height exists; {@code lastHeaderHash} is the header hash
     * of the state's last block. Blocks must not be applied meanwhile from another thread than the caller's (the
     * committer's). Never throws: a failure is logged at WARNING, the temp file removed.
     *
     * @return whether a snapshot was written
     */
    public boolean write(LedgerState state, byte[] lastHeaderHash) {
        long height = state.height();
        if (height == 0 || height <= lastHeight || lastHeaderHash == null) {
            return false;
        }
        long started = System.nanoTime();
        Path file = directory.resolve(name(height));
        Path temp = directory.resolve(name(height) + TEMP_SUFFIX);
        try {
            writeFile(temp, state, lastHeaderHash);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(directory);
            lastHeight = height;
            long bytes = Files.size(file);
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.info(() -> "wrote state snapshot " + file.getFileName() + " at height " + height + " (" + bytes
                    + " bytes, " + millis + " ms)");
            prune();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot write a state snapshot at height " + height + " to " + directory
                    + "; the ledger goes on without it (the next start replays more blocks)", e);
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the next start removes it
            }
            return false;
        }
    }

    private static void writeFile(Path temp, LedgerState state, byte[] lastHeaderHash) throws IOException {
        if (lastHeaderHash.length != HASH_BYTES) {
            throw new IllegalArgumentException("a header hash has " + HASH_BYTES + " bytes");
        }
        try (FileOutputStream file = new FileOutputStream(temp.toFile())) {
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(new CheckedOutputStream(new UnclosedOutputStream(file), crc), 1 << 16));
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(state.height());
            out.writeInt(HASH_BYTES);
            out.write(lastHeaderHash);
            state.writeTo(out);
            out.writeInt(END_MAGIC);
            out.flush();
            ByteBuffer trailer = ByteBuffer.allocate(4).putInt((int) crc.getValue()).flip();
            FileChannel channel = file.getChannel();
            while (trailer.hasRemaining()) {
                channel.write(trailer);
            }
            channel.force(true);
        }
    }

    /** Keeps the {@value #KEEP} newest snapshots. */
    private void prune() {
        List<Found> found = list(directory);
        for (int i = KEEP; i < found.size(); i++) {
            try {
                Files.deleteIfExists(found.get(i).file());
            } catch (IOException e) {
                LOG.log(Level.FINE, "cannot delete old snapshot " + found.get(i).file(), e);
            }
        }
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** A snapshot file present in the ledger directory, by the height in its name. */
    record Found(Path file, long height) {}

    /** The snapshot files in {@code ledgerDir}, newest (highest) first; temp and rejected files excluded. */
    static List<Found> list(Path ledgerDir) {
        List<Found> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(ledgerDir)) {
            for (Path file : files.toList()) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && Files.isRegularFile(file)) {
                    found.add(new Found(file, Long.parseLong(name.group(1))));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot list " + ledgerDir, e);
        }
        found.sort(Comparator.comparingLong(Found::height).reversed());
        return found;
    }

    private static long newestHeight(Path ledgerDir) {
        List<Found> found = list(ledgerDir);
        return found.isEmpty() ? 0 : found.get(0).height();
    }

    /** What a snapshot's header says, read without checking the rest. */
    public record Header(Path file, long height, byte[] blockHash, long bytes) {
        public Header {
            blockHash = blockHash.clone();
        }

        @Override
        public byte[] blockHash() {
            return blockHash.clone();
        }

        /** The hash in hex. */
        public String blockHashHex() {
            return HexFormat.of().formatHex(blockHash);
        }
    }

    /**
     * The header of the newest snapshot in {@code ledgerDir}, for {@code network status}; empty when there is none
     * or its header cannot be read. Does not check the checksum.
     */
    public static Optional<Header> newest(Path ledgerDir) {
        for (Found found : list(ledgerDir)) {
            try {
                return Optional.of(header(found.file()));
            } catch (IOException e) {
                LOG.log(Level.FINE, "cannot read the header of " + found.file(), e);
            }
        }
        return Optional.empty();
    }

    static Header header(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return readHeader(in, file, Files.size(file));
        }
    }

    private static Header readHeader(DataInputStream in, Path file, long size) throws IOException {
        if (size < HEADER_BYTES + TRAILER_BYTES) {
            throw new SnapshotInvalidException("truncated (" + size + " bytes)");
        }
        if (in.readInt() != MAGIC) {
            throw new SnapshotInvalidException("bad magic");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new SnapshotInvalidException("unknown format " + format);
        }
        long height = in.readLong();
        if (height < 1) {
            throw new SnapshotInvalidException("bad height " + height);
        }
        if (in.readInt() != HASH_BYTES) {
            throw new SnapshotInvalidException("bad hash length");
        }
        byte[] hash = new byte[HASH_BYTES];
        in.readFully(hash);
        return new Header(file, height, hash, size);
    }

    /** What is wrong with a snapshot file. */
    static final class SnapshotInvalidException extends IOException {
        private static final long serialVersionUID = 1L;

        SnapshotInvalidException(String message) {
            super(message);
        }

        SnapshotInvalidException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A snapshot read whole and checked against its checksum. */
    record Loaded(Header header, LedgerState state) {}

    /**
     * Reads a snapshot: first the checksum of the whole file and the end magic, then the state.
     *
     * @throws SnapshotInvalidException if it is damaged, truncated or not a snapshot
     * @throws IOException if it cannot be read
     */
    static Loaded read(Path file) throws IOException {
        long size = Files.size(file);
        if (size < HEADER_BYTES + TRAILER_BYTES) {
            throw new SnapshotInvalidException("truncated (" + size + " bytes)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            CRC32C crc = new CRC32C();
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            long covered = size - 4;
            long at = 0;
            while (at < covered) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), covered - at));
                LedgerFiles.readFully(channel, buffer, at);
                buffer.flip();
                at += buffer.remaining();
                crc.update(buffer);
            }
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
            LedgerFiles.readFully(channel, trailer, size - TRAILER_BYTES);
            trailer.flip();
            if (trailer.getInt() != END_MAGIC) {
                throw new SnapshotInvalidException("no end marker (truncated or damaged)");
            }
            if (trailer.getInt() != (int) crc.getValue()) {
                throw new SnapshotInvalidException("checksum mismatch (CRC-32C)");
            }
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            Header header = readHeader(in, file, size);
            LedgerState state;
            try {
                state = LedgerState.readFrom(in, size);
                if (state.height() != header.height()) {
                    throw new SnapshotInvalidException("state height " + state.height()
                            + " differs from header height " + header.height());
                }
                // the state must end exactly where the end marker stands, followed by the checksum only
                if (in.readInt() != END_MAGIC) {
                    throw new SnapshotInvalidException("the state does not end at the end marker");
                }
                in.readInt();
                if (in.read() != -1) {
                    throw new SnapshotInvalidException("bytes after the checksum");
                }
            } catch (EOFException e) {
                throw new SnapshotInvalidException("state ends early", e);
            } catch (SnapshotInvalidException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new SnapshotInvalidException("malformed state: " + e.getMessage(), e);
            }
            return new Loaded(header, state);
        }
    }

    // ---- start -------------------------------------------------------------------------------------------------

    /**
     * How a start built its state.
     *
     * @param snapshotHeight the height of the snapshot used, 0 when every block was replayed
     * @param snapshotFile its name, {@code null} when none was used
     * @param replayedBlocks how many blocks were replayed after it
     * @param warnings what was wrong with the snapshots that were ignored, one line each
     * @param millis how long restoring took
     */
    public record Startup(long snapshotHeight, String snapshotFile, long replayedBlocks, List<String> warnings,
            long millis) {
        public Startup {
            warnings = List.copyOf(warnings);
        }

        /** One line for the log. */
        public String summary() {
            return (snapshotFile == null ? "no usable state snapshot: replayed all " + replayedBlocks + " blocks"
                    : "loaded state snapshot " + snapshotFile + " (height " + snapshotHeight + ") and replayed "
                            + replayedBlocks + " later block(s)") + " in " + millis + " ms";
        }
    }

    /** The state and how it was built. */
    public record Restored(LedgerState state, Startup startup) {}

    /**
     * The state of {@code store}'s chain: from the newest valid snapshot in its directory and the blocks after it,
     * else from every block. Removes temp files of unfinished snapshot writes; renames a snapshot that is damaged or
     * does not match the chain to {@code .rejected}, with a warning logged and noted. Call with the store open (its
     * lock held).
     */
    public static Restored restore(BlockStore store) throws IOException {
        Objects.requireNonNull(store, "store == null");
        long started = System.nanoTime();
        Path dir = store.directory();
        removeTemps(dir);
        List<String> warnings = new ArrayList<>();
        LedgerState state = null;
        Header used = null;
        for (Found found : list(dir)) {
            String problem;
            try {
                problem = check(found, store);
                if (problem == null) {
                    Loaded loaded = read(found.file());
                    problem = loaded.header().height() != found.height()
                            ? "its header says height " + loaded.header().height() + ", its name " + found.height()
                            : mismatch(loaded.header(), store);
                    if (problem == null) {
                        state = loaded.state();
                        used = loaded.header();
                        break;
                    }
                }
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                problem = e.getMessage();
            }
            String warning = reject(found.file(), problem);
            warnings.add(warning);
        }
        long from = state == null ? 0 : state.height();
        if (state == null) {
            state = LedgerState.empty();
        }
        store.forEach(from, state::apply);
        Startup startup = new Startup(used == null ? 0 : used.height(),
                used == null ? null : used.file().getFileName().toString(), state.height() - from, warnings,
                (System.nanoTime() - started) / 1_000_000);
        LOG.info(() -> "world state of " + dir + ": " + startup.summary() + "; height " + store.height());
        return new Restored(state, startup);
    }

    /**
     * The state of the chain in {@code ledgerDir} for a reader that does not own the ledger: from the newest snapshot
     * that is sound and matches the chain, plus the blocks after it, else from every block. Changes no file and takes
     * no lock: a snapshot that does not fit is passed over (the next start of the network rejects it), an unfinished
     * last append is left where it is and only whole blocks count. Every frame is still checked (checksum, block
     * number, previous hash, data hash) as {@link BlockStore#open} does.
     *
     * @throws LedgerCorruptedException if a block other than an unfinished last append is damaged
     * @throws IOException if the files cannot be read
     */
    public static LedgerState restoreReadOnly(Path ledgerDir) throws IOException {
        Objects.requireNonNull(ledgerDir, "ledgerDir == null");
        Path dir = ledgerDir.toAbsolutePath();
        for (Found found : list(dir)) {
            Loaded loaded;
            try {
                loaded = read(found.file());
            } catch (IOException e) {
                continue; // damaged, or pruned by a running network meanwhile: try the next one
            }
            if (loaded.header().height() != found.height() || found.height() == 0) {
                continue;
            }
            LedgerState state = loaded.state();
            long height = found.height();
            byte[][] hashAtSnapshot = new byte[1][];
            LedgerFiles.Scan scan = LedgerFiles.scan(dir, block -> {
                long number = block.getHeader().getNumber();
                if (number == height - 1) {
                    hashAtSnapshot[0] = BlockHashes.headerHash(block.getHeader());
                } else if (number >= height && hashAtSnapshot[0] != null
                        && Arrays.equals(hashAtSnapshot[0], loaded.header().blockHash())) {
                    state.apply(block);
                }
            });
            requireSound(dir, scan);
            if (hashAtSnapshot[0] != null && Arrays.equals(hashAtSnapshot[0], loaded.header().blockHash())) {
                return state;
            }
        }
        LedgerState state = LedgerState.empty();
        requireSound(dir, LedgerFiles.scan(dir, state::apply));
        return state;
    }

    private static void requireSound(Path dir, LedgerFiles.Scan scan) throws LedgerCorruptedException {
        LedgerFiles.Problem problem = scan.problem;
        if (problem != null && !problem.tornTail()) {
            throw new LedgerCorruptedException(dir, problem.blockNumber(), problem.description(),
                    dir.resolve(LedgerFiles.segmentName(problem.segment())), problem.offset());
        }
    }

    /** What is wrong with a snapshot's position against the chain, read from its name only; null when nothing. */
    private static String check(Found found, BlockStore store) {
        if (found.height() > store.height()) {
            return "it covers " + found.height() + " blocks but the chain has " + store.height();
        }
        return null;
    }

    /** Whether the snapshot's block hash is that of the chain's block at its height; null when it is. */
    static String mismatch(Header header, BlockStore store) throws IOException {
        if (header.height() > store.height()) {
            return "it covers " + header.height() + " blocks but the chain has " + store.height();
        }
        byte[] chainHash = BlockHashes.headerHash(store.get(header.height() - 1).getHeader());
        if (!Arrays.equals(chainHash, header.blockHash())) {
            return "its block hash " + header.blockHashHex() + " is not the hash of block " + (header.height() - 1)
                    + " of the chain (" + HexFormat.of().formatHex(chainHash) + ")";
        }
        return null;
    }

    private static String reject(Path file, String problem) {
        Path rejected = file.resolveSibling(file.getFileName() + REJECTED_SUFFIX);
        String warning = "snapshot ignored: " + file.getFileName() + " (" + problem + "); renamed to "
                + rejected.getFileName() + ", the state is rebuilt from the blocks";
        try {
            Files.move(file, rejected, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(file.getParent());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot rename the rejected snapshot " + file, e);
        }
        LOG.warning(warning);
        try {
            LedgerRecovery.noteLine(file.getParent(), warning);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot note the rejected snapshot in " + LedgerRecovery.NOTE_FILE, e);
        }
        return warning;
    }

    private static void removeTemps(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("snapshot-") && name.endsWith(TEMP_SUFFIX)) {
                    Files.deleteIfExists(file);
                    LOG.info(() -> "removed " + name + ", an unfinished snapshot write (the process stopped during it)");
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot remove unfinished snapshot files in " + dir, e);
        }
    }

    static String name(long height) {
        return String.format(Locale.ROOT, "snapshot-%020d.snap", height);
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot fsync directory " + directory, e);
        }
    }

    /** Lets the file stream be closed by its owner, after the trailer and the fsync. */
    private static final class UnclosedOutputStream extends java.io.FilterOutputStream {
        UnclosedOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
