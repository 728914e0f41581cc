package org.fairmark.client;

/**
 * Why a label is not accepted as genuine. The first group is decided from the label and a trust bundle alone
 * (offline); the last group needs the ledger (online).
 */
public enum LabelRejection {
    /** Not a Fairmark label URI: wrong shape, unknown or repeated parameter, or a value of the wrong syntax. */
    MALFORMED,
    /** A Fairmark label cut short: a required parameter or part of the signature is missing. */
    TRUNCATED,
    /** The key id names no label key the verifier knows (a label re-signed with an unregistered key). */
    UNKNOWN_KEY,
    /** The label key was revoked by its owner. */
    KEY_REVOKED,
    /** The key belongs to an organization the trust bundle does not list. */
    UNTRUSTED_ORGANIZATION,
    /**
     * The key's organization may not label this product: the trust bundle does not bind the GTIN's GS1 company
     * prefix to it (a label of one organization's product signed with another organization's registered key).
     */
    KEY_NOT_BOUND_TO_GTIN,
    /**
     * The signature does not verify with the named key: the claim was altered, the signature forged, or the label was
     * re-signed by another key while keeping the key id.
     */
    BAD_SIGNATURE,
    /** The trust bundle is past its validity; export a fresh one. */
    BUNDLE_EXPIRED,
    /** Online: the ledger has no package with the label's GTIN, lot and serial. */
    PACKAGE_UNKNOWN,
    /** Online: the package was packed under another label key (a valid signature by some other packer's key). */
    KEY_MISMATCH,
    /** Online: grade, net mass, packing date or origin differ from what the ledger recorded for the package. */
    CLAIM_MISMATCH
}
