package org.fairmark.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairmark.domain.ErrorCode;

/**
 * What an import has submitted, so that a later run of the same file resumes after an interruption: one line per
 * unit the ledger accepted, {@code <request id> TAB <first line> TAB <summary>}, appended and forced to disk before
 * the next unit counts as done. A unit in flight when the process died is simply submitted again: its request id is
 * derived from its content, so the ledger returns the first result and writes nothing new.
 */
final class ImportJournal implements AutoCloseable {
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
                journal.load();
            }
            return journal;
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot open the import journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void load() throws IOException {
        long size = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 8));
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        // A line cut short by a crash has no newline yet: it was not done; drop it so appends start clean.
        if (end + 1 < text.length()) {
            channel.truncate(end + 1);
        }
        for (String line : text.substring(0, end + 1).split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            String requestId = tab < 0 ? line : line.substring(0, tab);
            done.put(requestId, tab < 0 ? "" : line.substring(tab + 1));
        }
        channel.position(channel.size());
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

    private void append(String line) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
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
