package org.fairmark.cli.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkException;
import org.fairmark.client.LabelSigner;
import org.fairmark.client.SignedLabel;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.Requests;
import org.fairmark.network.EmbeddedNetwork;

/**
 * The workloads' operations and what each prepares before its round (not measured): registered batches to inspect,
 * certified batches to pack, packed packages to hand over or weigh, signed labels to verify, packages to trace; and the
 * preload, which fills the ledger with realistic batches of packages.
 */
public final class Workloads {
    /** Packages per packing transaction of prepared and preloaded batches (the contract's limit). */
    static final int PACKAGES_PER_BATCH = 500;
    private static final int PREPARE_WORKERS = 16;
    private static final long NOMINAL_GRAMS = 500;

    /** The ledger data the workloads use, from the demo's one place for it. */
    public record Fixtures(String gtin, GradingStandard standard, String resolver) {}

    private final BenchEngine engine;
    private final Fixtures fixtures;
    private final String runTag;
    private final String producer;
    private final String inspector;
    private final String packer;
    private final String carrier;
    private final String buyer;
    private final String auditor;
    private String labelKeyId;
    private LabelSigner labelSigner;
    private final String preloadPrefix;
    private long preloaded;

    public Workloads(BenchEngine engine, Fixtures fixtures, String runTag) {
        this.engine = engine;
        this.fixtures = fixtures;
        this.runTag = runTag;
        this.preloadPrefix = "P" + runTag + "-";
        this.producer = EmbeddedNetwork.PRODUCER;
        this.inspector = EmbeddedNetwork.INSPECTOR;
        this.packer = EmbeddedNetwork.PACKER;
        this.carrier = EmbeddedNetwork.CARRIER;
        this.buyer = EmbeddedNetwork.BUYER;
        this.auditor = EmbeddedNetwork.AUDITOR;
    }

    /**
     * Preloaded package record {@code p} (0 until {@link #preloaded()}): batch {@code p / 500} of the preload, serial
     * {@code p % 500} of it.
     */
    public Requests.PackageRef preloadedPackage(long p) {
        String lot = preloadPrefix + p / PACKAGES_PER_BATCH;
        return new Requests.PackageRef(fixtures.gtin(), lot, lot + "-" + p % PACKAGES_PER_BATCH);
    }

    /** How many package records the preloads wrote (whole batches of 500). */
    public long preloaded() {
        return preloaded;
    }

    /**
     * Tops the ledger up to at least {@code records} package records, in whole batches of 500 (register, inspect,
     * pack: three transactions per batch, 16 workers).
     *
     * @return seconds taken, 0 when nothing was missing
     */
    public double preload(long records) {
        long fromBatch = preloaded / PACKAGES_PER_BATCH;
        long toBatch = (records + PACKAGES_PER_BATCH - 1) / PACKAGES_PER_BATCH;
        if (toBatch <= fromBatch) {
            return 0;
        }
        ensureStandardAndKey();
        String prefix = preloadPrefix;
        double seconds = engine.prepare("preload", PREPARE_WORKERS, toBatch - fromBatch,
                (worker, k) -> packedBatch(worker, prefix + (fromBatch + k), PACKAGES_PER_BATCH, null));
        preloaded = toBatch * PACKAGES_PER_BATCH;
        return seconds;
    }

    /** Prepares what {@code round} needs and returns its operation. */
    public BenchEngine.Operation prepare(BenchPlan.Round round, int roundNumber) {
        String lots = "B" + runTag + "r" + roundNumber + "-";
        long items = round.workload().consumesItems() ? round.maxOperations() : 0;
        int workers = (int) Math.max(1, Math.min(PREPARE_WORKERS, items));
        return switch (round.workload()) {
            case REGISTER_BATCH -> (worker, i) -> register(worker.as(producer), lots + i);
            case INSPECT -> {
                ensureStandardAndKey();
                engine.prepare(round.name() + " (prepare)", workers, items,
                        (worker, i) -> register(worker.as(producer), lots + i));
                yield (worker, i) -> inspect(worker.as(inspector), lots + i);
            }
            case PACK -> {
                ensureStandardAndKey();
                engine.prepare(round.name() + " (prepare)", workers, items, (worker, i) -> {
                    register(worker.as(producer), lots + i);
                    inspect(worker.as(inspector), lots + i);
                });
                yield (worker, i) -> pack(worker.as(packer), lots + i, round.packages());
            }
            case HAND_OVER, RECEIVE -> {
                ensureStandardAndKey();
                boolean toBuyer = round.workload() == Workload.RECEIVE;
                long packages = items * round.packages();
                long batches = (packages + PACKAGES_PER_BATCH - 1) / PACKAGES_PER_BATCH;
                engine.prepare(round.name() + " (prepare)", (int) Math.max(1, Math.min(PREPARE_WORKERS, batches)),
                        batches, (worker, b) -> {
                            int size = (int) Math.min(PACKAGES_PER_BATCH, packages - b * PACKAGES_PER_BATCH);
                            List<String> serials = packedBatch(worker, lots + b, size, null);
                            if (toBuyer) {
                                List<Requests.PackageRef> refs = refs(lots + b, serials);
                                String market = worker.as(buyer).identity().mspId();
                                worker.as(packer).packer().handOver(new Requests.HandOver(null, refs, market, null));
                                worker.as(buyer).buyer().accept(new Requests.Accept(null, refs));
                            }
                        });
                if (toBuyer) {
                    yield (worker, i) -> worker.as(buyer).buyer().recordReceipt(new Requests.RecordReceipt(null,
                            "scale-bench", null, weighings(lots, i, round.packages())));
                }
                yield (worker, i) -> {
                    String carrierOrg = worker.as(carrier).identity().mspId();
                    worker.as(packer).packer().handOver(
                            new Requests.HandOver(null, packageRefs(lots, i, round.packages()), carrierOrg, null));
                };
            }
            case VERIFY_ONLINE -> {
                ensureStandardAndKey();
                List<String> uris = new ArrayList<>();
                engine.prepare(round.name() + " (prepare)", 1, 1,
                        (worker, i) -> packedBatch(worker, lots + "L", 100, uris));
                yield (worker, i) -> {
                    var verification = worker.as(auditor).participant().verifyLabel(uris.get((int) (i % uris.size())));
                    if (!verification.isGenuine()) {
                        throw new IllegalStateException("label not genuine: " + verification.detail());
                    }
                };
            }
            case TRACE -> {
                if (preloaded > 0) {
                    long records = preloaded;
                    yield (worker, i) -> {
                        Requests.PackageRef ref = preloadedPackage(ThreadLocalRandom.current().nextLong(records));
                        worker.as(auditor).participant().tracePackage(ref.gtin(), ref.lot(), ref.serial());
                    };
                }
                ensureStandardAndKey();
                int size = round.packages();
                engine.prepare(round.name() + " (prepare)", 1, 1,
                        (worker, i) -> packedBatch(worker, lots + "T", size, null));
                yield (worker, i) -> worker.as(auditor).participant().tracePackage(fixtures.gtin(), lots + "T",
                        lots + "T-" + ThreadLocalRandom.current().nextInt(size));
            }
            case BLIND_WRITE -> (worker, i) ->
                    worker.bench(producer).submitTransaction("bench:BlindWrite", lots + i, "v" + i);
            case NOOP_EVALUATE -> (worker, i) -> worker.bench(producer).evaluateTransaction("bench:Noop");
        };
    }

    private void ensureStandardAndKey() {
        if (labelKeyId != null) {
            return;
        }
        engine.prepare("standard and label key", 1, 1, (worker, i) -> {
            FairmarkClient inspecting = worker.as(inspector);
            GradingStandard standard = fixtures.standard();
            try {
                inspecting.participant().standard(standard.code(), standard.version());
            } catch (FairmarkException e) {
                if (e.code() != ErrorCode.STANDARD_NOT_FOUND) {
                    throw e;
                }
                inspecting.inspector().publishStandard(new Requests.PublishStandard(null, standard));
            }
            LabelSigner signer = LabelSigner.generate();
            labelKeyId = worker.as(packer).packer().registerLabelKey(signer).keyId();
            labelSigner = signer;
        });
    }

    private void register(FairmarkClient client, String lot) {
        client.producer().registerBatch(new Requests.RegisterBatch(null, fixtures.gtin(), lot, "板栗 chestnut",
                "燕山早丰 Yanshan Zaofeng", new Origin("130227", "兴城镇 Xingcheng", "东庄村 Dongzhuang", "plot-7", null),
                LocalDate.now().minusDays(7).toString(), 1_000_000L, 4_000L, null, null));
    }

    private void inspect(FairmarkClient client, String lot) {
        GradingStandard standard = fixtures.standard();
        client.inspector().recordInspection(new Requests.RecordInspection(null, fixtures.gtin(), lot, standard.code(),
                standard.version(), 200L, 2_000L, Map.of("count_per_kg", 92L, "defect_permille", 28L), null, null,
                180L, null, "bench"));
    }

    /** Packs {@code packages} packages with serials {@code LOT-0}, {@code LOT-1}, ... (serials are unique per GTIN). */
    private PackResult pack(FairmarkClient client, String lot, int packages) {
        List<Requests.PackageSpec> specs = new ArrayList<>(packages);
        for (int i = 0; i < packages; i++) {
            specs.add(new Requests.PackageSpec(lot + "-" + i, null, NOMINAL_GRAMS, null));
        }
        return client.packer().pack(new Requests.Pack(null, fixtures.gtin(), lot, LocalDate.now().toString(),
                labelKeyId, specs));
    }

    /** Registers, certifies and packs a batch; signs its labels into {@code labels} when given. */
    private List<String> packedBatch(BenchEngine.Worker worker, String lot, int packages, List<String> labels) {
        register(worker.as(producer), lot);
        inspect(worker.as(inspector), lot);
        PackResult packed = pack(worker.as(packer), lot, packages);
        if (labels != null) {
            for (SignedLabel label : worker.as(packer).packer().signLabels(packed, labelSigner, fixtures.resolver())) {
                labels.add(label.uri());
            }
        }
        return packed.serials();
    }

    private List<Requests.PackageRef> refs(String lot, List<String> serials) {
        return serials.stream().map(serial -> new Requests.PackageRef(fixtures.gtin(), lot, serial)).toList();
    }

    /** Operation {@code i}'s packages: {@code [i * per, (i + 1) * per)} over the prepared batches of 500. */
    private List<Requests.PackageRef> packageRefs(String lots, long i, int per) {
        List<Requests.PackageRef> refs = new ArrayList<>(per);
        for (long p = i * per; p < (i + 1) * per; p++) {
            String lot = lots + p / PACKAGES_PER_BATCH;
            refs.add(new Requests.PackageRef(fixtures.gtin(), lot, lot + "-" + p % PACKAGES_PER_BATCH));
        }
        return refs;
    }

    private List<Requests.Weighing> weighings(String lots, long i, int per) {
        List<Requests.Weighing> weighings = new ArrayList<>(per);
        for (Requests.PackageRef ref : packageRefs(lots, i, per)) {
            weighings.add(new Requests.Weighing(ref.gtin(), ref.lot(), ref.serial(), NOMINAL_GRAMS * 10 + 50));
        }
        return weighings;
    }
}
