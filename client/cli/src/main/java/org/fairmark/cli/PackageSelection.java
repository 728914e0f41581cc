package org.fairmark.cli;

import java.util.ArrayList;
import java.util.List;
import org.fairmark.client.FairmarkClient;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Requests;
import picocli.CommandLine.Option;

/** {@code --serial S1,S2 ...} or {@code --all}: which packages of a batch a custody command moves. */
final class PackageSelection {
    @Option(names = "--serial", paramLabel = "SERIAL", split = ",", description = "Package serials, repeatable or comma-separated.")
    List<String> serials;

    @Option(names = "--all", description = "Every package of the batch.")
    boolean all;

    List<Requests.PackageRef> refs(FairmarkClient client, String gtin, String lot) {
        if (all == (serials != null && !serials.isEmpty())) {
            throw new UsageException("give either --serial or --all");
        }
        List<Requests.PackageRef> refs = new ArrayList<>();
        if (all) {
            for (PackageRecord record : client.participant().allPackages(gtin, lot)) {
                refs.add(new Requests.PackageRef(gtin, lot, record.serial()));
            }
        } else {
            serials.forEach(serial -> refs.add(new Requests.PackageRef(gtin, lot, serial.strip())));
        }
        return refs;
    }
}
