package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.Function;
import java.util.function.Supplier;
import org.fairmark.devca.Identity;
import org.fairmark.domain.model.ContractFunctions;
import org.fairmark.domain.model.Requests;
import org.junit.jupiter.api.Test;

/**
 * Every endorser must compute identical read/write sets: each transaction of a full scenario, which calls every
 * transaction of the contract, is executed on two fresh, identically built ledgers, the second under another default
 * time zone and locale, and the two KVRWSets, events and responses are compared byte for byte.
 */
class DeterminismTest {

    /** One transaction; {@code request} gets the id of the dispute opened last. */
    record Step(Identity who, String function, Function<String, Object> request) {}

    @Test
    void every_transaction_produces_identical_read_write_sets_on_two_fresh_ledgers() {
        List<Step> steps = new ArrayList<>();
        java.security.KeyPair labelKey = Fixtures.labelKeyPair();
        Requests.RegisterBatch batch = Fixtures.batch();
        Requests.PublishStandard standard = Fixtures.standard();
        Requests.RecordInspection inspection = Fixtures.inspection();
        Requests.RegisterLabelKey key = Fixtures.labelKey(labelKey);
        String keyId = org.fairmark.domain.PublicKeys.keyId(labelKey.getPublic());
        Requests.Pack pack = Fixtures.pack(Fixtures.LOT, keyId, Fixtures.packages("D", 40, 2_000, null));
        Requests.Pack pack2 = Fixtures.pack(Fixtures.LOT, keyId, Fixtures.packages("E", 3, 1_000, "SECOND"));
        steps.add(new Step(Parties.producer(), "batch:Register", id -> batch));
        steps.add(new Step(Parties.inspector(), "standard:Publish", id -> standard));
        steps.add(new Step(Parties.inspector(), "inspection:Record", id -> inspection));
        steps.add(new Step(Parties.packer(), "labelkey:Register", id -> key));
        steps.add(new Step(Parties.packer(), "packaging:Pack", id -> pack));
        steps.add(new Step(Parties.packer(), "packaging:Pack", id -> pack2));
        List<Requests.LotSample> lotSample = List.of(new Requests.LotSample("E00001", null, 10_010L),
                new Requests.LotSample("E00002", null, 10_000L), new Requests.LotSample("E00003", null, 10_020L));
        steps.add(new Step(Parties.inspector(), "lot:Inspect", id -> new Requests.InspectLot("lot-insp-01", Fixtures.GTIN,
                Fixtures.LOT, 1000L, "INDIVIDUAL", null, lotSample, "reference test at the packing line")));
        steps.add(new Step(Parties.buyer(), "lot:Get", id -> new Requests.LotRef(Fixtures.GTIN, Fixtures.LOT, 1000L)));
        steps.add(new Step(Parties.admin(Parties.COOP), "profile:Set",
                id -> ProfileContractTest.coop(ProfileContractTest.validCode())));
        steps.add(new Step(Parties.buyer(), "profile:Get",
                id -> new org.fairmark.domain.model.ProfileRequests.OrgRef(Parties.COOP)));
        steps.add(new Step(Parties.buyer(), "profile:List",
                id -> new org.fairmark.domain.model.ProfileRequests.ProfilePage(5L, null)));
        steps.add(new Step(Parties.buyer(), "profile:Overview",
                id -> new org.fairmark.domain.model.ProfileRequests.OverviewRef(Parties.COOP, 5L)));
        steps.add(new Step(Parties.buyer(), "batch:Get", id -> new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT)));
        steps.add(new Step(Parties.buyer(), "batch:ListPackages",
                id -> new Requests.BatchPage(Fixtures.GTIN, Fixtures.LOT, 7L, null)));
        steps.add(new Step(Parties.buyer(), "batch:History", id -> new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT)));
        Requests.PackageRef d1 = new Requests.PackageRef(Fixtures.GTIN, Fixtures.LOT, "D00001");
        Requests.PackageRef d2 = new Requests.PackageRef(Fixtures.GTIN, Fixtures.LOT, "D00002");
        Identity carrier = Parties.of(Parties.CARRIER, org.fairmark.domain.Role.CARRIER);
        steps.add(new Step(Parties.packer(), "custody:HandOver",
                id -> new Requests.HandOver("handover-01", List.of(d1, d2), Parties.CARRIER, null)));
        steps.add(new Step(carrier, "custody:Accept", id -> new Requests.Accept("accept-0001", List.of(d1, d2))));
        steps.add(new Step(carrier, "custody:HandOver",
                id -> new Requests.HandOver("handover-02", List.of(d1, d2), Parties.MARKET, null)));
        steps.add(new Step(Parties.buyer(), "custody:Accept", id -> new Requests.Accept("accept-0002", List.of(d1, d2))));
        steps.add(new Step(Parties.buyer(), "receipt:Record", id -> new Requests.RecordReceipt("receipt-001", "S1", null,
                List.of(new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "D00001", 19_500L),
                        new Requests.Weighing(Fixtures.GTIN, Fixtures.LOT, "D00002", 20_100L)))));
        steps.add(new Step(Parties.buyer(), "dispute:Open", id -> new Requests.OpenDispute("dispute-01",
                org.fairmark.domain.model.DisputeType.INFERIOR_QUALITY, Fixtures.GTIN, Fixtures.LOT, List.of("D00001"),
                null, "mouldy", List.of())));
        steps.add(new Step(Parties.inspector(), "dispute:Take", id -> new Requests.TakeDispute("take-00001", id)));
        steps.add(new Step(Parties.inspector(), "dispute:Resolve", id -> new Requests.ResolveDispute("resolve-001", id,
                org.fairmark.domain.model.DisputeOutcome.UPHELD, org.fairmark.domain.model.Remedy.REFUND, 1_000L,
                "mould in 3 of 20 samples", org.fairmark.domain.model.RulingOrder.DOWNGRADE, "SECOND")));
        steps.add(new Step(Parties.buyer(), "dispute:Get", id -> new Requests.DisputeRef(id)));
        steps.add(new Step(Parties.buyer(), "dispute:Open", id -> new Requests.OpenDispute("dispute-02",
                org.fairmark.domain.model.DisputeType.OTHER, Fixtures.GTIN, Fixtures.LOT, List.of(), null, "smudged",
                List.of())));
        steps.add(new Step(Parties.buyer(), "dispute:Withdraw",
                id -> new Requests.WithdrawDispute("withdraw-01", id, "settled by phone")));
        steps.add(new Step(Parties.buyer(), "standard:Get",
                id -> new Requests.StandardRef(Fixtures.STANDARD_CODE, Fixtures.STANDARD_VERSION)));
        steps.add(new Step(Parties.buyer(), "inspection:List", id -> new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT)));
        steps.add(new Step(Parties.buyer(), "packaging:GetPackage", id -> d1));
        steps.add(new Step(Parties.buyer(), "labelkey:Get", id -> new Requests.LabelKeyRef(keyId)));
        steps.add(new Step(Parties.buyer(), "labelkey:List", id -> new LabelKeyContract.KeyPage(5L, null)));
        steps.add(new Step(Parties.buyer(), "custody:Get", id -> d1));
        steps.add(new Step(Parties.buyer(), "receipt:Get", id -> new Requests.ReceiptRef(lastReceiptId)));
        steps.add(new Step(Parties.of(Parties.COOP, org.fairmark.domain.Role.AUDITOR), "scan:SetPolicy",
                id -> new Requests.SetScanPolicy("policy-0001", 20L, 300L)));
        steps.add(new Step(Parties.buyer(), "scan:GetPolicy", id -> new Requests.NoArguments()));
        steps.add(new Step(Parties.buyer(), "scan:Record", id -> new Requests.RecordScan("scan-0001", Fixtures.GTIN,
                Fixtures.LOT, "D00001", Parties.QIANXI, new org.fairmark.domain.model.GeoPoint(40_123_456L, 118_300_000L))));
        steps.add(new Step(Parties.producer(), "recall:Recall",
                id -> new Requests.Recall("recall-0001", Fixtures.GTIN, Fixtures.LOT, "mould")));
        steps.add(new Step(Parties.buyer(), "trace:Package", id -> d1));
        steps.add(new Step(Parties.buyer(), "trace:Batch", id -> new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT)));
        steps.add(new Step(Parties.buyer(), "trace:Label", id -> new Requests.LabelRef(d1.gtin(), d1.lot(), d1.serial(), keyId)));
        steps.add(new Step(Parties.buyer(), "recall:Get", id -> new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT)));
        steps.add(new Step(Parties.buyer(), "integrity:Get", id -> new Requests.IntegrityRef(Parties.COOP, null)));
        steps.add(new Step(Parties.buyer(), "integrity:History", id -> new Requests.IntegrityRef(Parties.COOP, null)));
        steps.add(new Step(Parties.packer(), "labelkey:Revoke",
                id -> new Requests.RevokeLabelKey("revoke-0001", keyId, "rotated")));

        assertThat(steps).extracting(Step::function).containsAll(ContractFunctions.ALL);

        Chain left = new Chain();
        Chain right = new Chain();
        String disputeId = null;
        for (Step step : steps) {
            Object request = step.request().apply(disputeId);
            Outcome a = left.submit(step.who(), step.function(), request);
            Outcome b = elsewhere(() -> right.submit(step.who(), step.function(), request));
            assertThat(a.ok()).as(step.function() + ": " + a).isTrue();
            if (step.function().equals("dispute:Open")) {
                disputeId = a.json().get("disputeId").asText();
            }
            if (step.function().equals("receipt:Record")) {
                lastReceiptId = a.json().get("receiptId").asText();
            }
            assertThat(b.rwset().toKvRwSetBytes()).as(step.function()).isEqualTo(a.rwset().toKvRwSetBytes());
            assertThat(b.payload()).isEqualTo(a.payload());
            if (a.event() != null) {
                assertThat(b.event().name()).isEqualTo(a.event().name());
                assertThat(b.event().payload()).isEqualTo(a.event().payload());
            }
        }
    }

    private String lastReceiptId;

    /** Runs {@code call} with the JVM's default time zone at UTC-10:00 and its default locale Turkish (dotless i). */
    private static <T> T elsewhere(Supplier<T> call) {
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Honolulu"));
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            return call.get();
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }
    }
}
