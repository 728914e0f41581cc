package org.fairmark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fairmark history} and {@code fairmark batch history}: versions, inspections and packing runs of a batch. */
@Command(name = "history", description = "A batch's record versions, inspections and packing runs. 批次历史。")
final class HistoryCommand extends FairmarkCommand {
    @Parameters(index = "0", paramLabel = "GTIN")
    String gtin;

    @Parameters(index = "1", paramLabel = "LOT")
    String lot;

    @Override
    int execute() {
        BatchCommand.printHistory(out(), readClient(null).participant().batchHistory(gtin, lot));
        return 0;
    }
}
