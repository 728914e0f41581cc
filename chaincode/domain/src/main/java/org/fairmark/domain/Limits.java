package org.fairmark.domain;

/**
 * Upper bounds that keep every transaction small, every sum inside a {@code long} and every page a buyer loads
 * on a weak mobile link light. Each is checked where the value enters, with the code named below.
 */
public final class Limits {
    /** 500 t: no single harvest lot of a county producer is larger ({@link ErrorCode#INVALID_MASS}). */
    public static final long MAX_DECLARED_MASS_GRAMS = 500_000_000L;

    /** 50 kg: the upper end of the OIML R 87 tolerance table, beyond which short weight cannot be judged. */
    public static final long MAX_PACKAGE_NOMINAL_GRAMS = 50_000L;

    /** 1 g: the smallest package the tolerance table covers. */
    public static final long MIN_PACKAGE_NOMINAL_GRAMS = 1L;

    /** Packages per packing, hand-over or receipt transaction ({@link ErrorCode#TOO_MANY_PACKAGES}). */
    public static final int MAX_PACKAGES_PER_TRANSACTION = 500;

    /** 256 KiB: the largest request the chaincode parses ({@link ErrorCode#PAYLOAD_TOO_LARGE}). */
    public static final int MAX_REQUEST_BYTES = 256 * 1024;

    /** Characters (code points) of a free-text field such as a product name or a ruling's reasons. */
    public static final int MAX_TEXT_LENGTH = 200;

    /** Evidence hashes (photos, documents kept off-ledger) per record. */
    public static final int MAX_EVIDENCE_HASHES = 20;

    /** Measurements per inspection and thresholds per grade. */
    public static final int MAX_MEASUREMENTS = 32;

    /** Grades per grading standard. */
    public static final int MAX_GRADES = 10;

    private Limits() {}
}
