package org.fairmark.cli;

import org.fairmark.client.FairmarkClient;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.RecallRecord;
import org.fairmark.domain.model.Requests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fairmark recall}: withdraws a batch, irreversibly. */
@Command(name = "recall", description = {
    "Recall a batch, irreversibly. 召回批次（不可撤销）。",
    "%nBy the batch's producer or an inspector with jurisdiction. Every package then reads RECALLED and can no"
        + " longer move.",
    "%nExample:",
    "  fairmark recall 06901234567892 QX-2024-001 --reason \"mould in samples\""})
final class RecallCommand extends FairmarkCommand {
    @Mixin
    BatchKeyMixin key;

    @Option(names = "--reason", required = true, paramLabel = "TEXT")
    String reason;

    @Mixin
    WriteOptions write;

    @Override
    int execute() {
        FairmarkClient client = client(Role.PRODUCER);
        Requests.Recall request = new Requests.Recall(write.requestId, key.gtin, key.lot, reason);
        RecallRecord recall = client.identity().role().orElse(null) == Role.INSPECTOR
                ? client.inspector().recallBatch(request)
                : client.producer().recallBatch(request);
        out().json(recall);
        out().say("recall.recalled", recall.gtin(), recall.lot(), out().org(recall.recalledByOrg()), recall.reason());
        return 0;
    }
}
