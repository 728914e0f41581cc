package org.fairmark.network.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An unfinished append that {@link BlockStore#open} cut off the end of a block file: what an append interrupted by a
 * crash leaves, never an acknowledged block. Each one is noted as a line of {@code recovery.log} in the ledger
 * directory, so that {@code network status} can report it after the console output is gone.
 *
 * @param at when it was cut
 * @param file the block file's name, e.g. {@code blocks-000000.dat}
 * @param offset where the cut frame started, the file's size afterwards
 * @param bytes how many bytes were cut
 * @param blockNumber the number the block would have had; the blocks before it were kept
 * @param reason what was wrong with the frame, e.g. {@code truncated frame (100 of 1111 block bytes)}
 */
public record LedgerRecovery(Instant at, String file, long offset, long bytes, long blockNumber, String reason) {
    /** The note's file in a ledger directory. */
    public static final String NOTE_FILE = "recovery.log";

    public LedgerRecovery {
        Objects.requireNonNull(at, "at == null");
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(reason, "reason == null");
    }

    /** One line for an operator: {@code recovered: cut a torn frame of 112 bytes at offset 4446 of ... at ...}. */
    public String summary() {
        return "recovered: cut a torn frame of " + bytes + " bytes at offset " + offset + " of file " + file + " at "
                + at.truncatedTo(ChronoUnit.SECONDS) + " (an unfinished append where block " + blockNumber
                + " would start: " + reason + "); the " + blockNumber + " blocks before it were kept";
    }

    /** The last recovery noted in {@code ledgerDir}, as its {@link #summary()} line; empty when there was none. */
    public static Optional<String> lastNoted(Path ledgerDir) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(ledgerDir.resolve(NOTE_FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return Optional.of(lines.get(i).strip());
            }
        }
        return Optional.empty();
    }

    /** Appends this recovery's line to the note in {@code ledgerDir}, durably. */
    void note(Path ledgerDir) throws IOException {
        noteLine(ledgerDir, summary());
    }

    /** Appends one line to the note in {@code ledgerDir}, durably; also for snapshots a start ignored. */
    static void noteLine(Path ledgerDir, String text) throws IOException {
        try (FileChannel channel = FileChannel.open(ledgerDir.resolve(NOTE_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer line = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(true);
        }
    }
}
