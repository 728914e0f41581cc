package org.fairmark.cli;

import java.util.List;
import org.fairmark.client.LabelFormatException;
import org.fairmark.client.SignedLabel;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.GeoPoint;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Scan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fairmark scan}: records a label scan at a coarse place, for the clone check. */
@Command(name = "scan", description = {
    "Record a scan of a package's label, for the clone check. 记录扫码。",
    "%nThe place is coarse on purpose: a county code or a point the ledger rounds to 0.1°. The answer says"
        + " whether the serial now looks cloned.",
    "%nExamples:",
    "  fairmark scan 06901234567892 QX-2024-001 P0001 --county 110105",
    "  fairmark scan 'https://id.fairmark.cn/01/...' --lat 39.9 --lon 116.4"})
final class ScanCommand extends FairmarkCommand {
    @Parameters(arity = "1..3", paramLabel = "LABEL | GTIN LOT SERIAL",
            description = "A label URI or QR image, or the package's GTIN, lot and serial.")
    List<String> target;

    @Option(names = "--county", paramLabel = "CODE")
    String county;

    @Option(names = "--lat", paramLabel = "DEGREES")
    String latitude;

    @Option(names = "--lon", paramLabel = "DEGREES")
    String longitude;

    @Mixin
    WriteOptions write;

    @Override
    int execute() {
        String gtin;
        String lot;
        String serial;
        if (target.size() == 3) {
            gtin = target.get(0);
            lot = target.get(1);
            serial = target.get(2);
        } else if (target.size() == 1) {
            SignedLabel label;
            try {
                label = SignedLabel.parse(LabelInput.text(root().context.workingDirectory(), target.get(0)));
            } catch (LabelFormatException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "not a Fairmark label: " + e.detail());
            }
            gtin = label.claim().gtin();
            lot = label.claim().lot();
            serial = label.claim().serial();
        } else {
            throw new UsageException("give a label, or GTIN LOT SERIAL");
        }
        GeoPoint point = null;
        if ((latitude == null) != (longitude == null)) {
            throw new UsageException("--lat and --lon go together");
        }
        if (latitude != null) {
            point = new GeoPoint(Quantities.microdegrees(latitude, 90, "--lat"), Quantities.microdegrees(longitude, 180, "--lon"));
        }
        Scan scan = client(null).participant().recordScan(new Requests.RecordScan(write.requestId, gtin, lot, serial, county, point));
        out().json(scan);
        out().say(Boolean.TRUE.equals(scan.cloneSuspected()) ? "scan.clone" : "scan.recorded", scan.gtin(), scan.lot(),
                scan.serial(), scan.scanCount());
        scan.reasons().forEach(reason -> out().line("  ! " + reason));
        return 0;
    }
}
