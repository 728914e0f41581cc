package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.function.Supplier;
import org.fairmark.devca.Identity;
import org.fairmark.domain.PublicKeys;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.GeoPoint;
import org.fairmark.domain.model.Requests;
import org.fairmark.testkit.Campaign;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reliability campaign, determinism (issue #13): random operation sequences (packs, hand-overs, accepts, receipts,
 * scans, disputes, registrations, reads; refusals included) run on two endorsers, each with a ledger of its own
 * (fresh every {@value #SEQUENCES_PER_LEDGER} sequences, so later sequences meet a fuller state); every
 * transaction must give byte-identical read/write sets, responses and events on both. The second endorser runs every
 * transaction under another default time zone and locale ({@code Pacific/Chatham}, {@code tr-TR}: a +12:45 offset and
 * a locale whose upper case of "i" is not "I"), so a rule that reads the JVM's defaults shows up as a difference.
 * Sequences: {@code -Dreliability.sequences}.
 */
@Tag(Campaign.TAG)
class DeterminismCampaignTest {
    private static final TimeZone OTHER_ZONE = TimeZone.getTimeZone("Pacific/Chatham");
    private static final Locale OTHER_LOCALE = Locale.forLanguageTag("tr-TR");
    private static final int OPERATIONS = 6;
    private static final int SEQUENCES_PER_LEDGER = 25;

    record Step(Identity who, String function, Object request) {}

    @Test
    void two_endorsers_compute_identical_read_write_sets_over_random_sequences_in_any_time_zone_and_locale() {
        int sequences = Campaign.size("sequences", 20);
        Random random = new Random(Campaign.seed(13_003L));
        long started = System.nanoTime();
        KeyPair labelKey = Fixtures.labelKeyPair();
        String keyId = PublicKeys.keyId(labelKey.getPublic());
        long transactions = 0;
        long committed = 0;
        long refused = 0;
        long withWrites = 0;
        Chain left = null;
        Chain right = null;
        List<String> serials = new ArrayList<>();
        for (int sequence = 0; sequence < sequences; sequence++) {
            List<Step> steps = new ArrayList<>();
            if (sequence % SEQUENCES_PER_LEDGER == 0) {
                // a fresh pair of ledgers now and then; in between, each sequence starts where the last one ended
                left = new Chain();
                right = new Chain();
                serials.clear();
                steps.addAll(List.of(
                        new Step(Parties.producer(), "batch:Register", Fixtures.batch()),
                        new Step(Parties.inspector(), "standard:Publish", Fixtures.standard()),
                        new Step(Parties.inspector(), "inspection:Record", Fixtures.inspection()),
                        new Step(Parties.packer(), "labelkey:Register", Fixtures.labelKey(labelKey))));
            }
            Chain leftChain = left;
            Chain rightChain = right;
            for (int op = 0; op < OPERATIONS; op++) {
                steps.add(randomStep(random, sequence, op, keyId, serials));
            }
            for (Step step : steps) {
                Outcome a = leftChain.submit(step.who(), step.function(), step.request());
                Outcome b = underOtherDefaults(() -> rightChain.submit(step.who(), step.function(), step.request()));
                String what = "sequence " + sequence + " " + step.function() + " " + Chain.json(step.request());
                assertThat(b.ok()).as(what + ": " + a + " vs " + b).isEqualTo(a.ok());
                assertThat(b.committed()).as(what).isEqualTo(a.committed());
                assertThat(b.rwset().toKvRwSetBytes()).as(what).isEqualTo(a.rwset().toKvRwSetBytes());
                assertThat(b.payload()).as(what).isEqualTo(a.payload());
                assertThat(b.result().message()).as(what).isEqualTo(a.result().message());
                if (a.event() == null) {
                    assertThat(b.event()).as(what).isNull();
                } else {
                    assertThat(b.event().name()).as(what).isEqualTo(a.event().name());
                    assertThat(b.event().payload()).as(what).isEqualTo(a.event().payload());
                }
                transactions++;
                if (a.committed()) {
                    committed++;
                } else if (!a.ok()) {
                    refused++;
                }
                if (a.rwset().toKvRwSetBytes().length > 0 && a.committed()) {
                    withWrites++;
                }
                if (a.ok() && step.function().equals("packaging:Pack")) {
                    ((Requests.Pack) step.request()).packages().forEach(p -> serials.add(p.serial()));
                }
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sequences", sequences);
        figures.put("transactions_compared", transactions);
        figures.put("committed", committed);
        figures.put("refused_with_a_code", refused);
        figures.put("committed_with_writes", withWrites);
        figures.put("second_endorser_zone_locale", OTHER_ZONE.getID() + " " + OTHER_LOCALE.toLanguageTag());
        figures.put("differences", 0);
        figures.put("seconds", (System.nanoTime() - started) / 1_000_000_000.0);
        Campaign.record("determinism", figures);
        assertThat(committed).isPositive();
        assertThat(refused).isPositive();
    }

    private static Step randomStep(Random random, int sequence, int op, String keyId, List<String> serials) {
        String lot = Fixtures.LOT;
        String serial = serials.isEmpty() ? "P0-00001" : serials.get(random.nextInt(serials.size()));
        Requests.PackageRef ref = new Requests.PackageRef(Fixtures.GTIN, lot, serial);
        String org = random.nextBoolean() ? Parties.CARRIER : Parties.MARKET;
        return switch (random.nextInt(9)) {
            case 0, 1 -> new Step(Parties.packer(), "packaging:Pack", Fixtures.pack(lot, keyId,
                    Fixtures.packages("P" + op + "-", random.nextInt(1, 6), random.nextLong(1, 400_000),
                            random.nextInt(4) == 0 ? "SECOND" : null)));
            case 2 -> new Step(random.nextBoolean() ? Parties.packer() : Parties.of(org, Scenario.receiverRole(org)),
                    "custody:HandOver", new Requests.HandOver(Fixtures.requestId(), List.of(ref), org, null));
            case 3 -> new Step(Parties.of(org, Scenario.receiverRole(org)), "custody:Accept",
                    new Requests.Accept(Fixtures.requestId(), List.of(ref)));
            case 4 -> new Step(Parties.buyer(), "receipt:Record", new Requests.RecordReceipt(Fixtures.requestId(),
                    "SCALE-" + random.nextInt(3), null, List.of(new Requests.Weighing(Fixtures.GTIN, lot, serial,
                            random.nextLong(1, 4_000_000)))));
            case 5 -> new Step(Parties.buyer(), "scan:Record", new Requests.RecordScan(Fixtures.requestId(),
                    Fixtures.GTIN, lot, serial, Parties.QIANXI,
                    new GeoPoint(random.nextLong(-90_000_000, 90_000_000), random.nextLong(-180_000_000, 180_000_000))));
            case 6 -> new Step(Parties.buyer(), "dispute:Open", new Requests.OpenDispute(Fixtures.requestId(),
                    DisputeType.values()[random.nextInt(DisputeType.values().length)], Fixtures.GTIN, lot,
                    List.of(serial), null, "claim " + sequence + "-" + op + " İı", List.of()));
            case 7 -> new Step(Parties.producer(), "batch:Register", Fixtures.batch("LOT-" + sequence + "-" + op
                    + (random.nextBoolean() ? "i" : "I"), random.nextBoolean() ? Parties.QIANXI : Parties.DEQING,
                    random.nextLong(1, 5_000_000)));
            default -> new Step(Parties.of(Parties.BUREAU, Role.AUDITOR), random.nextBoolean() ? "batch:Get"
                    : "trace:Batch", new Requests.BatchRef(Fixtures.GTIN, lot));
        };
    }

    private static <T> T underOtherDefaults(Supplier<T> work) {
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        TimeZone.setDefault(OTHER_ZONE);
        Locale.setDefault(OTHER_LOCALE);
        try {
            return work.get();
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }
    }
}
