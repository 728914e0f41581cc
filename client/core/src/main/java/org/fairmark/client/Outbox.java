package org.fairmark.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.journal.Journal;
import org.fairmark.domain.model.Requests;

/**
 * A file-backed outbox for field devices without connectivity: writes are recorded now, with their request ids fixed,
 * and submitted later by {@link #sync}. Submitting is idempotent: an entry whose earlier submission committed but whose
 * answer was lost is resubmitted with the same request id and the contract returns the first result. Each entry ends
 * {@link OutboxEntry.Status#SUBMITTED} or {@link OutboxEntry.Status#REJECTED} with the contract's reason; none is
 * dropped silently.
 *
 * <pre>{@code
 * try (Outbox outbox = Outbox.open(Path.of("outbox"))) {
 *     outbox.add(new Requests.RegisterBatch(null, gtin, lot, ...));      // offline, in the field
 *     ...
 *     SyncReport report = outbox.sync(client);                           // back in coverage
 *     System.out.println(report.submitted() + " sent, " + report.rejected() + " refused");
 * }
 * }</pre>
 *
 * <p>The journal {@code outbox.journal} is append-only: one record per event ({@code ADD}, {@code DONE},
 * {@code REJECTED}), its canonical JSON in a frame of Fairmark's one checksummed {@link Journal} format (magic
 * {@code "FMO1"}, length, CRC-32C), forced to disk before a call returns. A frame torn by a crash is recognized and
 * cut off when the outbox is next opened; damage anywhere else is reported, never
 * guessed around. An outbox belongs to one identity (request ids are scoped by the submitter) and one process at a
 * time (it holds a file lock). Instances are thread-safe.
 */
public final class Outbox implements AutoCloseable {
    /** The journal's file name inside the outbox directory. */
    public static final String JOURNAL = "outbox.journal";
    /** The journal's frames. */
    static final Journal FORMAT = new Journal(0x464D4F31, 1 << 26); // "FMO1"

    private final Path directory;
    private FileChannel channel;
    private FileLock lock;
    private final Map<Long, OutboxEntry> entries = new LinkedHashMap<>();
    private long nextSequence = 1;
    private boolean closed;
    /** The records of a text journal of before the frames, set by {@link #replay} for the migration. */
    private List<JsonNode> legacy;

    private Outbox(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Opens (or creates) the outbox in {@code directory}, replaying its journal.
     *
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} when the directory cannot be used or another process
     *     holds it, {@link ErrorCode#MALFORMED_REQUEST} when the journal is damaged before its last line
     */
    public static Outbox open(Path directory) {
        Objects.requireNonNull(directory, "directory == null");
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(JOURNAL), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "outbox " + directory + " is in use by another process");
            }
            Outbox outbox = new Outbox(directory, channel, lock);
            if (!outbox.replay()) {
                // a text journal of before the frames: the same records, rewritten in frames
                replaceJournal(directory, outbox.legacy);
                lock.release();
                channel.close();
                return open(directory);
            }
            return outbox;
        } catch (IOException e) {
            closeQuietly(channel);
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "cannot open outbox " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Records a write for later submission. A request without a request id gets one now, so every later attempt is the
     * same request.
     *
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} for a type that is not a contract write,
     *     {@link ErrorCode#INVALID_REQUEST_ID} for a malformed request id, or when the journal cannot be written
     */
    public synchronized OutboxEntry add(Requests.Write request) {
        Objects.requireNonNull(request, "request == null");
        requireOpen();
        String function = Functions.of(request);
        String requestId = request.requestId() != null ? request.requestId() : Transactions.newRequestId();
        Transactions.requireRequestId(requestId);
        byte[] json = Json.request(request.requestId() != null ? request : Requests.withRequestId(request, requestId));
        long sequence = nextSequence;
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("op", "ADD");
        line.put("seq", sequence);
        line.put("function", function);
        line.put("requestId", requestId);
        line.set("request", Json.tree(json));
        line.put("at", Instant.now().toString());
        append(line);
        OutboxEntry entry = new OutboxEntry(sequence, function, requestId, new String(json, StandardCharsets.UTF_8),
                line.get("at").asText(), OutboxEntry.Status.PENDING, null, null, null);
        entries.put(sequence, entry);
        nextSequence++;
        return entry;
    }

    /** Every entry still in the journal, in order. */
    public synchronized List<OutboxEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** The entries not yet accepted by the ledger, in order. */
    public synchronized List<OutboxEntry> pending() {
        return entries.values().stream().filter(entry -> entry.status() == OutboxEntry.Status.PENDING).toList();
    }

    /** The directory of the outbox. */
    public Path directory() {
        return directory;
    }

    /**
     * Submits the pending entries in order as {@code client}'s identity. An entry the contract refuses is marked
     * {@link OutboxEntry.Status#REJECTED} and the sync goes on; when the gateway is unavailable the sync stops and the
     * rest stay pending ({@link SyncReport.Deferred}). Running it again submits nothing twice.
     *
     * @throws FairmarkException when the journal cannot be written (the ledger may then hold an entry that the journal
     *     still shows pending; the next sync finds its first result by request id)
     */
    public synchronized SyncReport sync(FairmarkClient client) {
        Objects.requireNonNull(client, "client == null");
        requireOpen();
        if (!(client instanceof FairmarkClientImpl impl)) {
            throw new IllegalArgumentException("sync needs a client made by FairmarkClient.builder()");
        }
        Transactions transactions = impl.transactions();
        List<SyncReport.Outcome> outcomes = new ArrayList<>();
        String unavailable = null;
        for (OutboxEntry entry : pending()) {
            if (unavailable != null) {
                outcomes.add(new SyncReport.Deferred(entry, unavailable));
                continue;
            }
            try {
                byte[] result = transactions.submitRaw(entry.function(), entry.requestJson().getBytes(StandardCharsets.UTF_8));
                String resultJson = new String(result, StandardCharsets.UTF_8);
                ObjectNode line = Json.MAPPER.createObjectNode();
                line.put("op", "DONE");
                line.put("seq", entry.sequence());
                line.put("result", resultJson);
                append(line);
                OutboxEntry done = entry.submitted(resultJson);
                entries.put(entry.sequence(), done);
                outcomes.add(new SyncReport.Submitted(done));
            } catch (FairmarkException e) {
                if (e.isUnavailable()) {
                    unavailable = e.getMessage();
                    outcomes.add(new SyncReport.Deferred(entry, unavailable));
                    continue;
                }
                ObjectNode line = Json.MAPPER.createObjectNode();
                line.put("op", "REJECTED");
                line.put("seq", entry.sequence());
                line.put("code", e.code().name());
                line.put("message", e.detail());
                append(line);
                OutboxEntry rejected = entry.rejected(e.code().name(), e.detail());
                entries.put(entry.sequence(), rejected);
                outcomes.add(new SyncReport.Rejected(rejected, e.code(), e.detail()));
            }
        }
        return new SyncReport(outcomes);
    }

    /**
     * Rewrites the journal without the submitted and rejected entries (replacing the file atomically), once their
     * reports have been read. Sequence numbers continue.
     *
     * @return how many entries were removed
     * @throws FairmarkException when the journal cannot be rewritten; the old one is then intact
     */
    public synchronized int compact() {
        requireOpen();
        List<OutboxEntry> keep = pending();
        int removed = entries.size() - keep.size();
        try {
            ObjectNode start = Json.MAPPER.createObjectNode();
            start.put("op", "START");
            start.put("seq", nextSequence);
            List<JsonNode> records = new ArrayList<>();
            records.add(start);
            for (OutboxEntry entry : keep) {
                ObjectNode add = Json.MAPPER.createObjectNode();
                add.put("op", "ADD");
                add.put("seq", entry.sequence());
                add.put("function", entry.function());
                add.put("requestId", entry.requestId());
                add.set("request", Json.tree(entry.requestJson().getBytes(StandardCharsets.UTF_8)));
                add.put("at", entry.addedAt());
                records.add(add);
            }
            replaceJournal(directory, records);
            // the lock and channel refer to the replaced file: reopen on the new one
            lock.release();
            channel.close();
            Outbox reopened = open(directory);
            swapIn(reopened);
        } catch (IOException e) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "cannot compact outbox " + directory + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** Writes {@code records} as the new journal of {@code directory}, replacing the old one atomically. */
    private static void replaceJournal(Path directory, List<JsonNode> records) throws IOException {
        Path journal = directory.resolve(JOURNAL);
        Path temporary = directory.resolve(JOURNAL + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (JsonNode record : records) {
                ByteBuffer buffer = frame(record);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            out.force(true);
        }
        try {
            Files.move(temporary, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, journal, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(directory);
    }

    private void swapIn(Outbox reopened) {
        channel = reopened.channel;
        lock = reopened.lock;
        entries.clear();
        entries.putAll(reopened.entries);
        nextSequence = reopened.nextSequence;
    }

    /** Releases the file lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException e) {
            // the channel is closed next, which releases the lock anyway
        }
        closeQuietly(channel);
    }

    private void requireOpen() {
        if (closed) {
            throw FairmarkException.client(ErrorCode.INTERNAL_ERROR, "the outbox is closed");
        }
    }

    // ---- journal --------------------------------------------------------------------------------------------

    private void append(ObjectNode record) {
        try {
            FileChannel out = channel;
            out.position(out.size());
            ByteBuffer buffer = frame(record);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        } catch (IOException e) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "cannot write outbox journal: " + e.getMessage(), e);
        }
    }

    private static ByteBuffer frame(JsonNode record) {
        return FORMAT.frame(Json.canonical(record));
    }

    /** Replays the journal; false when it was a text journal of before the frames, which the caller then migrates. */
    private boolean replay() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return true;
        }
        ByteBuffer first = ByteBuffer.allocate(1);
        Journal.readFully(channel, first, 0);
        if (first.get(0) != (byte) (FORMAT.magic() >>> 24)) {
            legacy = replayText();
            return false;
        }
        Journal.Scan scan = FORMAT.scan(channel);
        int number = 0;
        for (byte[] bytes : scan.records()) {
            number++;
            JsonNode record = parse(bytes);
            if (record == null) {
                throw damaged("record " + number);
            }
            apply(record, number);
        }
        if (scan.isDamaged()) {
            throw damaged("record " + (number + 1) + " (" + scan.problem() + ")");
        }
        if (scan.tornTail()) {
            // a frame torn by a crash while appending: the call that wrote it never returned
            channel.truncate(scan.goodEnd());
            channel.force(true);
        }
        return true;
    }

    private FairmarkException damaged(String where) {
        return FairmarkException.client(ErrorCode.MALFORMED_REQUEST, "outbox journal " + directory.resolve(JOURNAL)
                + " is damaged at " + where + "; move it aside and recover its entries by hand");
    }

    private static JsonNode parse(byte[] json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    // ---- the text journal of before the frames: {@code <crc32 hex> <json>} lines, read to be migrated -------

    private List<JsonNode> replayText() throws IOException {
        long size = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 8));
        Journal.readFully(channel, buffer, 0);
        byte[] bytes = buffer.array();
        List<JsonNode> records = new ArrayList<>();
        int offset = 0;
        int lineNumber = 0;
        while (offset < bytes.length) {
            lineNumber++;
            int newline = indexOf(bytes, (byte) '\n', offset);
            boolean last = newline < 0 || newline == bytes.length - 1;
            String text = new String(bytes, offset, (newline < 0 ? bytes.length : newline) - offset, StandardCharsets.UTF_8);
            JsonNode record = newline < 0 ? null : parseTextLine(text);
            if (record == null) {
                if (last) {
                    break; // a line torn by a crash while appending: the call that wrote it never returned
                }
                throw damaged("line " + lineNumber);
            }
            apply(record, lineNumber);
            records.add(record);
            offset = newline + 1;
        }
        return records;
    }

    private static JsonNode parseTextLine(String line) {
        if (line.length() < 10 || line.charAt(8) != ' ') {
            return null;
        }
        String json = line.substring(9);
        CRC32 crc = new CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        if (!String.format("%08x", crc.getValue()).equals(line.substring(0, 8))) {
            return null;
        }
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private void apply(JsonNode record, int lineNumber) {
        long sequence = record.path("seq").asLong(-1);
        String op = record.path("op").asText();
        switch (op) {
            case "START" -> nextSequence = Math.max(nextSequence, sequence);
            case "ADD" -> {
                String requestJson = new String(Json.canonical(record.path("request")), StandardCharsets.UTF_8);
                entries.put(sequence, new OutboxEntry(sequence, record.path("function").asText(),
                        record.path("requestId").asText(), requestJson, record.path("at").asText(),
                        OutboxEntry.Status.PENDING, null, null, null));
                nextSequence = Math.max(nextSequence, sequence + 1);
            }
            case "DONE" -> entries.computeIfPresent(sequence, (k, entry) -> entry.submitted(record.path("result").asText()));
            case "REJECTED" -> entries.computeIfPresent(sequence,
                    (k, entry) -> entry.rejected(record.path("code").asText(), record.path("message").asText()));
            default -> throw FairmarkException.client(ErrorCode.MALFORMED_REQUEST,
                    "outbox journal line " + lineNumber + " has unknown op '" + op + "'");
        }
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can sync a directory; the rename itself is atomic
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }

    @Override
    public String toString() {
        return "Outbox[" + directory + ", " + entries.size() + " entries]";
    }
}
