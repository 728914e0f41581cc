package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.domain.model.BatchView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed chaincode events with durable checkpoints: a restart resumes without loss or duplicates. */
class EventsIT {
    /** Long enough that a committed event always arrives; never reached when the test passes. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    @TempDir
    Path stateDir;

    static TestLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        ledger = new TestLedger(dataDir);
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    private static String register() {
        String lot = TestLedger.newLot();
        BatchView view = ledger.producer.producer().registerBatch(TestLedger.registration(lot, 10_000L));
        return view.batch().lot();
    }

    private static LedgerEvent.BatchRegistered nextRegistration(EventStream events) {
        while (true) {
            LedgerEvent event = events.poll(PATIENCE).orElseThrow(() -> new AssertionError("no event within " + PATIENCE));
            if (event instanceof LedgerEvent.BatchRegistered registered) {
                return registered;
            }
        }
    }

    @Test
    void a_restarted_stream_resumes_after_the_last_checkpoint_without_loss_or_duplicates() {
        Path checkpoint = stateDir.resolve("events.checkpoint");
        List<String> lots = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (EventStream events = ledger.producer.eventStream().checkpointFile(checkpoint).open()) {
            for (int i = 0; i < 3; i++) {
                lots.add(register());
            }
            for (int i = 0; i < 2; i++) {
                LedgerEvent.BatchRegistered event = nextRegistration(events);
                seen.add(event.lot());
                events.checkpoint(event);
            }
            // the third is received but the process "crashes" before it is processed
            nextRegistration(events);
        }
        assertThat(Files.exists(checkpoint)).isTrue();
        for (int i = 0; i < 2; i++) {
            lots.add(register()); // committed while nobody listens
        }
        try (EventStream events = ledger.auditor.eventStream().checkpointFile(checkpoint).open()) {
            for (int i = 0; i < 3; i++) {
                LedgerEvent.BatchRegistered event = nextRegistration(events);
                seen.add(event.lot());
                events.checkpoint(event);
            }
        }
        assertThat(seen).containsExactlyElementsOf(lots);
    }

    @Test
    void events_are_typed_and_carry_the_request_and_transaction_ids() {
        try (EventStream events = ledger.buyer.eventStream().open()) {
            LabelSigner signer = ledger.registeredSigner();
            LedgerEvent event = events.poll(PATIENCE).orElseThrow();
            assertThat(event).isInstanceOf(LedgerEvent.LabelKeyRegistered.class);
            LedgerEvent.LabelKeyRegistered registered = (LedgerEvent.LabelKeyRegistered) event;
            assertThat(registered.keyId()).isEqualTo(signer.keyId());
            assertThat(registered.ownerOrg()).isEqualTo("CoopMSP");
            assertThat(registered.info().requestId()).isNotBlank();
            assertThat(registered.info().transactionId()).isNotBlank();
            assertThat(registered.info().blockNumber()).isPositive();
        }
    }

    @Test
    void replaying_from_block_zero_sees_the_first_standard() {
        try (EventStream events = ledger.auditor.eventStream().startBlock(0).open()) {
            LedgerEvent first = events.poll(PATIENCE).orElseThrow();
            assertThat(first).isInstanceOf(LedgerEvent.StandardPublished.class);
            assertThat(((LedgerEvent.StandardPublished) first).code()).isEqualTo(ledger.standardCode);
        }
    }

    @Test
    void a_checkpoint_file_in_use_by_another_stream_is_refused() {
        Path checkpoint = stateDir.resolve("locked.checkpoint");
        try (EventStream first = ledger.auditor.eventStream().checkpointFile(checkpoint).open()) {
            FairmarkException e = catchThrowableOfType(FairmarkException.class,
                    () -> ledger.auditor.eventStream().checkpointFile(checkpoint).open());
            assertThat(e.stage()).isEqualTo(FairmarkException.Stage.EVENTS);
            assertThat(e.detail()).contains("checkpoint");
            assertThat(first.poll(Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void a_closed_stream_fails_with_a_typed_error() {
        EventStream events = ledger.auditor.eventStream().open();
        events.close();
        FairmarkException e = catchThrowableOfType(FairmarkException.class, events::take);
        assertThat(e.stage()).isEqualTo(FairmarkException.Stage.EVENTS);
    }
}
