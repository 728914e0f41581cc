package org.fairmark.contract;

/**
 * Composite-key object types. Every key is composite, per-record and owned by one org; no key is a counter that many
 * transactions would fight over.
 */
final class Keys {
    /** [gtin, lot] → Batch (producer org). */
    static final String BATCH = "batch";
    /** [gtin, lot, inspectionId] → Inspection (inspector org). */
    static final String INSPECTION = "inspection";
    /** [code, version] → PublishedStandard (publisher org). */
    static final String STANDARD = "standard";
    /** [gtin, lot, serial] → PackageRecord (packer org). */
    static final String PACKAGE = "package";
    /** [gtin, serial] → lot: serials are unique per GTIN (SGTIN), whatever the lot. */
    static final String SERIAL = "serial";
    /** [sscc] → package reference. */
    static final String SSCC = "sscc";
    /** [gtin, lot, packingId] → PackingRun (packer org); mass balance sums these. */
    static final String PACKING = "packing";
    /** [keyId] → LabelKey (owner org). */
    static final String LABEL_KEY = "label-key";
    /** [gtin, lot] → recall record (issue: trade half). */
    static final String RECALL = "recall";
    /** [gtin, serial] → Custody; absent until the first hand-over (the packer holds it). */
    static final String CUSTODY = "custody";
    /** [gtin, serial, handOverTxId] → CustodyHop (receiver org). */
    static final String HOP = "hop";
    /** [receiptId] → Receipt (receiver org). */
    static final String RECEIPT = "receipt";
    /** [gtin, serial, receiver org] → PackageWeighing: one weighing per package per receiving org. */
    static final String WEIGHING = "weighing";
    /** [gtin, lot, receiver org, receiptId] → marker: which orgs received packages of a batch. */
    static final String BATCH_RECEIPT = "batch-receipt";
    /** [disputeId] → Dispute, the claimant's part (claimant org). */
    static final String DISPUTE = "dispute";
    /** [disputeId] → Dispute.Review, the reviewer's part (reviewer org). */
    static final String REVIEW = "review";
    /** [gtin, lot, disputeId] → marker (claimant org). */
    static final String BATCH_DISPUTE = "batch-dispute";
    /** [gtin, serial, scanId] → Scan (scanner org). */
    static final String SCAN = "scan";
    /** [name] → channel parameters, e.g. the scan policy. */
    static final String CONFIG = "config";
    /** [producer org, kind, txId, producer id hash, gtin, lot] → Fact: integrity record events. */
    static final String FACT = "fact";
    /** [gtin, lot, nominal grams, inspectionId] → LotInspection (inspector org). */
    static final String LOT_INSPECTION = "lot-inspection";
    /** [mspId] → OrgProfile (that org). */
    static final String PROFILE = "profile";
    /** [mspId, client hash, requestId] → RequestRecord: idempotency. */
    static final String REQUEST = "request";

    private Keys() {}
}
