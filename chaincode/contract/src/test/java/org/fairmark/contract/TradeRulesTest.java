package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.contract.RulesTest.assertRefused;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Role;
import org.fairmark.domain.ShortWeight;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeStatus;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.Fact;
import org.fairmark.domain.model.FactKind;
import org.fairmark.domain.model.GeoPoint;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.RulingOrder;
import org.fairmark.domain.model.Scan;
import org.fairmark.domain.model.Trace;
import org.fairmark.simulator.ReadWriteSet;
import org.fairmark.simulator.Version;
import org.fairmark.simulator.VersionedValue;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trade half of DOMAIN.md: custody, receipt weighing, disputes, recalls, scans, integrity and trace. */
class TradeRulesTest {
    static final Requests.PackageRef T1 = ref("T00001");
    static final Requests.PackageRef T2 = ref("T00002");
    static final Requests.PackageRef T3 = ref("T00003");
    static final Requests.PackageRef T4 = ref("T00004");

    static Requests.PackageRef ref(String serial) {
        return new Requests.PackageRef(Fixtures.GTIN, Fixtures.LOT, serial);
    }

    static Scenario packed() {
        return Scenario.certified().packed();
    }

    static Custody custody(Scenario s, Requests.PackageRef ref) {
        return s.chain.evaluate(Parties.buyer(), "custody:Get", ref).as(Custody.class);
    }

    @Nested
    class Custodies {
        @Test
        void packages_move_from_packer_to_carrier_to_buyer_with_one_holder_at_a_time() {
            Scenario s = packed();
            assertThat(custody(s, T1).holderOrg()).isEqualTo(Parties.COOP);

            s.handOver(Parties.CARRIER, T1, T2);
            Custody inTransit = custody(s, T1);
            assertThat(inTransit.status()).isEqualTo(Custody.CustodyStatus.IN_TRANSIT);
            assertThat(inTransit.pendingOrg()).isEqualTo(Parties.CARRIER);
            assertRefused(s.chain.submit(Parties.packer(), "custody:HandOver",
                    new Requests.HandOver(Fixtures.requestId(), List.of(T1), Parties.MARKET, null)), ErrorCode.NOT_HOLDER);

            s.expectOk(s.chain.submit(Parties.of(Parties.CARRIER, Role.CARRIER), "custody:Accept",
                    new Requests.Accept(Fixtures.requestId(), List.of(T1, T2))));
            s.expectOk(s.chain.submit(Parties.of(Parties.CARRIER, Role.CARRIER), "custody:HandOver",
                    new Requests.HandOver(Fixtures.requestId(), List.of(T1), Parties.MARKET, null)));
            s.expectOk(s.chain.submit(Parties.buyer(), "custody:Accept", new Requests.Accept(Fixtures.requestId(), List.of(T1))));

            Custody held = custody(s, T1);
            assertThat(held.holderOrg()).isEqualTo(Parties.MARKET);
            assertThat(held.status()).isEqualTo(Custody.CustodyStatus.HELD);
            assertThat(held.hops()).isEqualTo(2);
            Trace trace = s.chain.evaluate(Parties.buyer(), "trace:Package", T1).as(Trace.class);
            assertThat(trace.hops()).extracting(h -> h.fromOrg() + ">" + h.toOrg())
                    .containsExactly("CoopMSP>CarrierMSP", "CarrierMSP>MarketMSP");
        }

        @Test
        void a_package_in_transit_needs_both_orgs_and_then_only_the_receiver() throws Exception {
            Scenario s = packed();
            s.handOver(Parties.CARRIER, T1);
            assertThat(policyOrgs(s, "custody", T1.serial())).containsExactly(Parties.CARRIER, Parties.COOP);
            s.expectOk(s.chain.submit(Parties.of(Parties.CARRIER, Role.CARRIER), "custody:Accept",
                    new Requests.Accept(Fixtures.requestId(), List.of(T1))));
            assertThat(policyOrgs(s, "custody", T1.serial())).containsExactly(Parties.CARRIER);
        }

        @Test
        void only_the_named_receiver_may_accept() {
            Scenario s = packed();
            s.handOver(Parties.CARRIER, T1);
            assertRefused(s.chain.submit(Parties.buyer(), "custody:Accept",
                    new Requests.Accept(Fixtures.requestId(), List.of(T1))), ErrorCode.HANDOVER_NOT_PENDING);
            assertRefused(s.chain.submit(Parties.of(Parties.CARRIER, Role.CARRIER), "custody:Accept",
                    new Requests.Accept(Fixtures.requestId(), List.of(T2))), ErrorCode.HANDOVER_NOT_PENDING);
        }

        @Test
        void a_recalled_batchs_packages_cannot_move() {
            Scenario s = packed();
            s.expectOk(s.chain.submit(Parties.producer(), "recall:Recall",
                    new Requests.Recall(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, "mould found")));
            assertRefused(s.chain.submit(Parties.packer(), "custody:HandOver",
                    new Requests.HandOver(Fixtures.requestId(), List.of(T1), Parties.CARRIER, null)), ErrorCode.BATCH_RECALLED);
        }

        @Test
        void rejects_a_hand_over_to_oneself_an_unknown_package_and_repeats() {
            Scenario s = packed();
            assertRefused(s.chain.submit(Parties.packer(), "custody:HandOver",
                    new Requests.HandOver(Fixtures.requestId(), List.of(T1), Parties.COOP, null)), ErrorCode.INVALID_ARGUMENT);
            assertRefused(s.chain.submit(Parties.packer(), "custody:HandOver",
                    new Requests.HandOver(Fixtures.requestId(), List.of(ref("NOPE")), Parties.CARRIER, null)),
                    ErrorCode.PACKAGE_NOT_FOUND);
            assertRefused(s.chain.submit(Parties.packer(), "custody:HandOver",
                    new Requests.HandOver(Fixtures.requestId(), List.of(T1, T1), Parties.CARRIER, null)),
                    ErrorCode.INVALID_ARGUMENT);
        }
    }

    static List<String> policyOrgs(Scenario s, String type, String serial) throws Exception {
        for (var entry : s.chain.store().range(Chain.CHAINCODE, "", "", 10_000)) {
            String key = entry.getKey();
            if (key.startsWith("\u0000" + type + "\u0000") && key.contains("\u0000" + serial + "\u0000")) {
                VersionedValue value = entry.getValue();
                SignaturePolicyEnvelope envelope = SignaturePolicyEnvelope.parseFrom(value.metadata());
                return envelope.getIdentitiesList().stream().map(p -> {
                    try {
                        return MSPRole.parseFrom(p.getPrincipal()).getMspIdentifier();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
            }
        }
        throw new AssertionError("no " + type + " key for " + serial);
    }

    @Nested
    class Weighing {
        @ParameterizedTest(name = "{0} g nominal weighed {1} dg → {2}")
        @CsvSource({
            // 2,500 g: T = 1.5 % = 37.5 g = 375 dg
            "2500, 24625, WITHIN_TOLERANCE", "2500, 24624, T1", "2500, 24250, T1", "2500, 24249, T2",
            // 500 g: T = 3 % = 15 g; 501 g: T = 15 g (band 500–1000 g)
            "500, 4850, WITHIN_TOLERANCE", "500, 4849, T1", "501, 4860, WITHIN_TOLERANCE", "501, 4859, T1",
            // 200 g: 4.5 % = 9 g; 201 g: 9 g
            "200, 1910, WITHIN_TOLERANCE", "200, 1909, T1", "201, 1920, WITHIN_TOLERANCE", "201, 1919, T1",
            // 10,000 g: 1.5 % = 150 g; 10,001 g: 150 g; 15,001 g: 1 % = 150.01 → 150.1 g
            "10000, 98500, WITHIN_TOLERANCE", "10000, 98499, T1", "15001, 148509, WITHIN_TOLERANCE",
            "15001, 148508, T1"
        })
        void each_package_is_judged_by_the_OIML_R87_table(long nominal, long measured, String finding) {
            Scenario s = Scenario.certified();
            s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("W", 1, nominal, null))));
            Requests.PackageRef w = ref("W00001");
            s.moveTo(Parties.MARKET, w);
            Receipt receipt = s.expectOk(s.chain.submit(Parties.buyer(), "receipt:Record", s.weighing(w, measured)))
                    .as(Receipt.class);
            assertThat(receipt.weighings().get(0).finding()).isEqualTo(ShortWeight.Finding.valueOf(finding));
        }

        @Test
        void findings_and_the_average_requirement_count_against_the_producer() {
            Scenario s = packed();
            s.moveTo(Parties.MARKET, T1, T2, T3, T4);
            // 2,500 g nominal, T = 37.5 g: one in tolerance but light, one T1, one T2, one heavy
            Receipt receipt = s.expectOk(s.chain.submit(Parties.buyer(), "receipt:Record",
                    new Requests.RecordReceipt(Fixtures.requestId(), "SCALE-7", null, List.of(
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "T00001", 24_900L),
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "T00002", 24_500L),
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "T00003", 24_000L),
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "T00004", 25_200L)))))
                    .as(Receipt.class);
            assertThat(receipt.weighings()).extracting(Receipt.PackageWeighing::finding)
                    .containsExactly(ShortWeight.Finding.WITHIN_TOLERANCE, ShortWeight.Finding.T1, ShortWeight.Finding.T2,
                            ShortWeight.Finding.WITHIN_TOLERANCE);
            assertThat(receipt.t1Count()).isEqualTo(1);
            assertThat(receipt.t2Count()).isEqualTo(1);
            // mean 2,465.0 g, s = 52.5 g, λ(4) = 2.920: Qn − λ·s = 2,346.7 g, so the mean criterion holds
            assertThat(receipt.averageMet()).isTrue();

            IntegrityRecord integrity = s.chain.evaluate(Parties.buyer(), "integrity:Get",
                    new Requests.IntegrityRef(Parties.COOP, null)).as(IntegrityRecord.class);
            assertThat(integrity.packagesWeighed()).isEqualTo(4);
            assertThat(integrity.t1Findings()).isEqualTo(1);
            assertThat(integrity.t2Findings()).isEqualTo(1);
            assertThat(integrity.averageFailures()).isZero();
            assertThat(integrity.rating()).isEqualTo("D");
        }

        @ParameterizedTest(name = "{0} g nominal weighed {1} dg is refused")
        @CsvSource({
            // the issue's cases: 51 kg on a 500 g bag, and an empty scale
            "500, 510000, 51000.0 g", "500, 0, 0.0 g",
            // just outside 50 % .. 200 % of nominal
            "500, 2499, 249.9 g", "500, 10001, 1000.1 g", "1, 4, 0.4 g", "1, 21, 2.1 g",
            "50000, 249999, 24999.9 g", "50000, 1000001, 100000.1 g"
        })
        void an_implausible_weighing_is_refused_in_grams_and_writes_nothing(long nominal, long measured, String shown) {
            Scenario s = Scenario.certified();
            s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("W", 2, nominal, null))));
            Requests.PackageRef good = ref("W00001");
            Requests.PackageRef bad = ref("W00002");
            s.moveTo(Parties.MARKET, good, bad);
            Outcome refused = s.chain.submit(Parties.buyer(), "receipt:Record", new Requests.RecordReceipt(
                    Fixtures.requestId(), "SCALE-01", null, List.of(
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, good.serial(), nominal * 10),
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, bad.serial(), measured))));
            assertRefused(refused, ErrorCode.INVALID_WEIGHING);
            assertThat(refused.message()).contains(shown).contains(nominal + " g").doesNotContain("dg")
                    .doesNotContainIgnoringCase("decigram");
            Trace trace = s.chain.evaluate(Parties.buyer(), "trace:Package", good).as(Trace.class);
            assertThat(trace.weighings()).isEmpty();
            IntegrityRecord integrity = s.chain.evaluate(Parties.buyer(), "integrity:Get",
                    new Requests.IntegrityRef(Parties.COOP, null)).as(IntegrityRecord.class);
            assertThat(integrity.packagesWeighed()).isZero();
        }

        @ParameterizedTest(name = "{0} g nominal weighed {1} dg → {2}")
        @CsvSource({
            // the plausible range is inclusive: 50 % is a (gross) T2 error, 200 % an overfill
            "500, 2500, T2", "500, 10000, WITHIN_TOLERANCE", "1, 5, T2", "1, 20, WITHIN_TOLERANCE",
            "50000, 250000, T2", "50000, 1000000, WITHIN_TOLERANCE",
            // every T2 error down to 2T (at most 18 % of Qn) and far below it is still recorded
            "50, 409, T2", "2500, 12500, T2"
        })
        void the_bounds_of_the_plausible_range_are_still_judged(long nominal, long measured, String finding) {
            Scenario s = Scenario.certified();
            s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("W", 1, nominal, null))));
            Requests.PackageRef w = ref("W00001");
            s.moveTo(Parties.MARKET, w);
            Receipt receipt = s.expectOk(s.chain.submit(Parties.buyer(), "receipt:Record", s.weighing(w, measured)))
                    .as(Receipt.class);
            assertThat(receipt.weighings().get(0).finding()).isEqualTo(ShortWeight.Finding.valueOf(finding));
        }

        @Test
        void a_malformed_mass_is_refused_in_grams() {
            Scenario s = packed();
            s.moveTo(Parties.MARKET, T1);
            for (long measured : new long[] {-1, ShortWeight.MAX_ACTUAL_DECIGRAMS + 1, Long.MAX_VALUE}) {
                Outcome refused = s.chain.submit(Parties.buyer(), "receipt:Record", s.weighing(T1, measured));
                assertRefused(refused, ErrorCode.INVALID_MASS);
                assertThat(refused.message()).contains(" g").doesNotContain("dg").doesNotContainIgnoringCase("decigram");
            }
            Outcome missing = s.chain.submit(Parties.buyer(), "receipt:Record", new Requests.RecordReceipt(
                    Fixtures.requestId(), "SCALE-01", null, List.of(
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, T1.serial(), null))));
            assertRefused(missing, ErrorCode.INVALID_MASS);
        }

        @Test
        void the_average_requirement_binds_a_lot_of_several_packages_never_a_single_one() {
            Scenario s = packed();
            s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("S", 14, 2_500, null))));
            // 14 receipts of one bag each, 10 g light: within T = 37.5 g, below nominal
            for (int i = 1; i <= 14; i++) {
                Requests.PackageRef single = ref(String.format("S%05d", i));
                s.moveTo(Parties.MARKET, single);
                Receipt receipt = s.expectOk(s.chain.submit(Parties.buyer(), "receipt:Record", s.weighing(single, 24_900)))
                        .as(Receipt.class);
                assertThat(receipt.weighings().get(0).finding()).isEqualTo(ShortWeight.Finding.WITHIN_TOLERANCE);
                assertThat(receipt.averageMet()).isTrue();
                assertThat(receipt.groups()).singleElement().satisfies(g -> {
                    assertThat(g.packageCount()).isEqualTo(1);
                    assertThat(g.averageApplies()).isFalse();
                    assertThat(g.averageMet()).isTrue();
                });
            }
            // one real lot: four bags 20 g light each, every one within tolerance, the mean below nominal
            s.moveTo(Parties.MARKET, T1, T2, T3, T4);
            Receipt lot = s.expectOk(s.chain.submit(Parties.buyer(), "receipt:Record",
                    new Requests.RecordReceipt(Fixtures.requestId(), "SCALE-7", null, List.of(
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "T00001", 24_800L),
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "T00002", 24_800L),
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "T00003", 24_800L),
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "T00004", 24_800L)))))
                    .as(Receipt.class);
            assertThat(lot.averageMet()).isFalse();
            assertThat(lot.groups()).singleElement().satisfies(g -> {
                assertThat(g.averageApplies()).isTrue();
                assertThat(g.averageMet()).isFalse();
            });

            IntegrityRecord integrity = s.chain.evaluate(Parties.buyer(), "integrity:Get",
                    new Requests.IntegrityRef(Parties.COOP, null)).as(IntegrityRecord.class);
            assertThat(integrity.packagesWeighed()).isEqualTo(18);
            assertThat(integrity.t1Findings()).isZero();
            assertThat(integrity.t2Findings()).isZero();
            assertThat(integrity.averageFailures()).isEqualTo(1);
            assertThat(integrity.rating()).isEqualTo("C");
            JsonNode history = s.chain.evaluate(Parties.buyer(), "integrity:History",
                    new Requests.IntegrityRef(Parties.COOP, null)).json();
            assertThat(history.get(history.size() - 1).get("record").get("averageFailures").asLong()).isEqualTo(1);
        }

        @Test
        void average_failures_recorded_for_single_packages_before_the_fix_are_no_longer_counted() {
            Scenario s = packed();
            s.moveTo(Parties.MARKET, T1, T2, T3);
            String single = s.receive(T1, 24_900);
            String lot = s.expectOk(s.chain.submit(Parties.buyer(), "receipt:Record",
                    new Requests.RecordReceipt(Fixtures.requestId(), "SCALE-7", null, List.of(
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "T00002", 24_800L),
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "T00003", 24_800L)))))
                    .json().get("receiptId").asText();
            // what the earlier contract wrote for the single bag: its group failed and a fact counted it
            legacySingleAverageFailure(s, single);
            IntegrityRecord integrity = s.chain.evaluate(Parties.buyer(), "integrity:Get",
                    new Requests.IntegrityRef(Parties.COOP, null)).as(IntegrityRecord.class);
            assertThat(integrity.averageFailures()).isEqualTo(1);
            JsonNode history = s.chain.evaluate(Parties.buyer(), "integrity:History",
                    new Requests.IntegrityRef(Parties.COOP, null)).json();
            assertThat(history.get(history.size() - 1).get("record").get("averageFailures").asLong()).isEqualTo(1);
            assertThat(lot).isNotEqualTo(single);
        }

        /** Rewrites a single-package receipt and adds the fact as the contract wrote them before averageApplies. */
        void legacySingleAverageFailure(Scenario s, String receiptId) {
            String receiptKey = null;
            String weighedFact = null;
            for (var entry : s.chain.store().range(Chain.CHAINCODE, "", "", 10_000)) {
                String key = entry.getKey();
                if (key.equals("\u0000receipt\u0000" + receiptId + "\u0000")) {
                    receiptKey = key;
                } else if (key.startsWith("\u0000fact\u0000" + Parties.COOP + "\u0000PACKAGES_WEIGHED\u0000" + receiptId)) {
                    weighedFact = key;
                }
            }
            assertThat(receiptKey).isNotNull();
            assertThat(weighedFact).isNotNull();
            Receipt now = CanonicalJson.read(s.chain.store().get(Chain.CHAINCODE, receiptKey).value(), Receipt.class);
            Receipt.GroupVerdict g = now.groups().get(0);
            Receipt legacy = new Receipt(now.receiptId(), now.scaleId(), now.evidenceHash(), now.weighings(),
                    List.of(new Receipt.GroupVerdict(g.nominalMassGrams(), g.packageCount(), g.averageDecigramsFloor(),
                            false, null)), now.t1Count(), now.t2Count(), false, now.receiverOrg(), now.receiverId(),
                    now.receivedAt());
            Fact weighed = CanonicalJson.read(s.chain.store().get(Chain.CHAINCODE, weighedFact).value(), Fact.class);
            Fact failed = new Fact(FactKind.AVERAGE_FAILED, weighed.producerOrg(), weighed.producerId(), weighed.gtin(),
                    weighed.lot(), 1L, weighed.txId(), weighed.at());
            ReadWriteSet writes = ReadWriteSet.builder()
                    .write(receiptKey, CanonicalJson.toBytes(legacy))
                    .write(weighedFact.replace("\u0000PACKAGES_WEIGHED\u0000", "\u0000AVERAGE_FAILED\u0000"),
                            CanonicalJson.toBytes(failed))
                    .build();
            s.chain.store().commit(Chain.CHAINCODE, writes, new Version(1_000, 0), "legacy", s.chain.now());
        }

        @Test
        void in_a_mixed_receipt_only_the_nominal_quantities_with_several_packages_are_averaged() {
            Scenario s = packed();
            s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("K", 1, 1_000, null))));
            Requests.PackageRef kilo = ref("K00001");
            s.moveTo(Parties.MARKET, T1, T2, kilo);
            Receipt receipt = s.expectOk(s.chain.submit(Parties.buyer(), "receipt:Record",
                    new Requests.RecordReceipt(Fixtures.requestId(), "SCALE-7", null, List.of(
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "T00001", 25_000L),
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "T00002", 25_010L),
                            new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "K00001", 9_900L)))))
                    .as(Receipt.class);
            assertThat(receipt.averageMet()).isTrue();
            assertThat(receipt.groups()).extracting(g -> g.nominalMassGrams() + ":" + g.averageApplies() + ":" + g.averageMet())
                    .containsExactly("1000:false:true", "2500:true:true");
            IntegrityRecord integrity = s.chain.evaluate(Parties.buyer(), "integrity:Get",
                    new Requests.IntegrityRef(Parties.COOP, null)).as(IntegrityRecord.class);
            assertThat(integrity.averageFailures()).isZero();
            // and a single light bag within tolerance shows no short weight to found a claim on
            assertRefused(s.chain.submit(Parties.buyer(), "dispute:Open", new Requests.OpenDispute(Fixtures.requestId(),
                    DisputeType.SHORT_WEIGHT, Fixtures.GTIN, Fixtures.LOT, List.of("K00001"), receipt.receiptId(),
                    "10 g light", List.of())), ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void a_package_is_weighed_once_per_org_and_only_when_held() {
            Scenario s = packed();
            assertRefused(s.chain.submit(Parties.buyer(), "receipt:Record", s.weighing(T1, 25_000)), ErrorCode.NOT_HOLDER);
            s.moveTo(Parties.MARKET, T1);
            s.receive(T1, 25_000);
            assertRefused(s.chain.submit(Parties.buyer(), "receipt:Record", s.weighing(T1, 25_000)), ErrorCode.RECEIPT_EXISTS);
            s.moveTo(Parties.MARKET, T2);
            assertRefused(s.chain.submit(Parties.buyer(), "receipt:Record", s.weighing(T2, -1)), ErrorCode.INVALID_MASS);
        }
    }

    @Nested
    class Disputes {
        @Test
        void a_short_weight_claim_is_upheld_by_a_neutral_inspector() {
            Scenario s = packed();
            s.moveTo(Parties.MARKET, T1);
            String receiptId = s.receive(T1, 24_000); // T2 short weight
            Dispute opened = s.expectOk(s.chain.submit(Parties.buyer(), "dispute:Open", new Requests.OpenDispute(
                    Fixtures.requestId(), DisputeType.SHORT_WEIGHT, Fixtures.GTIN, Fixtures.LOT, List.of("T00001"),
                    receiptId, "100 g short", List.of()))).as(Dispute.class);
            assertThat(opened.status()).isEqualTo(DisputeStatus.OPEN);
            assertThat(opened.respondentOrg()).isEqualTo(Parties.COOP);

            s.expectOk(s.chain.submit(Parties.inspector(), "dispute:Take",
                    new Requests.TakeDispute(Fixtures.requestId(), opened.disputeId())));
            Dispute ruled = s.expectOk(s.chain.submit(Parties.inspector(), "dispute:Resolve", new Requests.ResolveDispute(
                    Fixtures.requestId(), opened.disputeId(), DisputeOutcome.UPHELD, Remedy.PARTIAL_REFUND, 1_200L,
                    "receipt weighing on a verified scale shows a T2 deficiency", null, null))).as(Dispute.class);
            assertThat(ruled.status()).isEqualTo(DisputeStatus.RESOLVED);
            assertThat(ruled.review().amountFen()).isEqualTo(1_200L);

            IntegrityRecord integrity = s.chain.evaluate(Parties.buyer(), "integrity:Get",
                    new Requests.IntegrityRef(Parties.COOP, null)).as(IntegrityRecord.class);
            assertThat(integrity.disputesOpened()).isEqualTo(1);
            assertThat(integrity.disputesUpheld()).isEqualTo(1);
            Trace trace = s.chain.evaluate(Parties.buyer(), "trace:Package", T1).as(Trace.class);
            assertThat(trace.disputes()).singleElement().extracting(d -> d.review().outcome())
                    .isEqualTo(DisputeOutcome.UPHELD);
        }

        @Test
        void a_short_weight_claim_needs_a_receipt_that_shows_short_weight() {
            Scenario s = packed();
            s.moveTo(Parties.MARKET, T1);
            String fine = s.receive(T1, 25_000);
            assertRefused(s.chain.submit(Parties.buyer(), "dispute:Open", new Requests.OpenDispute(Fixtures.requestId(),
                    DisputeType.SHORT_WEIGHT, Fixtures.GTIN, Fixtures.LOT, List.of("T00001"), fine, "short", List.of())),
                    ErrorCode.INVALID_ARGUMENT);
            assertRefused(s.chain.submit(Parties.buyer(), "dispute:Open", new Requests.OpenDispute(Fixtures.requestId(),
                    DisputeType.SHORT_WEIGHT, Fixtures.GTIN, Fixtures.LOT, List.of("T00001"), null, "short", List.of())),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void illegal_transitions_are_refused() {
            Scenario s = Scenario.certified();
            String id = s.openedDispute();
            Requests.ResolveDispute ruling = new Requests.ResolveDispute(Fixtures.requestId(), id, DisputeOutcome.REJECTED,
                    Remedy.NONE, null, "no defect found", null, null);
            assertRefused(s.chain.submit(Parties.inspector(), "dispute:Resolve", ruling), ErrorCode.DISPUTE_STATE_INVALID);
            s.expectOk(s.chain.submit(Parties.inspector(), "dispute:Take", new Requests.TakeDispute(Fixtures.requestId(), id)));
            assertRefused(s.chain.submit(Parties.of(Parties.CARRIER, Role.INSPECTOR), "dispute:Take",
                    new Requests.TakeDispute(Fixtures.requestId(), id)), ErrorCode.DISPUTE_STATE_INVALID);
            assertRefused(s.chain.submit(Parties.buyer(), "dispute:Withdraw",
                    new Requests.WithdrawDispute(Fixtures.requestId(), id, "changed mind")), ErrorCode.DISPUTE_STATE_INVALID);
            s.expectOk(s.chain.submit(Parties.inspector(), "dispute:Resolve", ruling));
            assertRefused(s.chain.submit(Parties.inspector(), "dispute:Resolve", new Requests.ResolveDispute(
                    Fixtures.requestId(), id, DisputeOutcome.UPHELD, Remedy.REFUND, null, "again", null, null)),
                    ErrorCode.DISPUTE_STATE_INVALID);
        }

        @Test
        void an_inspector_of_the_claimant_or_respondent_may_not_review() {
            Scenario s = Scenario.certified();
            String id = s.openedDispute();
            assertRefused(s.chain.submit(Parties.of(Parties.COOP, Role.INSPECTOR), "dispute:Take",
                    new Requests.TakeDispute(Fixtures.requestId(), id)), ErrorCode.CONFLICT_OF_INTEREST);
            assertRefused(s.chain.submit(Parties.of(Parties.MARKET, Role.INSPECTOR), "dispute:Take",
                    new Requests.TakeDispute(Fixtures.requestId(), id)), ErrorCode.CONFLICT_OF_INTEREST);
        }

        @Test
        void a_claimant_may_withdraw_an_open_dispute_which_then_is_final() {
            Scenario s = Scenario.certified();
            String id = s.openedDispute();
            Dispute withdrawn = s.expectOk(s.chain.submit(Parties.buyer(), "dispute:Withdraw",
                    new Requests.WithdrawDispute(Fixtures.requestId(), id, "settled with the shop"))).as(Dispute.class);
            assertThat(withdrawn.status()).isEqualTo(DisputeStatus.WITHDRAWN);
            assertRefused(s.chain.submit(Parties.inspector(), "dispute:Take", new Requests.TakeDispute(Fixtures.requestId(), id)),
                    ErrorCode.DISPUTE_STATE_INVALID);
        }

        @Test
        void an_upheld_quality_ruling_can_downgrade_the_batch() {
            Scenario s = Scenario.certified();
            String id = s.openedDispute();
            s.expectOk(s.chain.submit(Parties.inspector(), "dispute:Take", new Requests.TakeDispute(Fixtures.requestId(), id)));
            s.expectOk(s.chain.submit(Parties.inspector(), "dispute:Resolve", new Requests.ResolveDispute(
                    Fixtures.requestId(), id, DisputeOutcome.UPHELD, Remedy.REPLACE, null, "sample re-graded SECOND",
                    RulingOrder.DOWNGRADE, "SECOND")));
            JsonNode view = s.chain.evaluate(Parties.buyer(), "batch:Get",
                    new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT)).json();
            assertThat(view.get("latestInspection").get("grade").asText()).isEqualTo("SECOND");
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("X", 1, 1000, "FIRST"))),
                    ErrorCode.GRADE_EXCEEDS_CERTIFIED);
        }

        @Test
        void an_ordered_reinspection_suspends_packing_until_a_new_inspection_passes() {
            Scenario s = Scenario.certified();
            String id = s.openedDispute();
            s.expectOk(s.chain.submit(Parties.inspector(), "dispute:Take", new Requests.TakeDispute(Fixtures.requestId(), id)));
            s.expectOk(s.chain.submit(Parties.inspector(), "dispute:Resolve", new Requests.ResolveDispute(
                    Fixtures.requestId(), id, DisputeOutcome.UPHELD, Remedy.REFUND, null, "mould in 3 of 20 samples",
                    RulingOrder.REINSPECTION, null)));
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("X", 1, 1000, null))),
                    ErrorCode.INSPECTION_REQUIRED);
            s.chain.advance(Duration.ofMinutes(5));
            s.expectOk(s.chain.submit(Parties.inspector(), "inspection:Record", Fixtures.inspection()));
            s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("X", 1, 1000, null))));
        }

        @Test
        void ruling_fields_must_fit_the_outcome() {
            Scenario s = Scenario.certified();
            String id = s.takenDispute();
            for (Requests.ResolveDispute bad : List.of(
                    new Requests.ResolveDispute(Fixtures.requestId(), id, DisputeOutcome.REJECTED, Remedy.REFUND, null, "r", null, null),
                    new Requests.ResolveDispute(Fixtures.requestId(), id, DisputeOutcome.UPHELD, Remedy.NONE, null, "r", null, null),
                    new Requests.ResolveDispute(Fixtures.requestId(), id, DisputeOutcome.UPHELD, Remedy.PARTIAL_REFUND, null, "r", null, null),
                    new Requests.ResolveDispute(Fixtures.requestId(), id, DisputeOutcome.UPHELD, Remedy.REPLACE, 100L, "r", null, null),
                    new Requests.ResolveDispute(Fixtures.requestId(), id, DisputeOutcome.SETTLED, Remedy.REFUND, null, "r",
                            RulingOrder.DOWNGRADE, "SECOND"))) {
                assertRefused(s.chain.submit(Parties.inspector(), "dispute:Resolve", bad), ErrorCode.INVALID_ARGUMENT);
            }
        }
    }

    @Nested
    class Recalls {
        @Test
        void a_recall_is_irreversible_and_every_package_reads_recalled() {
            Scenario s = packed();
            s.expectOk(s.chain.submit(Parties.inspector(), "recall:Recall",
                    new Requests.Recall(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, "aflatoxin B1 over limit")));
            assertRefused(s.chain.submit(Parties.producer(), "recall:Recall",
                    new Requests.Recall(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, "again")), ErrorCode.ALREADY_RECALLED);
            for (Requests.PackageRef ref : List.of(T1, T2, T3, T4)) {
                Trace trace = s.chain.evaluate(Parties.buyer(), "trace:Package", ref).as(Trace.class);
                assertThat(trace.batch().status().name()).isEqualTo("RECALLED");
                assertThat(trace.recall().reason()).isEqualTo("aflatoxin B1 over limit");
            }
            IntegrityRecord integrity = s.chain.evaluate(Parties.buyer(), "integrity:Get",
                    new Requests.IntegrityRef(Parties.COOP, null)).as(IntegrityRecord.class);
            assertThat(integrity.recalls()).isEqualTo(1);
        }

        Outcome recall(Scenario s) {
            return s.expectOk(s.chain.submit(Parties.producer(), "recall:Recall",
                    new Requests.Recall(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, "mould found")));
        }

        @Test
        void a_hand_over_pending_at_the_recall_can_no_longer_be_accepted() {
            Scenario s = packed();
            s.handOver(Parties.CARRIER, T1, T2);
            recall(s);
            assertRefused(s.chain.submit(Parties.of(Parties.CARRIER, Role.CARRIER), "custody:Accept",
                    new Requests.Accept(Fixtures.requestId(), List.of(T1, T2))), ErrorCode.BATCH_RECALLED);
            Custody frozen = custody(s, T1);
            assertThat(frozen.status()).isEqualTo(Custody.CustodyStatus.IN_TRANSIT);
            assertThat(frozen.holderOrg()).isEqualTo(Parties.COOP);
            assertThat(frozen.pendingOrg()).isEqualTo(Parties.CARRIER);
            assertThat(frozen.hops()).isZero();
            Trace trace = s.chain.evaluate(Parties.buyer(), "trace:Package", T1).as(Trace.class);
            assertThat(trace.hops()).isEmpty();
        }

        @Test
        void a_recalled_batchs_packages_cannot_be_handed_on_by_a_later_holder() {
            Scenario s = packed();
            s.moveTo(Parties.CARRIER, T1);
            recall(s);
            assertRefused(s.chain.submit(Parties.of(Parties.CARRIER, Role.CARRIER), "custody:HandOver",
                    new Requests.HandOver(Fixtures.requestId(), List.of(T1), Parties.MARKET, null)),
                    ErrorCode.BATCH_RECALLED);
            assertThat(custody(s, T1).status()).isEqualTo(Custody.CustodyStatus.HELD);
            assertThat(custody(s, T1).holderOrg()).isEqualTo(Parties.CARRIER);
        }

        @Test
        void a_recalled_batch_cannot_be_packed_and_so_gets_no_new_labels() {
            Scenario s = packed();
            recall(s);
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("R", 1, 1000, null))),
                    ErrorCode.BATCH_RECALLED);
            assertRefused(s.chain.evaluate(Parties.buyer(), "packaging:GetPackage",
                    new PackagingContract.PackageRef(Fixtures.GTIN, Fixtures.LOT, "R00001")), ErrorCode.PACKAGE_NOT_FOUND);
            s.chain.advance(Duration.ofMinutes(5));
            assertRefused(s.chain.submit(Parties.inspector(), "inspection:Record", Fixtures.inspection()),
                    ErrorCode.BATCH_RECALLED);
        }

        @Test
        void a_recalled_batchs_packages_are_not_weighed_on_receipt() {
            Scenario s = packed();
            s.moveTo(Parties.MARKET, T1, T2);
            recall(s);
            assertRefused(s.chain.submit(Parties.buyer(), "receipt:Record", s.weighing(T1, 24_000)),
                    ErrorCode.BATCH_RECALLED);
            Trace trace = s.chain.evaluate(Parties.buyer(), "trace:Package", T1).as(Trace.class);
            assertThat(trace.weighings()).isEmpty();
            IntegrityRecord integrity = s.chain.evaluate(Parties.buyer(), "integrity:Get",
                    new Requests.IntegrityRef(Parties.COOP, null)).as(IntegrityRecord.class);
            assertThat(integrity.packagesWeighed()).isZero();
            assertThat(integrity.t2Findings()).isZero();
            // the buyer's remedy is still open: a dispute with the scale photo as evidence
            s.expectOk(s.chain.submit(Parties.buyer(), "dispute:Open", s.qualityClaim(List.of("T00002"))));
        }

        @Test
        void one_recalled_package_refuses_the_whole_transaction() {
            Scenario s = packed();
            String lot2 = "QX-2026-002";
            s.expectOk(s.chain.submit(Parties.producer(), "batch:Register", Fixtures.batch(lot2, Parties.QIANXI, 100_000)));
            s.expectOk(s.chain.submit(Parties.inspector(), "inspection:Record", Fixtures.inspection(lot2, 90, 30, null)));
            s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(lot2, s.labelKeyId, Fixtures.packages("S", 1, 2_500, null))));
            Requests.PackageRef other = new Requests.PackageRef(Fixtures.GTIN, lot2, "S00001");
            s.handOver(Parties.MARKET, T1, other);
            recall(s);
            assertRefused(s.chain.submit(Parties.buyer(), "custody:Accept",
                    new Requests.Accept(Fixtures.requestId(), List.of(other, T1))), ErrorCode.BATCH_RECALLED);
            assertThat(custody(s, other).status()).isEqualTo(Custody.CustodyStatus.IN_TRANSIT);
            s.expectOk(s.chain.submit(Parties.buyer(), "custody:Accept",
                    new Requests.Accept(Fixtures.requestId(), List.of(other))));
        }

        @Test
        void an_inspector_outside_the_jurisdiction_may_not_recall() {
            Scenario s = packed();
            assertRefused(s.chain.submit(Parties.of(Parties.BUREAU, Role.INSPECTOR, "4412"), "recall:Recall",
                    new Requests.Recall(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, "x")), ErrorCode.OUT_OF_JURISDICTION);
        }
    }

    @Nested
    class Scans {
        static final GeoPoint BEIJING = new GeoPoint(39_904_200L, 116_407_400L);
        static final GeoPoint GUANGZHOU = new GeoPoint(23_129_100L, 113_264_400L);

        Scan scan(Scenario s, GeoPoint point) {
            return s.expectOk(s.chain.submit(Parties.buyer(), "scan:Record", new Requests.RecordScan(Fixtures.requestId(),
                    Fixtures.GTIN, Fixtures.LOT, "T00001", null, point))).as(Scan.class);
        }

        @Test
        void two_scans_too_far_apart_too_soon_flag_a_clone() {
            Scenario s = packed();
            assertThat(scan(s, BEIJING).cloneSuspected()).isFalse();
            s.chain.advance(Duration.ofHours(1));
            Scan far = scan(s, GUANGZHOU);
            assertThat(far.cloneSuspected()).isTrue();
            assertThat(far.point()).isEqualTo(new GeoPoint(23_100_000L, 113_300_000L)); // stored coarse
            Trace trace = s.chain.evaluate(Parties.buyer(), "trace:Package", T1).as(Trace.class);
            assertThat(trace.scans().cloneSuspected()).isTrue();
            assertThat(trace.scans().count()).isEqualTo(2);
        }

        @Test
        void the_same_trip_by_train_over_a_day_is_plausible() {
            Scenario s = packed();
            scan(s, BEIJING);
            s.chain.advance(Duration.ofHours(24));
            assertThat(scan(s, GUANGZHOU).cloneSuspected()).isFalse();
        }

        @Test
        void too_many_scans_under_the_channel_policy_flag_a_clone() {
            Scenario s = packed();
            s.expectOk(s.chain.submit(Parties.of(Parties.MARKET, Role.AUDITOR), "scan:SetPolicy",
                    new Requests.SetScanPolicy(Fixtures.requestId(), 3L, 300L)));
            for (int i = 0; i < 3; i++) {
                assertThat(scan(s, null).cloneSuspected()).isFalse();
            }
            assertThat(scan(s, null).cloneSuspected()).isTrue();
        }
    }

    @Test
    void integrity_history_has_one_cumulative_point_per_day_with_facts() {
        Scenario s = packed();
        s.chain.advance(Duration.ofDays(2));
        s.moveTo(Parties.MARKET, T1);
        s.receive(T1, 24_000); // T2
        JsonNode points = s.chain.evaluate(Parties.buyer(), "integrity:History",
                new Requests.IntegrityRef(Parties.COOP, null)).json();
        assertThat(points).hasSize(2);
        assertThat(points.get(0).get("date").asText()).isEqualTo("2026-10-08");
        assertThat(points.get(0).get("record").get("packages").asLong()).isEqualTo(4);
        assertThat(points.get(0).get("record").get("t2Findings").asLong()).isZero();
        assertThat(points.get(1).get("date").asText()).isEqualTo("2026-10-10");
        assertThat(points.get(1).get("record").get("t2Findings").asLong()).isEqualTo(1);
        assertThat(points.get(1).get("record").get("rating").asText()).isEqualTo("D");
    }

    @Test
    void integrity_rating_starts_NEW_and_is_A_for_a_clean_record() {
        Chain chain = new Chain();
        IntegrityRecord none = chain.evaluate(Parties.buyer(), "integrity:Get",
                new Requests.IntegrityRef(Parties.COOP, null)).as(IntegrityRecord.class);
        assertThat(none.rating()).isEqualTo("NEW");
        Scenario s = packed();
        s.moveTo(Parties.MARKET, T1);
        s.receive(T1, 25_010);
        String producerId = s.chain.evaluate(Parties.buyer(), "batch:Get",
                new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT)).json().get("batch").get("producerId").asText();
        IntegrityRecord clean = s.chain.evaluate(Parties.buyer(), "integrity:Get",
                new Requests.IntegrityRef(Parties.COOP, producerId)).as(IntegrityRecord.class);
        assertThat(clean.batches()).isEqualTo(1);
        assertThat(clean.inspectionsPassed()).isEqualTo(1);
        assertThat(clean.packages()).isEqualTo(4);
        assertThat(clean.packagesWeighed()).isEqualTo(1);
        assertThat(clean.rating()).isEqualTo("A");
        IntegrityRecord someoneElse = s.chain.evaluate(Parties.buyer(), "integrity:Get",
                new Requests.IntegrityRef(Parties.COOP, "x509::CN=nobody::CN=ca")).as(IntegrityRecord.class);
        assertThat(someoneElse.batches()).isZero();
    }
}
