package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkException;
import org.fairmark.domain.BatchRules;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.CountyCode;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Gs1;
import org.fairmark.domain.Gtin;
import org.fairmark.domain.Limits;
import org.fairmark.domain.Masses;
import org.fairmark.domain.MspId;
import org.fairmark.domain.Role;
import org.fairmark.domain.Sha256Hex;
import org.fairmark.domain.ShortWeight;
import org.fairmark.domain.Text;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.GeoPoint;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Requests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairmark import batches|weighings FILE.csv}: validates every row first and submits nothing when one is bad;
 * then submits idempotently (each request id derived from the request's content), journaled so that a run that was
 * interrupted resumes where it stopped and a repeated run imports nothing twice.
 */
@Command(name = "import", description = {
    "Import batches or receipt weighings from a CSV file. 批量导入。",
    "%nEvery row is checked first: errors name their line and nothing is submitted. Rows are then submitted"
        + " idempotently (request ids derived from their content) and journaled, so an interrupted import resumes"
        + " where it stopped and running it again imports nothing twice.",
    "%nExamples:",
    "  fairmark import batches batches.csv",
    "  fairmark import weighings weighings.csv --scale scale-01"},
        subcommands = {ImportCommand.Batches.class, ImportCommand.Weighings.class})
final class ImportCommand extends GroupCommand {

    /** How many submissions the human output lists one by one. */
    static final int MAX_RESULT_LINES = 20;
    /** The most data rows one import reads unless {@code --max-rows} says otherwise. */
    static final int DEFAULT_MAX_ROWS = 100_000;
    /** The ceiling of {@code --max-rows}. */
    static final int MAX_ROWS_CEILING = 2_000_000;
    /** Above this many rows to submit, an import asks first (or needs {@code --yes}). */
    static final int DEFAULT_CONFIRM_ABOVE = 1_000;

    /** A row problem: its line, code and explanation. */
    record RowError(int line, ErrorCode code, String message) {}

    /** One submission: a request and the rows it covers. */
    record Unit(String requestId, int line, int rows, Requests.Write request) {}

    /** The options and steps both imports share. */
    abstract static class Base extends FairmarkCommand {
        @Parameters(paramLabel = "FILE.csv", description = "The CSV file, with a header row.")
        Path file;

        @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
                description = "Text encoding of the file, e.g. GBK for files saved by a Chinese Excel (default ${DEFAULT-VALUE}).")
        String encoding;

        @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
                description = "Submissions in flight at once, 1..32 (default ${DEFAULT-VALUE}).")
        int parallel;

        @Option(names = "--dry-run", description = "Only check the rows.")
        boolean dryRun;

        @Option(names = "--check-ledger", description = "Before submitting anything, run every row's write against the"
                + " ledger as the contract would (nothing is written); if the ledger would refuse any row, list them all"
                + " and submit nothing. With --dry-run: check, and stop there.")
        boolean checkLedger;

        @Option(names = "--allow-unknown-columns",
                description = "Import although the header names columns this import does not know (they are ignored)."
                        + " Without it an unknown or misspelt column is an error.")
        boolean allowUnknownColumns;

        @Option(names = "--max-rows", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_ROWS,
                description = "Refuse files with more data rows, 1.." + MAX_ROWS_CEILING + " (default ${DEFAULT-VALUE}).")
        int maxRows;

        @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "" + Csv.MAX_BYTES,
                description = "Refuse larger files, 1.." + Csv.MAX_BYTES_CEILING + " bytes (default ${DEFAULT-VALUE}, 64 MiB).")
        long maxBytes;

        @Option(names = "--confirm-above", paramLabel = "ROWS", defaultValue = "" + DEFAULT_CONFIRM_ABOVE,
                description = "Ask before submitting more rows than this (default ${DEFAULT-VALUE}); without a terminal"
                        + " such an import needs --yes.")
        int confirmAbove;

        @Option(names = {"-y", "--yes"}, description = "Submit a large import without asking.")
        boolean yes;

        abstract String kind();

        abstract List<String> requiredColumns();

        /** The columns read besides the required ones. */
        abstract List<String> optionalColumns();

        abstract Role role();

        /** Checks every row; adds errors; returns the units to submit (meaningless when there are errors). */
        abstract List<Unit> plan(Csv csv, List<RowError> errors);

        /** Submits one unit; returns a one-line summary for the journal and output. */
        abstract String submit(FairmarkClient client, Unit unit);

        @Override
        int execute() {
            if (parallel < 1 || parallel > 32) {
                throw new UsageException("--parallel must be 1..32");
            }
            if (maxRows < 1 || maxRows > MAX_ROWS_CEILING) {
                throw new UsageException("--max-rows must be 1.." + MAX_ROWS_CEILING);
            }
            if (maxBytes < 1 || maxBytes > Csv.MAX_BYTES_CEILING) {
                throw new UsageException("--max-bytes must be 1.." + Csv.MAX_BYTES_CEILING);
            }
            if (confirmAbove < 0) {
                throw new UsageException("--confirm-above must be 0 or more");
            }
            Path path = root().context.workingDirectory().resolve(file);
            Csv csv = Csv.read(path, Csv.charset(encoding), maxBytes, "give --max-bytes N to raise it (at most "
                    + Csv.MAX_BYTES_CEILING + "), or split the file");
            if (csv.rows().size() > maxRows) {
                throw new CliException(ErrorCode.PAYLOAD_TOO_LARGE, path.getFileName() + " has " + csv.rows().size()
                        + " rows, more than the limit of " + maxRows + "; give --max-rows N to raise it (at most "
                        + MAX_ROWS_CEILING + "), or split the file; nothing was submitted");
            }
            List<String> known = new ArrayList<>(requiredColumns());
            known.addAll(optionalColumns());
            List<String> unknown = csv.unknownColumns(known);
            if (!unknown.isEmpty() && !allowUnknownColumns) {
                throw Csv.unknownColumnsError(path, unknown, known,
                        "nothing was submitted; give --allow-unknown-columns to import without them");
            }
            if (!unknown.isEmpty()) {
                out().note(path.getFileName() + ": ignoring column" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(", ", unknown) + " (--allow-unknown-columns)");
            }
            List<String> missing = requiredColumns().stream().filter(column -> !csv.hasColumn(column)).toList();
            if (!missing.isEmpty()) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, path.getFileName() + " line 1: missing column"
                        + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " (see 'fairmark import "
                        + kind() + " --help')");
            }
            List<RowError> errors = new ArrayList<>();
            List<Unit> units = plan(csv, errors);
            int rows = csv.rows().size();
            if (!errors.isEmpty()) {
                return reportInvalid(path, rows, errors);
            }
            if (checkLedger) {
                checkWithLedger(path, rows, units);
            }
            if (dryRun) {
                ObjectNode json = summary(path, rows, units.size(), 0, 0, null);
                json.put("dryRun", true);
                json.put("ledgerChecked", checkLedger);
                ignored(json, unknown);
                out().json(json);
                out().say("import.valid", rows, units.size());
                return 0;
            }
            return submitAll(path, csv, units, unknown);
        }

        private static void ignored(ObjectNode json, List<String> unknown) {
            if (!unknown.isEmpty()) {
                ArrayNode columns = json.putArray("ignoredColumns");
                unknown.forEach(columns::add);
            }
        }

        /**
         * Before a large import: the summary, then a question on a terminal; without one, {@code --yes} is required.
         *
         * @throws CliException {@link ErrorCode#CONFIRMATION_REQUIRED} when declined or not confirmable
         */
        private void confirm(Path path, int pendingRows, int submissions, FairmarkClient client) {
            if (pendingRows <= confirmAbove || yes) {
                return;
            }
            String summary = out().text("import.confirm", pendingRows, kind(), submissions, path.getFileName(),
                    client.identity().name(), client.identity().mspId());
            if (!root().context.terminal()) {
                throw new CliException(ErrorCode.CONFIRMATION_REQUIRED, summary + "; more than --confirm-above "
                        + confirmAbove + " rows and no terminal to ask: give --yes; nothing was submitted");
            }
            out().err().print(summary + " " + out().text("import.confirm.ask") + " ");
            out().err().flush();
            String answer = root().context.readLine();
            if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes|是|好")) {
                throw new CliException(ErrorCode.CONFIRMATION_REQUIRED, "not confirmed; nothing was submitted");
            }
        }

        private int reportInvalid(Path path, int rows, List<RowError> errors) {
            listErrors(path, rows, errors);
            long bad = errors.stream().map(RowError::line).distinct().count();
            throw new CliException(ErrorCode.INVALID_ARGUMENT, bad + " of " + rows + " rows are invalid ("
                    + lineList(errors) + "); nothing was submitted");
        }

        /**
         * The ledger would refuse {@code refused} (one error per submission, at its first row's line; a receipt covers
         * several rows): each with its line, then an error with the first one's code.
         */
        private void reportRefused(Path path, int rows, List<RowError> refused, int refusedRows) {
            listErrors(path, rows, refused);
            throw new CliException(refused.get(0).code(), refusedRows + " of " + rows + " rows would be refused by the"
                    + " ledger (" + (refusedRows > refused.size()
                            ? "the submission" + (refused.size() > 1 ? "s" : "") + " starting on " : "")
                    + lineList(refused) + "); nothing was submitted");
        }

        /** Prints every error with its line, and the JSON report. */
        private void listErrors(Path path, int rows, List<RowError> errors) {
            ObjectNode json = CliJson.object();
            json.put("ok", false);
            json.put("file", path.toString());
            json.put("rows", rows);
            ArrayNode list = json.putArray("errors");
            for (RowError error : errors) {
                ObjectNode entry = list.addObject();
                entry.put("line", error.line());
                entry.put("code", error.code().name());
                entry.put("message", error.message());
                out().note(path.getFileName() + ":" + error.line() + ": " + error.code().name() + ": " + error.message());
            }
            out().json(json);
        }

        private static String lineList(List<RowError> errors) {
            List<Integer> badLines = errors.stream().map(RowError::line).distinct().toList();
            String lines = badLines.size() <= 10 ? badLines.toString().replaceAll("[\\[\\]]", "")
                    : badLines.subList(0, 10).toString().replaceAll("[\\[\\]]", "") + ", ...";
            return "line" + (badLines.size() > 1 ? "s " : " ") + lines;
        }

        private int submitAll(Path path, Csv csv, List<Unit> units, List<String> unknown) {
            byte[] content;
            try {
                content = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot read " + path + ": " + e.getMessage(), e);
            }
            Session session = session();
            Path journalFile = session.dataDir().resolve("imports")
                    .resolve(kind() + "-" + sha256(content).substring(0, 16) + ".journal");
            FairmarkClient client = session.client(role());
            int rows = csv.rows().size();
            boolean newJournal = !Files.exists(journalFile);
            try {
                return submitAll(path, units, content, journalFile, client, rows, unknown);
            } catch (CliException e) {
                if (newJournal && e.code() == ErrorCode.CONFIRMATION_REQUIRED) {
                    try {
                        Files.deleteIfExists(journalFile);
                    } catch (IOException ignored) {
                        // an empty journal only repeats the question next time
                    }
                }
                throw e;
            }
        }

        private int submitAll(Path path, List<Unit> units, byte[] content, Path journalFile, FairmarkClient client,
                int rows, List<String> unknown) {
            try (ImportJournal journal = ImportJournal.open(journalFile,
                    "fairmark import " + kind() + " " + path.toAbsolutePath() + " sha256=" + sha256(content))) {
                List<Unit> pending = units.stream().filter(unit -> !journal.isDone(unit.requestId())).toList();
                int alreadyRows = units.stream().filter(unit -> journal.isDone(unit.requestId())).mapToInt(Unit::rows).sum();
                int pendingRows = rows - alreadyRows;
                out().note(out().text("import.plan", rows, alreadyRows, pendingRows, journalFile));
                confirm(path, pendingRows, pending.size(), client);
                Progress progress = new Progress(out().err(), root().context.terminal() && !out().json(), pendingRows,
                        kind());
                Map<Unit, String> results = run(client, journal, pending, progress);
                progress.finish();
                ObjectNode json = summary(path, rows, units.size(), rows - alreadyRows, alreadyRows, journalFile);
                ignored(json, unknown);
                ArrayNode submitted = json.putArray("submitted");
                results.forEach((unit, result) -> {
                    ObjectNode entry = submitted.addObject();
                    entry.put("line", unit.line());
                    entry.put("requestId", unit.requestId());
                    entry.put("result", result);
                });
                out().json(json);
                int shown = 0;
                for (Map.Entry<Unit, String> result : results.entrySet()) {
                    if (shown++ == MAX_RESULT_LINES) {
                        out().line("  ... " + (results.size() - MAX_RESULT_LINES) + " more (--json lists all)");
                        break;
                    }
                    out().line("  line " + result.getKey().line() + ": " + result.getValue());
                }
                out().say("import.done", pendingRows, alreadyRows, kind());
                return 0;
            }
        }

        /**
         * {@code --check-ledger}: simulates every unit's write with up to {@code parallel} in flight
         * ({@link FairmarkClient#simulate}); when the ledger would refuse any, reports each with its line and code and
         * submits nothing. A unit already journaled simulates to its recorded result. A transport failure stops the
         * check as it would stop a submit.
         *
         * @throws CliException with the first refused row's code, naming every refused line
         */
        private void checkWithLedger(Path path, int rows, List<Unit> units) {
            FairmarkClient client = session().client(role());
            ExecutorService executor = workers("fairmark-import-check");
            List<RowError> refused = new ArrayList<>();
            int refusedRows = 0;
            try {
                List<Future<FairmarkException>> checks = new ArrayList<>();
                for (Unit unit : units) {
                    checks.add(executor.submit(() -> {
                        try {
                            client.simulate(unit.request());
                            return null;
                        } catch (FairmarkException e) {
                            if (e.isUnavailable()) {
                                throw e;
                            }
                            return e;
                        }
                    }));
                }
                for (int i = 0; i < units.size(); i++) {
                    FairmarkException refusal;
                    try {
                        refusal = checks.get(i).get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof FairmarkException fairmark) {
                            throw new CliException(fairmark.code(), path() + " line " + units.get(i).line() + ": "
                                    + fairmark.detail() + "; the ledger check stopped, nothing was submitted", fairmark);
                        }
                        throw e.getCause() instanceof RuntimeException runtime ? runtime
                                : new IllegalStateException(e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ImportInterruptedException("the ledger check was interrupted; nothing was submitted");
                    }
                    if (refusal != null) {
                        refused.add(new RowError(units.get(i).line(), refusal.code(), refusal.detail()));
                        refusedRows += units.get(i).rows();
                    }
                }
            } finally {
                executor.shutdownNow();
            }
            if (!refused.isEmpty()) {
                reportRefused(path, rows, refused, refusedRows);
            }
            out().note(out().text("import.checked", units.size()));
        }

        /** Up to {@code parallel} daemon threads named {@code name}, for the ledger check and the submissions. */
        private ExecutorService workers(String name) {
            return Executors.newFixedThreadPool(parallel, runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            });
        }

        /** Submits {@code pending} with up to {@code parallel} in flight; stops at the first failure. */
        private Map<Unit, String> run(FairmarkClient client, ImportJournal journal, List<Unit> pending, Progress progress) {
            Map<Unit, String> results = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
            int interruptAfter = root().context.interruptImportAfter();
            AtomicInteger completed = new AtomicInteger();
            ExecutorService executor = workers("fairmark-import");
            RuntimeException failure = null;
            Unit failedUnit = null;
            boolean interrupted = false;
            try {
                List<Future<?>> window = new ArrayList<>();
                List<Unit> windowUnits = new ArrayList<>();
                int next = 0;
                while (next < pending.size() || !window.isEmpty()) {
                    while (failure == null && !interrupted && next < pending.size() && window.size() < parallel) {
                        if (interruptAfter >= 0 && completed.get() + window.size() >= interruptAfter) {
                            interrupted = true;
                            break;
                        }
                        Unit unit = pending.get(next++);
                        window.add(executor.submit(() -> {
                            String result = submit(client, unit);
                            journal.markDone(unit.requestId(), unit.line(), result);
                            results.put(unit, result);
                            completed.incrementAndGet();
                            progress.advance(unit.rows());
                        }));
                        windowUnits.add(unit);
                    }
                    if (window.isEmpty()) {
                        break;
                    }
                    Future<?> oldest = window.remove(0);
                    Unit unit = windowUnits.remove(0);
                    try {
                        oldest.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (failure == null) {
                            failure = e.getCause() instanceof RuntimeException runtime ? runtime
                                    : new IllegalStateException(e.getCause());
                            failedUnit = unit;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        interrupted = true;
                    }
                }
            } finally {
                executor.shutdownNow();
            }
            if (failure != null) {
                progress.finish();
                String where = path() + " line " + failedUnit.line() + ": ";
                String resume = " (" + completed.get() + " submitted in this run; fix it and run again to resume)";
                if (failure instanceof FairmarkException fairmark) {
                    throw new CliException(fairmark.code(), where + fairmark.detail() + resume, fairmark);
                }
                if (failure instanceof CliException cli) {
                    throw new CliException(cli.code(), where + cli.detail() + resume, cli);
                }
                throw failure;
            }
            if (interrupted) {
                progress.finish();
                throw new ImportInterruptedException("import interrupted after " + completed.get() + " of " + pending.size()
                        + " submissions; run the same command again to resume (journal " + journal.file() + ")");
            }
            Map<Unit, String> byLine = new java.util.TreeMap<>(java.util.Comparator.comparingInt(Unit::line));
            byLine.putAll(results);
            return byLine;
        }

        private String path() {
            return file.getFileName().toString();
        }

        private ObjectNode summary(Path path, int rows, int units, int imported, int already, Path journal) {
            ObjectNode json = CliJson.object();
            json.put("ok", true);
            json.put("kind", kind());
            json.put("file", path.toString());
            json.put("rows", rows);
            json.put("units", units);
            json.put("importedRows", imported);
            json.put("alreadyImportedRows", already);
            if (journal != null) {
                json.put("journal", journal.toString());
            }
            return json;
        }
    }

    @Command(name = "batches", description = {
        "Register batches from a CSV file (producer). 批量登记批次。",
        "%nRequired columns: gtin, lot, product, county, township, village, harvest_date, declared (a mass: 500000,"
            + " 1000kg, 1t). Optional: variety, plot, lat, lon, loss_allowance, packer_orgs (MSP ids separated by ;),"
            + " evidence_hashes (SHA-256 separated by ;). See docs/en/cli.md."})
    static final class Batches extends Base {
        @Override
        String kind() {
            return "batches";
        }

        @Override
        List<String> requiredColumns() {
            return List.of("gtin", "lot", "product", "county", "township", "village", "harvest_date", "declared");
        }

        @Override
        List<String> optionalColumns() {
            return List.of("variety", "plot", "lat", "lon", "loss_allowance", "packer_orgs", "evidence_hashes");
        }

        @Override
        Role role() {
            return Role.PRODUCER;
        }

        @Override
        List<Unit> plan(Csv csv, List<RowError> errors) {
            List<Unit> units = new ArrayList<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            LocalDate today = Quantities.today();
            for (Csv.Row row : csv.rows()) {
                RowCheck check = new RowCheck(row, errors);
                if (row.values().size() > csv.header().size()) {
                    check.fail(ErrorCode.MALFORMED_REQUEST, "the row has " + row.values().size()
                            + " fields, the header " + csv.header().size());
                    continue;
                }
                String gtin = check.domain("gtin", value -> Gtin.requireValid(value));
                String lot = check.domain("lot", value -> Gs1.requireLot(value));
                String product = check.text("product", true);
                String variety = check.text("variety", false);
                String county = check.domain("county", value -> CountyCode.requireCurrent(value));
                String township = check.text("township", true);
                String village = check.text("village", true);
                String plot = check.text("plot", false);
                GeoPoint point = check.point();
                String harvest = check.domain("harvest_date", value -> BatchRules.requireHarvestDate(value, today));
                Long declared = check.mass("declared", true, grams -> Masses.requireDeclaredMass(grams));
                Long loss = check.mass("loss_allowance", false, grams -> grams);
                if (declared != null && loss != null) {
                    check.rule("loss_allowance", () -> BatchRules.requireLossAllowance(declared, loss));
                }
                List<String> packerOrgs = check.list("packer_orgs", value -> MspId.require("'" + value + "'", value));
                List<String> hashes = check.list("evidence_hashes", value -> Sha256Hex.requireValid(value));
                if (packerOrgs != null && check.ok()) {
                    check.rule("packer_orgs", () -> BatchRules.requirePackerOrgs(packerOrgs));
                }
                if (hashes != null && check.ok()) {
                    check.rule("evidence_hashes", () -> BatchRules.requireEvidenceHashes(hashes));
                }
                if (gtin != null && lot != null) {
                    Integer first = seen.putIfAbsent(gtin + "/" + lot, row.line());
                    if (first != null) {
                        check.fail(ErrorCode.BATCH_EXISTS, "batch " + gtin + "/" + lot + " is also on line " + first);
                    }
                }
                if (check.ok()) {
                    Requests.RegisterBatch request = new Requests.RegisterBatch(null, gtin, lot, product, variety,
                            new Origin(county, township, village, plot, point), harvest, declared, loss, packerOrgs, hashes);
                    // the contract's own check, so a dry run gives the contract's verdict; the request is submitted
                    // as written, not normalized, because its id is derived from it
                    check.rule(null, () -> BatchRules.requireValid(request, today));
                    if (!check.ok()) {
                        continue;
                    }
                    String requestId = requestId(kind(), request);
                    units.add(new Unit(requestId, row.line(), 1, Requests.withRequestId(request, requestId)));
                }
            }
            return units;
        }

        @Override
        String submit(FairmarkClient client, Unit unit) {
            BatchView view = client.producer().registerBatch((Requests.RegisterBatch) unit.request());
            return "batch " + view.batch().gtin() + "/" + view.batch().lot() + " " + view.status();
        }
    }

    @Command(name = "weighings", description = {
        "Record receipt weighings from a CSV file (buyer). 批量导入称重。",
        "%nRequired columns: gtin, lot, serial, measured (net mass to 0.1 g: 478.3 or 478.3g). Optional: scale (else"
            + " --scale), receipt (rows with the same value form one receipt), evidence_hash. Rows of one batch,"
            + " scale and receipt form one receipt of at most 500 packages, so OIML R 87's average requirement"
            + " applies to them together."})
    static final class Weighings extends Base {
        @Option(names = "--scale", paramLabel = "ID", description = "Scale id for rows without a scale column.")
        String scale;

        @Override
        String kind() {
            return "weighings";
        }

        @Override
        List<String> requiredColumns() {
            return List.of("gtin", "lot", "serial", "measured");
        }

        @Override
        List<String> optionalColumns() {
            return List.of("scale", "receipt", "evidence_hash");
        }

        @Override
        Role role() {
            return Role.BUYER;
        }

        @Override
        List<Unit> plan(Csv csv, List<RowError> errors) {
            Map<String, List<Requests.Weighing>> groups = new LinkedHashMap<>();
            Map<String, Integer> groupLines = new LinkedHashMap<>();
            Map<String, String> groupScale = new LinkedHashMap<>();
            Map<String, String> groupEvidence = new LinkedHashMap<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (Csv.Row row : csv.rows()) {
                RowCheck check = new RowCheck(row, errors);
                if (row.values().size() > csv.header().size()) {
                    check.fail(ErrorCode.MALFORMED_REQUEST, "the row has " + row.values().size()
                            + " fields, the header " + csv.header().size());
                    continue;
                }
                String gtin = check.domain("gtin", value -> Gtin.requireValid(value));
                String lot = check.domain("lot", value -> Gs1.requireLot(value));
                String serial = check.domain("serial", value -> Gs1.requireSerial(value));
                Long decigrams = check.decigrams("measured");
                String scaleId = row.get("scale") != null ? check.text("scale", true) : scale;
                if (scaleId == null) {
                    check.fail(ErrorCode.INVALID_ARGUMENT, "scale is missing (a scale column or --scale)");
                }
                String receipt = check.text("receipt", false);
                String evidence = check.domain("evidence_hash", false, value -> Sha256Hex.requireValid(value));
                if (gtin != null && serial != null) {
                    Integer first = seen.putIfAbsent(gtin + "/" + serial, row.line());
                    if (first != null) {
                        check.fail(ErrorCode.RECEIPT_EXISTS, "package " + gtin + "/" + serial + " is also weighed on line "
                                + first);
                    }
                }
                if (!check.ok()) {
                    continue;
                }
                String base = gtin + "|" + lot + "|" + scaleId + "|" + (receipt == null ? "" : receipt);
                int chunk = 0;
                String key = base + "|" + chunk;
                while (groups.containsKey(key) && groups.get(key).size() >= Limits.MAX_PACKAGES_PER_TRANSACTION) {
                    key = base + "|" + ++chunk;
                }
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Requests.Weighing(gtin, lot, serial, decigrams));
                groupLines.putIfAbsent(key, row.line());
                groupScale.putIfAbsent(key, scaleId);
                if (evidence != null) {
                    groupEvidence.putIfAbsent(key, evidence);
                }
            }
            List<Unit> units = new ArrayList<>();
            groups.forEach((key, weighings) -> {
                Requests.RecordReceipt request = new Requests.RecordReceipt(null, groupScale.get(key),
                        groupEvidence.get(key), weighings);
                String requestId = requestId(kind(), request);
                units.add(new Unit(requestId, groupLines.get(key), weighings.size(), new Requests.RecordReceipt(requestId,
                        request.scaleId(), request.evidenceHash(), request.weighings())));
            });
            return units;
        }

        @Override
        String submit(FairmarkClient client, Unit unit) {
            Receipt receipt = client.buyer().recordReceipt((Requests.RecordReceipt) unit.request());
            return "receipt " + receipt.receiptId() + ": " + receipt.weighings().size() + " packages, T1 " + receipt.t1Count()
                    + ", T2 " + receipt.t2Count() + ", average " + (Boolean.TRUE.equals(receipt.averageMet()) ? "met" : "FAILED");
        }
    }

    /** Field checks of one row, collecting every problem with the row's line. */
    static final class RowCheck {
        private final Csv.Row row;
        private final List<RowError> errors;
        private boolean ok = true;

        RowCheck(Csv.Row row, List<RowError> errors) {
            this.row = row;
            this.errors = errors;
        }

        boolean ok() {
            return ok;
        }

        void fail(ErrorCode code, String message) {
            ok = false;
            errors.add(new RowError(row.line(), code, message));
        }

        String domain(String column, Function<String, String> validator) {
            return domain(column, true, validator);
        }

        String domain(String column, boolean required, Function<String, String> validator) {
            String value = row.get(column);
            if (value == null) {
                if (required) {
                    fail(ErrorCode.INVALID_ARGUMENT, column + " is missing");
                }
                return null;
            }
            try {
                return validator.apply(value);
            } catch (DomainException e) {
                fail(e.code(), column + ": " + e.detail());
                return null;
            } catch (CliException e) {
                fail(e.code(), column + ": " + e.detail());
                return null;
            }
        }

        /** Applies a domain rule that spans a column (or, with a null column, the whole row). */
        void rule(String column, Runnable rule) {
            try {
                rule.run();
            } catch (DomainException e) {
                fail(e.code(), column == null ? e.detail() : column + ": " + e.detail());
            }
        }

        String text(String column, boolean required) {
            return domain(column, required, value -> Text.requireText(column, value, Limits.MAX_TEXT_LENGTH));
        }

        Long mass(String column, boolean required, Function<Long, Long> validator) {
            String value = row.get(column);
            if (value == null) {
                if (required) {
                    fail(ErrorCode.INVALID_MASS, column + " is missing");
                }
                return null;
            }
            try {
                return validator.apply(Quantities.grams(value));
            } catch (DomainException e) {
                fail(e.code(), column + ": " + e.detail());
            } catch (CliException e) {
                fail(e.code(), column + ": " + e.detail());
            }
            return null;
        }

        Long decigrams(String column) {
            String value = row.get(column);
            if (value == null) {
                fail(ErrorCode.INVALID_MASS, column + " is missing");
                return null;
            }
            try {
                long decigrams = Quantities.decigrams(value);
                if (decigrams < 1 || decigrams > ShortWeight.MAX_ACTUAL_DECIGRAMS) {
                    fail(ErrorCode.INVALID_MASS, column + " must be 0.1.." + ShortWeight.MAX_ACTUAL_DECIGRAMS / 10 + " g");
                    return null;
                }
                return decigrams;
            } catch (CliException e) {
                fail(e.code(), column + ": " + e.detail());
                return null;
            }
        }

        GeoPoint point() {
            String latitude = row.get("lat");
            String longitude = row.get("lon");
            if (latitude == null && longitude == null) {
                return null;
            }
            if (latitude == null || longitude == null) {
                fail(ErrorCode.INVALID_LOCATION, "lat and lon go together");
                return null;
            }
            try {
                return new GeoPoint(Quantities.microdegrees(latitude, 90, "lat"), Quantities.microdegrees(longitude, 180, "lon"));
            } catch (CliException e) {
                fail(e.code(), e.detail());
                return null;
            }
        }

        List<String> list(String column, Function<String, String> validator) {
            String value = row.get(column);
            if (value == null) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (String part : value.split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    values.add(validator.apply(part.strip()));
                } catch (DomainException e) {
                    fail(e.code(), column + ": " + e.detail());
                }
            }
            return values;
        }
    }

    /**
     * The request id of an imported request: derived from its content (without the id), so the same row imported
     * again, from this file or another, is the same request and the ledger writes it once.
     */
    static String requestId(String kind, Requests.Write requestWithoutId) {
        return "imp-" + sha256((kind + "\n" + CanonicalJson.toJson(requestWithoutId)).getBytes(StandardCharsets.UTF_8))
                .substring(0, 40);
    }

    static String sha256(byte[] bytes) {
        return Sha256Hex.of(bytes);
    }
}
