package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.BatchView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FairmarkClient#awaitTransaction}: another organization's write, once this client's peer has committed it. */
class AwaitTransactionIT {
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
    void another_orgs_committed_write_is_seen_with_its_validation_code() {
        BatchView registered = ledger.producer.producer().registerBatch(TestLedger.registration("AWAIT-01", 100_000L));

        String code = ledger.buyer.awaitTransaction(registered.batch().txId(), Duration.ofSeconds(30));

        assertThat(code).isEqualTo("VALID");
        assertThat(ledger.buyer.participant().batch(TestLedger.GTIN, "AWAIT-01").batch().txId())
                .isEqualTo(registered.batch().txId());
    }

    @Test
    void a_transaction_the_peer_never_committed_ends_unavailable_after_the_timeout() {
        String unknown = "0".repeat(64);

        FairmarkException late = catchThrowableOfType(FairmarkException.class,
                () -> ledger.buyer.awaitTransaction(unknown, Duration.ofMillis(200)));

        assertThat(late.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE);
        assertThat(late.isUnavailable()).isTrue();
        assertThat(late.getMessage()).contains("MarketMSP has not committed transaction " + unknown);
    }

    @Test
    void a_malformed_transaction_id_or_a_negative_timeout_is_refused_before_asking() {
        FairmarkException malformed = catchThrowableOfType(FairmarkException.class,
                () -> ledger.buyer.awaitTransaction("not-a-tx-id", Duration.ofSeconds(1)));
        FairmarkException upper = catchThrowableOfType(FairmarkException.class,
                () -> ledger.buyer.awaitTransaction("A".repeat(64), Duration.ofSeconds(1)));
        FairmarkException negative = catchThrowableOfType(FairmarkException.class,
                () -> ledger.buyer.awaitTransaction("0".repeat(64), Duration.ofSeconds(-1)));

        assertThat(malformed.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(malformed.stage()).isEqualTo(FairmarkException.Stage.CLIENT);
        assertThat(malformed.getMessage()).contains("64 lowercase hex digits, not 'not-a-tx-id'");
        assertThat(upper.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(negative.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
}
