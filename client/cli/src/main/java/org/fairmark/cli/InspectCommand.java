package org.fairmark.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairmark.client.FairmarkClient;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fairmark inspect}: records an inspection; the contract derives the grade. */
@Command(name = "inspect", description = {
    "Record an inspection of a batch (inspector). 记录检验。",
    "%nThe ledger derives the grade from the standard's thresholds; --grade may only downgrade it.",
    "%nExample:",
    "  fairmark inspect 06901234567892 QX-2024-001 --standard GB/T-22346 \\",
    "      --sample-size 200 --sampled 2kg \\",
    "      --measure count_per_kg=90 --measure defect_permille=30"})
final class InspectCommand extends FairmarkCommand {
    @Mixin
    BatchKeyMixin key;

    @Option(names = "--standard", required = true, paramLabel = "CODE", description = "Grading standard code.")
    String standardCode;

    @Option(names = "--standard-version", paramLabel = "VERSION", description = "Default: the latest published.")
    String standardVersion;

    @Option(names = "--sample-size", required = true, paramLabel = "N", description = "Number of items sampled.")
    long sampleSize;

    @Option(names = "--sampled", required = true, paramLabel = "MASS", description = "Sampled mass, e.g. 2kg.")
    String sampled;

    @Option(names = "--measure", required = true, paramLabel = "NAME=VALUE",
            description = "A measurement (integer), repeatable: defect_permille=30.")
    List<String> measures;

    @Option(names = "--grade", paramLabel = "GRADE", description = "Downgrade to this grade (never an upgrade).")
    String grade;

    @Option(names = "--fail", description = "Fail the batch whatever the measurements say.")
    boolean fail;

    @Option(names = "--valid-days", paramLabel = "DAYS", description = "Validity of the certificate, 1..366 (default 180).")
    Long validDays;

    @Option(names = "--lab-report-hash", paramLabel = "SHA256", description = "SHA-256 of the lab report.")
    String labReportHash;

    @Option(names = "--notes", paramLabel = "TEXT")
    String notes;

    @Mixin
    WriteOptions write;

    @Override
    int execute() {
        Map<String, Long> measurements = new LinkedHashMap<>();
        for (String measure : measures) {
            int equals = measure.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--measure wants NAME=VALUE, not '" + measure + "'");
            }
            try {
                measurements.put(measure.substring(0, equals).strip(), Long.parseLong(measure.substring(equals + 1).strip()));
            } catch (NumberFormatException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "measurement '" + measure + "' is not an integer");
            }
        }
        FairmarkClient client = client(Role.INSPECTOR);
        String version = standardVersion != null ? standardVersion
                : client.participant().standard(standardCode, null).standard().version();
        Inspection inspection = client.inspector().recordInspection(new Requests.RecordInspection(write.requestId, key.gtin,
                key.lot, standardCode, version, sampleSize, Quantities.grams(sampled), measurements, grade,
                fail ? Verdict.FAIL : null, validDays, labReportHash, notes));
        out().json(inspection);
        out().say("inspect.recorded", inspection.gtin(), inspection.lot(), inspection.derivedGrade(), inspection.grade(),
                inspection.verdict(), inspection.validUntil());
        return 0;
    }
}
