package org.fairmark.cli;

import java.util.ArrayList;
import java.util.List;
import org.fairmark.client.FairmarkClient;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Requests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fairmark receive}: the buyer's weighing of received packages, judged by OIML R 87. */
@Command(name = "receive", description = {
    "Record the weighing of received packages (buyer). 收货称重。",
    "%nThe ledger judges short weight as OIML R 87 / JJF 1070: a deficiency over T is T1, over 2T is T2, and the"
        + " mean of each nominal quantity must reach it.",
    "%nExample:",
    "  fairmark receive 06901234567892 QX-2024-001 --scale scale-01 \\",
    "      --weigh P0001=503.2 --weigh P0002=478g"})
final class ReceiveCommand extends FairmarkCommand {
    @Mixin
    BatchKeyMixin key;

    @Option(names = "--weigh", required = true, paramLabel = "SERIAL=MASS",
            description = "Measured net mass of a package (0.1 g resolution), repeatable: P0001=478.3 or P0001=478.3g.")
    List<String> weighings;

    @Option(names = "--scale", required = true, paramLabel = "ID", description = "Scale id.")
    String scaleId;

    @Option(names = "--evidence-hash", paramLabel = "SHA256", description = "SHA-256 of a photo of the scale.")
    String evidenceHash;

    @Option(names = "--accept", description = "First accept the packages handed over to your organization.")
    boolean accept;

    @Mixin
    WriteOptions write;

    @Override
    int execute() {
        List<Requests.Weighing> list = new ArrayList<>();
        List<Requests.PackageRef> refs = new ArrayList<>();
        for (String weighing : weighings) {
            int equals = weighing.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--weigh wants SERIAL=MASS, not '" + weighing + "'");
            }
            String serial = weighing.substring(0, equals).strip();
            list.add(new Requests.Weighing(key.gtin, key.lot, serial, Quantities.decigrams(weighing.substring(equals + 1))));
            refs.add(new Requests.PackageRef(key.gtin, key.lot, serial));
        }
        FairmarkClient client = client(Role.BUYER);
        if (accept) {
            client.buyer().accept(new Requests.Accept(null, refs));
        }
        Receipt receipt = client.buyer().recordReceipt(new Requests.RecordReceipt(write.requestId, scaleId, evidenceHash, list));
        out().json(receipt);
        Views.receipt(out(), receipt);
        return 0;
    }
}
