package org.fairmark.cli.web;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.client.LabelClaim;
import org.fairmark.client.LabelSigner;
import org.fairmark.client.SignedLabel;
import org.fairmark.devca.Roster;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.RulingOrder;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.samples.Samples;

/**
 * An embedded network with the story the web pages tell, set up through the client library as the parties would:
 * a chestnut batch certified FIRST and packed into four labelled packages that travel packer → carrier → market, are
 * weighed (one short, T1), disputed (the short one upheld, another open); a second batch packed and recalled; a forged
 * and an unknown label. And a {@link WebServer} over it reading as the auditor.
 */
final class LedgerFixture implements AutoCloseable {
    static final String GTIN = Samples.GTIN;
    static final String LOT = "QX-2025-001";
    static final String RECALLED_LOT = "QX-2025-002";
    static final String COUNTY = Samples.QIANXI;
    static final String RESOLVER = "https://id.fairmark.test";
    static final String READER = EmbeddedNetwork.AUDITOR;
    static final String PRODUCT = Samples.PRODUCT;

    final EmbeddedNetwork network;
    final Path dataDir;
    final TokenStore tokens;
    final WebServer server;
    final LabelSigner signer = LabelSigner.generate();
    private final FairmarkClient base;
    private final Map<String, FairmarkClient> clients = new ConcurrentHashMap<>();

    /** P00001: genuine, carried to the market, weighed within tolerance. */
    final SignedLabel genuine;
    /** P00002: genuine, weighed short (T1); the short-weight dispute was upheld. */
    final SignedLabel ruled;
    /** P00003: genuine, a quality dispute is open. */
    final SignedLabel disputed;
    /** P00004: genuine, still with the packer. */
    final SignedLabel atPacker;
    /** R00001 of the recalled batch. */
    final SignedLabel recalled;
    /** P00001's label with the net mass raised to 1 kg: the signature no longer matches. */
    final String forged;
    /** A label signed with the registered key for a serial that was never packed. */
    final SignedLabel unknown;
    final String receiptId;
    final String upheldDisputeId;
    final String openDisputeId;

    private LedgerFixture(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.network = EmbeddedNetwork.builder().dataDir(dataDir.resolve("network")).port(-1).start();
        this.base = FairmarkClient.builder().connection(network.inProcessChannel()).identity(identity(READER)).connect();
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        org.fairmark.cli.DemoProfiles.write(base, network.wallet().directory());

        client(EmbeddedNetwork.INSPECTOR).inspector().publishStandard(new Requests.PublishStandard(null, standard()));
        client(EmbeddedNetwork.PACKER).packer().registerLabelKey(signer);

        List<SignedLabel> labels = certifyAndPack(LOT, 4, 500, today);
        genuine = labels.get(0);
        ruled = labels.get(1);
        disputed = labels.get(2);
        atPacker = labels.get(3);

        List<Requests.PackageRef> travelling = List.of(ref(genuine), ref(ruled), ref(disputed));
        client(EmbeddedNetwork.PACKER).packer().handOver(new Requests.HandOver(null, travelling, Roster.CARRIER_MSP, null));
        client(EmbeddedNetwork.CARRIER).carrier().accept(new Requests.Accept(null, travelling));
        client(EmbeddedNetwork.CARRIER).carrier().handOver(new Requests.HandOver(null, travelling, Roster.MARKET_MSP, null));
        client(EmbeddedNetwork.BUYER).buyer().accept(new Requests.Accept(null, travelling));
        Receipt receipt = client(EmbeddedNetwork.BUYER).buyer().recordReceipt(new Requests.RecordReceipt(null, "scale-07", null, List.of(
                new Requests.Weighing(GTIN, LOT, genuine.claim().serial(), 5_003L),
                new Requests.Weighing(GTIN, LOT, ruled.claim().serial(), 4_790L),
                new Requests.Weighing(GTIN, LOT, disputed.claim().serial(), 5_010L))));
        receiptId = receipt.receiptId();

        Dispute shortWeight = client(EmbeddedNetwork.BUYER).buyer().openDispute(new Requests.OpenDispute(null, DisputeType.SHORT_WEIGHT,
                GTIN, LOT, List.of(ruled.claim().serial()), receiptId, "479.0 g on scale-07 for 500 g nominal", List.of()));
        upheldDisputeId = shortWeight.disputeId();
        client(EmbeddedNetwork.INSPECTOR).inspector().takeDispute(new Requests.TakeDispute(null, upheldDisputeId));
        client(EmbeddedNetwork.INSPECTOR).inspector().resolveDispute(new Requests.ResolveDispute(null, upheldDisputeId,
                DisputeOutcome.UPHELD, Remedy.PARTIAL_REFUND, 500L, "short by 21.0 g, beyond the tolerable deficiency of 15 g",
                RulingOrder.NONE, null));
        openDisputeId = client(EmbeddedNetwork.BUYER).buyer().openDispute(new Requests.OpenDispute(null, DisputeType.INFERIOR_QUALITY,
                GTIN, LOT, List.of(disputed.claim().serial()), null, "mouldy kernels in the package", List.of())).disputeId();

        recalled = certifyAndPack(RECALLED_LOT, 1, 250, today).get(0);
        client(EmbeddedNetwork.PRODUCER).producer().recallBatch(new Requests.Recall(null, GTIN, RECALLED_LOT,
                "aflatoxin above the limit in a retained sample"));

        forged = genuine.uri().replace("&3103=000500&", "&3103=001000&");
        if (forged.equals(genuine.uri())) {
            throw new IllegalStateException("the label format changed: " + genuine.uri());
        }
        unknown = signer.sign(new LabelClaim(GTIN, LOT, "X99999", "FIRST", 500, today, COUNTY, signer.keyId()), RESOLVER);

        tokens = TokenStore.inDataDir(dataDir);
        server = WebServer.builder()
                .port(0)
                .clients(this::client)
                .readerIdentity(READER)
                .tokenStore(tokens)
                .labelResolver(RESOLVER)
                .build()
                .start();
    }

    static LedgerFixture start(Path dataDir) throws IOException {
        return new LedgerFixture(dataDir);
    }

    private List<SignedLabel> certifyAndPack(String lot, int count, long grams, LocalDate today) {
        client(EmbeddedNetwork.PRODUCER).producer().registerBatch(Samples.registration(null, lot,
                new Origin(COUNTY, "汉儿庄乡 Hanerzhuang", "榆木岭村 Yumuling", "07", null), "2025-09-20", 1_000_000L, 10_000L));
        client(EmbeddedNetwork.INSPECTOR).inspector().recordInspection(Samples.inspection(null, lot, Samples.STANDARD_CODE,
                Samples.firstGradeMeasurements(), null));
        List<Requests.PackageSpec> specs = Samples.packages(lot.equals(LOT) ? "P" : "R", count, 5, grams);
        PackResult packed = client(EmbeddedNetwork.PACKER).packer().pack(new Requests.Pack(null, GTIN, lot, today.toString(),
                signer.keyId(), specs));
        return client(EmbeddedNetwork.PACKER).packer().signLabels(packed, signer, RESOLVER);
    }

    private static GradingStandard standard() {
        return Samples.chestnutStandard(Samples.STANDARD_CODE, Samples.STANDARD_VERSION);
    }

    static Requests.PackageRef ref(SignedLabel label) {
        return new Requests.PackageRef(label.claim().gtin(), label.claim().lot(), label.claim().serial());
    }

    FairmarkIdentity identity(String name) {
        return FairmarkIdentity.fromWallet(network.wallet().directory(), name);
    }

    /** A client of a wallet identity, shared by the fixture and the server's factory. */
    FairmarkClient client(String name) {
        return clients.computeIfAbsent(name, n -> base.withIdentity(identity(n)));
    }

    /** The address of a label's verify page on the test server. */
    String pageUrl(SignedLabel label) {
        return pageUrl(label.uri());
    }

    String pageUrl(String labelUri) {
        if (!labelUri.startsWith(RESOLVER)) {
            throw new IllegalArgumentException(labelUri);
        }
        return server.uri() + labelUri.substring(RESOLVER.length());
    }

    String url(String path) {
        return server.uri() + path;
    }

    @Override
    public void close() {
        server.close();
        for (FairmarkClient client : clients.values()) {
            client.close();
        }
        base.close();
        network.close();
    }
}
