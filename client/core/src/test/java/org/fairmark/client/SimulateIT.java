package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FairmarkClient#simulate}: a write run as the contract would, with nothing ordered or written. */
class SimulateIT {
    @TempDir
    static Path dir;

    static TestLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        ledger = new TestLedger(dir.resolve("network"));
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    @Test
    void a_simulated_registration_answers_as_the_submit_does_and_writes_nothing() {
        Requests.RegisterBatch request = TestLedger.registration("SIM-0001", 500_000L);
        long height = ledger.network.height();

        BatchView simulated = CanonicalJson.read(
                ledger.producer.simulate(request), BatchView.class);

        assertThat(simulated.batch().lot()).isEqualTo("SIM-0001");
        assertThat(simulated.batch().declaredMassGrams()).isEqualTo(500_000L);
        assertThat(ledger.network.height()).as("nothing was ordered").isEqualTo(height);
        FairmarkException missing = catchThrowableOfType(FairmarkException.class,
                () -> ledger.producer.participant().batch(TestLedger.GTIN, "SIM-0001"));
        assertThat(missing.code()).isEqualTo(ErrorCode.BATCH_NOT_FOUND);

        BatchView submitted = ledger.producer.producer().registerBatch(request);
        assertThat(submitted.status()).isEqualTo(simulated.status());
        assertThat(submitted.batch().origin()).isEqualTo(simulated.batch().origin());
        assertThat(submitted.batch().producerOrg()).isEqualTo(simulated.batch().producerOrg());
    }

    @Test
    void a_write_the_ledger_would_refuse_is_refused_with_the_submits_code() {
        Requests.RegisterBatch request = TestLedger.registration("SIM-0002", 400_000L);
        ledger.producer.producer().registerBatch(request);
        long height = ledger.network.height();

        FairmarkException exists = catchThrowableOfType(FairmarkException.class,
                () -> ledger.producer.simulate(request));
        FairmarkException wrongRole = catchThrowableOfType(FairmarkException.class,
                () -> ledger.buyer.simulate(TestLedger.registration("SIM-0003", 1L)));

        assertThat(exists.code()).isEqualTo(ErrorCode.BATCH_EXISTS);
        assertThat(exists.stage()).isEqualTo(FairmarkException.Stage.EVALUATE);
        assertThat(exists.getMessage()).contains("SIM-0002");
        assertThat(wrongRole.code()).isEqualTo(ErrorCode.ROLE_NOT_ALLOWED);
        assertThat(ledger.network.height()).isEqualTo(height);
    }

    @Test
    void a_retry_with_a_used_request_id_returns_the_recorded_result() {
        Requests.RegisterBatch request = Requests.withRequestId(TestLedger.registration("SIM-0004", 300_000L), "sim-request-0004");
        BatchView submitted = ledger.producer.producer().registerBatch(request);

        BatchView simulated = CanonicalJson.read(
                ledger.producer.simulate(request), BatchView.class);

        assertThat(simulated).isEqualTo(submitted);
    }

    @Test
    void a_malformed_request_id_is_refused_before_anything_is_sent() {
        Requests.RegisterBatch request = Requests.withRequestId(TestLedger.registration("SIM-0005", 1L), "bad id!");

        FairmarkException refused = catchThrowableOfType(FairmarkException.class,
                () -> ledger.producer.simulate(request));

        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_REQUEST_ID);
        assertThat(refused.stage()).isEqualTo(FairmarkException.Stage.CLIENT);
    }
}
