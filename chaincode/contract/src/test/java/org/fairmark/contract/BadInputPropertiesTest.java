package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fairmark.devca.Identity;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.GeoPoint;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.RulingOrder;
import org.fairmark.testkit.Campaign;
import org.fairmark.testkit.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Throws thousands of random and mutated requests at every transaction: each answer is a success or a coded error,
 * never an uncoded exception or INTERNAL_ERROR.
 */
class BadInputPropertiesTest {
    private static Scenario scenario;
    private static Map<String, JsonNode> validRequests;
    private static final List<Identity> WHO = List.of(
            Parties.producer(), Parties.packer(), Parties.inspector(), Parties.buyer(), Parties.of(Parties.MARKET, Role.AUDITOR),
            Parties.of(Parties.COOP2, Role.PACKER), Parties.of(Parties.CARRIER, null));

    @BeforeAll
    static void ledger() {
        scenario = Scenario.certified();
        scenario.expectOk(scenario.chain.submit(Parties.packer(), "packaging:Pack",
                Fixtures.pack(Fixtures.LOT, scenario.labelKeyId, Fixtures.packages("R", 5, 1000, null))));
        validRequests = new LinkedHashMap<>();
        put("batch:Register", Fixtures.batch("LOT-R", Parties.QIANXI, 10_000));
        put("batch:Get", new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT));
        put("batch:ListPackages", new Requests.BatchPage(Fixtures.GTIN, Fixtures.LOT, 2L, ""));
        put("batch:History", new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT));
        put("standard:Publish", new Requests.PublishStandard(Fixtures.requestId(), Fixtures.chestnutStandard("R1")));
        put("standard:Get", new Requests.StandardRef(Fixtures.STANDARD_CODE, null));
        put("inspection:Record", Fixtures.inspection());
        put("inspection:List", new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT));
        put("packaging:Pack", Fixtures.pack(Fixtures.LOT, scenario.labelKeyId, Fixtures.packages("Q", 3, 1500, null)));
        put("packaging:GetPackage", new PackagingContract.PackageRef(Fixtures.GTIN, Fixtures.LOT, "R00001"));
        put("labelkey:Register", Fixtures.labelKey(Fixtures.labelKeyPair()));
        put("labelkey:Revoke", new Requests.RevokeLabelKey(Fixtures.requestId(), scenario.labelKeyId, "test"));
        put("labelkey:Get", new Requests.LabelKeyRef(scenario.labelKeyId));
        put("labelkey:List", new LabelKeyContract.KeyPage(5L, null));
        Requests.PackageRef r1 = new Requests.PackageRef(Fixtures.GTIN, Fixtures.LOT, "R00001");
        Requests.PackageRef r2 = new Requests.PackageRef(Fixtures.GTIN, Fixtures.LOT, "R00002");
        scenario.moveTo(Parties.MARKET, r1, r2);
        String receiptId = scenario.receive(r1, 9_000);
        String disputeId = scenario.expectOk(scenario.chain.submit(Parties.buyer(), "dispute:Open",
                scenario.qualityClaim(List.of("R00001")))).json().get("disputeId").asText();
        put("custody:HandOver", new Requests.HandOver(Fixtures.requestId(), List.of(r2), Parties.CARRIER, null));
        put("custody:Accept", new Requests.Accept(Fixtures.requestId(), List.of(r2)));
        put("custody:Get", r1);
        put("receipt:Record", scenario.weighing(r2, 10_000));
        put("receipt:Get", new Requests.ReceiptRef(receiptId));
        put("dispute:Open", new Requests.OpenDispute(Fixtures.requestId(), DisputeType.SHORT_WEIGHT, Fixtures.GTIN,
                Fixtures.LOT, List.of("R00001"), receiptId, "short", List.of()));
        put("dispute:Take", new Requests.TakeDispute(Fixtures.requestId(), disputeId));
        put("dispute:Resolve", new Requests.ResolveDispute(Fixtures.requestId(), disputeId, DisputeOutcome.UPHELD,
                Remedy.PARTIAL_REFUND, 100L, "r", RulingOrder.NONE, null));
        put("dispute:Withdraw", new Requests.WithdrawDispute(Fixtures.requestId(), disputeId, "r"));
        put("dispute:Get", new Requests.DisputeRef(disputeId));
        put("recall:Recall", new Requests.Recall(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, "r"));
        put("recall:Get", new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT));
        put("scan:Record", new Requests.RecordScan(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, "R00001",
                Parties.QIANXI, new GeoPoint(39_900_000L, 116_400_000L)));
        put("scan:SetPolicy", new Requests.SetScanPolicy(Fixtures.requestId(), 5L, 100L));
        put("scan:GetPolicy", new Requests.NoArguments());
        put("integrity:Get", new Requests.IntegrityRef(Parties.COOP, null));
        put("integrity:History", new Requests.IntegrityRef(Parties.COOP, null));
        put("trace:Package", r1);
        put("trace:Batch", new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT));
        put("trace:Label", new Requests.LabelRef(Fixtures.GTIN, Fixtures.LOT, "R00001", scenario.labelKeyId));
        List<Requests.LotSample> sample = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sample.add(new Requests.LotSample(String.format("R%05d", i), null, 10_000L));
        }
        put("lot:Inspect", new Requests.InspectLot(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, 1000L,
                "INDIVIDUAL", null, sample, "reference test"));
        put("lot:Get", new Requests.LotRef(Fixtures.GTIN, Fixtures.LOT, 1000L));
        put("profile:Set", ProfileContractTest.coop(ProfileContractTest.validCode()));
        put("profile:Get", new org.fairmark.domain.model.ProfileRequests.OrgRef(Parties.COOP));
        put("profile:List", new org.fairmark.domain.model.ProfileRequests.ProfilePage(5L, null));
        put("profile:Overview", new org.fairmark.domain.model.ProfileRequests.OverviewRef(Parties.COOP, 5L));
    }

    /** Counts of the hostile-input campaign ({@code -Dreliability.cases}, docs/reliability.md). */
    private static final Campaign MUTATED = Campaign.of("hostile.contract.mutated", 3000);
    private static final Campaign TEXT = Campaign.of("hostile.contract.text", 1500);

    @AfterAll
    static void report() {
        System.out.println(MUTATED.report());
        System.out.println(TEXT.report());
    }

    @Test
    void every_declared_transaction_is_fuzzed() {
        assertThat(validRequests.keySet()).containsExactlyInAnyOrderElementsOf(
                AccessControlTableTest.declaredTransactions().keySet());
    }

    private static void put(String function, Object request) {
        validRequests.put(function, CanonicalJson.tree(CanonicalJson.toBytes(request)));
    }

    @Test
    void mutated_requests_get_a_success_or_a_coded_error() {
        List<String> functions = List.copyOf(validRequests.keySet());
        Property.forAll(MUTATED.cases(), random -> {
            String function = functions.get(random.nextInt(functions.size()));
            JsonNode mutated = mutate(validRequests.get(function).deepCopy(), random.nextInt(1000), value(random));
            if (random.nextInt(4) == 0) { // a second mutation reaches combinations of bad fields
                mutated = mutate(mutated, random.nextInt(1000), value(random));
            }
            return new Object[] {function, WHO.get(random.nextInt(WHO.size())), mutated.toString()};
        }, input -> assertCoded(MUTATED, scenario.chain.evaluate((Identity) input[1], (String) input[0], input[2]),
                (String) input[0], (String) input[2]));
    }

    @Test
    void arbitrary_text_gets_a_coded_error() {
        List<String> functions = List.copyOf(validRequests.keySet());
        Property.forAll(TEXT.cases(), random -> new String[] {
                    functions.get(random.nextInt(functions.size())),
                    random.nextBoolean() ? Property.anyString(random, 200)
                            : Property.from(random, "{}[]\":,0123456789abcnulltrue-.eE ", 0, 60)},
                input -> assertCoded(TEXT, scenario.chain.evaluate(Parties.producer(), input[0], input[1]), input[0], input[1]));
    }

    private static void assertCoded(Campaign campaign, Outcome outcome, String function, String input) {
        campaign.ran();
        if (outcome.ok()) {
            campaign.accepted();
        } else if (outcome.code() == null || outcome.code() == ErrorCode.INTERNAL_ERROR) {
            campaign.uncoded();
        }
        if (!outcome.ok()) {
            assertThat(outcome.code()).as(function + " " + input + " → " + outcome).isNotNull()
                    .isNotEqualTo(ErrorCode.INTERNAL_ERROR);
        }
    }

    /** Replaces the value at one of the request's paths (chosen by index modulo their number). */
    private static JsonNode mutate(JsonNode root, int pathChoice, JsonNode replacement) {
        List<Object[]> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return replacement;
        }
        Object[] slot = slots.get(Math.floorMod(pathChoice, slots.size() + 1) % slots.size());
        if (slot[0] instanceof ObjectNode object) {
            object.set((String) slot[1], replacement);
        } else {
            ((ArrayNode) slot[0]).set((Integer) slot[1], replacement);
        }
        return root;
    }

    private static void collect(JsonNode node, List<Object[]> slots) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                slots.add(new Object[] {object, name});
                collect(object.get(name), slots);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Object[] {array, i});
                collect(array.get(i), slots);
            }
        }
    }

    /** A replacement value: text, ids with awkward characters, edge and random numbers, other JSON types. */
    static JsonNode value(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(8)) {
            case 0 -> f.textNode(Property.anyString(random, 40));
            case 1 -> f.textNode(Property.from(random, "0123456789ABCXYZ-_./ \u0000\u4e2d", 0, 25));
            case 2 -> f.numberNode(random.nextLong());
            case 3 -> f.numberNode(Property.longBetween(random, -1, 500_000_001L));
            case 4 -> f.numberNode(random.nextDouble() * 1e6);
            case 5 -> List.of(f.nullNode(), f.booleanNode(true), f.arrayNode(), f.objectNode(), f.textNode(""),
                    f.textNode("2026-02-30"), f.textNode("PASS"), f.textNode("FAIL"), f.numberNode(Long.MAX_VALUE),
                    f.numberNode(Long.MIN_VALUE), f.numberNode(50_001L)).get(random.nextInt(11));
            case 6 -> f.objectNode().set("x", f.arrayNode().add(Property.anyString(random, 5)).add(random.nextLong()));
            default -> f.textNode(Property.wellFormedString(random, 30));
        };
    }
}
