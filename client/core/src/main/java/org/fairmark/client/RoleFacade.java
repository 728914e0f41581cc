package org.fairmark.client;

import com.fasterxml.jackson.databind.JavaType;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairmark.domain.DisputeRules;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.BatchHistory;
import org.fairmark.domain.model.BatchStatus;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.ContractFunctions;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeStatus;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.LotInspection;
import org.fairmark.domain.model.IntegrityPoint;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.LabelTrace;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Page;
import org.fairmark.domain.model.PublishedStandard;
import org.fairmark.domain.model.RecallRecord;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Scan;
import org.fairmark.domain.model.ScanPolicy;
import org.fairmark.domain.model.Trace;

/** Every role facade of one client: the contract's transactions as typed calls. */
final class RoleFacade implements Producer, Inspector, Packer, Carrier, Buyer, Auditor, OrgAdmin {
    private static final JavaType PACKAGE_PAGE = Json.parametric(Page.class, PackageRecord.class);
    private static final JavaType KEY_PAGE = Json.parametric(Page.class, LabelKey.class);
    private static final JavaType CUSTODY_LIST = Json.listOf(Custody.class);
    private static final JavaType INSPECTION_LIST = Json.listOf(Inspection.class);
    private static final JavaType LOT_INSPECTION_LIST = Json.listOf(LotInspection.class);
    private static final JavaType PROFILE_PAGE = Json.parametric(Page.class, org.fairmark.domain.model.OrgProfile.class);
    private static final JavaType INTEGRITY_HISTORY = Json.listOf(IntegrityPoint.class);

    private final java.util.function.Supplier<ContractCalls> calls;

    RoleFacade(java.util.function.Supplier<ContractCalls> calls) {
        this.calls = calls;
    }

    private ContractCalls tx() {
        return calls.get();
    }

    private <T> T read(String function, Object request, Class<T> type) {
        return tx().evaluate(function, request, Json.type(type));
    }

    private <T> T write(String function, Requests.Write request, Class<T> type) {
        Objects.requireNonNull(request, "request == null");
        return tx().submit(function, request, Json.type(type));
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    // ---- Participant ----------------------------------------------------------------------------------------

    @Override
    public BatchView batch(String gtin, String lot) {
        return read(ContractFunctions.BATCH_GET, new Requests.BatchRef(gtin, lot), BatchView.class);
    }

    @Override
    public Page<PackageRecord> packages(String gtin, String lot, Long pageSize, String bookmark) {
        return tx().evaluate(
                ContractFunctions.BATCH_LIST_PACKAGES, new Requests.BatchPage(gtin, lot, pageSize, bookmark), PACKAGE_PAGE);
    }

    @Override
    public List<PackageRecord> allPackages(String gtin, String lot) {
        List<PackageRecord> all = new ArrayList<>();
        String bookmark = null;
        do {
            Page<PackageRecord> page = packages(gtin, lot, 1000L, bookmark);
            all.addAll(page.records());
            bookmark = page.bookmark();
        } while (bookmark != null && !bookmark.isEmpty());
        return List.copyOf(all);
    }

    @Override
    public BatchHistory batchHistory(String gtin, String lot) {
        return read(ContractFunctions.BATCH_HISTORY, new Requests.BatchRef(gtin, lot), BatchHistory.class);
    }

    @Override
    public PublishedStandard standard(String code, String version) {
        return read(ContractFunctions.STANDARD_GET, new Requests.StandardRef(code, version), PublishedStandard.class);
    }

    @Override
    public List<Inspection> inspections(String gtin, String lot) {
        return tx().evaluate(ContractFunctions.INSPECTION_LIST, new Requests.BatchRef(gtin, lot), INSPECTION_LIST);
    }

    @Override
    public List<LotInspection> lotInspections(String gtin, String lot, long nominalMassGrams) {
        return tx().evaluate(ContractFunctions.LOT_GET, new Requests.LotRef(gtin, lot, nominalMassGrams), LOT_INSPECTION_LIST);
    }

    @Override
    public PackageRecord packageRecord(String gtin, String lot, String serial) {
        return read(ContractFunctions.PACKAGING_GET_PACKAGE, new Requests.PackageRef(gtin, lot, serial), PackageRecord.class);
    }

    @Override
    public LabelKey labelKey(String keyId) {
        return read(ContractFunctions.LABELKEY_GET, new Requests.LabelKeyRef(keyId), LabelKey.class);
    }

    @Override
    public Page<LabelKey> labelKeys(Long pageSize, String bookmark) {
        return tx().evaluate(ContractFunctions.LABELKEY_LIST, fields("pageSize", pageSize, "bookmark", bookmark), KEY_PAGE);
    }

    @Override
    public Custody custody(String gtin, String lot, String serial) {
        return read(ContractFunctions.CUSTODY_GET, new Requests.PackageRef(gtin, lot, serial), Custody.class);
    }

    @Override
    public Receipt receipt(String receiptId) {
        return read(ContractFunctions.RECEIPT_GET, new Requests.ReceiptRef(receiptId), Receipt.class);
    }

    @Override
    public Dispute dispute(String disputeId) {
        return read(ContractFunctions.DISPUTE_GET, new Requests.DisputeRef(disputeId), Dispute.class);
    }

    @Override
    public RecallRecord recall(String gtin, String lot) {
        return read(ContractFunctions.RECALL_GET, new Requests.BatchRef(gtin, lot), RecallRecord.class);
    }

    @Override
    public ScanPolicy scanPolicy() {
        return read(ContractFunctions.SCAN_GET_POLICY, Map.of(), ScanPolicy.class);
    }

    @Override
    public IntegrityRecord integrity(String org, String producerId) {
        return read(ContractFunctions.INTEGRITY_GET, new Requests.IntegrityRef(org, producerId), IntegrityRecord.class);
    }

    @Override
    public List<IntegrityPoint> integrityHistory(String org, String producerId) {
        return tx().evaluate(
                ContractFunctions.INTEGRITY_HISTORY, new Requests.IntegrityRef(org, producerId), INTEGRITY_HISTORY);
    }

    @Override
    public org.fairmark.domain.model.OrgProfile profile(String org) {
        return read(ContractFunctions.PROFILE_GET, new org.fairmark.domain.model.ProfileRequests.OrgRef(org),
                org.fairmark.domain.model.OrgProfile.class);
    }

    @Override
    public List<org.fairmark.domain.model.OrgProfile> profiles() {
        List<org.fairmark.domain.model.OrgProfile> all = new ArrayList<>();
        String bookmark = null;
        do {
            Page<org.fairmark.domain.model.OrgProfile> page = tx().evaluate(ContractFunctions.PROFILE_LIST,
                    new org.fairmark.domain.model.ProfileRequests.ProfilePage(1000L, bookmark), PROFILE_PAGE);
            all.addAll(page.records());
            bookmark = page.bookmark();
        } while (bookmark != null && !bookmark.isEmpty());
        return List.copyOf(all);
    }

    @Override
    public org.fairmark.domain.model.OrgOverview overview(String org, Long limit) {
        return read(ContractFunctions.PROFILE_OVERVIEW, new org.fairmark.domain.model.ProfileRequests.OverviewRef(org, limit),
                org.fairmark.domain.model.OrgOverview.class);
    }

    // ---- OrgAdmin -------------------------------------------------------------------------------------------

    @Override
    public org.fairmark.domain.model.OrgProfile setProfile(org.fairmark.domain.model.ProfileRequests.SetProfile request) {
        return write(ContractFunctions.PROFILE_SET, request, org.fairmark.domain.model.OrgProfile.class);
    }

    @Override
    public Trace tracePackage(String gtin, String lot, String serial) {
        return read(ContractFunctions.TRACE_PACKAGE, new Requests.PackageRef(gtin, lot, serial), Trace.class);
    }

    @Override
    public Trace traceBatch(String gtin, String lot) {
        return read(ContractFunctions.TRACE_BATCH, new Requests.BatchRef(gtin, lot), Trace.class);
    }

    @Override
    public Scan recordScan(Requests.RecordScan request) {
        return write(ContractFunctions.SCAN_RECORD, request, Scan.class);
    }

    @Override
    public OnlineVerification verifyLabel(String labelUri) {
        return verifyOnline(labelUri, null);
    }

    @Override
    public OnlineVerification verifyLabel(String labelUri, ScanPlace place) {
        return verifyOnline(labelUri, Objects.requireNonNull(place, "place == null"));
    }

    // ---- Producer -------------------------------------------------------------------------------------------

    @Override
    public BatchView registerBatch(Requests.RegisterBatch request) {
        return write(ContractFunctions.BATCH_REGISTER, request, BatchView.class);
    }

    @Override
    public RecallRecord recallBatch(Requests.Recall request) {
        return write(ContractFunctions.RECALL_RECALL, request, RecallRecord.class);
    }

    // ---- Inspector ------------------------------------------------------------------------------------------

    @Override
    public PublishedStandard publishStandard(Requests.PublishStandard request) {
        return write(ContractFunctions.STANDARD_PUBLISH, request, PublishedStandard.class);
    }

    @Override
    public Inspection recordInspection(Requests.RecordInspection request) {
        return write(ContractFunctions.INSPECTION_RECORD, request, Inspection.class);
    }

    @Override
    public LotInspection inspectLot(Requests.InspectLot request) {
        return write(ContractFunctions.LOT_INSPECT, request, LotInspection.class);
    }

    @Override
    public Dispute takeDispute(Requests.TakeDispute request) {
        return write(ContractFunctions.DISPUTE_TAKE, request, Dispute.class);
    }

    @Override
    public Dispute resolveDispute(Requests.ResolveDispute request) {
        Transactions.check(() -> DisputeRules.requireRuling(Objects.requireNonNull(request, "request == null")));
        return write(ContractFunctions.DISPUTE_RESOLVE, request, Dispute.class);
    }

    // ---- Packer ---------------------------------------------------------------------------------------------

    @Override
    public LabelKey registerLabelKey(Requests.RegisterLabelKey request) {
        return write(ContractFunctions.LABELKEY_REGISTER, request, LabelKey.class);
    }

    @Override
    public LabelKey registerLabelKey(LabelSigner signer) {
        Objects.requireNonNull(signer, "signer == null");
        return registerLabelKey(new Requests.RegisterLabelKey(null, signer.publicKeyBase64()));
    }

    @Override
    public LabelKey revokeLabelKey(Requests.RevokeLabelKey request) {
        return write(ContractFunctions.LABELKEY_REVOKE, request, LabelKey.class);
    }

    @Override
    public PackResult pack(Requests.Pack request) {
        return write(ContractFunctions.PACKAGING_PACK, request, PackResult.class);
    }

    @Override
    public List<SignedLabel> signLabels(PackResult packed, LabelSigner signer, String resolver) {
        Objects.requireNonNull(packed, "packed == null");
        Objects.requireNonNull(signer, "signer == null");
        SignedLabel.requireResolver(resolver);
        if (!signer.keyId().equals(packed.run().labelKeyId())) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "the packing run used label key "
                    + packed.run().labelKeyId() + ", the signer holds " + signer.keyId());
        }
        BatchView view = batch(packed.run().gtin(), packed.run().lot());
        if (view.status() == BatchStatus.RECALLED) {
            throw FairmarkException.client(ErrorCode.BATCH_RECALLED, "batch " + packed.run().gtin() + "/"
                    + packed.run().lot() + " is recalled: its packages may not be labelled");
        }
        LabelKey key = labelKey(signer.keyId());
        if (Boolean.TRUE.equals(key.revoked())) {
            throw FairmarkException.client(ErrorCode.LABEL_KEY_REVOKED, "label key " + key.keyId() + " was revoked at "
                    + key.revokedAt() + ": its labels would not verify");
        }
        Batch batch = view.batch();
        List<SignedLabel> labels = new ArrayList<>(packed.serials().size());
        for (String serial : packed.serials()) {
            PackageRecord pkg = packageRecord(batch.gtin(), batch.lot(), serial);
            labels.add(signer.sign(LabelClaim.of(pkg, batch), resolver));
        }
        return List.copyOf(labels);
    }

    // ---- custody --------------------------------------------------------------------------------------------

    @Override
    public List<Custody> handOver(Requests.HandOver request) {
        Objects.requireNonNull(request, "request == null");
        return tx().submit(ContractFunctions.CUSTODY_HAND_OVER, request, CUSTODY_LIST);
    }

    @Override
    public List<Custody> accept(Requests.Accept request) {
        Objects.requireNonNull(request, "request == null");
        return tx().submit(ContractFunctions.CUSTODY_ACCEPT, request, CUSTODY_LIST);
    }

    // ---- Buyer ----------------------------------------------------------------------------------------------

    @Override
    public Receipt recordReceipt(Requests.RecordReceipt request) {
        return write(ContractFunctions.RECEIPT_RECORD, request, Receipt.class);
    }

    @Override
    public Dispute openDispute(Requests.OpenDispute request) {
        Transactions.check(() -> DisputeRules.requireClaim(Objects.requireNonNull(request, "request == null")));
        return write(ContractFunctions.DISPUTE_OPEN, request, Dispute.class);
    }

    @Override
    public Dispute withdrawDispute(Requests.WithdrawDispute request) {
        return write(ContractFunctions.DISPUTE_WITHDRAW, request, Dispute.class);
    }

    // ---- Auditor --------------------------------------------------------------------------------------------

    @Override
    public ScanPolicy setScanPolicy(Requests.SetScanPolicy request) {
        return write(ContractFunctions.SCAN_SET_POLICY, request, ScanPolicy.class);
    }

    // ---- online verification --------------------------------------------------------------------------------

    private OnlineVerification verifyOnline(String labelUri, ScanPlace place) {
        SignedLabel label;
        try {
            label = SignedLabel.parse(labelUri);
        } catch (LabelFormatException e) {
            return rejected(LiveStatus.UNKNOWN, e.reason(), e.detail(), null, null);
        }
        LabelClaim claim = label.claim();
        // one evaluation: the label key and, when it exists and is not revoked, the package's trace
        LabelTrace found = labelTrace(claim);
        LabelKey key = found.key();
        if (key == null) {
            return rejected(LiveStatus.FORGED, LabelRejection.UNKNOWN_KEY,
                    "the ledger has no label key " + claim.keyId(), label, null);
        }
        if (Boolean.TRUE.equals(key.revoked())) {
            return rejected(LiveStatus.FORGED, LabelRejection.KEY_REVOKED,
                    "label key " + key.keyId() + " was revoked at " + key.revokedAt() + ": " + key.revocationReason(), label, null);
        }
        CryptoProvider crypto = CryptoProvider.fastest();
        PublicKey publicKey = crypto.cachedPublicKey(key.publicKey());
        if (publicKey == null || !crypto.verify(publicKey, claim.canonicalBytes(), label.signatureBytes())) {
            return rejected(LiveStatus.FORGED, LabelRejection.BAD_SIGNATURE,
                    "the signature does not verify with label key " + key.keyId() + ": the label was altered or forged",
                    label, null);
        }
        Trace trace = found.trace();
        if (trace == null) {
            return rejected(LiveStatus.FORGED, LabelRejection.PACKAGE_UNKNOWN,
                    "the ledger has no package " + claim.gtin() + " lot " + claim.lot() + " serial " + claim.serial(),
                    label, null);
        }
        PackageRecord pkg = trace.pkg();
        if (!claim.keyId().equals(pkg.labelKeyId())) {
            return rejected(LiveStatus.FORGED, LabelRejection.KEY_MISMATCH, "the package was packed under label key "
                    + pkg.labelKeyId() + ", the label is signed by " + claim.keyId() + " of " + key.ownerOrg(), label, null);
        }
        List<String> mismatches = new ArrayList<>();
        if (!claim.grade().equals(pkg.grade())) {
            mismatches.add("grade " + claim.grade() + " (ledger: " + pkg.grade() + ")");
        }
        if (claim.netMassGrams() != pkg.nominalMassGrams()) {
            mismatches.add("net mass " + claim.netMassGrams() + " g (ledger: " + pkg.nominalMassGrams() + " g)");
        }
        if (!claim.packingDate().toString().equals(pkg.packingDate())) {
            mismatches.add("packing date " + claim.packingDate() + " (ledger: " + pkg.packingDate() + ")");
        }
        String county = trace.batch().batch().origin().countyCode();
        if (!claim.countyCode().equals(county)) {
            mismatches.add("origin " + claim.countyCode() + " (ledger: " + county + ")");
        }
        if (!mismatches.isEmpty()) {
            return rejected(LiveStatus.FORGED, LabelRejection.CLAIM_MISMATCH,
                    "the label's claim differs from the ledger: " + String.join(", ", mismatches), label, null);
        }

        Scan scan = null;
        if (place != null) {
            scan = recordScan(new Requests.RecordScan(null, claim.gtin(), claim.lot(), claim.serial(),
                    place.countyCode(), place.point()));
        }
        List<String> warnings = new ArrayList<>();
        boolean cloned = (scan != null && Boolean.TRUE.equals(scan.cloneSuspected()))
                || (trace.scans() != null && Boolean.TRUE.equals(trace.scans().cloneSuspected()));
        if (cloned) {
            List<String> reasons = scan != null && !scan.reasons().isEmpty() ? scan.reasons()
                    : trace.scans() != null ? trace.scans().reasons() : List.of();
            warnings.add("clone suspected: " + (reasons.isEmpty() ? "implausible scans" : String.join("; ", reasons)));
        }
        for (Dispute dispute : trace.disputes()) {
            if (dispute.status() == DisputeStatus.RESOLVED && dispute.review() != null
                    && dispute.review().outcome() == DisputeOutcome.UPHELD) {
                warnings.add("ruling: " + dispute.type() + " claim " + dispute.disputeId() + " was upheld ("
                        + dispute.review().remedy() + ")");
            }
        }
        if (trace.custody() != null && trace.custody().status() == Custody.CustodyStatus.IN_TRANSIT) {
            warnings.add("in transit from " + trace.custody().holderOrg() + " to " + trace.custody().pendingOrg());
        }
        if (trace.recall() != null) {
            return new OnlineVerification(LiveStatus.RECALLED, null,
                    "the batch was recalled at " + trace.recall().recalledAt() + ": " + trace.recall().reason(), label,
                    trace, scan, warnings);
        }
        List<Dispute> open = trace.disputes().stream()
                .filter(dispute -> dispute.status() == DisputeStatus.OPEN || dispute.status() == DisputeStatus.UNDER_REVIEW)
                .toList();
        if (!open.isEmpty()) {
            Dispute first = open.get(0);
            return new OnlineVerification(LiveStatus.UNDER_DISPUTE, null,
                    open.size() + " dispute(s) open, e.g. " + first.type() + " " + first.disputeId() + " " + first.status(),
                    label, trace, scan, warnings);
        }
        return new OnlineVerification(LiveStatus.GENUINE, null,
                "genuine: signed by label key " + key.keyId() + " of " + key.ownerOrg() + " and matching the ledger",
                label, trace, scan, warnings);
    }

    /** {@code trace:Label}: the label key the claim names and, unless it is unknown or revoked, the package's trace. */
    private LabelTrace labelTrace(LabelClaim claim) {
        return read(ContractFunctions.TRACE_LABEL,
                new Requests.LabelRef(claim.gtin(), claim.lot(), claim.serial(), claim.keyId()), LabelTrace.class);
    }

    private static OnlineVerification rejected(
            LiveStatus status, LabelRejection reason, String detail, SignedLabel label, Trace trace) {
        return new OnlineVerification(status, reason, detail, label, trace, null, List.of());
    }
}
