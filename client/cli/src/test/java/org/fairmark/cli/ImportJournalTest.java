package org.fairmark.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fairmark.domain.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import journal in the shared journal frames, and the plain-text journals written before them. */
class ImportJournalTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("imports").resolve("batches-abc.journal");
    }

    @Test
    void records_units_in_frames_and_reads_them_back() throws Exception {
        try (ImportJournal journal = ImportJournal.open(file(), "batches.csv")) {
            journal.markDone("req-1", 2, "QX-1 registered");
            journal.markDone("req-2", 3, "QX-2\tregistered");
        }
        byte[] bytes = Files.readAllBytes(file());
        assertThat(ByteBuffer.wrap(bytes).getInt()).isEqualTo(ImportJournal.FORMAT.magic());
        try (ImportJournal journal = ImportJournal.open(file(), "batches.csv")) {
            assertThat(journal.doneCount()).isEqualTo(2);
            assertThat(journal.isDone("req-1")).isTrue();
            assertThat(journal.isDone("req-2")).isTrue();
            assertThat(journal.isDone("req-3")).isFalse();
        }
    }

    @Test
    void cuts_a_frame_torn_by_a_crash_and_appends_after_it() throws Exception {
        try (ImportJournal journal = ImportJournal.open(file(), "batches.csv")) {
            journal.markDone("req-1", 2, "done");
            journal.markDone("req-2", 3, "done");
        }
        byte[] bytes = Files.readAllBytes(file());
        Files.write(file(), Arrays.copyOf(bytes, bytes.length - 3));
        try (ImportJournal journal = ImportJournal.open(file(), "batches.csv")) {
            assertThat(journal.isDone("req-1")).isTrue();
            assertThat(journal.isDone("req-2")).isFalse();
            journal.markDone("req-2", 3, "done again");
        }
        try (ImportJournal journal = ImportJournal.open(file(), "batches.csv")) {
            assertThat(journal.doneCount()).isEqualTo(2);
        }
    }

    @Test
    void refuses_a_journal_damaged_before_its_end() throws Exception {
        try (ImportJournal journal = ImportJournal.open(file(), "batches.csv")) {
            journal.markDone("req-1", 2, "done");
            journal.markDone("req-2", 3, "done");
        }
        byte[] bytes = Files.readAllBytes(file());
        bytes[14] ^= 0x20; // inside the header record
        Files.write(file(), bytes);
        CliException e = catchThrowableOfType(CliException.class, () -> ImportJournal.open(file(), "batches.csv"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("is damaged (checksum mismatch (CRC-32C) at offset 0)");
        assertThat(Files.readAllBytes(file())).isEqualTo(bytes);
    }

    @Test
    void reads_a_plain_text_journal_of_before_and_rewrites_it_in_frames() throws Exception {
        Files.createDirectories(file().getParent());
        // the old format: a header line, one line per unit, the last one torn by a crash (no newline)
        Files.writeString(file(), "# batches.csv\nreq-1\t2\tQX-1 registered\nreq-2\t3\tQX-2 registered\nreq-3\t4\tQX", UTF_8);
        try (ImportJournal journal = ImportJournal.open(file(), "batches.csv")) {
            assertThat(journal.doneCount()).isEqualTo(2);
            assertThat(journal.isDone("req-2")).isTrue();
            assertThat(journal.isDone("req-3")).isFalse();
            journal.markDone("req-3", 4, "QX-3 registered");
        }
        assertThat(ByteBuffer.wrap(Files.readAllBytes(file())).getInt()).isEqualTo(ImportJournal.FORMAT.magic());
        try (ImportJournal journal = ImportJournal.open(file(), "batches.csv")) {
            assertThat(journal.doneCount()).isEqualTo(3);
        }
    }
}
