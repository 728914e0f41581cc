package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.ShortWeight;
import org.fairmark.domain.model.BatchHistory;
import org.fairmark.domain.model.BatchStatus;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeStatus;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.IntegrityPoint;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Page;
import org.fairmark.domain.model.PublishedStandard;
import org.fairmark.domain.model.RecallRecord;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.RulingOrder;
import org.fairmark.domain.model.Scan;
import org.fairmark.domain.model.ScanPolicy;
import org.fairmark.domain.model.Trace;
import org.fairmark.domain.model.Verdict;
import org.fairmark.presentation.ErrorPresentation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every contract transaction through the role facades, against the embedded network. */
class FacadesIT {
    @TempDir
    static Path dataDir;

    static TestLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        ledger = new TestLedger(dataDir);
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    @Nested
    class Bad_input_and_wrong_roles {
        @Test
        void rejects_an_invalid_gtin_with_its_code_at_endorsement() {
            Requests.RegisterBatch bad = new Requests.RegisterBatch(null, "06901234567890", TestLedger.newLot(), "chestnut",
                    null, TestLedger.registration("L1", 1000L).origin(), TestLedger.today().toString(), 1000L, null, null, null);
            FairmarkException e = catchThrowableOfType(FairmarkException.class,
                    () -> ledger.producer.producer().registerBatch(bad));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_GTIN);
            assertThat(e.stage()).isEqualTo(FairmarkException.Stage.ENDORSE);
            assertThat(e.transactionId()).isNotBlank();
            assertThat(e.getMessage()).startsWith("INVALID_GTIN: ");
        }

        @Test
        void refuses_a_producer_publishing_a_standard_with_role_not_allowed() {
            FairmarkException e = catchThrowableOfType(FairmarkException.class, () -> ledger.producer.inspector()
                    .publishStandard(new Requests.PublishStandard(null, TestLedger.chestnutStandard("FM-X"))));
            assertThat(e.code()).isEqualTo(ErrorCode.ROLE_NOT_ALLOWED);
            assertThat(ErrorPresentation.httpStatus(e.code())).isEqualTo(403);
        }

        @Test
        void refuses_a_buyer_packing_with_role_not_allowed() {
            FairmarkException e = catchThrowableOfType(FairmarkException.class, () -> ledger.buyer.packer().pack(
                    new Requests.Pack(null, TestLedger.GTIN, "L1", TestLedger.today().toString(), "0".repeat(32),
                            List.of(new Requests.PackageSpec("S1", null, 500L, null)))));
            assertThat(e.code()).isEqualTo(ErrorCode.ROLE_NOT_ALLOWED);
        }

        @Test
        void refuses_an_inspector_of_the_producers_org_is_not_possible_here_but_an_unknown_batch_is_not_found() {
            FairmarkException e = catchThrowableOfType(FairmarkException.class,
                    () -> ledger.buyer.participant().batch(TestLedger.GTIN, "NO-SUCH-LOT"));
            assertThat(e.code()).isEqualTo(ErrorCode.BATCH_NOT_FOUND);
            assertThat(e.stage()).isEqualTo(FairmarkException.Stage.EVALUATE);
            assertThat(e.transactionId()).isNull();
        }

        @Test
        void rejects_a_malformed_request_id_before_sending() {
            FairmarkException e = catchThrowableOfType(FairmarkException.class, () -> ledger.producer.producer()
                    .registerBatch(new Requests.RegisterBatch("short", TestLedger.GTIN, "L1", "chestnut", null,
                            TestLedger.registration("L1", 1L).origin(), "2024-01-01", 1L, null, null, null)));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_ID);
            assertThat(e.stage()).isEqualTo(FairmarkException.Stage.CLIENT);
        }

        @Test
        void refuses_a_ruling_that_does_not_fit_and_a_claim_without_its_receipt_before_sending() {
            // both would reach the contract as DISPUTE_NOT_FOUND / BATCH_NOT_FOUND if the client did not check first
            FairmarkException ruling = catchThrowableOfType(FairmarkException.class, () -> ledger.inspector.inspector()
                    .resolveDispute(new Requests.ResolveDispute(null, "D-" + "0".repeat(24), DisputeOutcome.REJECTED,
                            Remedy.REFUND, null, "no defect", null, null)));
            assertThat(ruling.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(ruling.stage()).isEqualTo(FairmarkException.Stage.CLIENT);
            assertThat(ruling.getMessage()).endsWith("a rejected claim carries remedy NONE");
            assertThat(ruling.transactionId()).isNull();
            FairmarkException claim = catchThrowableOfType(FairmarkException.class, () -> ledger.buyer.buyer()
                    .openDispute(new Requests.OpenDispute(null, DisputeType.SHORT_WEIGHT, TestLedger.GTIN, "NO-SUCH-LOT",
                            List.of(), null, "short", List.of())));
            assertThat(claim.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(claim.stage()).isEqualTo(FairmarkException.Stage.CLIENT);
            assertThat(claim.getMessage()).endsWith("a SHORT_WEIGHT claim links its receipt");
        }

        @Test
        void reports_an_unreachable_gateway_as_unavailable() {
            try (FairmarkClient offline = FairmarkClient.builder()
                    .endpoint("127.0.0.1", 1)
                    .identity(ledger.identity(org.fairmark.network.EmbeddedNetwork.BUYER))
                    .callTimeout(java.time.Duration.ofSeconds(5))
                    .connect()) {
                FairmarkException e = catchThrowableOfType(FairmarkException.class,
                        () -> offline.participant().scanPolicy());
                assertThat(e.isUnavailable()).isTrue();
                assertThat(e.stage()).isEqualTo(FairmarkException.Stage.EVALUATE);
            }
        }

        @Test
        void builder_names_the_missing_argument() {
            assertThat(catchThrowableOfType(NullPointerException.class, () -> FairmarkClient.builder().identity(null)))
                    .hasMessage("identity == null");
            assertThat(catchThrowableOfType(IllegalStateException.class,
                    () -> FairmarkClient.builder().endpoint("localhost", 7051).connect()))
                    .hasMessageContaining("identity");
        }
    }

    @Test
    void the_whole_story_through_typed_facades() {
        String lot = TestLedger.newLot();
        BatchView registered = ledger.producer.producer().registerBatch(TestLedger.registration(lot, 1_000_000L));
        assertThat(registered.status()).isEqualTo(BatchStatus.REGISTERED);
        assertThat(registered.batch().producerOrg()).isEqualTo("CoopMSP");

        PublishedStandard standard = ledger.buyer.participant().standard(ledger.standardCode, null);
        assertThat(standard.standard().grades()).extracting(g -> g.name()).containsExactly("FIRST", "SECOND", "OUT_OF_GRADE");

        Inspection inspection = ledger.inspector.inspector().recordInspection(new Requests.RecordInspection(null,
                TestLedger.GTIN, lot, ledger.standardCode, "2024", 40L, 4_000L, Map.of("defect_rate_permille", 50L),
                null, null, 90L, null, null));
        assertThat(inspection.grade()).isEqualTo("SECOND");
        assertThat(inspection.verdict()).isEqualTo(Verdict.PASS);
        assertThat(ledger.producer.participant().inspections(TestLedger.GTIN, lot)).extracting(Inspection::grade)
                .containsExactly("SECOND");

        LabelSigner signer = LabelSigner.generate();
        LabelKey key = ledger.packer.packer().registerLabelKey(signer);
        assertThat(key.keyId()).isEqualTo(signer.keyId());
        assertThat(ledger.buyer.participant().labelKey(signer.keyId()).ownerOrg()).isEqualTo("CoopMSP");
        Page<LabelKey> keys = ledger.buyer.participant().labelKeys(1000L, null);
        assertThat(keys.records()).extracting(LabelKey::keyId).contains(signer.keyId());

        PackResult packed = ledger.pack(lot, signer, 3, "P");
        assertThat(packed.serials()).containsExactly("P0001", "P0002", "P0003");
        assertThat(packed.remainingGrams()).isEqualTo(1_000_000L - 1_500L);
        PackageRecord pkg = ledger.carrier.participant().packageRecord(TestLedger.GTIN, lot, "P0002");
        assertThat(pkg.grade()).isEqualTo("SECOND");
        Page<PackageRecord> page = ledger.auditor.participant().packages(TestLedger.GTIN, lot, 2L, null);
        assertThat(page.records()).hasSize(2);
        assertThat(ledger.auditor.participant().allPackages(TestLedger.GTIN, lot)).hasSize(3);
        BatchHistory history = ledger.auditor.participant().batchHistory(TestLedger.GTIN, lot);
        assertThat(history.packingRuns()).hasSize(1);

        List<Requests.PackageRef> refs = TestLedger.refs(lot, packed.serials());
        List<Custody> moving = ledger.packer.packer().handOver(new Requests.HandOver(null, refs, "CarrierMSP", null));
        assertThat(moving).extracting(Custody::status).containsOnly(Custody.CustodyStatus.IN_TRANSIT);
        ledger.carrier.carrier().accept(new Requests.Accept(null, refs));
        ledger.carrier.carrier().handOver(new Requests.HandOver(null, refs, "MarketMSP", null));
        List<Custody> held = ledger.buyer.buyer().accept(new Requests.Accept(null, refs));
        assertThat(held).extracting(Custody::holderOrg).containsOnly("MarketMSP");
        assertThat(ledger.buyer.participant().custody(TestLedger.GTIN, lot, "P0001").hops()).isEqualTo(2L);

        Receipt receipt = ledger.buyer.buyer().recordReceipt(new Requests.RecordReceipt(null, "scale-01", null, List.of(
                new Requests.Weighing(TestLedger.GTIN, lot, "P0001", 5_000L),
                new Requests.Weighing(TestLedger.GTIN, lot, "P0002", 4_700L),
                new Requests.Weighing(TestLedger.GTIN, lot, "P0003", 5_010L))));
        assertThat(receipt.t1Count()).isEqualTo(1L);
        assertThat(ledger.auditor.participant().receipt(receipt.receiptId()).weighings()).hasSize(3);

        Dispute opened = ledger.buyer.buyer().openDispute(new Requests.OpenDispute(null, DisputeType.SHORT_WEIGHT,
                TestLedger.GTIN, lot, List.of("P0002"), receipt.receiptId(), "short by 30 g", List.of()));
        assertThat(opened.status()).isEqualTo(DisputeStatus.OPEN);
        Dispute taken = ledger.inspector.inspector().takeDispute(new Requests.TakeDispute(null, opened.disputeId()));
        assertThat(taken.status()).isEqualTo(DisputeStatus.UNDER_REVIEW);
        Dispute resolved = ledger.inspector.inspector().resolveDispute(new Requests.ResolveDispute(null,
                opened.disputeId(), DisputeOutcome.UPHELD, Remedy.PARTIAL_REFUND, 300L, "weighed short", RulingOrder.NONE, null));
        assertThat(resolved.status()).isEqualTo(DisputeStatus.RESOLVED);
        assertThat(ledger.producer.participant().dispute(opened.disputeId()).review().outcome()).isEqualTo(DisputeOutcome.UPHELD);

        Dispute second = ledger.buyer.buyer().openDispute(new Requests.OpenDispute(null, DisputeType.OTHER,
                TestLedger.GTIN, lot, List.of(), null, "labels smudged", List.of()));
        Dispute withdrawn = ledger.buyer.buyer().withdrawDispute(new Requests.WithdrawDispute(null, second.disputeId(), "resolved by phone"));
        assertThat(withdrawn.status()).isEqualTo(DisputeStatus.WITHDRAWN);

        ScanPolicy policy = ledger.auditor.auditor().setScanPolicy(new Requests.SetScanPolicy(null, 50L, 400L));
        assertThat(policy.maxScans()).isEqualTo(50L);
        assertThat(ledger.buyer.participant().scanPolicy().maxSpeedKmPerHour()).isEqualTo(400L);
        Scan scan = ledger.buyer.participant().recordScan(
                new Requests.RecordScan(null, TestLedger.GTIN, lot, "P0003", "110105", null));
        assertThat(scan.scanCount()).isEqualTo(1L);

        Trace trace = ledger.buyer.participant().tracePackage(TestLedger.GTIN, lot, "P0002");
        assertThat(trace.hops()).hasSize(2);
        assertThat(trace.disputes()).extracting(Dispute::disputeId).contains(opened.disputeId());
        assertThat(trace.weighings()).extracting(w -> w.finding()).containsExactly(ShortWeight.Finding.T1);

        RecallRecord recall = ledger.producer.producer().recallBatch(new Requests.Recall(null, TestLedger.GTIN, lot, "mould found"));
        assertThat(recall.recalledByOrg()).isEqualTo("CoopMSP");
        assertThat(ledger.buyer.participant().recall(TestLedger.GTIN, lot).reason()).isEqualTo("mould found");
        assertThat(ledger.buyer.participant().traceBatch(TestLedger.GTIN, lot).batch().status()).isEqualTo(BatchStatus.RECALLED);

        IntegrityRecord integrity = ledger.auditor.participant().integrity("CoopMSP", null);
        assertThat(integrity.recalls()).isGreaterThanOrEqualTo(1L);
        assertThat(integrity.t1Findings()).isGreaterThanOrEqualTo(1L);
        assertThat(integrity.disputesUpheld()).isGreaterThanOrEqualTo(1L);

        List<IntegrityPoint> integrityHistory = ledger.auditor.participant().integrityHistory("CoopMSP", null);
        assertThat(integrityHistory).isNotEmpty();
        assertThat(integrityHistory.get(integrityHistory.size() - 1).record()).isEqualTo(integrity);
        assertThat(integrityHistory).extracting(IntegrityPoint::date).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void an_inspector_recalls_within_jurisdiction_and_a_second_recall_is_refused() {
        String lot = ledger.certifiedBatch();
        RecallRecord recall = ledger.inspector.inspector().recallBatch(new Requests.Recall(null, TestLedger.GTIN, lot, "pesticide"));
        assertThat(recall.role()).isEqualTo("inspector");
        FairmarkException again = catchThrowableOfType(FairmarkException.class, () -> ledger.producer.producer()
                .recallBatch(new Requests.Recall(null, TestLedger.GTIN, lot, "again")));
        assertThat(again.code()).isEqualTo(ErrorCode.ALREADY_RECALLED);
    }

    @Test
    void resubmitting_a_request_id_returns_the_first_result_and_writes_nothing_new() {
        String lot = TestLedger.newLot();
        Requests.RegisterBatch request = TestLedger.registration(lot, 2_000L);
        Requests.RegisterBatch withId = new Requests.RegisterBatch("req-" + lot, request.gtin(), request.lot(),
                request.product(), request.variety(), request.origin(), request.harvestDate(), request.declaredMassGrams(),
                request.packingLossAllowanceGrams(), request.packerOrgs(), request.evidenceHashes());
        BatchView first = ledger.producer.producer().registerBatch(withId);
        BatchView second = ledger.producer.producer().registerBatch(withId);
        assertThat(second.batch().txId()).isEqualTo(first.batch().txId());
    }

    @Test
    void packing_beyond_the_declared_mass_is_refused_with_mass_balance_exceeded() {
        String lot = TestLedger.newLot();
        ledger.producer.producer().registerBatch(TestLedger.registration(lot, 1_000L));
        ledger.inspector.inspector().recordInspection(new Requests.RecordInspection(null, TestLedger.GTIN, lot,
                ledger.standardCode, "2024", 5L, 100L, Map.of("defect_rate_permille", 1L), null, null, 30L, null, null));
        LabelSigner signer = ledger.registeredSigner();
        FairmarkException e = catchThrowableOfType(FairmarkException.class, () -> ledger.pack(lot, signer, 3));
        assertThat(e.code()).isEqualTo(ErrorCode.MASS_BALANCE_EXCEEDED);
        assertThat(ErrorPresentation.httpStatus(e.code())).isEqualTo(409);
    }
}
