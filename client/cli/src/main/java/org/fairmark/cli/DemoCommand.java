package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.fairmark.client.CryptoProvider;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkException;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.client.LabelSheet;
import org.fairmark.client.LabelSigner;
import org.fairmark.client.LabelVerdict;
import org.fairmark.client.LabelVerifier;
import org.fairmark.client.OnlineVerification;
import org.fairmark.client.SignedLabel;
import org.fairmark.client.TrustBundle;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.OrgProfile;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.LotInspection;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.PublishedStandard;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.samples.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fairmark demo}: a chestnut batch from a Qianxi (Hebei) cooperative walked through the whole ledger, one
 * narrated line per step, on the development network of a fresh (or the given) data directory.
 */
@Command(name = "demo", description = {
    "Walk a chestnut batch through the whole ledger, narrated. 演示：迁西板栗从登记到验证。",
    "%nOn the development network (or, with --network FILE, on the gateways of a connection profile, each identity"
        + " of the data directory's wallet through its own organization's peer): a batch from Qianxi county (130227, Hebei) is registered, a grading standard"
        + " published, the batch inspected and certified, a label key registered, the batch packed with a PDF label"
        + " sheet, shipped via a carrier to a market, weighed on receipt with one short-weight bag, a SHORT_WEIGHT"
        + " dispute upheld by a neutral inspector; then the producer's integrity record and a verified label."
        + " Uses a fresh directory unless --data-dir or $FAIRMARK_HOME is given."})
final class DemoCommand extends FairmarkCommand {
    static final String STANDARD_CODE = "GB/T-22346";
    static final String STANDARD_VERSION = Samples.STANDARD_VERSION;
    static final String GTIN = Samples.GTIN;
    static final int PACKAGES = 6;
    static final long NOMINAL_GRAMS = Samples.BAG_GRAMS;
    static final int STEPS = 13;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the label sheet and trust bundle"
            + " (default <data-dir>/demo).")
    Path outDirectory;

    @Option(names = "--resolver", paramLabel = "URL", description = "Label URI base (default " + Labels.DEFAULT_RESOLVER + ").")
    String resolver;

    private int step;
    private final Map<String, OrgProfile> names = new java.util.HashMap<>();
    private boolean bilingual;

    @Override
    int execute() throws IOException {
        boolean onProfile = root().networkProfile() != null;
        if (root().gateway != null) {
            throw new UsageException("the demo runs on the development network or on the organizations' gateways of"
                    + " --network FILE; it does not take --gateway");
        }
        long started = System.nanoTime();
        bilingual = root().lang == null && root().context.environment().get("FAIRMARK_LANG") == null;
        // with a connection profile the identities come from the data directory's wallet, so it is never a fresh one
        Path dataDir = root().dataDirectoryGiven() || onProfile ? root().dataDirectory()
                : Files.createTempDirectory("fairmark-demo-").toAbsolutePath();
        Path out = outDirectory != null ? root().context.workingDirectory().resolve(outDirectory) : dataDir.resolve("demo");
        Files.createDirectories(out);
        ObjectNode json = CliJson.object();
        json.put("dataDir", dataDir.toString());
        try (Session session = Session.of(root(), dataDir)) {
            if (session.profile() != null) {
                json.put("connectionProfile", root().networkProfile().toString());
                heading("demo.titleProfile", root().networkProfile(), dataDir);
            } else {
                heading("demo.title", dataDir);
            }
            run(session, out, json);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        json.put("seconds", Math.round(seconds * 10) / 10.0);
        out().json(json);
        heading("demo.done", String.format(Locale.ROOT, "%.1f", seconds));
        Path profile = root().networkProfile();
        heading("demo.explore", profile == null ? dataDir : dataDir + " --network " + profile, GTIN,
                json.get("lot").asText(), json.get("verifiedSerial").asText());
        return 0;
    }

    private void run(Session session, Path out, ObjectNode json) {
        // 1. the network and its organizations
        session.ensureDevelopmentNetwork();
        TreeSet<String> organizations = new TreeSet<>();
        for (String name : FairmarkIdentity.walletNames(session.wallet())) {
            organizations.add(FairmarkIdentity.fromWallet(session.wallet(), name).mspId());
        }
        FairmarkClient producer = session.client(EmbeddedNetwork.PRODUCER);
        FairmarkClient inspector = session.client(EmbeddedNetwork.INSPECTOR);
        FairmarkClient packer = session.client(EmbeddedNetwork.PACKER);
        FairmarkClient carrier = session.client(EmbeddedNetwork.CARRIER);
        FairmarkClient buyer = session.client(EmbeddedNetwork.BUYER);
        FairmarkClient auditor = session.client(EmbeddedNetwork.AUDITOR);
        json.putPOJO("organizations", List.copyOf(organizations));
        // who each organization is: the profiles their administrators write (names shown from here on)
        for (OrgProfile profile : DemoProfiles.write(auditor, session.wallet())) {
            names.put(profile.mspId(), profile);
        }
        List<String> shown = organizations.stream().map(this::name).toList();
        if (session.profile() != null) {
            narrate("demo.networkProfile", organizations.size(), String.join(", ", shown),
                    session.profile().gateways().stream().map(gateway -> gateway.mspId() + "=" + gateway.endpoint())
                            .collect(java.util.stream.Collectors.joining(", ")));
        } else {
            narrate("demo.network", organizations.size(), String.join(", ", shown));
        }

        // 2. a chestnut batch from Qianxi county
        LocalDate today = Quantities.today();
        byte[] random = new byte[2];
        new SecureRandom().nextBytes(random);
        String tag = HexFormat.of().withUpperCase().formatHex(random);
        String lot = "QX-" + today.format(DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT)) + "-" + tag;
        json.put("gtin", GTIN);
        json.put("lot", lot);
        BatchView batch = producer.producer().registerBatch(
                Samples.registration(null, lot, today.minusDays(7).toString(), 200_000L, 4_000L));
        narrate("demo.batch", GTIN, lot, Quantities.formatGrams(batch.batch().declaredMassGrams()),
                Output.county(batch.batch().origin().countyCode()));

        // 3. a grading standard, published once per network
        PublishedStandard standard;
        try {
            standard = inspector.participant().standard(STANDARD_CODE, STANDARD_VERSION);
        } catch (FairmarkException e) {
            if (e.code() != ErrorCode.STANDARD_NOT_FOUND) {
                throw e;
            }
            standard = inspector.inspector().publishStandard(new Requests.PublishStandard(null, chestnutStandard()));
        }
        narrate("demo.standard", STANDARD_CODE, STANDARD_VERSION, StandardCommand.grades(standard.standard()),
                name(standard.publisherOrg()));

        // 4. inspection: the ledger derives the grade
        Inspection inspection = inspector.inspector().recordInspection(Samples.inspection(null, lot, STANDARD_CODE,
                Samples.firstGradeMeasurements(), "sampled at the cooperative's station"));
        json.put("grade", inspection.grade());
        narrate("demo.inspect", name(inspection.inspectorOrg()), inspection.grade(), inspection.verdict(), inspection.validUntil());

        // 5. the packing station's label key
        LabelSigner signer = LabelSigner.generate();
        LabelKeyStore keyStore = new LabelKeyStore(session.dataDir());
        Path pendingKey = keyStore.savePending(signer);
        LabelKey key;
        try {
            key = packer.packer().registerLabelKey(signer);
        } catch (RuntimeException e) {
            keyStore.discard(pendingKey);
            throw e;
        }
        keyStore.keep(pendingKey);
        narrate("demo.labelKey", key.keyId(), name(key.ownerOrg()));

        // 6. packing under the mass balance, labels signed and printed
        List<Requests.PackageSpec> specs = Samples.packages("P" + tag + "-", PACKAGES, 2, NOMINAL_GRAMS);
        PackResult packed = packer.packer().pack(new Requests.Pack(null, GTIN, lot, today.toString(), key.keyId(), specs));
        List<SignedLabel> labels = packer.packer().signLabels(packed, signer, Labels.resolver(root(), resolver));
        Path pdf = out.resolve("labels-" + lot + ".pdf");
        LabelSheet.Result sheet = Labels.writePdf(pdf, labels, batch.batch().product(), packer.participant());
        json.put("labelsPdf", pdf.toString());
        json.putPOJO("serials", packed.serials());
        narrate("demo.pack", packed.serials().size(), Quantities.formatGrams(NOMINAL_GRAMS), packed.run().grade(),
                Quantities.formatGrams(packed.remainingGrams()), pdf);
        if (sheet.notice() != null) {
            out().note(sheet.notice());
        }

        // 6b. the bureau's reference test of the lot at the packing station (OIML R 87 / JJF 1070): a lot of six is
        // weighed whole; the contract derives the verdict, and a failing lot could not leave the station
        List<Requests.LotSample> sample = new ArrayList<>();
        long[] station = {5_040L, 5_060L, 5_030L, 5_050L, 5_045L, 4_990L};
        for (int i = 0; i < packed.serials().size(); i++) {
            sample.add(new Requests.LotSample(packed.serials().get(i), null, station[i % station.length]));
        }
        LotInspection lotInspection = inspector.inspector().inspectLot(new Requests.InspectLot(null, GTIN, lot,
                NOMINAL_GRAMS, "INDIVIDUAL", null, sample, "reference test at the packing station"));
        json.put("lotInspectionId", lotInspection.inspectionId());
        json.put("lotVerdict", lotInspection.verdict().name());
        narrate("demo.lotInspection", lotInspection.lotSize(), Quantities.formatGrams(NOMINAL_GRAMS),
                lotInspection.sampleSize(), Quantities.formatDecigrams(lotInspection.meanDecigramsFloor()),
                lotInspection.t1Count(), lotInspection.t2Count(), lotInspection.verdict());

        // 7-8. custody: packer → carrier → market
        List<Requests.PackageRef> refs = packed.serials().stream()
                .map(serial -> new Requests.PackageRef(GTIN, lot, serial)).toList();
        String carrierOrg = carrier.identity().mspId();
        String marketOrg = buyer.identity().mspId();
        packer.packer().handOver(new Requests.HandOver(null, refs, carrierOrg, null));
        carrier.carrier().accept(new Requests.Accept(null, refs));
        narrate("demo.toCarrier", refs.size(), name(packer.identity().mspId()), name(carrierOrg));
        carrier.carrier().handOver(new Requests.HandOver(null, refs, marketOrg, null));
        buyer.buyer().accept(new Requests.Accept(null, refs));
        narrate("demo.toMarket", refs.size(), name(carrierOrg), name(marketOrg));

        // 9. weighing on receipt: one bag is short
        List<Requests.Weighing> weighings = new ArrayList<>();
        String shortSerial = packed.serials().get(PACKAGES - 1);
        for (String serial : packed.serials()) {
            weighings.add(new Requests.Weighing(GTIN, lot, serial, serial.equals(shortSerial) ? 4_780L : 5_050L));
        }
        Receipt receipt = buyer.buyer().recordReceipt(new Requests.RecordReceipt(null, "scale-market-01", null, weighings));
        Receipt.PackageWeighing shortBag = receipt.weighings().stream()
                .filter(weighing -> weighing.serial().equals(shortSerial)).findFirst().orElseThrow();
        json.put("receiptId", receipt.receiptId());
        json.put("shortWeightSerial", shortSerial);
        json.put("finding", shortBag.finding().name());
        narrate("demo.receipt", receipt.weighings().size(), shortSerial,
                Quantities.formatDecigrams(shortBag.measuredNetDecigrams()), Quantities.formatGrams(NOMINAL_GRAMS),
                shortBag.finding(), Quantities.formatDecigrams(shortBag.tolerableDeficiencyDecigrams()),
                Boolean.TRUE.equals(receipt.averageMet()) ? "OK" : "FAILED");

        // 10-11. the buyer's claim, ruled by a neutral inspector
        Dispute opened = buyer.buyer().openDispute(new Requests.OpenDispute(null, DisputeType.SHORT_WEIGHT, GTIN, lot,
                List.of(shortSerial), receipt.receiptId(), "478.0 g in a bag labelled 500 g", List.of()));
        json.put("disputeId", opened.disputeId());
        narrate("demo.dispute", opened.type(), opened.disputeId(), name(opened.claimantOrg()), name(opened.respondentOrg()));
        Dispute taken = inspector.inspector().takeDispute(new Requests.TakeDispute(null, opened.disputeId()));
        Dispute ruled = inspector.inspector().resolveDispute(new Requests.ResolveDispute(null, opened.disputeId(),
                DisputeOutcome.UPHELD, Remedy.REFUND, 1_500L,
                "the receipt shows a T1 short weight (22.0 g over T = 15.0 g); refund the bag", null, null));
        json.put("outcome", ruled.review().outcome().name());
        narrate("demo.ruling", name(taken.review().reviewerOrg()), ruled.review().outcome(), ruled.review().remedy(),
                Quantities.formatYuan(ruled.review().amountFen()));

        // 12. the producer's integrity record
        IntegrityRecord integrity = auditor.participant().integrity(batch.batch().producerOrg(), null);
        json.set("integrity", CliJson.tree(integrity));
        narrate("demo.integrity", name(integrity.org()), integrity.rating(), integrity.batches(), integrity.packages(),
                integrity.packagesWeighed(), integrity.t1Findings(), integrity.t2Findings(), integrity.disputesUpheld());

        // 13. a label verified offline (trust bundle) and online (ledger)
        SignedLabel label = labels.get(0);
        // the bureau attests the cooperative's GS1 company prefix (the first 7 digits after the indicator)
        TrustBundle bundle = TrustBundle.export(auditor, TrustBundle.caCertificatesFrom(organizationsDirectory(session.dataDir())),
                Map.of(batch.batch().producerOrg(), List.of(Samples.COMPANY_PREFIX)), Duration.ofDays(30));
        Path bundleFile = out.resolve("trust-bundle.json");
        try {
            Files.write(bundleFile, bundle.toJson());
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot write " + bundleFile + ": " + e.getMessage(), e);
        }
        LabelVerdict offline = LabelVerifier.builder(bundle).cryptoProvider(CryptoProvider.fastest()).build().verify(label.uri());
        OnlineVerification online = auditor.participant().verifyLabel(label.uri());
        json.put("verifiedSerial", label.claim().serial());
        json.put("verifiedLabel", label.uri());
        json.put("offlineGenuine", offline.isGenuine());
        json.put("onlineStatus", online.status().name());
        json.put("trustBundle", bundleFile.toString());
        narrate("demo.verify", label.claim().serial(), offline.isGenuine() ? "GENUINE" : "REJECTED", online.status());
        out().line("        " + label.uri());
        if (!offline.isGenuine() || !online.isGenuine()) {
            throw new CliException(ErrorCode.INTERNAL_ERROR, "the demo's label did not verify: "
                    + (offline instanceof LabelVerdict.Rejected rejected ? rejected.detail() : online.detail()));
        }
    }

    static GradingStandard chestnutStandard() {
        return Samples.chestnutStandard(STANDARD_CODE, STANDARD_VERSION);
    }

    /** An org as the demo names it: its profile's name(s) with the MSP id as the detail, or the MSP id alone. */
    String name(String mspId) {
        OrgProfile profile = names.get(mspId);
        if (profile == null) {
            return mspId;
        }
        String shown = bilingual ? profile.nameZh() + " / " + profile.nameEn()
                : out().language() == Language.ZH ? profile.nameZh() : profile.nameEn();
        return shown + " (" + mspId + ")";
    }

    private void narrate(String key, Object... args) {
        step++;
        String prefix = String.format(Locale.ROOT, "[%2d/%d] ", step, STEPS);
        if (bilingual) {
            out().line(prefix + Output.text(Language.EN, key, args));
            out().line(" ".repeat(prefix.length()) + Output.text(Language.ZH, key, args));
        } else {
            out().line(prefix + out().text(key, args));
        }
        out().out().flush();
    }

    private void heading(String key, Object... args) {
        if (bilingual) {
            out().line(Output.text(Language.EN, key, args));
            out().line(Output.text(Language.ZH, key, args));
        } else {
            out().line(out().text(key, args));
        }
    }

    /**
     * Where the organizations' CA certificates are: {@code orgs/} of an embedded network's data directory, or
     * {@code crypto/orgs/} (Fabric's MSP layout) of a state directory that {@code network/fabric/up.sh} made.
     */
    static Path organizationsDirectory(Path dataDir) {
        Path embedded = dataDir.resolve("orgs");
        Path fabric = dataDir.resolve("crypto").resolve("orgs");
        return !Files.isDirectory(embedded) && Files.isDirectory(fabric) ? fabric : embedded;
    }

}
