package org.fairmark.cli.web;

import org.fairmark.client.LabelRejection;
import org.fairmark.client.LabelVerdict;
import org.fairmark.client.OnlineVerification;

/**
 * What the verify page and the verification API tell a buyer first. It follows the client's
 * {@link org.fairmark.client.LiveStatus}, with one refinement the brief of the page asks for: a label whose serial the
 * ledger never packed is {@link #UNKNOWN}, not {@link #FORGED}, because the buyer cannot tell the two apart and the
 * ledger cannot prove a copy of something it never saw.
 */
enum Verdict {
    GENUINE("g"),
    RECALLED("r"),
    UNDER_DISPUTE("d"),
    FORGED("f"),
    UNKNOWN("u");

    private final String cssClass;

    Verdict(String cssClass) {
        this.cssClass = cssClass;
    }

    /** The CSS class that colours the verdict banner. */
    String cssClass() {
        return cssClass;
    }

    /** The key prefix of the verdict's texts, e.g. {@code verdict.genuine}. */
    String key() {
        return "verdict." + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The verdict of an online verification. */
    static Verdict of(OnlineVerification verification) {
        return switch (verification.status()) {
            case GENUINE -> GENUINE;
            case RECALLED -> RECALLED;
            case UNDER_DISPUTE -> UNDER_DISPUTE;
            case FORGED -> verification.rejection() == LabelRejection.PACKAGE_UNKNOWN ? UNKNOWN : FORGED;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** The verdict of an offline verification: only the signature and the trust bundle are known. */
    static Verdict of(LabelVerdict verdict) {
        if (verdict instanceof LabelVerdict.Rejected rejected) {
            return of(rejected.reason());
        }
        return GENUINE;
    }

    /** The verdict a rejection reason leads to. */
    static Verdict of(LabelRejection rejection) {
        return switch (rejection) {
            case MALFORMED, TRUNCATED, PACKAGE_UNKNOWN, BUNDLE_EXPIRED -> UNKNOWN;
            case UNKNOWN_KEY, KEY_REVOKED, UNTRUSTED_ORGANIZATION, KEY_NOT_BOUND_TO_GTIN, BAD_SIGNATURE, KEY_MISMATCH,
                    CLAIM_MISMATCH -> FORGED;
        };
    }
}
