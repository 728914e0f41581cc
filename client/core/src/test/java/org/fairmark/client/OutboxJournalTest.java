package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    void a_line_torn_by_a_crash_is_cut_off_and_the_rest_kept() throws Exception {
        try (Outbox outbox = Outbox.open(dir)) {
            outbox.add(batch("L1"));
        }
        Path journal = dir.resolve(Outbox.JOURNAL);
        Files.writeString(journal, "0badc0de {\"op\":\"ADD\",\"seq\":2,", StandardOpenOption.APPEND);
        try (Outbox outbox = Outbox.open(dir)) {
            assertThat(outbox.pending()).hasSize(1);
            assertThat(outbox.add(batch("L2")).sequence()).isEqualTo(2L);
        }
        try (Outbox outbox = Outbox.open(dir)) {
            assertThat(outbox.pending()).hasSize(2);
        }
    }

    @Test
    void damage_before_the_last_line_is_reported_not_guessed_around() throws Exception {
        try (Outbox outbox = Outbox.open(dir)) {
            outbox.add(batch("L1"));
            outbox.add(batch("L2"));
        }
        Path journal = dir.resolve(Outbox.JOURNAL);
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        Files.writeString(journal, text.replaceFirst("L1", "L9"));
        FairmarkException e = catchThrowableOfType(FairmarkException.class, () -> Outbox.open(dir));
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(e.detail()).contains("line 1");
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
