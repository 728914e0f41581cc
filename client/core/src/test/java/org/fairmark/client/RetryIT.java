package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent packing runs of one batch read the same packing-run range (mass balance), so those ordered into one block
 * after the first are invalidated with a read conflict; the client resubmits them with the same request id.
 */
class RetryIT {
    @TempDir
    static Path dataDir;

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
    void concurrent_packing_runs_of_one_batch_all_commit_through_transparent_retries() throws Exception {
        String lot = ledger.certifiedBatch();
        LabelSigner signer = ledger.registeredSigner();
        int runs = 6;
        // six writers contend for one key range: allow enough attempts for the last of them
        FairmarkClient packer = FairmarkClient.builder()
                .connection(ledger.network.inProcessChannel())
                .identity(ledger.packer.identity())
                .retryPolicy(RetryPolicy.builder().maxAttempts(30).initialBackoff(java.time.Duration.ofMillis(20))
                        .maxBackoff(java.time.Duration.ofMillis(400)).build())
                .connect();
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<PackResult>> results = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                String serial = "R" + run + "-" + lot.substring(lot.length() - 8);
                results.add(pool.submit(() -> packer.packer().pack(new Requests.Pack(null, TestLedger.GTIN, lot,
                        TestLedger.today().toString(), signer.keyId(),
                        List.of(new Requests.PackageSpec(serial, null, 1_000L, null))))));
            }
            for (Future<PackResult> result : results) {
                assertThat(result.get().serials()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
            packer.close();
        }
        assertThat(ledger.batch(lot).packageCount()).isEqualTo((long) runs);
        assertThat(ledger.batch(lot).packedNominalGrams()).isEqualTo(runs * 1_000L);
    }

    @Test
    void a_policy_of_one_attempt_reports_the_conflict_as_a_commit_failure_or_succeeds_alone() throws Exception {
        String lot = ledger.certifiedBatch();
        LabelSigner signer = ledger.registeredSigner();
        int runs = 6;
        try (FairmarkClient noRetry = FairmarkClient.builder()
                .connection(ledger.network.inProcessChannel())
                .identity(ledger.packer.identity())
                .retryPolicy(RetryPolicy.NONE)
                .connect()) {
            ExecutorService pool = Executors.newFixedThreadPool(runs);
            List<Future<String>> outcomes = new ArrayList<>();
            try {
                for (int run = 0; run < runs; run++) {
                    String serial = "N" + run + "-" + lot.substring(lot.length() - 8);
                    outcomes.add(pool.submit(() -> {
                        try {
                            noRetry.packer().pack(new Requests.Pack(null, TestLedger.GTIN, lot, TestLedger.today().toString(),
                                    signer.keyId(), List.of(new Requests.PackageSpec(serial, null, 1_000L, null))));
                            return "VALID";
                        } catch (FairmarkException e) {
                            assertThat(e.stage()).isEqualTo(FairmarkException.Stage.COMMIT);
                            assertThat(e.transactionId()).isNotBlank();
                            return e.validationCode();
                        }
                    }));
                }
                List<String> codes = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    codes.add(outcome.get());
                }
                assertThat(codes).contains("VALID");
                assertThat(codes).allMatch(code -> List.of("VALID", "MVCC_READ_CONFLICT", "PHANTOM_READ_CONFLICT").contains(code));
                long valid = codes.stream().filter("VALID"::equals).count();
                assertThat(ledger.batch(lot).packageCount()).isEqualTo(valid);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
