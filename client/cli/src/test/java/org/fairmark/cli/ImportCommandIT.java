package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.devca.Roster;
import org.fairmark.domain.BusinessDates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairmark import}: every row checked first, idempotent submission, resumption after an interruption. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportCommandIT {
    static final String GTIN = LedgerFixture.GTIN;
    static final String HEADER = "gtin,lot,product,variety,county,township,village,plot,lat,lon,harvest_date,declared,"
            + "loss_allowance,packer_orgs,evidence_hashes\n";

    @TempDir
    static Path dataDir;

    @TempDir
    static Path files;

    LedgerFixture ledger;
    CliRun cli;
    String harvest;
    int filesWritten;

    @BeforeAll
    void network() {
        ledger = LedgerFixture.create(dataDir);
        cli = ledger.cli;
        harvest = Quantities.today().minusDays(20).toString();
    }

    Path write(String content) throws IOException {
        return write(content, StandardCharsets.UTF_8);
    }

    Path write(String content, Charset charset) throws IOException {
        Path file = files.resolve("import-" + ++filesWritten + ".csv");
        Files.writeString(file, content, charset);
        return file;
    }

    String row(String lot) {
        return GTIN + "," + lot + ",板栗 chestnut,Yanshan,130227,Xingcheng,Dongzhuang,plot-1,40.15,118.31," + harvest
                + ",2t,20kg,CoopMSP,\n";
    }

    long batchesOnLedger() {
        return cli.run("--json", "integrity", "CoopMSP").ok().json().get("batches").asLong();
    }

    @Test
    void bad_rows_are_reported_with_their_line_numbers_and_nothing_is_submitted() throws IOException {
        String good = ledger.newLot();
        Path file = write(HEADER
                + GTIN + "," + good + ",\"板栗, chestnut\",,130227,Xingcheng,Dongzhuang,,,," + harvest + ",1t,,,\n"
                + "06901234567890," + ledger.newLot() + ",chestnut,,130227,Xingcheng,Dongzhuang,,,," + harvest + ",1t,,,\n"
                + GTIN + "," + ledger.newLot() + ",chestnut,,130000,Xingcheng,Dongzhuang,,,,2099-01-01,1t,,,\n"
                + row(ledger.newLot())
                + GTIN + "," + good + ",chestnut,,130227,,Dongzhuang,,40.1,,," + "0,,,abc\n");

        CliRun.Result human = cli.run("import", "batches", file.toString());
        CliRun.Result json = cli.run("--json", "import", "batches", file.toString());
        CliRun.Result lookup = cli.run("batch", "get", GTIN, good);

        assertThat(human.exit()).isEqualTo(3);
        String name = file.getFileName().toString();
        assertThat(human.err())
                .contains(name + ":3: INVALID_GTIN: ")
                .contains(name + ":4: INVALID_COUNTY_CODE: county: 130000 (河北省) is a province-level code")
                .contains(name + ":4: INVALID_DATE: harvest_date: 2099-01-01 is in the future")
                .contains(name + ":6: INVALID_ARGUMENT: township is missing")
                .contains(name + ":6: INVALID_LOCATION: lat and lon go together")
                .contains(name + ":6: INVALID_ARGUMENT: harvest_date is missing")
                .contains(name + ":6: INVALID_MASS: declared: ")
                .contains(name + ":6: INVALID_HASH: ")
                .contains(name + ":6: BATCH_EXISTS: batch " + GTIN + "/" + good + " is also on line 2")
                .contains("error: INVALID_ARGUMENT: 3 of 5 rows are invalid (lines 3, 4, 6); nothing was submitted")
                .doesNotContain(name + ":2: ")
                .doesNotContain(name + ":5: ");
        assertThat(json.exit()).isEqualTo(3);
        assertThat(json.json().get("ok").asBoolean()).isFalse();
        List<Integer> lines = new ArrayList<>();
        json.json().get("errors").forEach(error -> lines.add(error.get("line").asInt()));
        assertThat(lines).containsOnly(3, 4, 6);
        assertThat(lookup.exit()).isEqualTo(5);
        assertThat(lookup.err()).startsWith("error: BATCH_NOT_FOUND: ");
    }

    /** The code a dry run gives the one row of {@code csvRow}, or null when the row is valid. */
    String dryRunCode(String csvRow) throws IOException {
        CliRun.Result result = cli.run("--json", "import", "batches", write(HEADER + csvRow).toString(), "--dry-run");
        JsonNode errors = result.json().get("errors");
        return errors == null ? null : errors.get(0).get("code").asText();
    }

    /** The code the contract gives the same batch sent straight to it by {@code batch register}, or null. */
    String contractCode(String lot, String harvestDate, String loss, String evidence) {
        List<String> args = new ArrayList<>(List.of("batch", "register", GTIN, lot, "--product", "chestnut",
                "--county", "130227", "--township", "Xingcheng", "--village", "Dongzhuang", "--harvest-date",
                harvestDate, "--declared", "2t", "--loss-allowance", loss));
        if (!evidence.isEmpty()) {
            args.add("--evidence-hash");
            args.add(evidence.replace(';', ','));
        }
        CliRun.Result result = cli.run(args.toArray(String[]::new));
        if (result.exit() == 0) {
            return null;
        }
        Matcher code = Pattern.compile("error: ([A-Z_]+):").matcher(result.err());
        assertThat(code.find()).as(result.err()).isTrue();
        return code.group(1);
    }

    @Test
    void a_dry_run_gives_the_contracts_verdict_on_each_row() throws IOException {
        String today = BusinessDates.today(Clock.systemUTC()).toString();
        String tomorrow = LocalDate.parse(today).plusDays(1).toString();
        String hash = "ab".repeat(32);
        String[][] cases = {
            // harvest date, loss allowance, evidence hashes, expected code
            {today, "20kg", "", null},
            {tomorrow, "20kg", "", "INVALID_DATE"},
            {today, "2t", "", "INVALID_MASS"},
            {today, "20kg", hash + ";" + hash, "INVALID_ARGUMENT"},
            {today, "20kg", hash.toUpperCase(Locale.ROOT), "INVALID_HASH"},
        };
        for (String[] c : cases) {
            String lot = ledger.newLot();
            String csvRow = GTIN + "," + lot + ",chestnut,,130227,Xingcheng,Dongzhuang,,,," + c[0] + ",2t," + c[1]
                    + ",," + c[2] + "\n";
            String dryRun = dryRunCode(csvRow);
            String contract = contractCode(lot, c[0], c[1], c[2]);
            assertThat(dryRun).as("dry run of %s", csvRow).isEqualTo(c[3]);
            assertThat(contract).as("contract on %s", csvRow).isEqualTo(dryRun);
        }
    }

    @Test
    void a_dry_run_judges_the_harvest_date_by_the_China_Standard_Time_date_as_the_contract_does() throws IOException {
        String csvRow = GTIN + "," + ledger.newLot() + ",chestnut,,130227,Xingcheng,Dongzhuang,,,,2026-10-09,2t,,,\n";
        Clock system = Quantities.clock;
        try {
            // 2026-10-08T16:00Z is midnight of 2026-10-09 at UTC+08:00; RulesTest pins the contract at these instants
            Quantities.clock = Clock.fixed(Instant.parse("2026-10-08T15:59:59Z"), ZoneOffset.UTC);
            assertThat(dryRunCode(csvRow)).isEqualTo("INVALID_DATE");
            Quantities.clock = Clock.fixed(Instant.parse("2026-10-08T16:00:00Z"), ZoneOffset.UTC);
            assertThat(dryRunCode(csvRow)).isNull();
        } finally {
            Quantities.clock = system;
        }
    }

    @Test
    void a_second_run_imports_nothing_twice_even_without_its_journal() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        List<String> lots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String lot = ledger.newLot();
            lots.add(lot);
            csv.append(row(lot));
        }
        Path file = write(csv.toString());
        long before = batchesOnLedger();

        JsonNode first = cli.run("--json", "import", "batches", file.toString()).ok().json();
        JsonNode second = cli.run("--json", "import", "batches", file.toString()).ok().json();
        Files.delete(Path.of(first.get("journal").asText()));
        JsonNode third = cli.run("--json", "import", "batches", file.toString()).ok().json();
        CliRun.Result human = cli.run("import", "batches", file.toString()).ok();

        assertThat(first.get("importedRows").asInt()).isEqualTo(5);
        assertThat(first.get("alreadyImportedRows").asInt()).isZero();
        assertThat(first.get("submitted")).hasSize(5);
        assertThat(second.get("importedRows").asInt()).isZero();
        assertThat(second.get("alreadyImportedRows").asInt()).isEqualTo(5);
        assertThat(second.get("submitted")).isEmpty();
        assertThat(third.get("submitted").findValuesAsText("requestId"))
                .containsExactlyInAnyOrderElementsOf(first.get("submitted").findValuesAsText("requestId"));
        assertThat(batchesOnLedger() - before).isEqualTo(5);
        assertThat(human.out()).contains("Imported 0 rows, 5 were already imported (batches)");
        for (String lot : lots) {
            assertThat(cli.run("--json", "batch", "get", GTIN, lot).ok().json().at("/batch/declaredMassGrams").asLong())
                    .isEqualTo(2_000_000);
        }
    }

    @Test
    void an_interrupted_import_resumes_where_it_stopped() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 6; i++) {
            csv.append(row(ledger.newLot()));
        }
        Path file = write(csv.toString());
        long before = batchesOnLedger();

        CliRun.Result interrupted = cli.runWith(fairmark -> fairmark.interruptImportAfter(2), "import", "batches",
                file.toString());
        long afterInterruption = batchesOnLedger();
        JsonNode resumed = cli.run("--json", "import", "batches", file.toString()).ok().json();
        List<String> journal = ImportJournal.records(Path.of(resumed.get("journal").asText()));

        assertThat(interrupted.exit()).isEqualTo(130);
        assertThat(interrupted.err()).contains("error: INTERRUPTED: import interrupted after 2 of 6 submissions");
        assertThat(afterInterruption - before).isEqualTo(2);
        assertThat(resumed.get("alreadyImportedRows").asInt()).isEqualTo(2);
        assertThat(resumed.get("importedRows").asInt()).isEqualTo(4);
        assertThat(batchesOnLedger() - before).isEqualTo(6);
        assertThat(journal.stream().filter(line -> !line.startsWith("#"))).hasSize(6);
    }

    @Test
    void progress_is_a_bar_on_a_terminal_and_plain_lines_otherwise() throws IOException {
        Path barFile = write(HEADER + row(ledger.newLot()) + row(ledger.newLot()));
        Path plainFile = write(HEADER + row(ledger.newLot()) + row(ledger.newLot()));

        CliRun.Result bar = cli.runWith(fairmark -> fairmark.terminal(true), "import", "batches", barFile.toString()).ok();
        CliRun.Result plain = cli.run("import", "batches", plainFile.toString()).ok();

        assertThat(bar.err()).contains("\rbatches [").contains("] 2/2");
        assertThat(plain.err()).contains("batches 2/2 (100%)").doesNotContain("\r");
    }

    @Test
    void a_missing_column_a_wrong_encoding_and_a_dry_run() throws IOException {
        Path noDeclared = write("gtin,lot,product,county,township,village,harvest_date\n" + GTIN + ",X,p,130227,t,v," + harvest + "\n");
        String lot = ledger.newLot();
        Path gbk = write(HEADER + GTIN + "," + lot + ",迁西板栗,,130227,兴城镇,东庄村,,,,"
                + harvest + ",500kg,,,\n", Charset.forName("GBK"));

        CliRun.Result missing = cli.run("import", "batches", noDeclared.toString());
        CliRun.Result wrongEncoding = cli.run("import", "batches", gbk.toString());
        JsonNode dryRun = cli.run("--json", "import", "batches", gbk.toString(), "--encoding", "GBK", "--dry-run").ok().json();
        CliRun.Result notYet = cli.run("batch", "get", GTIN, lot);
        cli.run("import", "batches", gbk.toString(), "--encoding", "GBK").ok();
        JsonNode imported = cli.run("--json", "batch", "get", GTIN, lot).ok().json();

        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).contains("line 1: missing column declared");
        assertThat(wrongEncoding.exit()).isEqualTo(3);
        assertThat(wrongEncoding.err()).contains("try --encoding GBK");
        assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
        assertThat(notYet.exit()).isEqualTo(5);
        assertThat(imported.at("/batch/product").asText()).isEqualTo("迁西板栗");
        assertThat(imported.at("/batch/origin/township").asText()).isEqualTo("兴城镇");
    }

    @Test
    void a_misspelt_column_is_an_error_naming_the_known_ones_unless_allowed() throws IOException {
        String lot = ledger.newLot();
        Path file = write(HEADER.replace("loss_allowance", "loss_alowance").replace("\n", ",remarks\n")
                + GTIN + "," + lot + ",chestnut,,130227,Xingcheng,Dongzhuang,,,," + harvest + ",2t,20kg,CoopMSP,,dry\n");
        Path packages = write("serial,nominal,gade\n" + lot + "-1,500g,SECOND\n");

        CliRun.Result refused = cli.run("import", "batches", file.toString());
        CliRun.Result dryRun = cli.run("import", "batches", file.toString(), "--dry-run");
        CliRun.Result notImported = cli.run("batch", "get", GTIN, lot);
        JsonNode allowed = cli.run("--json", "import", "batches", file.toString(), "--allow-unknown-columns").ok().json();
        JsonNode batch = cli.run("--json", "batch", "get", GTIN, lot).ok().json();
        CliRun.Result packRefused = cli.run("pack", GTIN, lot, "--file", packages.toString());

        assertThat(refused.exit()).as("%s", refused).isEqualTo(3);
        assertThat(refused.err()).startsWith("error: INVALID_ARGUMENT: ")
                .contains("unknown columns 'loss_alowance' (did you mean 'loss_allowance'?), 'remarks';")
                .contains("the known columns are gtin, lot, product, county, township, village, harvest_date, declared,"
                        + " variety, plot, lat, lon, loss_allowance, packer_orgs, evidence_hashes")
                .contains("--allow-unknown-columns");
        assertThat(dryRun.exit()).isEqualTo(3);
        assertThat(notImported.exit()).isEqualTo(5);
        assertThat(allowed.get("ignoredColumns")).extracting(JsonNode::asText).containsExactly("loss_alowance", "remarks");
        assertThat(batch.at("/batch/packingLossAllowanceGrams").asLong()).isZero();
        assertThat(packRefused.exit()).isEqualTo(3);
        assertThat(packRefused.err()).contains("unknown column 'gade' (did you mean 'grade'?)");
    }

    @Test
    void files_over_the_row_or_byte_limit_are_refused_unless_the_limit_is_raised() throws IOException {
        StringBuilder big = new StringBuilder(HEADER);
        String line = row("L-0000000");
        while (big.length() < HEADER.length() + (long) line.length() * (ImportCommand.DEFAULT_MAX_ROWS + 1)) {
            big.append(line);
        }
        Path huge = write(big.toString());
        Path three = write(HEADER + row(ledger.newLot()) + row(ledger.newLot()) + row(ledger.newLot()));

        CliRun.Result overDefault = cli.run("import", "batches", huge.toString(), "--dry-run");
        CliRun.Result overRows = cli.run("import", "batches", three.toString(), "--max-rows", "2");
        CliRun.Result overBytes = cli.run("import", "batches", three.toString(), "--max-bytes", "100");
        CliRun.Result raised = cli.run("import", "batches", three.toString(), "--max-rows", "3", "--dry-run");
        CliRun.Result ceiling = cli.run("import", "batches", three.toString(), "--max-rows", "2000001");

        assertThat(overDefault.exit()).as("%s", overDefault).isEqualTo(3);
        assertThat(overDefault.err()).startsWith("error: PAYLOAD_TOO_LARGE: ")
                .contains("has " + (ImportCommand.DEFAULT_MAX_ROWS + 1) + " rows, more than the limit of 100000")
                .contains("--max-rows");
        assertThat(overRows.err()).startsWith("error: PAYLOAD_TOO_LARGE: ").contains("limit of 2;");
        assertThat(overBytes.err()).startsWith("error: PAYLOAD_TOO_LARGE: ").contains("limit of 100 bytes")
                .contains("--max-bytes");
        assertThat(raised.exit()).isZero();
        assertThat(ceiling.exit()).isEqualTo(2);
    }

    @Test
    void a_large_import_is_summarised_and_confirmed_first() throws IOException {
        String declinedLot = ledger.newLot();
        Path declinedFile = write(HEADER + row(declinedLot) + row(ledger.newLot()) + row(ledger.newLot()));
        String confirmedLot = ledger.newLot();
        Path confirmedFile = write(HEADER + row(confirmedLot) + row(ledger.newLot()) + row(ledger.newLot()));
        String yesLot = ledger.newLot();
        Path yesFile = write(HEADER + row(yesLot) + row(ledger.newLot()) + row(ledger.newLot()));

        CliRun.Result unattended = cli.run("import", "batches", declinedFile.toString(), "--confirm-above", "2");
        CliRun.Result declined = cli.runWith(fairmark -> fairmark.terminal(true).input(answer("n\n")),
                "import", "batches", declinedFile.toString(), "--confirm-above", "2");
        CliRun.Result notImported = cli.run("batch", "get", GTIN, declinedLot);
        CliRun.Result confirmed = cli.runWith(fairmark -> fairmark.terminal(true).input(answer("y\n")),
                "import", "batches", confirmedFile.toString(), "--confirm-above", "2");
        CliRun.Result withYes = cli.run("import", "batches", yesFile.toString(), "--confirm-above", "2", "--yes");
        CliRun.Result small = cli.run("import", "batches", write(HEADER + row(ledger.newLot())).toString(),
                "--confirm-above", "2");

        assertThat(unattended.exit()).as("%s", unattended).isEqualTo(3);
        assertThat(unattended.err()).contains("error: CONFIRMATION_REQUIRED: About to import 3 rows of batches"
                + " (3 submissions) from " + declinedFile.getFileName() + " as producer@coop (CoopMSP)")
                .contains("give --yes");
        assertThat(declined.exit()).isEqualTo(3);
        assertThat(declined.err()).contains("Continue? [y/N]").contains("error: CONFIRMATION_REQUIRED: not confirmed");
        assertThat(notImported.exit()).isEqualTo(5);
        try (var journals = Files.list(dataDir.resolve("imports"))) {
            assertThat(journals).noneMatch(journal -> {
                try {
                    return String.join("\n", ImportJournal.records(journal)).contains(declinedFile.getFileName().toString());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(confirmed.exit()).as("%s", confirmed).isZero();
        assertThat(cli.run("batch", "get", GTIN, confirmedLot).exit()).isZero();
        assertThat(withYes.exit()).isZero();
        assertThat(cli.run("batch", "get", GTIN, yesLot).exit()).isZero();
        assertThat(small.exit()).isZero();
    }

    static java.io.InputStream answer(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void weighings_form_one_receipt_per_batch_and_scale_and_are_judged() throws IOException {
        String lot = ledger.certified();
        List<String> serials = ledger.packed(lot, 4);
        ledger.deliverToMarket(lot);
        Path bad = write("gtin,lot,serial,measured\n" + GTIN + "," + lot + "," + serials.get(0) + ",heavy\n"
                + GTIN + "," + lot + "," + serials.get(1) + ",501.25\n"
                + GTIN + "," + lot + "," + serials.get(0) + ",500\n");
        Path good = write("gtin,lot,serial,measured,scale\n"
                + GTIN + "," + lot + "," + serials.get(0) + ",505.5,scale-9\n"
                + GTIN + "," + lot + "," + serials.get(1) + ",503g,scale-9\n"
                + GTIN + "," + lot + "," + serials.get(2) + ",480.0,scale-9\n"
                + GTIN + "," + lot + "," + serials.get(3) + ",0.5123kg,scale-9\n");

        CliRun.Result invalid = cli.run("--as", Roster.BUYER, "import", "weighings", bad.toString());
        JsonNode first = cli.run("--json", "import", "weighings", good.toString()).ok().json();
        JsonNode second = cli.run("--json", "import", "weighings", good.toString()).ok().json();
        JsonNode trace = cli.run("--json", "trace", GTIN, lot, serials.get(2)).ok().json();

        assertThat(invalid.exit()).isEqualTo(3);
        assertThat(invalid.err()).contains(":2: INVALID_MASS: measured").contains(":3: INVALID_MASS: measured")
                .contains(":4: RECEIPT_EXISTS: package " + GTIN + "/" + serials.get(0) + " is also weighed on line 2")
                .contains(":4: INVALID_ARGUMENT: scale is missing");
        assertThat(first.get("units").asInt()).isEqualTo(1);
        assertThat(first.get("importedRows").asInt()).isEqualTo(4);
        assertThat(first.get("submitted").get(0).get("result").asText()).contains("4 packages, T1 1, T2 0, average met");
        assertThat(second.get("importedRows").asInt()).isZero();
        assertThat(trace.get("weighings").findValuesAsText("finding")).containsExactly("T1");
        assertThat(trace.get("weighings").findValuesAsText("measuredNetDecigrams")).containsExactly("4800");
    }

    /** A batch on the ledger under {@code lot}, registered outside the import with other content (1 t). */
    void registeredElsewhere(String lot) {
        cli.run("batch", "register", GTIN, lot, "--product", "chestnut", "--county", "130227", "--township",
                "Xingcheng", "--village", "Dongzhuang", "--harvest-date", harvest, "--declared", "1t").ok();
    }

    @Test
    void check_ledger_lists_every_row_the_ledger_would_refuse_and_submits_nothing() throws IOException {
        String taken = ledger.newLot();
        registeredElsewhere(taken);
        String first = ledger.newLot();
        String last = ledger.newLot();
        Path file = write(HEADER + row(first) + row(taken) + row(last));
        String name = file.getFileName().toString();
        long before = batchesOnLedger();

        CliRun.Result dryRun = cli.run("import", "batches", file.toString(), "--check-ledger", "--dry-run");
        CliRun.Result real = cli.run("--json", "import", "batches", file.toString(), "--check-ledger");
        CliRun.Result localOnly = cli.run("import", "batches", file.toString(), "--dry-run");

        assertThat(dryRun.exit()).isEqualTo(6);
        assertThat(dryRun.err())
                .contains(name + ":3: BATCH_EXISTS: batch " + GTIN + " lot " + taken + " is already registered")
                .contains("error: BATCH_EXISTS: 1 of 3 rows would be refused by the ledger (line 3); nothing was"
                        + " submitted")
                .doesNotContain(name + ":2: ", name + ":4: ");
        assertThat(real.exit()).isEqualTo(6);
        assertThat(real.json().get("ok").asBoolean()).isFalse();
        assertThat(real.json().get("errors").findValuesAsText("code")).containsExactly("BATCH_EXISTS");
        assertThat(real.json().get("errors").findValuesAsText("line")).containsExactly("3");
        assertThat(batchesOnLedger()).as("nothing was submitted").isEqualTo(before);
        assertThat(cli.run("batch", "get", GTIN, first).err()).startsWith("error: BATCH_NOT_FOUND: ");
        assertThat(localOnly.exit()).as("the local checks alone cannot see it").isZero();
    }

    @Test
    void check_ledger_on_rows_the_ledger_accepts_then_imports_them() throws IOException {
        Path file = write(HEADER + row(ledger.newLot()) + row(ledger.newLot()));
        long before = batchesOnLedger();

        JsonNode dryRun = cli.run("--json", "import", "batches", file.toString(), "--check-ledger", "--dry-run").ok()
                .json();
        long afterDryRun = batchesOnLedger();
        CliRun.Result real = cli.run("import", "batches", file.toString(), "--check-ledger").ok();

        assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.get("ledgerChecked").asBoolean()).isTrue();
        assertThat(afterDryRun).isEqualTo(before);
        assertThat(real.err()).contains("The ledger would accept all 2 submissions (--check-ledger; nothing was written)");
        assertThat(batchesOnLedger()).isEqualTo(before + 2);
    }

    @Test
    void check_ledger_finds_a_receipt_of_packages_the_buyer_does_not_hold_before_recording_any() throws IOException {
        String delivered = ledger.certified();
        List<String> deliveredSerials = ledger.packed(delivered, 2);
        ledger.deliverToMarket(delivered);
        String kept = ledger.certified();
        List<String> keptSerials = ledger.packed(kept, 2);
        Path file = write("gtin,lot,serial,measured,scale\n"
                + GTIN + "," + delivered + "," + deliveredSerials.get(0) + ",501,scale-4\n"
                + GTIN + "," + delivered + "," + deliveredSerials.get(1) + ",502,scale-4\n"
                + GTIN + "," + kept + "," + keptSerials.get(0) + ",503,scale-4\n"
                + GTIN + "," + kept + "," + keptSerials.get(1) + ",504,scale-4\n");
        String name = file.getFileName().toString();

        CliRun.Result checked = cli.run("import", "weighings", file.toString(), "--check-ledger");
        JsonNode trace = cli.run("--json", "trace", GTIN, delivered, deliveredSerials.get(0)).ok().json();

        assertThat(checked.exit()).as("%s", checked).isNotZero();
        assertThat(checked.err())
                .contains(name + ":4: NOT_HOLDER: package " + keptSerials.get(0) + " has not been accepted by MarketMSP")
                .contains("error: NOT_HOLDER: 2 of 4 rows would be refused by the ledger (the submission starting on"
                        + " line 4); nothing was submitted")
                .doesNotContain(name + ":2: ");
        assertThat(trace.get("weighings")).as("the delivered batch's receipt was not recorded either").isEmpty();
    }
}
