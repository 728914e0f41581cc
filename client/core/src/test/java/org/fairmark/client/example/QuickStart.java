package org.fairmark.client.example;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.client.LabelSheet;
import org.fairmark.client.LabelSigner;
import org.fairmark.client.LabelVerifier;
import org.fairmark.client.OnlineVerification;
import org.fairmark.client.SignedLabel;
import org.fairmark.client.TrustBundle;
import org.fairmark.domain.GradeDefinition;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Threshold;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.Requests;
import org.fairmark.network.EmbeddedNetwork;

/**
 * The client README's example: on an embedded network, register a chestnut batch, publish a standard, inspect, pack
 * two labelled packages, print the label sheet, verify a label offline and online.
 *
 * <p>Run: {@code java -cp <test class path> org.fairmark.client.example.QuickStart [data-dir]}.
 */
public final class QuickStart {
    private QuickStart() {}

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("fairmark-quickstart");
        run(dir, System.out);
    }

    public static void run(Path dir, PrintStream out) throws Exception {
        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(dir.resolve("network")).port(-1).start();
                FairmarkClient producer = FairmarkClient.builder()
                        .connection(network.inProcessChannel())
                        .identity(FairmarkIdentity.fromWallet(network.wallet().directory(), "producer@coop"))
                        .connect();
                FairmarkClient inspector = producer.withIdentity(
                        FairmarkIdentity.fromWallet(network.wallet().directory(), "inspector@bureau"));
                FairmarkClient packer = producer.withIdentity(
                        FairmarkIdentity.fromWallet(network.wallet().directory(), "packer@coop"));
                FairmarkClient buyer = producer.withIdentity(
                        FairmarkIdentity.fromWallet(network.wallet().directory(), "buyer@market"))) {
            String gtin = "06901234567892";
            String lot = "QX-" + LocalDate.now(ZoneOffset.ofHours(8)).toString().replace("-", "");
            LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));

            producer.producer().registerBatch(new Requests.RegisterBatch(null, gtin, lot, "chestnut", "Yanshan early",
                    new Origin("130227", "Hanerzhuang", "Yuhu", null, null), today.minusDays(3).toString(),
                    1_000_000L, 10_000L, null, null));
            inspector.inspector().publishStandard(new Requests.PublishStandard(null, new GradingStandard(
                    "QS-CHESTNUT", "2024", "chestnut", "Chestnut grades", List.of(
                            new GradeDefinition("FIRST", List.of(new Threshold("defect_rate_permille", Threshold.Bound.MAX, 30))),
                            new GradeDefinition("OUT_OF_GRADE", List.of())))));
            var inspection = inspector.inspector().recordInspection(new Requests.RecordInspection(null, gtin, lot,
                    "QS-CHESTNUT", "2024", 50L, 5_000L, Map.of("defect_rate_permille", 12L), null, null, 180L, null, null));
            out.println("inspected: " + inspection.grade() + " " + inspection.verdict());

            LabelSigner signer = LabelSigner.generate();
            packer.packer().registerLabelKey(signer);
            PackResult packed = packer.packer().pack(new Requests.Pack(null, gtin, lot, today.toString(), signer.keyId(),
                    List.of(new Requests.PackageSpec("P0001", null, 500L, null),
                            new Requests.PackageSpec("P0002", null, 500L, null))));
            List<SignedLabel> labels = packer.packer().signLabels(packed, signer, "https://id.fairmark.cn");
            LabelSheet.Result sheet = LabelSheet.builder()
                    .add(labels.get(0), "迁西板栗", "Qianxi chestnut")
                    .add(labels.get(1), "迁西板栗", "Qianxi chestnut")
                    .write(dir.resolve("labels.pdf"));
            out.println("label: " + labels.get(0).uri());
            out.println("sheet: " + dir.resolve("labels.pdf") + (sheet.chinese() ? " (中文 " + sheet.fontName() + ")" : " " + sheet.notice()));

            // the bureau attests which GS1 company prefix each organization may label: CoopMSP's 6901234
            TrustBundle bundle = TrustBundle.export(inspector, TrustBundle.caCertificatesFrom(dir.resolve("network/orgs")),
                    Map.of("CoopMSP", List.of("6901234")), java.time.Duration.ofDays(30));
            out.println("offline: " + LabelVerifier.builder(bundle).build().verify(labels.get(0).uri()).isGenuine());
            OnlineVerification online = buyer.participant().verifyLabel(labels.get(0).uri());
            out.println("online: " + online.status() + " - " + online.detail());
        }
    }
}
