package org.fairmark.cli;

import java.util.List;
import org.fairmark.client.FairmarkClient;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.Requests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fairmark ship}: hands packages over to another organization. */
@Command(name = "ship", description = {
    "Hand packages over to the next holder's organization. 交付（移交保管）。",
    "%nBy a packer, carrier or buyer of the organization holding them; they are in transit until accepted.",
    "%nExamples:",
    "  fairmark ship 06901234567892 QX-2024-001 --all --to CarrierMSP",
    "  fairmark --as carrier@carrier ship 06901234567892 QX-2024-001 \\",
    "      --serial P0001,P0002 --to MarketMSP"})
final class ShipCommand extends FairmarkCommand {
    @Mixin
    BatchKeyMixin key;

    @Option(names = "--to", required = true, paramLabel = "MSP", description = "Receiving organization.")
    String toOrg;

    @Option(names = "--to-id", paramLabel = "ID", description = "Only this identity of it may accept.")
    String toId;

    @Mixin
    PackageSelection selection;

    @Mixin
    WriteOptions write;

    @Override
    int execute() {
        FairmarkClient client = client(Role.PACKER);
        List<Custody> moved = client.packer().handOver(new Requests.HandOver(write.requestId,
                selection.refs(client, key.gtin, key.lot), toOrg, toId));
        out().json(moved);
        out().say("ship.handedOver", moved.size(), out().org(client.identity().mspId()), out().org(toOrg));
        return 0;
    }
}
