package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.OrgKind;
import org.fairmark.domain.model.ProfileRequests;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.LotInspection;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.RulingOrder;
import org.fairmark.domain.model.Verdict;
import org.fairmark.network.EmbeddedNetwork;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust promise, tried the way an org that wants to forge another's facts would: a transaction with a valid
 * request and a real client identity of the owner's org, but endorsed only by peers of other organizations
 * (fabric-gateway's {@code endorsingOrganizations}). For every record kind, creation and change, every such coalition
 * short of the chaincode policy's majority ends {@code ENDORSEMENT_POLICY_FAILURE}; a change of an existing record
 * fails even when every other organization endorses it (the key-level policy names the owner). After each refused
 * attempt the same request goes through the library the honest way and succeeds: the refused one was valid and
 * changed nothing.
 */
class TrustModelIT {
    private static final List<String> ORGS = List.of("CoopMSP", "BureauMSP", "CarrierMSP", "MarketMSP");

    @TempDir
    static Path dataDir;

    static TestLedger ledger;
    static final Map<String, Gateway> gateways = new HashMap<>();
    static final Map<String, Contract> contracts = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        ledger = new TestLedger(dataDir);
        for (String name : List.of(EmbeddedNetwork.PRODUCER, EmbeddedNetwork.PACKER, EmbeddedNetwork.INSPECTOR,
                EmbeddedNetwork.CARRIER, EmbeddedNetwork.BUYER, EmbeddedNetwork.AUDITOR, "admin@coop")) {
            FairmarkIdentity identity = ledger.identity(name);
            Gateway gateway = Gateway.newInstance()
                    .identity(new X509Identity(identity.mspId(), identity.certificate()))
                    .signer(Signers.newPrivateKeySigner(identity.privateKey()))
                    .hash(Hash.SHA256)
                    .connection(ledger.network.inProcessChannel())
                    .connect();
            gateways.put(name, gateway);
            contracts.put(name, gateway.getNetwork(ledger.network.channelName())
                    .getContract(ledger.network.chaincodeName()));
        }
    }

    @AfterAll
    static void stop() {
        gateways.values().forEach(Gateway::close);
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void the_embedded_network_defaults_to_a_majority_of_the_organizations() {
        assertThat(ledger.network.endorsementPolicy())
                .isEqualTo("OutOf(3, 'CoopMSP.peer', 'BureauMSP.peer', 'CarrierMSP.peer', 'MarketMSP.peer')");
    }

    @Test
    void batches_standards_and_inspections_cannot_be_created_without_their_owner() {
        String lot = TestLedger.newLot();
        Requests.RegisterBatch batch = TestLedger.registration(lot, 1_000_000L);
        refusedCreation(EmbeddedNetwork.PRODUCER, "CoopMSP", "batch:Register", batch);
        ledger.producer.producer().registerBatch(batch);

        Requests.PublishStandard standard = new Requests.PublishStandard(null,
                TestLedger.chestnutStandard("FM-TRUST-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase()));
        refusedCreation(EmbeddedNetwork.INSPECTOR, "BureauMSP", "standard:Publish", standard);
        ledger.inspector.inspector().publishStandard(standard);

        Requests.RecordInspection inspection = new Requests.RecordInspection(null, TestLedger.GTIN, lot,
                ledger.standardCode, "2024", 50L, 5_000L, Map.of("defect_rate_permille", 12L), null, null, 180L, null,
                "sampled at the station");
        refusedCreation(EmbeddedNetwork.INSPECTOR, "BureauMSP", "inspection:Record", inspection);
        assertThat(ledger.producer.participant().inspections(TestLedger.GTIN, lot)).isEmpty();
        ledger.inspector.inspector().recordInspection(inspection);
    }

    @Test
    void lot_inspections_cannot_be_created_without_their_owner_and_a_failing_lot_stays_put() {
        String lot = ledger.certifiedBatch();
        PackResult packed = ledger.pack(lot, ledger.registeredSigner(), 4);
        List<Requests.LotSample> failing = new ArrayList<>();
        List<Requests.LotSample> passing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String serial = packed.serials().get(i);
            failing.add(new Requests.LotSample(serial, null, i == 0 ? 4_600L : 5_000L)); // 40 g short: a T2 error
            passing.add(new Requests.LotSample(serial, null, 5_010L));
        }
        Requests.InspectLot inspect = new Requests.InspectLot(null, TestLedger.GTIN, lot, 500L, "INDIVIDUAL", null,
                failing, "reference test");
        refusedCreation(EmbeddedNetwork.INSPECTOR, "BureauMSP", "lot:Inspect", inspect);
        assertThat(ledger.producer.participant().lotInspections(TestLedger.GTIN, lot, 500L)).isEmpty();
        LotInspection failed = ledger.inspector.inspector().inspectLot(inspect);
        assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(failed.lotSize()).isEqualTo(4);
        assertThat(failed.t2Count()).isEqualTo(1);

        Requests.HandOver handOver = new Requests.HandOver(null, TestLedger.refs(lot, packed.serials()), "CarrierMSP", null);
        FairmarkException refused = catchThrowableOfType(FairmarkException.class,
                () -> ledger.packer.packer().handOver(handOver));
        assertThat(refused.code()).isEqualTo(ErrorCode.LOT_INSPECTION_FAILED);

        ledger.inspector.inspector().inspectLot(new Requests.InspectLot(null, TestLedger.GTIN, lot, 500L, "INDIVIDUAL",
                null, passing, "re-inspection after re-filling"));
        assertThat(ledger.producer.participant().lotInspections(TestLedger.GTIN, lot, 500L))
                .extracting(LotInspection::verdict).containsExactly(Verdict.PASS, Verdict.FAIL);
        ledger.packer.packer().handOver(handOver);
    }

    @Test
    void label_keys_and_packing_runs_cannot_be_created_or_revoked_without_their_owner() {
        LabelSigner signer = LabelSigner.generate();
        Requests.RegisterLabelKey register = new Requests.RegisterLabelKey(null, signer.publicKeyBase64());
        refusedCreation(EmbeddedNetwork.PACKER, "CoopMSP", "labelkey:Register", register);
        ledger.packer.packer().registerLabelKey(register);

        String lot = ledger.certifiedBatch();
        Requests.Pack pack = new Requests.Pack(null, TestLedger.GTIN, lot, TestLedger.today().toString(),
                signer.keyId(), List.of(new Requests.PackageSpec("T0001", null, 500L, null)));
        refusedCreation(EmbeddedNetwork.PACKER, "CoopMSP", "packaging:Pack", pack);
        assertThat(ledger.producer.participant().allPackages(TestLedger.GTIN, lot)).isEmpty();
        ledger.packer.packer().pack(pack);

        Requests.RevokeLabelKey revoke = new Requests.RevokeLabelKey(null, signer.keyId(), "key lost");
        refusedChange(EmbeddedNetwork.PACKER, "CoopMSP", "labelkey:Revoke", revoke);
        assertThat(ledger.producer.participant().labelKey(signer.keyId()).revoked()).isFalse();
        ledger.packer.packer().revokeLabelKey(revoke);
    }

    @Test
    void custody_cannot_move_without_the_holder_even_at_the_first_hand_over() {
        String lot = ledger.certifiedBatch();
        PackResult packed = ledger.pack(lot, ledger.registeredSigner(), 2);
        List<Requests.PackageRef> refs = TestLedger.refs(lot, packed.serials());

        Requests.HandOver handOver = new Requests.HandOver(null, refs, "CarrierMSP", null);
        refusedChange(EmbeddedNetwork.PACKER, "CoopMSP", "custody:HandOver", handOver);
        assertThat(ledger.carrier.participant().custody(TestLedger.GTIN, lot, packed.serials().get(0)).status())
                .isEqualTo(org.fairmark.domain.model.Custody.CustodyStatus.HELD);
        ledger.packer.packer().handOver(handOver);

        // In transit the record is bound to both the holder and the receiver: neither moves it alone.
        Requests.Accept accept = new Requests.Accept(null, refs);
        refused(EmbeddedNetwork.CARRIER, "custody:Accept", accept, List.of(
                List.of("CarrierMSP"), List.of("BureauMSP", "MarketMSP"), List.of("CarrierMSP", "BureauMSP", "MarketMSP")));
        ledger.carrier.carrier().accept(accept);
        assertThat(ledger.buyer.participant().custody(TestLedger.GTIN, lot, packed.serials().get(0)).holderOrg())
                .isEqualTo("CarrierMSP");
    }

    @Test
    void receipts_disputes_rulings_recalls_and_scan_policies_cannot_be_forged() {
        String lot = ledger.certifiedBatch();
        PackResult packed = ledger.pack(lot, ledger.registeredSigner(), 3);
        List<Requests.PackageRef> refs = TestLedger.refs(lot, packed.serials());
        ledger.packer.packer().handOver(new Requests.HandOver(null, refs, "MarketMSP", null));
        ledger.buyer.buyer().accept(new Requests.Accept(null, refs));

        // A receipt also writes the producer's integrity facts: both need the buyer's org.
        Requests.RecordReceipt receiptRequest = new Requests.RecordReceipt(null, "scale-01", null, List.of(
                new Requests.Weighing(TestLedger.GTIN, lot, packed.serials().get(0), 5_000L),
                new Requests.Weighing(TestLedger.GTIN, lot, packed.serials().get(1), 4_700L),
                new Requests.Weighing(TestLedger.GTIN, lot, packed.serials().get(2), 5_010L)));
        long weighedBefore = ledger.auditor.participant().integrity("CoopMSP", null).packagesWeighed();
        refusedCreation(EmbeddedNetwork.BUYER, "MarketMSP", "receipt:Record", receiptRequest);
        assertThat(ledger.auditor.participant().integrity("CoopMSP", null).packagesWeighed()).isEqualTo(weighedBefore);
        Receipt receipt = ledger.buyer.buyer().recordReceipt(receiptRequest);

        Requests.OpenDispute open = new Requests.OpenDispute(null, DisputeType.SHORT_WEIGHT, TestLedger.GTIN, lot,
                List.of(packed.serials().get(1)), receipt.receiptId(), "short by 30 g", List.of());
        refusedCreation(EmbeddedNetwork.BUYER, "MarketMSP", "dispute:Open", open);
        Dispute dispute = ledger.buyer.buyer().openDispute(open);

        Requests.TakeDispute take = new Requests.TakeDispute(null, dispute.disputeId());
        refusedCreation(EmbeddedNetwork.INSPECTOR, "BureauMSP", "dispute:Take", take);
        ledger.inspector.inspector().takeDispute(take);

        Requests.ResolveDispute resolve = new Requests.ResolveDispute(null, dispute.disputeId(),
                DisputeOutcome.UPHELD, Remedy.PARTIAL_REFUND, 300L, "weighed short", RulingOrder.NONE, null);
        refusedChange(EmbeddedNetwork.INSPECTOR, "BureauMSP", "dispute:Resolve", resolve);
        assertThat(ledger.buyer.participant().dispute(dispute.disputeId()).review().outcome()).isNull();
        ledger.inspector.inspector().resolveDispute(resolve);

        Requests.OpenDispute other = new Requests.OpenDispute(null, DisputeType.OTHER, TestLedger.GTIN, lot, List.of(),
                null, "labels smudged", List.of());
        Dispute second = ledger.buyer.buyer().openDispute(other);
        Requests.WithdrawDispute withdraw = new Requests.WithdrawDispute(null, second.disputeId(), "settled");
        refusedChange(EmbeddedNetwork.BUYER, "MarketMSP", "dispute:Withdraw", withdraw);
        ledger.buyer.buyer().withdrawDispute(withdraw);

        Requests.Recall recall = new Requests.Recall(null, TestLedger.GTIN, lot, "mould found");
        refusedCreation(EmbeddedNetwork.PRODUCER, "CoopMSP", "recall:Recall", recall);
        assertThat(ledger.buyer.participant().batch(TestLedger.GTIN, lot).status().name()).isNotEqualTo("RECALLED");
        ledger.producer.producer().recallBatch(recall);

        Requests.SetScanPolicy first = new Requests.SetScanPolicy(null, 50L, 400L);
        refusedCreation(EmbeddedNetwork.AUDITOR, "BureauMSP", "scan:SetPolicy", first);
        ledger.auditor.auditor().setScanPolicy(first);
        Requests.SetScanPolicy changed = new Requests.SetScanPolicy(null, 10_000L, 2_000L);
        refusedChange(EmbeddedNetwork.AUDITOR, "BureauMSP", "scan:SetPolicy", changed);
        assertThat(ledger.buyer.participant().scanPolicy().maxScans()).isEqualTo(50L);
        ledger.auditor.auditor().setScanPolicy(changed);
    }

    @Test
    void label_scans_cannot_be_recorded_in_another_orgs_name() {
        String lot = ledger.certifiedBatch();
        PackResult packed = ledger.pack(lot, ledger.registeredSigner(), 1);
        Requests.RecordScan scan = new Requests.RecordScan(null, TestLedger.GTIN, lot, packed.serials().get(0),
                "110105", null);
        refusedCreation(EmbeddedNetwork.BUYER, "MarketMSP", "scan:Record", scan);
        assertThat(ledger.buyer.participant().recordScan(scan).scanCount()).isEqualTo(1L);
    }

    @Test
    void profiles_cannot_be_created_or_changed_without_their_org() {
        String organization = "FM000009";
        String first17 = "93" + TestLedger.COUNTY + organization
                + org.fairmark.domain.SocialCreditCode.organizationCheckCharacter(organization);
        ProfileRequests.SetProfile profile = new ProfileRequests.SetProfile(null, "迁西县信任测试合作社", "Trust test cooperative",
                first17 + org.fairmark.domain.SocialCreditCode.checkCharacter(first17), TestLedger.COUNTY, OrgKind.COOPERATIVE);
        FairmarkClient admin = ledger.producer.withIdentity(ledger.identity("admin@coop"));
        boolean exists;
        try {
            admin.participant().profile("CoopMSP");
            exists = true;
        } catch (FairmarkException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.PROFILE_NOT_FOUND);
            exists = false;
        }
        if (!exists) {
            refusedCreation("admin@coop", "CoopMSP", "profile:Set", profile);
            admin.admin().setProfile(profile);
        }
        ProfileRequests.SetProfile renamed = new ProfileRequests.SetProfile(null, "冒名合作社", "Impostor", profile.socialCreditCode(),
                TestLedger.COUNTY, OrgKind.COOPERATIVE);
        refusedChange("admin@coop", "CoopMSP", "profile:Set", renamed);
        assertThat(admin.participant().profile("CoopMSP").nameEn()).isNotEqualTo("Impostor");
    }

    /** A new record: every coalition of other orgs smaller than the majority is refused. */
    private static void refusedCreation(String identity, String ownerOrg, String function, Requests.Write request) {
        List<String> others = others(ownerOrg);
        List<List<String>> coalitions = new ArrayList<>();
        for (String org : others) {
            coalitions.add(List.of(org));
        }
        for (int i = 0; i < others.size(); i++) {
            for (int j = i + 1; j < others.size(); j++) {
                coalitions.add(List.of(others.get(i), others.get(j)));
            }
        }
        refused(identity, function, request, coalitions);
    }

    /** A change of an owned record: every coalition of other orgs, all of them together included, is refused. */
    private static void refusedChange(String identity, String ownerOrg, String function, Requests.Write request) {
        List<String> others = others(ownerOrg);
        List<List<String>> coalitions = new ArrayList<>();
        for (String org : others) {
            coalitions.add(List.of(org));
        }
        coalitions.add(others);
        refused(identity, function, request, coalitions);
    }

    private static void refused(String identity, String function, Requests.Write request,
            List<List<String>> coalitions) {
        Contract contract = contracts.get(identity);
        for (List<String> coalition : coalitions) {
            byte[] json = Json.request(request.requestId() != null ? request
                    : Requests.withRequestId(request, UUID.randomUUID().toString()));
            TxValidationCode code = code(() -> {
                try {
                    return contract.newProposal(function)
                            .addArguments(json)
                            .setEndorsingOrganizations(coalition.toArray(String[]::new))
                            .build()
                            .endorse()
                            .submitAsync()
                            .getStatus()
                            .getCode();
                } catch (Exception e) {
                    throw new AssertionError(function + " endorsed by " + coalition + " did not reach the orderer: "
                            + e + " " + new String(json, StandardCharsets.UTF_8), e);
                }
            });
            assertThat(code)
                    .as("%s by %s endorsed only by %s", function, identity, coalition)
                    .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        }
    }

    private static TxValidationCode code(Supplier<TxValidationCode> attempt) {
        return attempt.get();
    }

    private static List<String> others(String ownerOrg) {
        List<String> others = new ArrayList<>(ORGS);
        others.remove(ownerOrg);
        return others;
    }
}
