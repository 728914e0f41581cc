package org.fairmark.cli;

import org.fairmark.client.FairmarkClient;
import org.fairmark.domain.model.Trace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fairmark trace}: the provenance of a package or a batch in one read. */
@Command(name = "trace", description = {
    "The provenance of a package, or of a batch. 溯源。",
    "%nBatch, inspections, packing, custody hops, weighings, disputes with rulings, recall and scans, in one read.",
    "%nExample:",
    "  fairmark trace 06901234567892 QX-2024-001 P0001"})
final class TraceCommand extends FairmarkCommand {
    @Mixin
    BatchKeyMixin key;

    @Parameters(index = "2", arity = "0..1", paramLabel = "SERIAL")
    String serial;

    @Override
    int execute() {
        FairmarkClient client = readClient(null);
        Trace trace = serial == null ? client.participant().traceBatch(key.gtin, key.lot)
                : client.participant().tracePackage(key.gtin, key.lot, serial);
        out().json(trace);
        Views.trace(out(), trace);
        return 0;
    }
}
