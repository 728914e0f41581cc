package org.fairmark.cli;

import java.util.List;
import org.fairmark.client.FairmarkClient;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.Requests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fairmark accept}: accepts packages handed over to the submitter's organization. */
@Command(name = "accept", description = {
    "Accept packages handed over to your organization (carrier or buyer). 签收。",
    "%nExample:",
    "  fairmark --as carrier@carrier accept 06901234567892 QX-2024-001 --all"})
final class AcceptCommand extends FairmarkCommand {
    @Mixin
    BatchKeyMixin key;

    @Mixin
    PackageSelection selection;

    @Mixin
    WriteOptions write;

    @Override
    int execute() {
        FairmarkClient client = client(Role.BUYER);
        List<Custody> held = client.buyer().accept(new Requests.Accept(write.requestId, selection.refs(client, key.gtin, key.lot)));
        out().json(held);
        out().say("accept.accepted", held.size(), out().org(client.identity().mspId()));
        return 0;
    }
}
