package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Requests;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.testkit.Campaign;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability campaign, concurrency (issue #13): many packers pack one batch at once, half of them with the default
 * retries and half with none, until the batch's mass runs out. No committed pack may be lost (the ledger's package
 * count and packed mass are the sums of the packs that returned), the packed mass never exceeds the declared mass, and
 * every write that did not commit ends with a code: {@code MASS_BALANCE_EXCEEDED} from the contract, or an MVCC
 * validation code for a client without retries. Packs per client: {@code -Dreliability.packs}.
 */
@Tag(Campaign.TAG)
class ConcurrencyCampaignIT {
    private static final int CLIENTS = 6;
    private static final long DECLARED_GRAMS = 1_000_000L;

    @TempDir
    Path dataDir;

    @Test
    void concurrent_packers_lose_no_update_never_exceed_the_mass_and_every_conflict_has_its_code() throws Exception {
        int packsPerClient = Campaign.size("packs", 3);
        long started = System.nanoTime();
        try (TestLedger ledger = new TestLedger(dataDir)) {
            String lot = TestLedger.newLot();
            ledger.producer.producer().registerBatch(TestLedger.registration(lot, DECLARED_GRAMS));
            ledger.inspector.inspector().recordInspection(new Requests.RecordInspection(null, TestLedger.GTIN, lot,
                    ledger.standardCode, "2024", 50L, 5_000L, Map.of("defect_rate_permille", 12L), null, null, 180L,
                    null, "sampled"));
            LabelSigner signer = ledger.registeredSigner();
            Map<String, Integer> outcomes = new ConcurrentHashMap<>();
            AtomicLong packedGrams = new AtomicLong();
            AtomicLong packedCount = new AtomicLong();
            List<FairmarkClient> clients = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                for (int c = 0; c < CLIENTS; c++) {
                    clients.add(FairmarkClient.builder()
                            .connection(ledger.network.inProcessChannel())
                            .identity(ledger.identity(EmbeddedNetwork.PACKER))
                            .retryPolicy(c % 2 == 0 ? RetryPolicy.NONE : RetryPolicy.builder().maxAttempts(40)
                                    .initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(300)).build())
                            .connect());
                }
                List<Future<?>> runs = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    FairmarkClient client = clients.get(c);
                    boolean retries = c % 2 == 1;
                    Random random = new Random(Campaign.seed(13_005L) + c);
                    int clientNumber = c;
                    runs.add(pool.submit(() -> {
                        for (int p = 0; p < packsPerClient; p++) {
                            List<Requests.PackageSpec> specs = new ArrayList<>();
                            long nominal = random.nextLong(5_000, 50_001);
                            int count = random.nextInt(1, 5);
                            for (int i = 0; i < count; i++) {
                                specs.add(new Requests.PackageSpec(
                                        "C" + clientNumber + "P" + p + "-" + i, null, nominal, null));
                            }
                            try {
                                PackResult result = client.packer().pack(new Requests.Pack(null, TestLedger.GTIN, lot,
                                        TestLedger.today().toString(), signer.keyId(), specs));
                                packedGrams.addAndGet(nominal * count);
                                packedCount.addAndGet(result.serials().size());
                                outcomes.merge("COMMITTED", 1, Integer::sum);
                            } catch (FairmarkException e) {
                                String code = e.code() == ErrorCode.MASS_BALANCE_EXCEEDED ? e.code().name()
                                        : (retries ? "RETRIED_BUT_FAILED/" : "NO_RETRY/") + e.code()
                                                + (e.validationCode() == null ? "" : "/" + e.validationCode());
                                outcomes.merge(code, 1, Integer::sum);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdownNow();
                clients.forEach(FairmarkClient::close);
            }

            BatchView view = ledger.auditor.participant().batch(TestLedger.GTIN, lot);
            List<PackageRecord> packages = ledger.auditor.participant().allPackages(TestLedger.GTIN, lot);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("clients", CLIENTS + " (" + CLIENTS / 2 + " without retries)");
            figures.put("packs_attempted", CLIENTS * packsPerClient);
            figures.put("outcomes", new java.util.TreeMap<>(outcomes));
            figures.put("packed_grams_acknowledged", packedGrams.get());
            figures.put("packed_grams_on_ledger", view.packedNominalGrams());
            figures.put("declared_grams", DECLARED_GRAMS);
            figures.put("packages_acknowledged", packedCount.get());
            figures.put("packages_on_ledger", packages.size());
            figures.put("lost_updates", packedCount.get() - packages.size());
            figures.put("seconds", (System.nanoTime() - started) / 1_000_000_000.0);
            Campaign.record("concurrency", figures);

            assertThat(view.packedNominalGrams()).as("no lost update").isEqualTo(packedGrams.get());
            assertThat(packages).hasSize((int) packedCount.get());
            assertThat(view.packageCount()).isEqualTo(packedCount.get());
            assertThat(view.packedNominalGrams()).as("mass balance").isLessThanOrEqualTo(DECLARED_GRAMS);
            assertThat(view.remainingGrams()).isGreaterThanOrEqualTo(0);
            assertThat(outcomes.keySet()).as("every write that did not commit has its code").allMatch(code ->
                    code.equals("COMMITTED") || code.equals("MASS_BALANCE_EXCEEDED")
                            || code.matches("NO_RETRY/[A-Z_]+/(MVCC_READ_CONFLICT|PHANTOM_READ_CONFLICT)"));
            assertThat(outcomes).containsKey("COMMITTED");
        }
    }
}
