package org.fairmark.domain.model;

import java.util.List;
import java.util.Map;

/**
 * The contract's transaction names, {@code contract:Function} as Fabric routes them, beside the {@link Requests}
 * they take. The client library, the CLI and the tests name transactions with these; the contract's tests check that
 * {@link #ALL} is exactly the set of transactions the contract declares.
 */
public final class ContractFunctions {
    public static final String BATCH_GET = "batch:Get";
    public static final String BATCH_HISTORY = "batch:History";
    public static final String BATCH_LIST_PACKAGES = "batch:ListPackages";
    public static final String BATCH_REGISTER = "batch:Register";

    public static final String CUSTODY_ACCEPT = "custody:Accept";
    public static final String CUSTODY_GET = "custody:Get";
    public static final String CUSTODY_HAND_OVER = "custody:HandOver";

    public static final String DISPUTE_GET = "dispute:Get";
    public static final String DISPUTE_OPEN = "dispute:Open";
    public static final String DISPUTE_RESOLVE = "dispute:Resolve";
    public static final String DISPUTE_TAKE = "dispute:Take";
    public static final String DISPUTE_WITHDRAW = "dispute:Withdraw";

    public static final String INSPECTION_LIST = "inspection:List";
    public static final String INSPECTION_RECORD = "inspection:Record";

    public static final String INTEGRITY_GET = "integrity:Get";
    public static final String INTEGRITY_HISTORY = "integrity:History";

    public static final String LABELKEY_GET = "labelkey:Get";
    public static final String LABELKEY_LIST = "labelkey:List";
    public static final String LABELKEY_REGISTER = "labelkey:Register";
    public static final String LABELKEY_REVOKE = "labelkey:Revoke";

    public static final String LOT_GET = "lot:Get";
    public static final String LOT_INSPECT = "lot:Inspect";

    public static final String PACKAGING_GET_PACKAGE = "packaging:GetPackage";
    public static final String PACKAGING_PACK = "packaging:Pack";

    public static final String PROFILE_GET = "profile:Get";
    public static final String PROFILE_LIST = "profile:List";
    public static final String PROFILE_OVERVIEW = "profile:Overview";
    public static final String PROFILE_SET = "profile:Set";

    public static final String RECALL_GET = "recall:Get";
    public static final String RECALL_RECALL = "recall:Recall";

    public static final String RECEIPT_GET = "receipt:Get";
    public static final String RECEIPT_RECORD = "receipt:Record";

    public static final String SCAN_GET_POLICY = "scan:GetPolicy";
    public static final String SCAN_RECORD = "scan:Record";
    public static final String SCAN_SET_POLICY = "scan:SetPolicy";

    public static final String STANDARD_GET = "standard:Get";
    public static final String STANDARD_PUBLISH = "standard:Publish";

    public static final String TRACE_BATCH = "trace:Batch";
    public static final String TRACE_LABEL = "trace:Label";
    public static final String TRACE_PACKAGE = "trace:Package";

    /** Every transaction, sorted. */
    public static final List<String> ALL = List.of(
            BATCH_GET,
            BATCH_HISTORY,
            BATCH_LIST_PACKAGES,
            BATCH_REGISTER,
            CUSTODY_ACCEPT,
            CUSTODY_GET,
            CUSTODY_HAND_OVER,
            DISPUTE_GET,
            DISPUTE_OPEN,
            DISPUTE_RESOLVE,
            DISPUTE_TAKE,
            DISPUTE_WITHDRAW,
            INSPECTION_LIST,
            INSPECTION_RECORD,
            INTEGRITY_GET,
            INTEGRITY_HISTORY,
            LABELKEY_GET,
            LABELKEY_LIST,
            LABELKEY_REGISTER,
            LABELKEY_REVOKE,
            LOT_GET,
            LOT_INSPECT,
            PACKAGING_GET_PACKAGE,
            PACKAGING_PACK,
            PROFILE_GET,
            PROFILE_LIST,
            PROFILE_OVERVIEW,
            PROFILE_SET,
            RECALL_GET,
            RECALL_RECALL,
            RECEIPT_GET,
            RECEIPT_RECORD,
            SCAN_GET_POLICY,
            SCAN_RECORD,
            SCAN_SET_POLICY,
            STANDARD_GET,
            STANDARD_PUBLISH,
            TRACE_BATCH,
            TRACE_LABEL,
            TRACE_PACKAGE);

    /** The transaction of each write request type; every other transaction only reads. */
    public static final Map<Class<? extends Requests.Write>, String> WRITES = Map.ofEntries(
            Map.entry(Requests.RegisterBatch.class, BATCH_REGISTER),
            Map.entry(Requests.PublishStandard.class, STANDARD_PUBLISH),
            Map.entry(Requests.RecordInspection.class, INSPECTION_RECORD),
            Map.entry(Requests.InspectLot.class, LOT_INSPECT),
            Map.entry(ProfileRequests.SetProfile.class, PROFILE_SET),
            Map.entry(Requests.Pack.class, PACKAGING_PACK),
            Map.entry(Requests.RegisterLabelKey.class, LABELKEY_REGISTER),
            Map.entry(Requests.RevokeLabelKey.class, LABELKEY_REVOKE),
            Map.entry(Requests.HandOver.class, CUSTODY_HAND_OVER),
            Map.entry(Requests.Accept.class, CUSTODY_ACCEPT),
            Map.entry(Requests.RecordReceipt.class, RECEIPT_RECORD),
            Map.entry(Requests.OpenDispute.class, DISPUTE_OPEN),
            Map.entry(Requests.TakeDispute.class, DISPUTE_TAKE),
            Map.entry(Requests.ResolveDispute.class, DISPUTE_RESOLVE),
            Map.entry(Requests.WithdrawDispute.class, DISPUTE_WITHDRAW),
            Map.entry(Requests.Recall.class, RECALL_RECALL),
            Map.entry(Requests.RecordScan.class, SCAN_RECORD),
            Map.entry(Requests.SetScanPolicy.class, SCAN_SET_POLICY));

    private ContractFunctions() {}

    /** The transaction that takes {@code request}, or {@code null} when it is no write the contract knows. */
    public static String ofWrite(Requests.Write request) {
        return WRITES.get(request.getClass());
    }
}
