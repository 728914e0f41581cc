package org.fairmark.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Requests;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.network.EmbeddedNetworkMain;
import org.fairmark.network.ledger.VerifyReport;
import org.fairmark.testkit.Campaign;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability campaign, crash safety (issue #13). The embedded network runs in a child JVM on one data directory and
 * is killed with SIGKILL at a random moment while clients write the whole story (registrations, inspections, packs,
 * hand-overs, accepts, receipts: each writer takes the next step of an open lot, so every kind of write is in flight)
 * and an outbox syncs; then it is started again on the same directory, and the writers resume the open lots, each
 * step with the request id it had. Every start must
 * succeed, the ledger must verify after every kill (an unfinished last append, which the next start cuts, is the only
 * problem allowed), no acknowledged write may be missing, and the outbox must end with every entry submitted exactly
 * once. Rounds (kills): {@code -Dreliability.rounds}.
 */
@Tag(Campaign.TAG)
class CrashCampaignIT {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final int WRITERS = 3;

    @TempDir
    Path dataDir;

    @TempDir
    Path outboxDir;

    /** One acknowledged write: what it was and what the ledger must show for it. */
    record Ack(String kind, String lot, String detail) {}

    @Test
    void no_acknowledged_write_is_lost_and_every_restart_succeeds_whatever_the_moment_of_the_kill() throws Exception {
        int rounds = Campaign.size("rounds", 3);
        // -Dreliability.until=<ISO instant>: start no new kill after it (a full run on a busy machine that must end by
        // a given time); the figures then say how many kills were done of how many asked.
        String untilProperty = System.getProperty("reliability.until", "").strip();
        java.time.Instant until = untilProperty.isEmpty() ? null : java.time.Instant.parse(untilProperty);
        int kills = 0;
        Random random = new Random(Campaign.seed(13_004L));
        long started = System.nanoTime();
        EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start().close();
        Queue<Ack> acks = new ConcurrentLinkedQueue<>();
        Queue<Story> open = new ConcurrentLinkedQueue<>();
        Map<String, Integer> tornTails = new LinkedHashMap<>();
        Map<String, Integer> refusals = new java.util.concurrent.ConcurrentHashMap<>();
        int restarts = 0;
        int verified = 0;
        String standardCode = null;
        String keyId = null;
        List<String> outboxLots = new ArrayList<>();
        try (Outbox outbox = Outbox.open(outboxDir)) {
            for (int round = 0; round < rounds; round++) {
                if (until != null && java.time.Instant.now().isAfter(until)) {
                    System.out.println("[reliability] stopping after " + round + " of " + rounds + " kills: past " + until);
                    break;
                }
                Process child = startChild();
                try {
                    int port = awaitPort(child);
                    restarts++;
                    Map<String, FairmarkClient> clients = connect();
                    try {
                        if (standardCode == null) {
                            standardCode = "FM-CRASH-" + Integer.toHexString(random.nextInt()).toUpperCase();
                            clients.get(EmbeddedNetwork.INSPECTOR).inspector().publishStandard(
                                    new Requests.PublishStandard(null, TestLedger.chestnutStandard(standardCode)));
                            LabelSigner signer = LabelSigner.generate();
                            clients.get(EmbeddedNetwork.PACKER).packer().registerLabelKey(signer);
                            keyId = signer.keyId();
                        }
                        for (int i = 0; i < 2; i++) {
                            String lot = "OB-" + round + "-" + i + "-" + Integer.toHexString(random.nextInt());
                            outbox.add(TestLedger.registration(lot, 10_000L));
                            outboxLots.add(lot);
                        }
                        load(clients, outbox, standardCode, keyId, acks, open, random.nextInt(1, 9), random.nextLong(0, 400),
                                child, refusals);
                    } finally {
                        clients.values().forEach(FairmarkClient::close);
                    }
                    assertThat(port).isPositive();
                } finally {
                    child.destroyForcibly();
                    child.waitFor(60, TimeUnit.SECONDS);
                }
                VerifyReport report = EmbeddedNetwork.verifyLedger(dataDir);
                assertThat(report.ok() || report.tornTail()).as("round " + round + ": " + report.summary()).isTrue();
                if (!report.ok()) {
                    tornTails.merge("torn_tails_after_kill", 1, Integer::sum);
                }
                verified++;
                kills++;
                System.out.println("[reliability] " + java.time.Instant.now() + " kill " + kills + " of " + rounds
                        + ": " + acks.size() + " writes acknowledged so far, ledger " + report.summary());
            }
        }

        // A last start, in process: every acknowledged write is there, and the outbox finishes without duplicates.
        int lost = 0;
        long duplicates;
        long outboxSubmitted;
        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start();
                FairmarkClient auditor = FairmarkClient.builder()
                        .connection(network.inProcessChannel())
                        .identity(FairmarkIdentity.fromWallet(network.wallet().directory(), EmbeddedNetwork.AUDITOR))
                        .connect();
                Outbox outbox = Outbox.open(outboxDir)) {
            restarts++;
            for (Ack ack : acks) {
                if (!present(auditor, ack)) {
                    lost++;
                    System.out.println("[reliability] LOST " + ack);
                }
            }
            try (FairmarkClient producer = auditor.withIdentity(
                    FairmarkIdentity.fromWallet(network.wallet().directory(), EmbeddedNetwork.PRODUCER))) {
                SyncReport last = outbox.sync(producer);
                assertThat(last.rejected()).as("outbox entries refused: %s", last).isZero();
                assertThat(last.deferred()).isZero();
            }
            assertThat(outbox.entries()).allMatch(e -> e.status() == OutboxEntry.Status.SUBMITTED);
            outboxSubmitted = outbox.entries().size();
            duplicates = 0;
            for (OutboxEntry entry : outbox.entries()) {
                BatchView reported = Json.MAPPER.readValue(entry.resultJson(), BatchView.class);
                BatchView onLedger = auditor.participant().batch(TestLedger.GTIN, reported.batch().lot());
                if (!onLedger.batch().txId().equals(reported.batch().txId())) {
                    duplicates++;
                }
            }
        }
        VerifyReport report = EmbeddedNetwork.verifyLedger(dataDir);
        assertThat(report.ok()).as(report.summary()).isTrue();

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("kills", kills);
        figures.put("kills_asked", rounds);
        figures.put("restarts_ok", restarts);
        figures.put("ledger_verified_after_kill", verified);
        figures.put("torn_tails_cut", tornTails.getOrDefault("torn_tails_after_kill", 0));
        figures.put("acknowledged_writes", acks.size());
        for (String kind : List.of("register", "inspect", "pack", "handover", "accept", "receipt")) {
            figures.put("acknowledged_" + kind, acks.stream().filter(a -> a.kind().equals(kind)).count());
        }
        figures.put("acknowledged_lost", lost);
        figures.put("refused_with_code", refusals);
        figures.put("outbox_entries", outboxLots.size());
        figures.put("outbox_submitted_once", outboxSubmitted - duplicates);
        figures.put("outbox_duplicates", duplicates);
        figures.put("blocks", report.blocksChecked());
        figures.put("seconds", (System.nanoTime() - started) / 1_000_000_000.0);
        Campaign.record("crash", figures);
        assertThat(lost).isZero();
        assertThat(duplicates).isZero();
        assertThat(outboxSubmitted).isEqualTo(outboxLots.size());
    }

    /**
     * Writers and the outbox work until {@code acksBeforeKill} more writes were acknowledged and {@code killAfterMillis}
     * more passed, when the child is killed mid-flight.
     */
    private static void load(Map<String, FairmarkClient> clients, Outbox outbox, String standardCode, String keyId,
            Queue<Ack> acks, Queue<Story> open, int acksBeforeKill, long killAfterMillis, Process child,
            Map<String, Integer> refusals) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sequence = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        step(clients, standardCode, keyId, acks, open, sequence.incrementAndGet());
                    } catch (FairmarkException e) {
                        if (stop.get() || e.isUnavailable()) {
                            return; // cut off by the kill: not acknowledged
                        }
                        // e.g. two receipts racing on the producer's integrity facts: surfaced with its code
                        refusals.merge(e.code() + (e.validationCode() == null ? "" : "/" + e.validationCode()), 1,
                                Integer::sum);
                    }
                }
            }, "writer-" + w);
            threads.add(writer);
        }
        Thread syncer = new Thread(() -> {
            while (!stop.get()) {
                try {
                    outbox.sync(clients.get(EmbeddedNetwork.PRODUCER));
                    Thread.sleep(50);
                } catch (FairmarkException | InterruptedException e) {
                    return;
                }
            }
        }, "outbox-sync");
        threads.add(syncer);
        threads.forEach(Thread::start);
        // the kill comes a random few acknowledgements into the load, then a random fraction of a second later
        int before = acks.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acks.size() < before + acksBeforeKill && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(killAfterMillis);
        // SIGKILL: no shutdown hook, no close; whatever is in flight stays unfinished
        child.destroyForcibly();
        child.waitFor(60, TimeUnit.SECONDS);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(120));
        }
    }

    /** A lot on its way through the story: the next step, and what earlier steps returned. */
    static final class Story {
        final String lot;
        int step;
        List<String> serials;

        Story(String lot) {
            this.lot = lot;
        }

        /** Fixed per lot and step, so a step retried after a kill returns its first result, never a second write. */
        String requestId() {
            return "crash-" + lot + "-" + step;
        }
    }

    private static final List<String> STEPS = List.of("register", "inspect", "pack", "handover", "accept", "receipt");

    /**
     * Takes the next step of an open story (or starts one) and acknowledges it when it returns. A step cut off by the
     * kill stays open and is retried, with the same request id, in the next round.
     */
    private static void step(Map<String, FairmarkClient> clients, String standardCode, String keyId, Queue<Ack> acks,
            Queue<Story> open, int n) {
        Story story = open.poll();
        if (story == null) {
            story = new Story("CR-" + n + "-" + Long.toHexString(System.nanoTime() & 0xffffff));
        }
        String lot = story.lot;
        String id = story.requestId();
        try {
            String detail = null;
            switch (STEPS.get(story.step)) {
                case "register" -> {
                    Requests.RegisterBatch base = TestLedger.registration(lot, 100_000L);
                    clients.get(EmbeddedNetwork.PRODUCER).producer().registerBatch(new Requests.RegisterBatch(id,
                            base.gtin(), base.lot(), base.product(), base.variety(), base.origin(), base.harvestDate(),
                            base.declaredMassGrams(), base.packingLossAllowanceGrams(), base.packerOrgs(),
                            base.evidenceHashes()));
                }
                case "inspect" -> clients.get(EmbeddedNetwork.INSPECTOR).inspector().recordInspection(
                        new Requests.RecordInspection(id, TestLedger.GTIN, lot, standardCode, "2024", 50L, 5_000L,
                                Map.of("defect_rate_permille", 12L), null, null, 180L, null, "crash campaign"));
                case "pack" -> {
                    List<Requests.PackageSpec> specs = List.of(new Requests.PackageSpec(lot + "-1", null, 500L, null),
                            new Requests.PackageSpec(lot + "-2", null, 500L, null));
                    PackResult packed = clients.get(EmbeddedNetwork.PACKER).packer().pack(new Requests.Pack(id,
                            TestLedger.GTIN, lot, TestLedger.today().toString(), keyId, specs));
                    story.serials = packed.serials();
                    detail = String.join(",", packed.serials());
                }
                case "handover" -> {
                    clients.get(EmbeddedNetwork.PACKER).packer().handOver(new Requests.HandOver(id,
                            TestLedger.refs(lot, story.serials), "MarketMSP", null));
                    detail = story.serials.get(0);
                }
                case "accept" -> {
                    clients.get(EmbeddedNetwork.BUYER).buyer().accept(
                            new Requests.Accept(id, TestLedger.refs(lot, story.serials)));
                    detail = story.serials.get(0);
                }
                default -> detail = clients.get(EmbeddedNetwork.BUYER).buyer().recordReceipt(new Requests.RecordReceipt(
                        id, "scale-01", null, List.of(new Requests.Weighing(TestLedger.GTIN, lot,
                                story.serials.get(0), 5_000L)))).receiptId();
            }
            acks.add(new Ack(STEPS.get(story.step), lot, detail));
            story.step++;
        } finally {
            if (story.step < STEPS.size()) {
                open.add(story);
            }
        }
    }

    private static boolean present(FairmarkClient auditor, Ack ack) {
        Participant reader = auditor.participant();
        try {
            return switch (ack.kind()) {
                case "register" -> reader.batch(TestLedger.GTIN, ack.lot()).batch().lot().equals(ack.lot());
                case "inspect" -> !reader.inspections(TestLedger.GTIN, ack.lot()).isEmpty();
                case "pack" -> reader.allPackages(TestLedger.GTIN, ack.lot()).size() == 2;
                case "handover" -> {
                    Custody custody = reader.custody(TestLedger.GTIN, ack.lot(), ack.detail());
                    yield "MarketMSP".equals(custody.pendingOrg()) || "MarketMSP".equals(custody.holderOrg());
                }
                case "accept" -> "MarketMSP".equals(reader.custody(TestLedger.GTIN, ack.lot(), ack.detail()).holderOrg());
                case "receipt" -> reader.receipt(ack.detail()).weighings().size() == 1;
                default -> throw new IllegalArgumentException(ack.kind());
            };
        } catch (FairmarkException e) {
            return false;
        }
    }

    private Map<String, FairmarkClient> connect() {
        Map<String, FairmarkClient> clients = new LinkedHashMap<>();
        for (String name : List.of(EmbeddedNetwork.PRODUCER, EmbeddedNetwork.PACKER, EmbeddedNetwork.INSPECTOR,
                EmbeddedNetwork.BUYER)) {
            clients.put(name, FairmarkClient.builder()
                    .profile(dataDir.resolve(EmbeddedNetwork.CONNECTION_PROFILE))
                    .identity(FairmarkIdentity.fromWallet(dataDir.resolve("wallet"), name))
                    .retryPolicy(RetryPolicy.NONE)
                    .connect());
        }
        return clients;
    }

    private Process startChild() throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                EmbeddedNetworkMain.class.getName(),
                "--data-dir", dataDir.toString(),
                "--port", "0",
                "--block-size", "5",
                "--block-timeout-ms", "20");
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the child's log until it names its port, then keeps draining it so the child never blocks. */
    private static int awaitPort(Process child) throws IOException {
        BufferedReader log = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = log.readLine()) != null) {
            lines.add(line);
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (log.readLine() != null) {
                            // discard
                        }
                    } catch (IOException e) {
                        // the child is gone
                    }
                }, "child-log");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("the network did not start again:\n" + String.join("\n", lines));
    }
}
