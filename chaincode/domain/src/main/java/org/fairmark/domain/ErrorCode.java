package org.fairmark.domain;

/**
 * The stable error codes of Fairmark, shared by the contract, the client, the CLI and the HTTP API.
 *
 * <p>A code's name travels from the contract to the client (as the prefix {@code "CODE: "} of the chaincode
 * error message and as the error payload), is mapped back to a typed exception, becomes the CLI's
 * {@code error: CODE: message} line; its exit code and the HTTP status of the API follow from its {@link Kind} in
 * {@code org.fairmark.presentation.ErrorPresentation} (client side, not in the chaincode jar). Names never change once
 * released; new codes are appended.
 */
public enum ErrorCode {
    // request shape
    MALFORMED_REQUEST(Kind.INVALID, "the request is not well-formed JSON of the expected shape"),
    PAYLOAD_TOO_LARGE(Kind.TOO_LARGE, "the request exceeds a size limit"),
    UNKNOWN_TRANSACTION(Kind.NOT_FOUND, "no such transaction"),
    INVALID_ARGUMENT(Kind.INVALID, "a field is missing or outside its allowed range"),
    INVALID_REQUEST_ID(Kind.INVALID, "the request id is missing or malformed"),
    REQUEST_ID_REUSED(Kind.CONFLICT, "the request id was already used for a different request"),

    // identifiers and values
    INVALID_GTIN(Kind.INVALID, "not a GTIN-14 with a valid check digit"),
    INVALID_LOT(Kind.INVALID, "not a GS1 AI (10) lot: 1..20 characters of GS1 character set 82"),
    INVALID_SERIAL(Kind.INVALID, "not a GS1 AI (21) serial: 1..20 characters of GS1 character set 82"),
    INVALID_SSCC(Kind.INVALID, "not an SSCC-18 with a valid check digit"),
    INVALID_COUNTY_CODE(Kind.INVALID, "not a GB/T 2260 county-level administrative code"),
    INVALID_DATE(Kind.INVALID, "not a valid ISO-8601 calendar date or not in the allowed range"),
    INVALID_MASS(Kind.INVALID, "a mass is not positive or exceeds its limit"),
    INVALID_HASH(Kind.INVALID, "not a lowercase hex SHA-256 digest"),
    INVALID_LOCATION(Kind.INVALID, "not a valid WGS84 point"),

    // identity and access
    IDENTITY_INVALID(Kind.UNAUTHENTICATED, "the submitter's identity cannot be read"),
    ROLE_NOT_ALLOWED(Kind.FORBIDDEN, "the submitter's fairmark.role may not perform this transaction"),
    WRONG_ORG(Kind.FORBIDDEN, "the submitter's organization may not act on this record"),
    OUT_OF_JURISDICTION(Kind.FORBIDDEN, "the record's county is outside the inspector's jurisdiction"),
    CONFLICT_OF_INTEREST(Kind.FORBIDDEN, "an inspector may not act on a record of their own organization or party"),

    // batches, standards, inspections
    BATCH_NOT_FOUND(Kind.NOT_FOUND, "no batch with that GTIN and lot"),
    BATCH_EXISTS(Kind.CONFLICT, "a batch with that GTIN and lot is already registered"),
    BATCH_STATUS_INVALID(Kind.CONFLICT, "the batch's status does not allow this transaction"),
    STANDARD_NOT_FOUND(Kind.NOT_FOUND, "no grading standard with that code and version"),
    STANDARD_EXISTS(Kind.CONFLICT, "that grading standard version is already published"),
    STANDARD_INVALID(Kind.INVALID, "the grading standard is not well-formed"),
    MEASUREMENT_MISSING(Kind.INVALID, "a measurement the standard needs was not supplied"),
    UNKNOWN_GRADE(Kind.INVALID, "the grade is not defined by the standard"),
    GRADE_UPGRADE_REFUSED(Kind.INVALID, "an inspector may downgrade, never upgrade, the derived grade"),
    INSPECTION_REQUIRED(Kind.CONFLICT, "the batch has no valid PASS inspection"),
    GRADE_EXCEEDS_CERTIFIED(Kind.CONFLICT, "the package grade is better than the certified grade"),
    MASS_BALANCE_EXCEEDED(Kind.CONFLICT, "packed nominal mass would exceed the batch's declared mass less the loss"),

    // packages and labels
    PACKAGE_EXISTS(Kind.CONFLICT, "a package with that serial is already packed"),
    PACKAGE_NOT_FOUND(Kind.NOT_FOUND, "no such package"),
    TOO_MANY_PACKAGES(Kind.TOO_LARGE, "too many packages in one transaction"),
    LABEL_KEY_EXISTS(Kind.CONFLICT, "a label key with that id is already registered"),
    LABEL_KEY_NOT_FOUND(Kind.NOT_FOUND, "no label key with that id"),
    LABEL_KEY_REVOKED(Kind.CONFLICT, "the label key is revoked"),
    INVALID_PUBLIC_KEY(Kind.INVALID, "not an EC P-256 public key"),

    // trade half: custody, receipts, disputes, recalls, scans
    NOT_HOLDER(Kind.FORBIDDEN, "only the current holder may hand over or receive the package"),
    HANDOVER_NOT_PENDING(Kind.CONFLICT, "no hand-over to the submitter is pending for the package"),
    BATCH_RECALLED(Kind.CONFLICT, "the batch is recalled"),
    RECEIPT_NOT_FOUND(Kind.NOT_FOUND, "no such receipt"),
    RECEIPT_EXISTS(Kind.CONFLICT, "the package was already weighed on receipt"),
    INVALID_WEIGHING(Kind.INVALID, "the measured mass is implausible for the package's nominal mass"),
    DISPUTE_NOT_FOUND(Kind.NOT_FOUND, "no such dispute"),
    DISPUTE_EXISTS(Kind.CONFLICT, "a dispute with that id already exists"),
    DISPUTE_STATE_INVALID(Kind.CONFLICT, "the dispute's state does not allow this transition"),
    ALREADY_RECALLED(Kind.CONFLICT, "the batch is already recalled"),

    // administrative divisions and lot inspection of prepackages (issue #14)
    RETIRED_COUNTY_CODE(Kind.INVALID, "the GB/T 2260 code was retired (merged or renamed); a new batch must use its successor"),
    LOT_INSPECTION_NOT_FOUND(Kind.NOT_FOUND, "no lot inspection with that id"),
    LOT_INSPECTION_EXISTS(Kind.CONFLICT, "a lot inspection with that id already exists"),
    LOT_INSPECTION_FAILED(Kind.CONFLICT, "the lot failed its last inspection; its packages may not be handed over until a re-inspection passes"),
    INVALID_SAMPLE(Kind.INVALID, "the sample does not follow the lot inspection plan (size, duplicates, packages outside the lot)"),
    // organization profiles and integrity badges
    INVALID_SOCIAL_CREDIT_CODE(Kind.INVALID, "not an 18-character unified social credit code (GB 32100) with valid check characters"),
    NOT_ORG_ADMIN(Kind.FORBIDDEN, "only an administrator identity (NodeOU admin) of the organization may write its profile"),
    PROFILE_NOT_FOUND(Kind.NOT_FOUND, "the organization has written no profile"),
    BADGE_INVALID(Kind.INVALID, "the integrity badge is malformed or its signature does not verify: it was edited or forged"),
    BADGE_EXPIRED(Kind.INVALID, "the integrity badge is outside its validity window: it is stale (or not yet valid)"),
    BADGE_UNTRUSTED(Kind.FORBIDDEN, "the integrity badge's signer is not vouched for by the trust bundle, or is the badge's own organization"),

    // transport: raised by the client, never by the contract
    GATEWAY_UNAVAILABLE(Kind.UNAVAILABLE, "the gateway could not be reached or the outcome is unknown; resubmit later"),
    TRANSACTION_INVALIDATED(Kind.CONFLICT, "the transaction was invalidated at commit (e.g. an MVCC conflict after retries)"),
    CHAINCODE_NOT_FOUND(Kind.NOT_FOUND, "the gateway has no such channel, or the channel no such chaincode; check the connection settings"),
    CONFIRMATION_REQUIRED(Kind.INVALID, "a large operation was not confirmed: answer the question, or give --yes"),

    // the local development network and its data directory: raised by the embedded network and the CLI
    LEDGER_CORRUPT(Kind.STORAGE, "a block file of the ledger is damaged; nothing was changed, see the block and offset"),
    LEDGER_LOCKED(Kind.CONFLICT, "the ledger is in use by another process (a running network or command)"),
    DATA_DIR_INVALID(Kind.INVALID, "the data directory is not a directory or not a complete development network"),
    DATA_DIR_INACCESSIBLE(Kind.STORAGE, "the data directory or a file in it cannot be read or written"),
    PORT_IN_USE(Kind.CONFLICT, "the TCP port is taken by another program; choose another or --port 0"),

    // anything else is a defect, never an answer to bad input
    INTERNAL_ERROR(Kind.INTERNAL, "an unexpected error; please report it");

    /**
     * The family a code belongs to, by meaning. How a family is shown (HTTP status, exit code) is decided outside the
     * ledger, by {@code org.fairmark.presentation.ErrorPresentation}.
     */
    public enum Kind {
        INVALID,
        TOO_LARGE,
        UNAUTHENTICATED,
        FORBIDDEN,
        NOT_FOUND,
        CONFLICT,
        UNAVAILABLE,
        STORAGE,
        INTERNAL
    }

    private final Kind kind;
    private final String meaning;

    ErrorCode(Kind kind, String meaning) {
        this.kind = kind;
        this.meaning = meaning;
    }

    public Kind kind() {
        return kind;
    }

    /** A one-line English explanation of the code, for documentation and help texts. */
    public String meaning() {
        return meaning;
    }

    /**
     * Reads the code at the start of a chaincode error message of the form {@code "CODE: text"}.
     *
     * @return the code, or {@code null} when the message does not start with a known code
     */
    public static ErrorCode fromMessage(String message) {
        if (message == null) {
            return null;
        }
        int colon = message.indexOf(':');
        String head = colon < 0 ? message.trim() : message.substring(0, colon).trim();
        for (ErrorCode code : values()) {
            if (code.name().equals(head)) {
                return code;
            }
        }
        return null;
    }
}
