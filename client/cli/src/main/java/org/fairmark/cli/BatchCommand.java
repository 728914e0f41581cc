package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.BatchHistory;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.GeoPoint;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Page;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fairmark batch register|get|packages|history}. */
@Command(name = "batch", description = "Harvest batches: register, read, list packages, history. 批次。",
        subcommands = {BatchCommand.Register.class, BatchCommand.Get.class, BatchCommand.Packages.class,
            HistoryCommand.class})
final class BatchCommand extends GroupCommand {

    @Command(name = "register", description = {
        "Register a harvest batch (producer). 登记批次（生产者）。",
        "%nExample:",
        "  fairmark batch register 06901234567892 QX-2024-001 --product 板栗 \\",
        "      --county 130227 --township Xingcheng --village Dongzhuang \\",
        "      --harvest-date 2024-09-10 --declared 1t"})
    static final class Register extends FairmarkCommand {
        @Mixin
        BatchKeyMixin key;

        @Option(names = "--product", required = true, description = "Product name, e.g. 板栗 chestnut.")
        String product;

        @Option(names = "--variety", description = "Variety, e.g. Yanshan early.")
        String variety;

        @Option(names = "--county", required = true, paramLabel = "CODE", description = "GB/T 2260 county code.")
        String county;

        @Option(names = "--township", required = true, description = "Township (乡镇).")
        String township;

        @Option(names = "--village", required = true, description = "Village (村).")
        String village;

        @Option(names = "--plot", description = "Plot or farm id.")
        String plot;

        @Option(names = "--lat", paramLabel = "DEGREES", description = "WGS84 latitude of the plot.")
        String latitude;

        @Option(names = "--lon", paramLabel = "DEGREES", description = "WGS84 longitude of the plot.")
        String longitude;

        @Option(names = "--harvest-date", required = true, paramLabel = "DATE", description = "yyyy-MM-dd or today.")
        String harvestDate;

        @Option(names = "--declared", required = true, paramLabel = "MASS",
                description = "Declared mass: 1000000, 1000kg, 1t, 2000斤.")
        String declared;

        @Option(names = "--loss-allowance", paramLabel = "MASS", description = "Packing loss allowance (default 0).")
        String lossAllowance;

        @Option(names = "--packer-org", paramLabel = "MSP", split = ",",
                description = "Organizations allowed to pack (default the producer's).")
        List<String> packerOrgs;

        @Option(names = "--evidence-hash", paramLabel = "SHA256", split = ",",
                description = "SHA-256 of photos or documents kept off-ledger.")
        List<String> evidenceHashes;

        @Mixin
        WriteOptions write;

        @Override
        int execute() {
            GeoPoint point = null;
            if ((latitude == null) != (longitude == null)) {
                throw new UsageException("--lat and --lon go together");
            }
            if (latitude != null) {
                point = new GeoPoint(Quantities.microdegrees(latitude, 90, "--lat"),
                        Quantities.microdegrees(longitude, 180, "--lon"));
            }
            Requests.RegisterBatch request = new Requests.RegisterBatch(write.requestId, key.gtin, key.lot, product, variety,
                    new Origin(county, township, village, plot, point), Quantities.date(harvestDate),
                    Quantities.grams(declared), lossAllowance == null ? null : Quantities.grams(lossAllowance),
                    packerOrgs, evidenceHashes);
            BatchView view = client(Role.PRODUCER).producer().registerBatch(request);
            out().json(view);
            out().say("batch.registered", view.batch().gtin(), view.batch().lot(), view.batch().product(),
                    Quantities.formatGrams(view.batch().declaredMassGrams()),
                    Output.county(view.batch().origin().countyCode()));
            return 0;
        }
    }

    @Command(name = "get", description = "A batch with status, latest inspection and mass balance. 查询批次。")
    static final class Get extends FairmarkCommand {
        @Mixin
        BatchKeyMixin key;

        @Override
        int execute() {
            BatchView view = readClient(null).participant().batch(key.gtin, key.lot);
            out().json(view);
            Views.batch(out(), view);
            return 0;
        }
    }

    @Command(name = "packages", description = "The packages of a batch, a page at a time or --all. 批次的包装件。")
    static final class Packages extends FairmarkCommand {
        @Mixin
        BatchKeyMixin key;

        @Option(names = "--page-size", paramLabel = "N", description = "1..1000 (default 100).")
        Long pageSize;

        @Option(names = "--bookmark", paramLabel = "TEXT", description = "Bookmark of the previous page.")
        String bookmark;

        @Option(names = "--all", description = "Every page.")
        boolean all;

        @Override
        int execute() {
            if (all && (pageSize != null || bookmark != null)) {
                throw new UsageException("--all reads every page; it takes no --page-size or --bookmark");
            }
            if (pageSize != null && (pageSize < 1 || pageSize > 1000)) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "--page-size must be 1..1000");
            }
            var participant = readClient(null).participant();
            List<PackageRecord> records;
            String next = null;
            if (all) {
                records = participant.allPackages(key.gtin, key.lot);
            } else {
                Page<PackageRecord> page = participant.packages(key.gtin, key.lot, pageSize, bookmark);
                records = page.records();
                next = page.bookmark();
            }
            ObjectNode json = CliJson.object();
            json.set("packages", CliJson.tree(records));
            json.put("count", records.size());
            if (next != null && !next.isEmpty()) {
                json.put("bookmark", next);
            }
            out().json(json);
            List<String> lines = new ArrayList<>();
            for (PackageRecord record : records) {
                lines.add(String.format("%-20s %-10s %9s  %s  key %s", record.serial(), record.grade(),
                        Quantities.formatGrams(record.nominalMassGrams()), record.packingDate(), record.labelKeyId()));
            }
            lines.forEach(out()::line);
            out().say("batch.packageCount", records.size());
            if (next != null && !next.isEmpty()) {
                out().say("batch.nextPage", next);
            }
            return 0;
        }
    }

    static void printHistory(Output out, BatchHistory history) {
        out.json(history);
        out.say("history.versions", history.batchVersions().size());
        history.batchVersions().forEach(version -> out.line("  " + version.timestamp() + "  tx " + version.txId()));
        out.say("history.inspections", history.inspections().size());
        history.inspections().forEach(inspection -> out.line("  " + inspection.inspectedAt() + "  "
                + out.org(inspection.inspectorOrg()) + "  " + inspection.grade() + " " + inspection.verdict()));
        out.say("history.packingRuns", history.packingRuns().size());
        history.packingRuns().forEach(run -> out.line("  " + run.packedAt() + "  " + out.org(run.packerOrg()) + "  "
                + run.packageCount() + " × " + run.grade() + "  " + Quantities.formatGrams(run.nominalTotalGrams())));
    }
}
