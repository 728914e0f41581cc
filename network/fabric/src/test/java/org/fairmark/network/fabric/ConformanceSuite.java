package org.fairmark.network.fabric;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.fairmark.client.ConnectionProfile;
import org.fairmark.client.EventStream;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkException;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.client.LabelSigner;
import org.fairmark.client.LedgerEvent;
import org.fairmark.client.RetryPolicy;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Pem;
import org.fairmark.devca.Roster;
import org.fairmark.devca.Wallet;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.GradeDefinition;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Threshold;
import org.fairmark.domain.model.BatchStatus;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeStatus;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.LotInspection;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.RecallRecord;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.RulingOrder;
import org.fairmark.domain.model.Verdict;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.samples.Samples;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.PreparedTransaction;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * One conformance suite over the public client API: the same story and the same assertions against every network a
 * subclass names as its {@link Target} (the embedded network, native Fabric). Each identity connects through the
 * target's connection profile, so it talks to its own organization's gateway.
 */
abstract class ConformanceSuite {
    static final String GTIN = Samples.GTIN;
    static final String COUNTY = Samples.QIANXI;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The wallet name of the CoopMSP certificate each target revokes before the suite runs. */
    static final String REVOKED = "revoked-producer@coop";

    /**
     * Where a network's clients come from: a connection profile and a wallet of the Fairmark users; {@code orgs}
     * holds each organization's development CA ({@code orgs/<MSP>/ca}); {@code revoked} is an identity of CoopMSP's
     * CA with the producer's attributes whose certificate the network's MSP has revoked.
     */
    record Target(String name, Path profile, Path wallet, Path orgs, Identity revoked) {
        FairmarkClient client(String identity, RetryPolicy retry) {
            FairmarkClient.Builder builder = FairmarkClient.builder()
                    .profile(profile)
                    .identity(FairmarkIdentity.fromWallet(wallet, identity));
            if (retry != null) {
                builder.retryPolicy(retry);
            }
            return builder.connect();
        }
    }

    static Target target;
    static FairmarkClient producer;
    static FairmarkClient packer;
    static FairmarkClient inspector;
    static FairmarkClient carrier;
    static FairmarkClient buyer;
    static FairmarkClient auditor;
    static String standardCode;

    /** Called by a subclass's {@code @BeforeAll} once its network runs. */
    static void connect(Target started) {
        target = started;
        producer = started.client(EmbeddedNetwork.PRODUCER, null);
        packer = started.client(EmbeddedNetwork.PACKER, null);
        inspector = started.client(EmbeddedNetwork.INSPECTOR, null);
        carrier = started.client(EmbeddedNetwork.CARRIER, null);
        buyer = started.client(EmbeddedNetwork.BUYER, null);
        auditor = started.client(EmbeddedNetwork.AUDITOR, null);
        standardCode = "FM-CONF-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        inspector.inspector().publishStandard(new Requests.PublishStandard(null, new GradingStandard(standardCode, "2024",
                "chestnut", "Chestnut grades", List.of(
                        new GradeDefinition("FIRST", List.of(new Threshold("defect_rate_permille", Threshold.Bound.MAX, 30))),
                        new GradeDefinition("SECOND", List.of(new Threshold("defect_rate_permille", Threshold.Bound.MAX, 80))),
                        new GradeDefinition("OUT_OF_GRADE", List.of())))));
    }

    @AfterAll
    static void disconnect() {
        for (FairmarkClient client : new FairmarkClient[] {producer, packer, inspector, carrier, buyer, auditor}) {
            if (client != null) {
                client.close();
            }
        }
        producer = packer = inspector = carrier = buyer = auditor = null;
    }

    static String newLot() {
        return "CF-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.ofHours(8));
    }

    static Requests.RegisterBatch registration(String requestId, String lot, long grams) {
        return new Requests.RegisterBatch(requestId, GTIN, lot, "chestnut", "Yanshan early",
                new Origin(COUNTY, "Hanerzhuang", "Yuhu", "plot-7", null), today().minusDays(5).toString(), grams, 0L,
                null, null);
    }

    static Inspection inspect(String lot, long defectPermille) {
        return inspector.inspector().recordInspection(new Requests.RecordInspection(null, GTIN, lot, standardCode, "2024",
                5L, 100L, Map.of("defect_rate_permille", defectPermille), null, null, 180L, null, "sampled"));
    }

    static String certifiedBatch(long grams) {
        String lot = newLot();
        seen(producer.producer().registerBatch(registration(null, lot, grams)).batch().txId());
        seen(inspect(lot, 12L).inspectionId());
        return lot;
    }

    /**
     * Waits until every organization's peer has committed {@code txId} ({@link FairmarkClient#awaitTransaction}).
     * Fabric commits a block on each organization's peer on its own: the next organization's read would see the state
     * before it, and a Fabric gateway leaves peers that are behind out of an endorsement plan, so a MAJORITY write
     * right after it can end "no combination of peers can be derived" while two of the four peers catch up.
     */
    static void seen(String txId) {
        for (FairmarkClient org : new FairmarkClient[] {producer, inspector, carrier, buyer}) {
            assertThat(org.awaitTransaction(txId, PATIENCE)).isEqualTo("VALID");
        }
    }

    /**
     * A custody write that needs several organizations' peers, repeated every 100 ms (at most {@link #PATIENCE}) while
     * the gateway cannot yet plan its endorsement: even once every peer has committed the previous write, a Fabric
     * gateway can still leave a peer out for a moment, ending "no combination of peers can be derived". Nothing is
     * submitted then, so a repeat is safe; any other failure ends the test.
     */
    static <T> T planned(java.util.function.Supplier<T> write) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                return write.get();
            } catch (FairmarkException e) {
                if (e.code() != ErrorCode.GATEWAY_UNAVAILABLE || !e.getMessage().contains("no combination of peers")
                        || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A read by another organization of a write whose transaction id the write's result does not carry (a dispute's
     * take and ruling): repeated every 50 ms until {@code ready} holds, at most {@link #PATIENCE}.
     */
    static <T> T eventually(java.util.function.Supplier<T> read, java.util.function.Predicate<T> ready) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            T value = null;
            try {
                value = read.get();
            } catch (FairmarkException e) {
                if (e.code().kind() != ErrorCode.Kind.NOT_FOUND || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (value != null && (ready.test(value) || System.nanoTime() > deadline)) {
                return value;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static LabelSigner signer() {
        LabelSigner signer = LabelSigner.generate();
        packer.packer().registerLabelKey(signer);
        return signer;
    }

    static PackResult pack(FairmarkClient client, String lot, LabelSigner signer, String prefix, int count) {
        List<Requests.PackageSpec> specs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            specs.add(new Requests.PackageSpec(String.format("%s%04d", prefix, i), null, 500L, null));
        }
        return client.packer().pack(new Requests.Pack(null, GTIN, lot, today().toString(), signer.keyId(), specs));
    }

    static List<Requests.PackageRef> refs(String lot, List<String> serials) {
        return serials.stream().map(serial -> new Requests.PackageRef(GTIN, lot, serial)).toList();
    }

    /** A certified batch with {@code count} packages at the market (two custody hops). */
    static PackResult atMarket(String lot, String prefix, int count) {
        PackResult packed = pack(packer, lot, signer(), prefix, count);
        List<Requests.PackageRef> refs = refs(lot, packed.serials());
        seen(packer.packer().handOver(new Requests.HandOver(null, refs, "CarrierMSP", null)).get(0).txId());
        seen(planned(() -> carrier.carrier().accept(new Requests.Accept(null, refs))).get(0).txId());
        seen(carrier.carrier().handOver(new Requests.HandOver(null, refs, "MarketMSP", null)).get(0).txId());
        seen(planned(() -> buyer.buyer().accept(new Requests.Accept(null, refs))).get(0).txId());
        return packed;
    }

    @Test
    void registers_a_batch_and_reads_it_back() {
        String lot = newLot();
        BatchView registered = producer.producer().registerBatch(registration(null, lot, 1_000_000L));
        assertThat(registered.status()).isEqualTo(BatchStatus.REGISTERED);
        assertThat(registered.batch().producerOrg()).isEqualTo("CoopMSP");
        BatchView read = buyer.participant().batch(GTIN, lot);
        assertThat(read.batch().lot()).isEqualTo(lot);
        assertThat(read.batch().declaredMassGrams()).isEqualTo(1_000_000L);
        FairmarkException missing = catchThrowableOfType(FairmarkException.class,
                () -> buyer.participant().batch(GTIN, "NO-SUCH-LOT"));
        assertThat(missing.code()).isEqualTo(ErrorCode.BATCH_NOT_FOUND);
    }

    @Test
    void a_published_standard_grades_an_inspection() {
        assertThat(buyer.participant().standard(standardCode, null).standard().grades())
                .extracting(GradeDefinition::name).containsExactly("FIRST", "SECOND", "OUT_OF_GRADE");
        String lot = newLot();
        producer.producer().registerBatch(registration(null, lot, 100_000L));
        Inspection inspection = inspect(lot, 50L);
        assertThat(inspection.grade()).isEqualTo("SECOND");
        assertThat(producer.participant().inspections(GTIN, lot)).extracting(Inspection::grade).containsExactly("SECOND");
    }

    @Test
    void packs_under_mass_balance_and_refuses_an_over_pack() {
        String lot = certifiedBatch(1_200L);
        LabelSigner signer = signer();
        PackResult packed = pack(packer, lot, signer, "M", 2);
        assertThat(packed.serials()).containsExactly("M0001", "M0002");
        assertThat(packed.remainingGrams()).isEqualTo(200L);
        FairmarkException over = catchThrowableOfType(FairmarkException.class, () -> pack(packer, lot, signer, "X", 1));
        assertThat(over.code()).isEqualTo(ErrorCode.MASS_BALANCE_EXCEEDED);
        assertThat(auditor.participant().batch(GTIN, lot).packageCount()).isEqualTo(2L);
    }

    @Test
    void hands_over_and_accepts_custody() {
        String lot = certifiedBatch(10_000L);
        PackResult packed = pack(packer, lot, signer(), "H", 2);
        List<Requests.PackageRef> refs = refs(lot, packed.serials());
        List<Custody> moving = packer.packer().handOver(new Requests.HandOver(null, refs, "CarrierMSP", null));
        assertThat(moving).extracting(Custody::status).containsOnly(Custody.CustodyStatus.IN_TRANSIT);
        seen(moving.get(0).txId());
        List<Custody> held = planned(() -> carrier.carrier().accept(new Requests.Accept(null, refs)));
        assertThat(held).extracting(Custody::holderOrg).containsOnly("CarrierMSP");
        seen(held.get(0).txId());
        assertThat(buyer.participant().custody(GTIN, lot, "H0001").hops()).isEqualTo(1L);
    }

    @Test
    void a_receipt_with_weighings_gets_the_oiml_short_weight_verdict_and_a_dispute_is_resolved() {
        String lot = certifiedBatch(10_000L);
        atMarket(lot, "W", 3);
        Receipt receipt = buyer.buyer().recordReceipt(new Requests.RecordReceipt(null, "scale-01", null, List.of(
                new Requests.Weighing(GTIN, lot, "W0001", 5_000L),
                new Requests.Weighing(GTIN, lot, "W0002", 4_700L),
                new Requests.Weighing(GTIN, lot, "W0003", 5_010L))));
        assertThat(receipt.t1Count()).isEqualTo(1L);
        seen(receipt.receiptId());
        assertThat(auditor.participant().receipt(receipt.receiptId()).weighings()).hasSize(3);

        Dispute opened = buyer.buyer().openDispute(new Requests.OpenDispute(null, DisputeType.SHORT_WEIGHT, GTIN, lot,
                List.of("W0002"), receipt.receiptId(), "short by 30 g", List.of()));
        assertThat(opened.status()).isEqualTo(DisputeStatus.OPEN);
        eventually(() -> inspector.participant().dispute(opened.disputeId()), dispute -> true);
        assertThat(inspector.inspector().takeDispute(new Requests.TakeDispute(null, opened.disputeId())).status())
                .isEqualTo(DisputeStatus.UNDER_REVIEW);
        Dispute resolved = inspector.inspector().resolveDispute(new Requests.ResolveDispute(null, opened.disputeId(),
                DisputeOutcome.UPHELD, Remedy.PARTIAL_REFUND, 30L, "weighed short", RulingOrder.NONE, null));
        assertThat(resolved.status()).isEqualTo(DisputeStatus.RESOLVED);
        assertThat(eventually(() -> producer.participant().dispute(opened.disputeId()),
                dispute -> dispute.status() == DisputeStatus.RESOLVED).review().outcome()).isEqualTo(DisputeOutcome.UPHELD);
    }

    @Test
    void a_recall_stops_a_hand_over() {
        String lot = certifiedBatch(10_000L);
        PackResult packed = pack(packer, lot, signer(), "R", 1);
        RecallRecord recall = producer.producer().recallBatch(new Requests.Recall(null, GTIN, lot, "mould found"));
        seen(recall.txId());
        assertThat(buyer.participant().batch(GTIN, lot).status()).isEqualTo(BatchStatus.RECALLED);
        FairmarkException refused = catchThrowableOfType(FairmarkException.class, () -> packer.packer()
                .handOver(new Requests.HandOver(null, refs(lot, packed.serials()), "CarrierMSP", null)));
        assertThat(refused.code()).isEqualTo(ErrorCode.BATCH_RECALLED);
    }

    @Test
    void a_failing_lot_inspection_stops_a_hand_over_until_a_re_inspection_passes() {
        String lot = certifiedBatch(10_000L);
        PackResult packed = pack(packer, lot, signer(), "L", 2);
        List<Requests.LotSample> light = List.of(new Requests.LotSample(packed.serials().get(0), null, 4_990L),
                new Requests.LotSample(packed.serials().get(1), null, 4_990L));
        LotInspection failed = inspector.inspector().inspectLot(
                new Requests.InspectLot(null, GTIN, lot, 500L, "INDIVIDUAL", null, light, null));
        assertThat(failed.verdict()).isEqualTo(Verdict.FAIL); // a lot of two is weighed whole: mean 499.0 g < 500 g
        seen(failed.inspectionId());
        Requests.HandOver handOver = new Requests.HandOver(null, refs(lot, packed.serials()), "CarrierMSP", null);
        FairmarkException refused = catchThrowableOfType(FairmarkException.class, () -> packer.packer().handOver(handOver));
        assertThat(refused.code()).isEqualTo(ErrorCode.LOT_INSPECTION_FAILED);
        List<Requests.LotSample> full = List.of(new Requests.LotSample(packed.serials().get(0), null, 5_010L),
                new Requests.LotSample(packed.serials().get(1), null, 5_000L));
        LotInspection passed = inspector.inspector().inspectLot(new Requests.InspectLot(null, GTIN, lot, 500L,
                "INDIVIDUAL", null, full, null));
        assertThat(passed.verdict()).isEqualTo(Verdict.PASS);
        seen(passed.inspectionId());
        packer.packer().handOver(handOver);
        assertThat(buyer.participant().lotInspections(GTIN, lot, 500L)).hasSize(2);
    }

    @Test
    void a_write_endorsed_only_by_non_owner_orgs_ends_endorsement_policy_failure() throws Exception {
        ConnectionProfile profile = ConnectionProfile.load(target.profile());
        Path entry = target.wallet().resolve(EmbeddedNetwork.PRODUCER);
        ManagedChannel channel = NativeFabric.channel(profile.gateway("CoopMSP"));
        try (Reader cert = Files.newBufferedReader(entry.resolve("cert.pem"));
                Reader key = Files.newBufferedReader(entry.resolve("key.pem"));
                Gateway gateway = Gateway.newInstance()
                        .identity(new X509Identity("CoopMSP", Identities.readX509Certificate(cert)))
                        .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(key)))
                        .hash(Hash.SHA256)
                        .connection(channel)
                        .connect()) {
            String lot = newLot();
            String request = "{\"requestId\":\"" + UUID.randomUUID() + "\",\"gtin\":\"" + GTIN + "\",\"lot\":\"" + lot
                    + "\",\"product\":\"chestnut\",\"origin\":{\"countyCode\":\"" + COUNTY + "\",\"township\":\"Hanerzhuang\","
                    + "\"village\":\"Yuhu\",\"plot\":\"plot-7\"},\"harvestDate\":\"" + today().minusDays(5)
                    + "\",\"declaredMassGrams\":1000,\"packingLossAllowanceGrams\":0}";
            TxValidationCode code = gateway.getNetwork(profile.channel()).getContract(profile.chaincode())
                    .newProposal("batch:Register")
                    .addArguments(request.getBytes(UTF_8))
                    .setEndorsingOrganizations("BureauMSP", "CarrierMSP")
                    .build()
                    .endorse()
                    .submitAsync()
                    .getStatus()
                    .getCode();
            assertThat(code).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            FairmarkException none = catchThrowableOfType(FairmarkException.class,
                    () -> auditor.participant().batch(GTIN, lot));
            assertThat(none.code()).isEqualTo(ErrorCode.BATCH_NOT_FOUND);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A raw fabric-gateway connection of the producer (CoopMSP), for the trust cases below. */
    private static Gateway producerGateway(ManagedChannel channel) throws Exception {
        Path entry = target.wallet().resolve(EmbeddedNetwork.PRODUCER);
        try (Reader cert = Files.newBufferedReader(entry.resolve("cert.pem"));
                Reader key = Files.newBufferedReader(entry.resolve("key.pem"))) {
            return Gateway.newInstance()
                    .identity(new X509Identity("CoopMSP", Identities.readX509Certificate(cert)))
                    .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(key)))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .connect();
        }
    }

    private static byte[] registrationJson(String lot) {
        return ("{\"requestId\":\"" + UUID.randomUUID() + "\",\"gtin\":\"" + GTIN + "\",\"lot\":\"" + lot
                + "\",\"product\":\"chestnut\",\"origin\":{\"countyCode\":\"" + COUNTY + "\",\"township\":\"Hanerzhuang\","
                + "\"village\":\"Yuhu\",\"plot\":\"plot-7\"},\"harvestDate\":\"" + today().minusDays(5)
                + "\",\"declaredMassGrams\":1000,\"packingLossAllowanceGrams\":0}").getBytes(UTF_8);
    }

    /**
     * The prepared transaction with the first value its chaincode action writes changed (the declared mass raised):
     * what the endorsers signed is no longer what the envelope carries. The client's own signature is made afresh
     * over the altered payload when it is submitted.
     */
    private static byte[] alteredAfterEndorsement(byte[] preparedBytes) throws Exception {
        PreparedTransaction prepared = PreparedTransaction.parseFrom(preparedBytes);
        Payload payload = Payload.parseFrom(prepared.getEnvelope().getPayload());
        org.hyperledger.fabric.protos.peer.Transaction transaction =
                org.hyperledger.fabric.protos.peer.Transaction.parseFrom(payload.getData());
        TransactionAction action = transaction.getActions(0);
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
        ProposalResponsePayload response =
                ProposalResponsePayload.parseFrom(actionPayload.getAction().getProposalResponsePayload());
        ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(response.getExtension());
        TxReadWriteSet rwset = TxReadWriteSet.parseFrom(chaincodeAction.getResults());
        TxReadWriteSet.Builder forged = rwset.toBuilder();
        boolean changed = false;
        for (int i = 0; i < forged.getNsRwsetCount() && !changed; i++) {
            KVRWSet kv = KVRWSet.parseFrom(forged.getNsRwset(i).getRwset());
            for (int w = 0; w < kv.getWritesCount() && !changed; w++) {
                String value = kv.getWrites(w).getValue().toStringUtf8();
                if (value.contains("\"declaredMassGrams\":1000")) {
                    KVRWSet edited = kv.toBuilder().setWrites(w, kv.getWrites(w).toBuilder().setValue(ByteString
                            .copyFromUtf8(value.replace("\"declaredMassGrams\":1000", "\"declaredMassGrams\":9000"))))
                            .build();
                    forged.setNsRwset(i, forged.getNsRwset(i).toBuilder().setRwset(edited.toByteString()));
                    changed = true;
                }
            }
        }
        assertThat(changed).as("the registration writes its declared mass").isTrue();
        ByteString results = forged.build().toByteString();
        ByteString extension = chaincodeAction.toBuilder().setResults(results).build().toByteString();
        ByteString responsePayload = response.toBuilder().setExtension(extension).build().toByteString();
        ChaincodeActionPayload alteredPayload = actionPayload.toBuilder()
                .setAction(actionPayload.getAction().toBuilder().setProposalResponsePayload(responsePayload))
                .build();
        org.hyperledger.fabric.protos.peer.Transaction alteredTransaction = transaction.toBuilder()
                .setActions(0, action.toBuilder().setPayload(alteredPayload.toByteString()))
                .build();
        Payload alteredEnvelopePayload = payload.toBuilder().setData(alteredTransaction.toByteString()).build();
        return prepared.toBuilder()
                .setEnvelope(prepared.getEnvelope().toBuilder()
                        .setPayload(alteredEnvelopePayload.toByteString())
                        .clearSignature())
                .build()
                .toByteArray();
    }

    @Test
    void an_envelope_altered_after_endorsement_is_invalid_and_writes_nothing() throws Exception {
        ConnectionProfile profile = ConnectionProfile.load(target.profile());
        ManagedChannel channel = NativeFabric.channel(profile.gateway("CoopMSP"));
        try (Gateway gateway = producerGateway(channel)) {
            String lot = newLot();
            org.hyperledger.fabric.client.Transaction endorsed = gateway.getNetwork(profile.channel())
                    .getContract(profile.chaincode())
                    .newProposal("batch:Register")
                    .addArguments(registrationJson(lot))
                    .build()
                    .endorse();
            org.hyperledger.fabric.client.Transaction altered =
                    gateway.newTransaction(alteredAfterEndorsement(endorsed.getBytes()));
            TxValidationCode code;
            try {
                code = altered.submitAsync().getStatus().getCode();
            } catch (org.hyperledger.fabric.client.SubmitException refusedAtSubmit) {
                code = null; // refused before ordering: also never committed
            }
            System.out.println(target.name() + ": an envelope altered after endorsement ended " + code);
            assertThat(code).isNotEqualTo(TxValidationCode.VALID);
            if (code != null) {
                assertThat(code).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            }
            FairmarkException none = catchThrowableOfType(FairmarkException.class,
                    () -> auditor.participant().batch(GTIN, lot));
            assertThat(none.code()).isEqualTo(ErrorCode.BATCH_NOT_FOUND);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void the_same_signed_envelope_submitted_twice_commits_once() throws Exception {
        ConnectionProfile profile = ConnectionProfile.load(target.profile());
        ManagedChannel channel = NativeFabric.channel(profile.gateway("CoopMSP"));
        try (Gateway gateway = producerGateway(channel)) {
            String lot = newLot();
            org.hyperledger.fabric.client.Transaction transaction = gateway.getNetwork(profile.channel())
                    .getContract(profile.chaincode())
                    .newProposal("batch:Register")
                    .addArguments(registrationJson(lot))
                    .build()
                    .endorse();
            org.hyperledger.fabric.client.Status first = transaction.submitAsync().getStatus();
            assertThat(first.getCode()).isEqualTo(TxValidationCode.VALID);
            String txIdOnLedger = auditor.participant().batch(GTIN, lot).batch().txId();

            byte[] signature = PreparedTransaction.parseFrom(transaction.getBytes()).getEnvelope().getSignature()
                    .toByteArray();
            String outcome;
            try {
                org.hyperledger.fabric.client.Status again =
                        gateway.newSignedTransaction(transaction.getBytes(), signature).submitAsync().getStatus();
                // the commit status of an id is that of its first commit; the copy is DUPLICATE_TXID in its block
                assertThat(again.getCode()).isIn(TxValidationCode.VALID, TxValidationCode.DUPLICATE_TXID);
                if (again.getCode() == TxValidationCode.VALID) {
                    assertThat(again.getBlockNumber()).isEqualTo(first.getBlockNumber());
                }
                outcome = again.getCode() + " (block " + again.getBlockNumber() + ", first in " + first.getBlockNumber()
                        + ")";
            } catch (org.hyperledger.fabric.client.SubmitException refused) {
                outcome = "refused at submit: " + refused.getMessage();
            }
            System.out.println(target.name() + ": the same envelope a second time: " + outcome);
            assertThat(auditor.participant().batch(GTIN, lot).batch().txId()).isEqualTo(txIdOnLedger)
                    .isEqualTo(transaction.getTransactionId());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Issues {@link #REVOKED} at {@code ca} with the producer's attributes and revokes it (the caller saves the CA or
     * puts the CRL into force).
     */
    static Identity issueRevoked(CertificateAuthority ca) {
        Identity revoked = ca.issue(REVOKED, Roster.COOP.attributesByUser().get(EmbeddedNetwork.PRODUCER));
        ca.revoke(revoked.certificate());
        return revoked;
    }

    /**
     * A certificate signed by CoopMSP's own CA with the wallet producer's subject, key and extensions (attributes,
     * NodeOU), valid only from {@code notBefore} to {@code notAfter}.
     */
    private static Identity producerValid(Instant notBefore, Instant notAfter) throws Exception {
        Path caDir = target.orgs().resolve("CoopMSP").resolve("ca");
        X509Certificate ca = Pem.readCertificate(Files.readString(caDir.resolve("ca-cert.pem")));
        PrivateKey caKey = Pem.readPrivateKey(Files.readString(caDir.resolve("ca-key.pem")));
        Identity current = Wallet.open(target.wallet()).get(EmbeddedNetwork.PRODUCER);
        X509Certificate certificate = current.certificate();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca,
                BigInteger.valueOf(System.nanoTime()).abs().add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                certificate.getSubjectX500Principal(), certificate.getPublicKey());
        JcaX509CertificateHolder holder = new JcaX509CertificateHolder(certificate);
        for (Object oid : holder.getExtensionOIDs()) {
            builder.addExtension(holder.getExtension((ASN1ObjectIdentifier) oid));
        }
        X509Certificate outOfDate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
        outOfDate.verify(ca.getPublicKey()); // a genuine signature of the member's CA
        return new Identity(EmbeddedNetwork.PRODUCER, "CoopMSP", outOfDate, current.privateKey());
    }

    /**
     * What a network did with one identity's write (a new batch registered) and read: each step's outcome as text,
     * and whether the batch is on the ledger afterwards (looked up by the auditor).
     */
    record Outcome(String write, String read, boolean onLedger) {
        boolean refusedAtEndorsement() {
            return write.startsWith("refused at endorsement");
        }
    }

    /**
     * Registers a new batch and reads it through a raw fabric-gateway connection of {@code who} to CoopMSP's gateway.
     */
    private static Outcome attempt(String what, Identity who) throws Exception {
        ConnectionProfile profile = ConnectionProfile.load(target.profile());
        ManagedChannel channel = NativeFabric.channel(profile.gateway("CoopMSP"));
        String lot = newLot();
        String write;
        String read;
        try (Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(who.mspId(), who.certificate()))
                .signer(Signers.newPrivateKeySigner((java.security.interfaces.ECPrivateKey) who.privateKey()))
                .hash(Hash.SHA256)
                .connection(channel)
                .connect()) {
            org.hyperledger.fabric.client.Contract contract =
                    gateway.getNetwork(profile.channel()).getContract(profile.chaincode());
            try {
                org.hyperledger.fabric.client.Status status = contract.newProposal("batch:Register")
                        .addArguments(registrationJson(lot)).build().endorse().submitAsync().getStatus();
                write = "committed " + status.getCode();
            } catch (org.hyperledger.fabric.client.EndorseException e) {
                write = "refused at endorsement: " + detail(e);
            } catch (org.hyperledger.fabric.client.SubmitException e) {
                write = "refused at submit: " + detail(e);
            }
            try {
                contract.evaluateTransaction("batch:Get", ("{\"gtin\":\"" + GTIN + "\",\"lot\":\"" + lot + "\"}")
                        .getBytes(UTF_8));
                read = "answered";
            } catch (org.hyperledger.fabric.client.GatewayException e) {
                read = "refused: " + detail(e);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        FairmarkException missing = catchThrowableOfType(FairmarkException.class,
                () -> auditor.participant().batch(GTIN, lot));
        if (missing != null) {
            assertThat(missing.code()).isEqualTo(ErrorCode.BATCH_NOT_FOUND);
        }
        Outcome outcome = new Outcome(write, read, missing == null);
        System.out.println(target.name() + ": " + what + ": write " + write + "; read " + read + "; batch "
                + (outcome.onLedger() ? "ON THE LEDGER" : "not on the ledger"));
        return outcome;
    }

    /** Asserts {@code who}'s write was refused at endorsement, its read refused, and nothing written. */
    private static void refusedAndWritesNothing(String what, Identity who) throws Exception {
        Outcome outcome = attempt(what, who);
        assertThat(outcome.refusedAtEndorsement()).as("%s: %s", what, outcome.write()).isTrue();
        assertThat(outcome.read()).as(what).startsWith("refused");
        assertThat(outcome.onLedger()).as("%s: the batch must not exist", what).isFalse();
    }

    private static String detail(org.hyperledger.fabric.client.GatewayException e) {
        StringBuilder text = new StringBuilder(e.getStatus().getCode() + " " + e.getMessage());
        e.getDetails().forEach(d -> text.append(" [").append(d.getMspId()).append(": ").append(d.getMessage()).append(']'));
        return text.toString().replace('\n', ' ');
    }

    @Test
    void a_certificate_of_the_members_own_ca_that_expired_is_refused_and_writes_nothing() throws Exception {
        Instant now = Instant.now();
        refusedAndWritesNothing("an expired certificate",
                producerValid(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(30))));
    }

    /**
     * Valid only from next month. The embedded network refuses it like an expired one. Fabric 2.5 does not: its MSP
     * checks a certificate's chain at the certificate's own start time (msp/mspimplvalidate.go,
     * getValidityOptsForCert, "a temporary workaround for FAB-3678") and the peer and orderer only reject
     * certificates past their end, so the write is endorsed, ordered and committed. Asserted as it is, so that the
     * day Fabric refuses it this test says so; docs/reliability.md names the difference and what bounds it.
     */
    @Test
    void a_certificate_of_the_members_own_ca_not_yet_valid_is_refused_on_embedded_and_committed_by_fabric()
            throws Exception {
        Instant now = Instant.now();
        Identity early = producerValid(now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(400)));
        if (target.name().equals("embedded")) {
            refusedAndWritesNothing("a certificate not yet valid", early);
        } else {
            Outcome outcome = attempt("a certificate not yet valid (Fabric checks no start of validity)", early);
            assertThat(outcome.write()).isEqualTo("committed " + TxValidationCode.VALID);
            assertThat(outcome.read()).isEqualTo("answered");
            assertThat(outcome.onLedger()).isTrue();
        }
    }

    @Test
    void an_identity_of_a_foreign_ca_with_the_look_alike_issuer_name_claiming_a_member_msp_is_refused() throws Exception {
        CertificateAuthority real = CertificateAuthority.load(target.orgs().resolve("CoopMSP").resolve("ca"));
        CertificateAuthority lookAlike = CertificateAuthority.create("CoopMSP", real.orgName());
        assertThat(lookAlike.certificate().getSubjectX500Principal()).isEqualTo(real.certificate().getSubjectX500Principal());
        Identity impostor = lookAlike.issue(EmbeddedNetwork.PRODUCER,
                Roster.COOP.attributesByUser().get(EmbeddedNetwork.PRODUCER));
        refusedAndWritesNothing("a foreign CA's look-alike", impostor);
    }

    @Test
    void a_revoked_certificate_is_refused_and_writes_nothing() throws Exception {
        CertificateAuthority coop = CertificateAuthority.load(target.orgs().resolve("CoopMSP").resolve("ca"));
        assertThat(coop.isRevoked(target.revoked().certificate())).isTrue();
        refusedAndWritesNothing("a revoked certificate", target.revoked());
    }

    private static LedgerEvent.BatchRegistered nextRegistration(EventStream events) {
        while (true) {
            LedgerEvent event = events.poll(PATIENCE).orElseThrow(() -> new AssertionError("no event within " + PATIENCE));
            if (event instanceof LedgerEvent.BatchRegistered registered) {
                return registered;
            }
        }
    }

    @Test
    void chaincode_events_resume_from_a_checkpoint() throws Exception {
        Path checkpoint = Files.createTempDirectory("fairmark-conformance").resolve("events.checkpoint");
        List<String> lots = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (EventStream events = producer.eventStream().checkpointFile(checkpoint).open()) {
            for (int i = 0; i < 2; i++) {
                lots.add(producer.producer().registerBatch(registration(null, newLot(), 1_000L)).batch().lot());
            }
            LedgerEvent.BatchRegistered first = nextRegistration(events);
            seen.add(first.lot());
            events.checkpoint(first);
            nextRegistration(events); // received, never checkpointed
        }
        lots.add(producer.producer().registerBatch(registration(null, newLot(), 1_000L)).batch().lot());
        try (EventStream events = auditor.eventStream().checkpointFile(checkpoint).open()) {
            for (int i = 0; i < 2; i++) {
                LedgerEvent.BatchRegistered event = nextRegistration(events);
                seen.add(event.lot());
                events.checkpoint(event);
            }
        }
        assertThat(seen).containsExactlyElementsOf(lots);
    }

    @Test
    void a_simulated_write_answers_or_refuses_as_the_submit_would_and_writes_nothing() {
        String lot = newLot();
        Requests.RegisterBatch request = registration("sim-" + lot, lot, 3_000L);

        BatchView simulated = CanonicalJson.read(producer.simulate(request), BatchView.class);
        FairmarkException notYet = catchThrowableOfType(FairmarkException.class,
                () -> buyer.participant().batch(GTIN, lot));
        BatchView submitted = producer.producer().registerBatch(request);
        FairmarkException exists = catchThrowableOfType(FairmarkException.class,
                () -> producer.simulate(registration(null, lot, 3_000L)));

        assertThat(simulated.batch().lot()).isEqualTo(lot);
        assertThat(simulated.status()).isEqualTo(BatchStatus.REGISTERED);
        assertThat(notYet.code()).as("the simulation wrote nothing").isEqualTo(ErrorCode.BATCH_NOT_FOUND);
        assertThat(submitted.batch().declaredMassGrams()).isEqualTo(simulated.batch().declaredMassGrams());
        assertThat(exists.code()).isEqualTo(ErrorCode.BATCH_EXISTS);
    }

    @Test
    void a_retried_request_id_returns_the_first_result() {
        String lot = newLot();
        Requests.RegisterBatch request = registration("req-" + lot, lot, 2_000L);
        BatchView first = producer.producer().registerBatch(request);
        BatchView second = producer.producer().registerBatch(request);
        assertThat(second.batch().txId()).isEqualTo(first.batch().txId());
    }

    @Test
    void concurrent_writes_to_one_key_conflict_without_retries_and_all_commit_with_them() throws Exception {
        String lot = certifiedBatch(100_000L);
        LabelSigner signer = signer();
        int runs = 4;
        List<String> codes = new ArrayList<>();
        try (FairmarkClient noRetry = target.client(EmbeddedNetwork.PACKER, RetryPolicy.NONE);
                FairmarkClient retrying = target.client(EmbeddedNetwork.PACKER, RetryPolicy.builder().maxAttempts(30)
                        .initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(400)).build())) {
            ExecutorService pool = Executors.newFixedThreadPool(runs);
            try {
                List<Future<String>> outcomes = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    String prefix = "N" + run + "-";
                    outcomes.add(pool.submit(() -> {
                        try {
                            pack(noRetry, lot, signer, prefix, 1);
                            return "VALID";
                        } catch (FairmarkException e) {
                            assertThat(e.stage()).isEqualTo(FairmarkException.Stage.COMMIT);
                            return e.validationCode();
                        }
                    }));
                }
                for (Future<String> outcome : outcomes) {
                    codes.add(outcome.get());
                }
                assertThat(codes).contains("VALID")
                        .allMatch(code -> List.of("VALID", "MVCC_READ_CONFLICT", "PHANTOM_READ_CONFLICT").contains(code));
                long valid = codes.stream().filter("VALID"::equals).count();
                assertThat(auditor.participant().batch(GTIN, lot).packageCount()).isEqualTo(valid);

                List<Future<PackResult>> results = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    String prefix = "T" + run + "-";
                    results.add(pool.submit(() -> pack(retrying, lot, signer, prefix, 1)));
                }
                for (Future<PackResult> result : results) {
                    assertThat(result.get().serials()).hasSize(1);
                }
                assertThat(auditor.participant().batch(GTIN, lot).packageCount()).isEqualTo(valid + runs);
            } finally {
                pool.shutdownNow();
            }
        }
        System.out.println(target.name() + ": concurrent packs without retries ended " + codes);
    }
}
