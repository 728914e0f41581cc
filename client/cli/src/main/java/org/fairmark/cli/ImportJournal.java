package org.fairmark.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.journal.Journal;

/**
 * What an import has submitted, so that a later run of the same file resumes after an interruption: one record per
 * unit the ledger accepted, {@code <request id> TAB <first line> TAB <summary>} in UTF-8, after a first record
 * {@code # <header>}, each a frame of Fairmark's one {@link Journal} format (magic {@code "FMI1"}) appended and forced
 * to disk before the next unit counts as done. A frame torn by a crash is cut off on the next open; damage elsewhere
 * is refused. A unit in flight when the process died is simply submitted again: its request id is derived from its
 * content, so the ledger returns the first result and writes nothing new.
 *
 * <p>Journals written before the frames (plain text, one line per record, starting with {@code #}) are read as they
 * were and rewritten in frames on open.
 */
final class ImportJournal implements AutoCloseable {
    /** The journal's frame format. */
    static final Journal FORMAT = new Journal(0x464D4931, 1 << 20); // "FMI1"

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<String, String> done = new LinkedHashMap<>();

    private ImportJournal(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Opens (creating) the journal and reads what it records.
     *
     * @throws CliException {@link ErrorCode#INVALID_ARGUMENT} when another import of the same file holds it
     */
    static ImportJournal open(Path file, String header) {
        try {
            Files.createDirectories(file.getParent());
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "another import of this file is running (" + file + ")");
            }
            ImportJournal journal = new ImportJournal(file, channel, lock);
            if (fresh) {
                journal.append("# " + header);
            } else {
                journal.load(header);
            }
            return journal;
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot open the import journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void load(String header) throws IOException {
        ByteBuffer first = ByteBuffer.allocate(1);
        channel.read(first, 0);
        if (first.get(0) == '#') {
            migrate(readLegacy());
            return;
        }
        Journal.Scan scan = FORMAT.scan(channel);
        if (scan.isDamaged()) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "the import journal " + file + " is damaged ("
                    + scan.problem() + "); move it aside to submit every unit again (the ledger keeps the first results)");
        }
        if (scan.tornTail()) {
            // an append cut short by a crash: that unit was not done; cut it so appends start clean
            channel.truncate(scan.goodEnd());
            channel.force(false);
        }
        List<String> records = scan.records().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
        records.forEach(this::remember);
        if (records.isEmpty()) {
            append("# " + header);
        }
    }

    /** The lines of a journal written before the frames; a last line without its newline was cut short by a crash. */
    private List<String> readLegacy() throws IOException {
        long size = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 8));
        Journal.readFully(channel, buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        List<String> lines = new ArrayList<>();
        for (String line : text.substring(0, end + 1).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Rewrites a text journal in frames, under the lock. A crash midway loses only the resume point: see above. */
    private void migrate(List<String> lines) throws IOException {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (String line : lines) {
            frames.writeBytes(FORMAT.frame(line.getBytes(StandardCharsets.UTF_8)).array());
        }
        channel.truncate(0);
        ByteBuffer bytes = ByteBuffer.wrap(frames.toByteArray());
        while (bytes.hasRemaining()) {
            channel.write(bytes, bytes.position());
        }
        channel.force(false);
        lines.forEach(this::remember);
    }

    private void remember(String record) {
        if (record.startsWith("#")) {
            return;
        }
        int tab = record.indexOf('\t');
        String requestId = tab < 0 ? record : record.substring(0, tab);
        done.put(requestId, tab < 0 ? "" : record.substring(tab + 1));
    }

    /** The records of a journal file, its header record first, as text (for inspection and tests). */
    static List<String> records(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return FORMAT.scan(channel).records().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
        }
    }

    Path file() {
        return file;
    }

    synchronized boolean isDone(String requestId) {
        return done.containsKey(requestId);
    }

    synchronized int doneCount() {
        return done.size();
    }

    /** Records a unit as done, durably. */
    synchronized void markDone(String requestId, int line, String summary) {
        String clean = summary.replace('\t', ' ').replace('\n', ' ');
        append(requestId + "\t" + line + "\t" + clean);
        done.put(requestId, line + "\t" + clean);
    }

    private void append(String record) {
        try {
            ByteBuffer bytes = FORMAT.frame(record.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes, channel.size());
            }
            channel.force(false);
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot write the import journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot close the import journal " + file, e);
        }
    }
}
