package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox journal without a network: durable, crash-tolerant, strict about damage. */
class OutboxJournalTest {
    @TempDir
    Path dir;

    static Requests.RegisterBatch batch(String lot) {
        return new Requests.RegisterBatch(null, SignedLabelTest.GTIN, lot, "chestnut", null,
                new Origin("130227", "T", "V", null, null), "2024-09-01", 1000L, null, null, null);
    }

    @Test
    void entries_survive_a_reopen_with_their_request_ids() {
        String requestId;
        try (Outbox outbox = Outbox.open(dir)) {
            requestId = outbox.add(batch("L1")).requestId();
            outbox.add(new Requests.Recall("fixed-id-0001", SignedLabelTest.GTIN, "L1", "mould"));
        }
        try (Outbox outbox = Outbox.open(dir)) {
            assertThat(outbox.pending()).extracting(OutboxEntry::requestId).containsExactly(requestId, "fixed-id-0001");
            assertThat(outbox.pending()).extracting(OutboxEntry::function).containsExactly("batch:Register", "recall:Recall");
            assertThat(outbox.pending().get(0).requestJson()).contains("\"requestId\":\"" + requestId + "\"");
        }
    }

    @Test
    void a_frame_torn_by_a_crash_is_cut_off_and_the_rest_kept() throws Exception {
        try (Outbox outbox = Outbox.open(dir)) {
            outbox.add(batch("L1"));
        }
        Path journal = dir.resolve(Outbox.JOURNAL);
        byte[] frame = Outbox.FORMAT.frame("{\"op\":\"ADD\",\"seq\":2}".getBytes(StandardCharsets.UTF_8)).array();
        Files.write(journal, Arrays.copyOf(frame, frame.length - 4), StandardOpenOption.APPEND);
        try (Outbox outbox = Outbox.open(dir)) {
            assertThat(outbox.pending()).hasSize(1);
            assertThat(outbox.add(batch("L2")).sequence()).isEqualTo(2L);
        }
        try (Outbox outbox = Outbox.open(dir)) {
            assertThat(outbox.pending()).hasSize(2);
        }
    }

    @Test
    void the_journal_is_written_in_the_shared_checksummed_frames() throws Exception {
        try (Outbox outbox = Outbox.open(dir)) {
            outbox.add(batch("L1"));
        }
        byte[] bytes = Files.readAllBytes(dir.resolve(Outbox.JOURNAL));
        assertThat(ByteBuffer.wrap(bytes).getInt()).isEqualTo(0x464D4F31); // "FMO1"
        assertThat(ByteBuffer.wrap(bytes).getInt(4)).isEqualTo(bytes.length - 12);
    }

    @Test
    void damage_before_the_last_line_is_reported_not_guessed_around() throws Exception {
        try (Outbox outbox = Outbox.open(dir)) {
            outbox.add(batch("L1"));
            outbox.add(batch("L2"));
        }
        Path journal = dir.resolve(Outbox.JOURNAL);
        String text = Files.readString(journal, StandardCharsets.ISO_8859_1);
        Files.writeString(journal, text.replaceFirst("L1", "L9"), StandardCharsets.ISO_8859_1);
        FairmarkException e = catchThrowableOfType(FairmarkException.class, () -> Outbox.open(dir));
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(e.detail()).contains("record 1 (checksum mismatch (CRC-32C) at offset 0)");
    }

    /** The journal format before the shared frames: {@code <crc32 hex> <json>} lines. */
    private static String textLine(String json) {
        CRC32 crc = new CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue()) + " " + json + "\n";
    }

    @Test
    void a_text_journal_of_before_is_read_and_rewritten_in_frames() throws Exception {
        Path journal = dir.resolve(Outbox.JOURNAL);
        String request = "{\"gtin\":\"" + SignedLabelTest.GTIN + "\",\"lot\":\"L1\",\"reason\":\"mould\",\"requestId\":\"old-id-0001\"}";
        Files.writeString(journal, textLine("{\"at\":\"2026-12-01T08:00:00Z\",\"function\":\"recall:Recall\",\"op\":\"ADD\","
                + "\"request\":" + request + ",\"requestId\":\"old-id-0001\",\"seq\":1}")
                + textLine("{\"at\":\"2026-12-01T08:01:00Z\",\"function\":\"recall:Recall\",\"op\":\"ADD\","
                        + "\"request\":" + request.replace("old-id-0001", "old-id-0002") + ",\"requestId\":\"old-id-0002\",\"seq\":2}")
                + textLine("{\"op\":\"DONE\",\"result\":\"{}\",\"seq\":2}")
                + "0badc0de {\"op\":\"ADD\",\"seq\":3,", StandardCharsets.UTF_8);
        try (Outbox outbox = Outbox.open(dir)) {
            assertThat(outbox.entries()).extracting(OutboxEntry::requestId).containsExactly("old-id-0001", "old-id-0002");
            assertThat(outbox.pending()).extracting(OutboxEntry::requestId).containsExactly("old-id-0001");
            assertThat(outbox.add(batch("L2")).sequence()).isEqualTo(3L);
        }
        assertThat(ByteBuffer.wrap(Files.readAllBytes(journal)).getInt()).isEqualTo(0x464D4F31);
        try (Outbox outbox = Outbox.open(dir)) {
            assertThat(outbox.entries()).hasSize(3);
            assertThat(outbox.pending()).hasSize(2);
        }
    }

    @Test
    void damage_in_a_text_journal_of_before_is_reported_by_line() throws Exception {
        Path journal = dir.resolve(Outbox.JOURNAL);
        Files.writeString(journal, "0badc0de {\"op\":\"START\",\"seq\":1}\n" + textLine("{\"op\":\"START\",\"seq\":1}"));
        FairmarkException e = catchThrowableOfType(FairmarkException.class, () -> Outbox.open(dir));
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(e.detail()).contains("line 1");
        assertThat(Files.readString(journal)).startsWith("0badc0de");
    }

    @Test
    void a_second_open_of_the_same_outbox_is_refused() {
        try (Outbox outbox = Outbox.open(dir)) {
            FairmarkException e = catchThrowableOfType(FairmarkException.class, () -> Outbox.open(dir));
            assertThat(e.detail()).contains("in use");
            assertThat(outbox.entries()).isEmpty();
        }
    }

    @Test
    void bad_requests_are_refused_at_add() {
        try (Outbox outbox = Outbox.open(dir)) {
            assertThat(catchThrowableOfType(FairmarkException.class,
                    () -> outbox.add(new Requests.Recall("bad id!", SignedLabelTest.GTIN, "L1", "x"))).code())
                    .isEqualTo(ErrorCode.INVALID_REQUEST_ID);
            assertThat(outbox.entries()).isEmpty();
        }
    }
}
