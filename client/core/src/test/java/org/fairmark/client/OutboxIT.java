package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.Requests;
import org.fairmark.network.EmbeddedNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline capture: recorded without a network, synchronized later, idempotently, with per-entry conflicts. */
class OutboxIT {
    @TempDir
    static Path dataDir;

    @TempDir
    Path outboxDir;

    static TestLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        ledger = new TestLedger(dataDir);
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    @Test
    void entries_recorded_offline_sync_later_and_a_second_sync_submits_nothing() {
        String lot = TestLedger.newLot();
        try (Outbox outbox = Outbox.open(outboxDir)) {
            outbox.add(TestLedger.registration(lot, 50_000L));
            outbox.add(TestLedger.registration(TestLedger.newLot(), 60_000L));
            assertThat(outbox.pending()).hasSize(2);
        }
        try (Outbox outbox = Outbox.open(outboxDir)) { // after a restart of the device
            SyncReport report = outbox.sync(ledger.producer);
            assertThat(report.submitted()).isEqualTo(2);
            BatchView view = ((SyncReport.Submitted) report.outcomes().get(0)).resultAs(BatchView.class);
            assertThat(view.batch().lot()).isEqualTo(lot);
            assertThat(outbox.sync(ledger.producer).outcomes()).isEmpty();
            assertThat(outbox.pending()).isEmpty();
        }
        assertThat(ledger.batch(lot).batch().declaredMassGrams()).isEqualTo(50_000L);
    }

    @Test
    void an_entry_whose_answer_was_lost_is_resubmitted_with_its_request_id_and_returns_the_first_result() {
        String lot = TestLedger.newLot();
        OutboxEntry entry;
        try (Outbox outbox = Outbox.open(outboxDir)) {
            entry = outbox.add(TestLedger.registration(lot, 10_000L));
        }
        // the device submitted it, the ledger committed it, the answer never arrived
        Requests.RegisterBatch same = new Requests.RegisterBatch(entry.requestId(), TestLedger.GTIN, lot,
                TestLedger.registration(lot, 10_000L).product(), TestLedger.registration(lot, 10_000L).variety(),
                TestLedger.registration(lot, 10_000L).origin(), TestLedger.registration(lot, 10_000L).harvestDate(),
                10_000L, 0L, null, null);
        BatchView committed = ledger.producer.producer().registerBatch(same);
        try (Outbox outbox = Outbox.open(outboxDir)) {
            SyncReport report = outbox.sync(ledger.producer);
            assertThat(report.submitted()).isEqualTo(1);
            BatchView resynced = ((SyncReport.Submitted) report.outcomes().get(0)).resultAs(BatchView.class);
            assertThat(resynced.batch().txId()).isEqualTo(committed.batch().txId());
        }
    }

    @Test
    void conflicts_are_reported_per_entry_and_the_rest_still_syncs() {
        String taken = TestLedger.newLot();
        ledger.producer.producer().registerBatch(TestLedger.registration(taken, 1_000L)); // someone else was faster
        String fresh = TestLedger.newLot();
        try (Outbox outbox = Outbox.open(outboxDir)) {
            outbox.add(TestLedger.registration(taken, 2_000L));
            outbox.add(new Requests.RecordInspection(null, TestLedger.GTIN, "NO-SUCH-LOT", ledger.standardCode, "2024",
                    1L, 10L, Map.of("defect_rate_permille", 1L), null, null, null, null, null));
            outbox.add(TestLedger.registration(fresh, 3_000L));
            SyncReport report = outbox.sync(ledger.producer);
            assertThat(report.outcomes()).hasSize(3);
            assertThat(report.outcomes().get(0)).isInstanceOfSatisfying(SyncReport.Rejected.class,
                    rejected -> assertThat(rejected.code()).isEqualTo(ErrorCode.BATCH_EXISTS));
            assertThat(report.outcomes().get(1)).isInstanceOfSatisfying(SyncReport.Rejected.class,
                    rejected -> assertThat(rejected.code()).isEqualTo(ErrorCode.ROLE_NOT_ALLOWED));
            assertThat(report.outcomes().get(2)).isInstanceOf(SyncReport.Submitted.class);
            assertThat(outbox.entries()).extracting(OutboxEntry::status).containsExactly(
                    OutboxEntry.Status.REJECTED, OutboxEntry.Status.REJECTED, OutboxEntry.Status.SUBMITTED);
            assertThat(outbox.compact()).isEqualTo(3);
            assertThat(outbox.entries()).isEmpty();
        }
        try (Outbox reopened = Outbox.open(outboxDir)) {
            assertThat(reopened.entries()).isEmpty();
            assertThat(reopened.add(TestLedger.registration(TestLedger.newLot(), 1L)).sequence()).isEqualTo(4L);
        }
    }

    @Test
    void without_a_network_entries_are_deferred_and_kept() {
        try (FairmarkClient unreachable = FairmarkClient.builder()
                .endpoint("127.0.0.1", 1)
                .identity(ledger.identity(EmbeddedNetwork.INSPECTOR))
                .callTimeout(Duration.ofSeconds(5))
                .connect();
                Outbox outbox = Outbox.open(outboxDir)) {
            String lot = ledger.certifiedBatch();
            outbox.add(new Requests.RecordInspection(null, TestLedger.GTIN, lot, ledger.standardCode, "2024", 10L, 100L,
                    Map.of("defect_rate_permille", 60L), null, null, 30L, null, "second sample"));
            outbox.add(new Requests.RecordInspection(null, TestLedger.GTIN, lot, ledger.standardCode, "2024", 10L, 100L,
                    Map.of("defect_rate_permille", 70L), null, null, 30L, null, "third sample"));
            SyncReport offline = outbox.sync(unreachable);
            assertThat(offline.deferred()).isEqualTo(2);
            assertThat(outbox.pending()).hasSize(2);

            SyncReport online = outbox.sync(ledger.inspector);
            assertThat(online.submitted()).isEqualTo(2);
            Inspection last = ((SyncReport.Submitted) online.outcomes().get(1)).resultAs(Inspection.class);
            assertThat(last.notes()).isEqualTo("third sample");
            assertThat(last.grade()).isEqualTo("SECOND");
        }
    }
}
