package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkException;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.domain.ErrorCode;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.network.ledger.VerifyReport;
import org.fairmark.testkit.Campaign;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability campaign, crash safety of the CSV import (issue #13): {@code fairmark import batches FILE.csv} runs as
 * its own JVM and is killed with SIGKILL at a random moment — a random number of journaled rows into the file, plus a
 * random fraction of a second — then run again on the same file until it finishes. Each kill is one of three, in
 * turn at random:
 *
 * <ul>
 *   <li><b>importer and network</b>: no background network, so the importer runs the development network in its own
 *       process and the kill ends both;
 *   <li><b>importer</b>: a background network ({@code fairmark network start}) keeps running while the importer dies;
 *   <li><b>network</b>: the background network is killed under the running importer, which must stop with a coded
 *       error (or is killed too if it has not stopped within two minutes).
 * </ul>
 *
 * After every kill the import journal must open again (a torn last frame is cut, nothing else is damaged) and, when
 * no network runs, the ledger must verify (an unfinished last append is the only problem allowed). The run that
 * finishes a file must count as already imported exactly the rows its journal held, and import the rest. At the end
 * every row any journal recorded as done (acknowledged) is on the ledger, every row of every file is on the ledger,
 * and the producer's batch count is exactly the number of rows: no batch registered twice, none refused as a
 * duplicate. Kills: {@code -Dreliability.rounds} (shared with the crash campaign; {@code -Dreliability.until} stops
 * starting new kills after an instant).
 */
@Tag(Campaign.TAG)
class ImportCrashCampaignIT {
    static final String GTIN = LedgerFixture.GTIN;
    static final String HEADER = "gtin,lot,product,variety,county,township,village,plot,lat,lon,harvest_date,declared,"
            + "loss_allowance,packer_orgs,evidence_hashes\n";
    static final int ROWS_PER_FILE = 24;
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^error: ([A-Z][A-Z_]+): ");

    enum Kill { IMPORTER_AND_NETWORK, IMPORTER, NETWORK }

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    @Test
    void a_killed_import_resumes_from_its_journal_without_a_lost_or_duplicated_row() throws Exception {
        int rounds = Campaign.size("rounds", 3);
        String untilProperty = System.getProperty("reliability.until", "").strip();
        Instant until = untilProperty.isEmpty() ? null : Instant.parse(untilProperty);
        Random random = new Random(Campaign.seed(13_013L));
        long started = System.nanoTime();
        CliRun cli = new CliRun(dataDir);
        cli.run("--json", "integrity", "CoopMSP").ok(); // creates the development network of the data directory
        String harvest = Quantities.today().minusDays(20).toString();

        Map<Kill, Integer> kills = new TreeMap<>();
        Map<String, Integer> importerExits = new TreeMap<>();
        Set<String> acknowledged = new LinkedHashSet<>(); // lots some journal recorded as done
        List<String> allLots = new ArrayList<>();
        int killCount = 0;
        int finishedBeforeKill = 0;
        int tornJournalTails = 0;
        int tornLedgerTails = 0;
        int ledgerVerified = 0;
        int resumedRows = 0;
        int filesDone = 0;
        boolean stoppedByTime = false;
        try {
            for (int fileNo = 0; killCount < rounds && !stoppedByTime; fileNo++) {
                List<String> lots = new ArrayList<>();
                StringBuilder csv = new StringBuilder(HEADER);
                for (int i = 0; i < ROWS_PER_FILE; i++) {
                    String lot = "CK-" + fileNo + "-" + i;
                    lots.add(lot);
                    csv.append(GTIN).append(',').append(lot).append(",板栗 chestnut,Yanshan,130227,Xingcheng,Dongzhuang,"
                            + "plot-1,40.15,118.31,").append(harvest).append(",2t,20kg,CoopMSP,\n");
                }
                allLots.addAll(lots);
                Path file = files.resolve("batches-" + fileNo + ".csv");
                Files.writeString(file, csv, StandardCharsets.UTF_8);
                Path journal = dataDir.resolve("imports").resolve("batches-"
                        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))
                                .substring(0, 16) + ".journal");
                int killsOfThisFile = random.nextInt(1, 4);
                boolean done = false;
                while (!done) {
                    if (until != null && Instant.now().isAfter(until)) {
                        System.out.println("[reliability] stopping after " + killCount + " of " + rounds + " kills: past "
                                + until);
                        stoppedByTime = true;
                    }
                    if (killsOfThisFile == 0 || killCount >= rounds || stoppedByTime) {
                        // the run that finishes the file: it must resume exactly after what the journal holds
                        int journaled = journalLots(journal, lots).size();
                        CliRun.Result last = cli.run("--json", "import", "batches", file.toString(), "--yes");
                        last.ok();
                        JsonNode json = last.json();
                        assertThat(json.get("alreadyImportedRows").asInt()).as("file %d: %s", fileNo, last)
                                .isEqualTo(journaled);
                        assertThat(json.get("importedRows").asInt()).isEqualTo(ROWS_PER_FILE - journaled);
                        resumedRows += journaled;
                        acknowledged.addAll(journalLots(journal, lots));
                        filesDone++;
                        done = true;
                        continue;
                    }
                    Kill kill = Kill.values()[random.nextInt(Kill.values().length)];
                    background(cli, kill != Kill.IMPORTER_AND_NETWORK);
                    int killAfterRows = random.nextInt(0, ROWS_PER_FILE);
                    long extraMillis = random.nextLong(0, 300);
                    Path log = files.resolve("import-" + fileNo + "-" + killCount + ".log");
                    Process importer = startImporter(file, log);
                    boolean exitedFirst = false;
                    try {
                        while (importer.isAlive() && journalLots(journal, lots).size() < killAfterRows) {
                            Thread.sleep(5);
                        }
                        Thread.sleep(extraMillis);
                        if (!importer.isAlive()) {
                            exitedFirst = true;
                        } else if (kill == Kill.NETWORK) {
                            ProcessHandle network = ProcessHandle.of(BackgroundNetwork.running(dataDir).orElseThrow().pid())
                                    .orElseThrow();
                            network.destroyForcibly();
                            network.onExit().get(60, TimeUnit.SECONDS);
                            if (importer.waitFor(120, TimeUnit.SECONDS)) {
                                String err = Files.readString(log, StandardCharsets.UTF_8);
                                Matcher code = ERROR_LINE.matcher(err);
                                String outcome = importer.exitValue() == 0 ? "0 (finished)"
                                        : importer.exitValue() + " " + (code.find() ? code.group(1) : "UNCODED");
                                importerExits.merge(outcome, 1, Integer::sum);
                                assertThat(outcome).as("the importer after the network's kill:%n%s", err)
                                        .doesNotContain("UNCODED", "INTERNAL_ERROR");
                            } else {
                                importerExits.merge("killed (still waiting after 120 s)", 1, Integer::sum);
                            }
                        }
                    } finally {
                        importer.destroyForcibly();
                        importer.waitFor(60, TimeUnit.SECONDS);
                    }
                    if (exitedFirst) {
                        // the whole file went through before the kill: that is the finishing run
                        assertThat(importer.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
                        finishedBeforeKill++;
                        acknowledged.addAll(journalLots(journal, lots));
                        filesDone++;
                        done = true;
                        continue;
                    }
                    killCount++;
                    killsOfThisFile--;
                    kills.merge(kill, 1, Integer::sum);
                    if (journalScanIsTorn(journal)) {
                        tornJournalTails++;
                    }
                    acknowledged.addAll(journalLots(journal, lots));
                    if (BackgroundNetwork.running(dataDir).isEmpty()) {
                        VerifyReport report = EmbeddedNetwork.verifyLedger(dataDir);
                        assertThat(report.ok() || report.tornTail()).as("kill %d: %s", killCount, report.summary())
                                .isTrue();
                        if (!report.ok()) {
                            tornLedgerTails++;
                        }
                        ledgerVerified++;
                    }
                    System.out.println("[reliability] " + Instant.now() + " import kill " + killCount + " of " + rounds
                            + " (" + kill + ", file " + fileNo + "): " + journalLots(journal, lots).size() + " of "
                            + ROWS_PER_FILE + " rows journaled");
                }
            }
        } finally {
            background(cli, false);
        }

        // A last start, in process: every acknowledged row is there, every row once.
        int lost = 0;
        int missing = 0;
        long batchesOnLedger;
        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start();
                FairmarkClient auditor = FairmarkClient.builder()
                        .connection(network.inProcessChannel())
                        .identity(FairmarkIdentity.fromWallet(network.wallet().directory(), EmbeddedNetwork.AUDITOR))
                        .connect()) {
            for (String lot : allLots) {
                try {
                    auditor.participant().batch(GTIN, lot);
                } catch (FairmarkException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.BATCH_NOT_FOUND);
                    missing++;
                    if (acknowledged.contains(lot)) {
                        lost++;
                    }
                    System.out.println("[reliability] MISSING " + lot + (acknowledged.contains(lot) ? " (acknowledged)" : ""));
                }
            }
        }
        batchesOnLedger = cli.run("--json", "integrity", "CoopMSP").ok().json().get("batches").asLong();

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("kills_asked", rounds);
        figures.put("kills_done", killCount);
        kills.forEach((kill, count) -> figures.put("kills_" + kill.name().toLowerCase(), count));
        figures.put("importer_after_network_kill", importerExits);
        figures.put("files", filesDone);
        figures.put("rows", allLots.size());
        figures.put("runs_finished_before_their_kill", finishedBeforeKill);
        figures.put("journal_torn_tails_cut", tornJournalTails);
        figures.put("ledger_verified_after_kill", ledgerVerified);
        figures.put("ledger_torn_tails", tornLedgerTails);
        figures.put("rows_acknowledged", acknowledged.size());
        figures.put("rows_resumed_from_journal", resumedRows);
        figures.put("acknowledged_rows_lost", lost);
        figures.put("rows_missing", missing);
        figures.put("batches_on_ledger", batchesOnLedger);
        figures.put("duplicate_batches", batchesOnLedger - (allLots.size() - missing));
        figures.put("seconds", (System.nanoTime() - started) / 1e9);
        Campaign.record("import-crash", figures);

        assertThat(lost).isZero();
        assertThat(missing).isZero();
        assertThat(batchesOnLedger).isEqualTo(allLots.size());
        if (!stoppedByTime) {
            assertThat(killCount).isEqualTo(rounds);
        }
    }

    /** Starts or stops the data directory's background network, so that it runs exactly when {@code on}. */
    private void background(CliRun cli, boolean on) {
        boolean running = BackgroundNetwork.running(dataDir).isPresent();
        if (on && !running) {
            cli.run("network", "start", "--port", "0").ok();
        } else if (!on && running) {
            cli.run("network", "stop").ok();
        }
    }

    /** {@code fairmark import batches FILE --yes --json} in a JVM of its own, output to {@code log}. */
    private Process startImporter(Path file, Path log) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                Fairmark.class.getName(),
                "--data-dir", dataDir.toString(),
                "--lang", "en",
                "--json",
                "import", "batches", file.toString(), "--yes", "--parallel", "4");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * The lots a journal records as done (none when it does not exist yet): each record is {@code <request id> TAB
     * <line> TAB <summary>}, and line {@code n} of the file holds {@code lots.get(n - 2)} (line 1 is the header).
     */
    private static Set<String> journalLots(Path journal, List<String> lots) throws IOException {
        Set<String> done = new LinkedHashSet<>();
        if (!Files.exists(journal) || Files.size(journal) == 0) {
            return done;
        }
        for (String record : ImportJournal.records(journal)) {
            if (!record.startsWith("#")) {
                done.add(lots.get(Integer.parseInt(record.split("\t", 3)[1]) - 2));
            }
        }
        return done;
    }

    /** Whether the journal ends in a frame cut short (the next import cuts it); damage elsewhere fails the test. */
    private static boolean journalScanIsTorn(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return false;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(journal)) {
            org.fairmark.domain.journal.Journal.Scan scan = ImportJournal.FORMAT.scan(channel);
            assertThat(scan.isDamaged()).as("journal %s: %s", journal, scan.problem()).isFalse();
            return scan.tornTail();
        }
    }
}
