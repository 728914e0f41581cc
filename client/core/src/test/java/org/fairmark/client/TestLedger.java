package org.fairmark.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.fairmark.domain.GradeDefinition;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Threshold;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.Requests;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.samples.Samples;

/**
 * One embedded network per test class, clients for its wallet users through the public API, and the steps of the
 * Fairmark story as one-liners.
 */
final class TestLedger implements AutoCloseable {
    static final String GTIN = Samples.GTIN;
    /** Qianxi county, inside the development inspector's jurisdiction. */
    static final String COUNTY = Samples.QIANXI;
    static final String RESOLVER = "https://id.fairmark.test";

    final EmbeddedNetwork network;
    final FairmarkClient producer;
    final FairmarkClient packer;
    final FairmarkClient inspector;
    final FairmarkClient carrier;
    final FairmarkClient buyer;
    final FairmarkClient auditor;
    final String standardCode;

    private static Path template;

    /**
     * A development network's material (CAs, wallet, genesis block) created once per test JVM: creating one is slow
     * (key generation), starting one from existing material is fast.
     */
    private static synchronized Path template() throws IOException {
        if (template == null) {
            Path directory = Files.createTempDirectory("fairmark-network-template");
            EmbeddedNetwork.builder().dataDir(directory).port(-1).start().close();
            template = directory;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(directory)));
        }
        return template;
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans up eventually
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    TestLedger(Path dataDir) throws IOException {
        this(dataDir, false);
    }

    /** With {@code tls}, the network's TCP listener speaks TLS (the in-process channel never does). */
    TestLedger(Path dataDir, boolean tls) throws IOException {
        copy(template(), dataDir);
        network = EmbeddedNetwork.builder()
                .dataDir(dataDir)
                .port(0)
                .tls(tls)
                .blockSize(20)
                .blockTimeout(Duration.ofMillis(50))
                .start();
        producer = FairmarkClient.builder()
                .connection(network.inProcessChannel())
                .identity(identity(EmbeddedNetwork.PRODUCER))
                .connect();
        packer = producer.withIdentity(identity(EmbeddedNetwork.PACKER));
        inspector = producer.withIdentity(identity(EmbeddedNetwork.INSPECTOR));
        carrier = producer.withIdentity(identity(EmbeddedNetwork.CARRIER));
        buyer = producer.withIdentity(identity(EmbeddedNetwork.BUYER));
        auditor = producer.withIdentity(identity(EmbeddedNetwork.AUDITOR));
        standardCode = "FM-CHESTNUT-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        inspector.inspector().publishStandard(new Requests.PublishStandard(null, chestnutStandard(standardCode)));
    }

    FairmarkIdentity identity(String name) {
        return FairmarkIdentity.fromWallet(network.wallet().directory(), name);
    }

    static GradingStandard chestnutStandard(String code) {
        return new GradingStandard(code, "2024", Samples.PRODUCT, "Chestnut grades", List.of(
                new GradeDefinition("FIRST", List.of(new Threshold("defect_rate_permille", Threshold.Bound.MAX, 30))),
                new GradeDefinition("SECOND", List.of(new Threshold("defect_rate_permille", Threshold.Bound.MAX, 80))),
                new GradeDefinition("OUT_OF_GRADE", List.of())));
    }

    static String newLot() {
        return "QX-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.ofHours(8));
    }

    static Requests.RegisterBatch registration(String lot, long declaredGrams) {
        return Samples.registration(null, lot, Samples.origin(COUNTY), today().minusDays(5).toString(), declaredGrams,
                0L);
    }

    /** A registered batch of 1 t, inspected FIRST. */
    String certifiedBatch() {
        String lot = newLot();
        producer.producer().registerBatch(registration(lot, 1_000_000L));
        inspector.inspector().recordInspection(new Requests.RecordInspection(null, GTIN, lot, standardCode, "2024",
                50L, 5_000L, Map.of("defect_rate_permille", 12L), null, null, 180L, null, "sampled at the station"));
        return lot;
    }

    LabelSigner registeredSigner() {
        LabelSigner signer = LabelSigner.generate();
        packer.packer().registerLabelKey(signer);
        return signer;
    }

    /** Packs {@code count} packages of 500 g into a certified batch, serials unique per GTIN: {lot id}-0001... */
    PackResult pack(String lot, LabelSigner signer, int count) {
        return pack(lot, signer, count, lot.substring(lot.length() - 8) + "-");
    }

    PackResult pack(String lot, LabelSigner signer, int count, String serialPrefix) {
        List<Requests.PackageSpec> specs = Samples.packages(serialPrefix, count, 4, Samples.BAG_GRAMS);
        return packer.packer().pack(new Requests.Pack(null, GTIN, lot, today().toString(), signer.keyId(), specs));
    }

    static List<Requests.PackageRef> refs(String lot, List<String> serials) {
        return serials.stream().map(serial -> new Requests.PackageRef(GTIN, lot, serial)).toList();
    }

    BatchView batch(String lot) {
        return producer.participant().batch(GTIN, lot);
    }

    @Override
    public void close() {
        for (FairmarkClient client : List.of(packer, inspector, carrier, buyer, auditor, producer)) {
            client.close();
        }
        network.close();
    }
}
