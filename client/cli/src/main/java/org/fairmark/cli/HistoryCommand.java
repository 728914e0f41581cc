package org.fairmark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fairmark history} and {@code fairmark batch history}: versions, inspections and packing runs of a batch. */
@Command(name = "history", description = "A batch's record versions, inspections and packing runs. 批次历史。")
final class HistoryCommand extends FairmarkCommand {
    @Mixin
    BatchKeyMixin key;

    @Override
    int execute() {
        BatchCommand.printHistory(out(), readClient(null).participant().batchHistory(key.gtin, key.lot));
        return 0;
    }
}
