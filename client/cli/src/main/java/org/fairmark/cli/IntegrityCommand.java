package org.fairmark.cli;

import org.fairmark.domain.model.IntegrityRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fairmark integrity}: a producer's public integrity record. */
@Command(name = "integrity", description = {
    "The integrity record of a producer organization. 生产者诚信记录。",
    "%nBatches, inspections passed and failed, packages, short-weight findings (T1/T2), disputes, recalls and a"
        + " rating A-D, for the org or one producer identity in it.",
    "%nExample:",
    "  fairmark integrity CoopMSP"})
final class IntegrityCommand extends FairmarkCommand {
    @Parameters(paramLabel = "ORG", description = "Producer organization (MSP id).")
    String org;

    @Option(names = "--producer", paramLabel = "ID", description = "One producer identity id within the org.")
    String producerId;

    @Override
    int execute() {
        IntegrityRecord record = readClient(null).participant().integrity(org, producerId);
        out().json(record);
        Views.integrity(out(), record);
        return 0;
    }
}
