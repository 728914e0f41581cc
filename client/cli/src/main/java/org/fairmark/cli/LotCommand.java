package org.fairmark.cli;

import java.util.ArrayList;
import java.util.List;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.LotInspection;
import org.fairmark.domain.model.Requests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fairmark lot inspect|show}: lot inspections of prepackages (OIML R 87 / JJF 1070 reference test). */
@Command(name = "lot", description = "Lot inspections of prepackages: inspect (inspector), show. 定量包装商品批检验。",
        subcommands = {LotCommand.Inspect.class, LotCommand.Show.class})
final class LotCommand extends GroupCommand {

    @Command(name = "inspect", description = {
        "Record the reference test of a lot at the packing station (inspector). 记录批检验。",
        "%nThe lot is the batch's packages of one nominal mass. The ledger counts it, checks the sample has the"
            + " plan's size (OIML R 87 / JJF 1070: 1-10 all, 11-50 10, 51-99 13, 100-500 50, 501-3200 80, more 125)"
            + " and derives the verdict: T1 errors within the allowance, no T2, mean >= Qn - lambda*s.",
        "%nA failing lot cannot be handed over until a re-inspection passes.",
        "%nExample:",
        "  fairmark lot inspect 06901234567892 QX-2024-001 --nominal 500g --tare INDIVIDUAL \\",
        "      --weigh P0001=503.2 --weigh P0002=499.8g --weigh sscc:106141411234567897=501.0"})
    static final class Inspect extends FairmarkCommand {
        @Mixin
        BatchKeyMixin key;

        @Option(names = "--nominal", required = true, paramLabel = "MASS", description = "Nominal mass of the lot's packages, e.g. 500g.")
        String nominal;

        @Option(names = "--tare", required = true, paramLabel = "METHOD",
                description = "INDIVIDUAL (each package's own tare) or AVERAGE (an average tare, OIML R 87 Annex B).")
        String tare;

        @Option(names = "--average-tare", paramLabel = "MASS", description = "The average tare subtracted, for --tare AVERAGE.")
        String averageTare;

        @Option(names = "--weigh", required = true, paramLabel = "PACKAGE=MASS",
                description = "Net mass of a sampled package (0.1 g), repeatable: P0001=499.8 or sscc:SSCC=499.8g.")
        List<String> weighings;

        @Option(names = "--notes", paramLabel = "TEXT")
        String notes;

        @Mixin
        WriteOptions write;

        @Override
        int execute() {
            List<Requests.LotSample> sample = new ArrayList<>();
            for (String weighing : weighings) {
                int equals = weighing.lastIndexOf('=');
                if (equals <= 0) {
                    throw new UsageException("--weigh wants PACKAGE=MASS, not '" + weighing + "'");
                }
                String id = weighing.substring(0, equals).strip();
                long net = Quantities.decigrams(weighing.substring(equals + 1));
                sample.add(id.startsWith("sscc:")
                        ? new Requests.LotSample(null, id.substring(5), net)
                        : new Requests.LotSample(id, null, net));
            }
            LotInspection inspection = client(Role.INSPECTOR).inspector().inspectLot(new Requests.InspectLot(
                    write.requestId, key.gtin, key.lot, Quantities.grams(nominal), tare,
                    averageTare == null ? null : Quantities.decigrams(averageTare), sample, notes));
            out().json(inspection);
            say(out(), inspection);
            return 0;
        }
    }

    @Command(name = "show", description = "Show the lot inspections of a batch's packages of one nominal mass, latest first. 查看批检验。")
    static final class Show extends FairmarkCommand {
        @Mixin
        BatchKeyMixin key;

        @Option(names = "--nominal", required = true, paramLabel = "MASS", description = "Nominal mass, e.g. 500g.")
        String nominal;

        @Override
        int execute() {
            List<LotInspection> all = readClient(null).participant().lotInspections(key.gtin, key.lot, Quantities.grams(nominal));
            out().json(all);
            if (all.isEmpty()) {
                out().say("lot.none", key.gtin, key.lot, nominal);
            }
            for (LotInspection inspection : all) {
                say(out(), inspection);
            }
            return 0;
        }
    }

    static void say(Output out, LotInspection i) {
        out.say("lot.inspected", i.gtin(), i.lot(), Quantities.formatGrams(i.nominalMassGrams()), i.verdict(),
                i.lotSize(), i.sampleSize(), i.t1Count(), i.allowedT1(), i.t2Count(),
                Quantities.formatDecigrams(i.meanDecigramsFloor()), Quantities.formatDecigrams(i.meanLimitDecigramsCeiling()),
                out.org(i.inspectorOrg()), i.inspectedAt());
        for (String reason : i.reasons()) {
            out.line("  - " + reason);
        }
    }
}
