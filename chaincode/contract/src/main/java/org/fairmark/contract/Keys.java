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
    /** [mspId, client hash, requestId] → RequestRecord: idempotency. */
    static final String REQUEST = "request";

    private Keys() {}
}
