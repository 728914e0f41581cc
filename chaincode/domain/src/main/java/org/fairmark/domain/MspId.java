package org.fairmark.domain;

import java.util.regex.Pattern;

/**
 * An MSP id as Fabric names organizations: a letter or digit, then up to 63 letters, digits, dots, dashes or
 * underscores ({@code CoopMSP}, {@code market-1.MSP}). The one definition the contract, the client library, the CLI
 * and the dev CA check against.
 *
 * <pre>{@code
 * MspId.isValid("CoopMSP");              // true
 * MspId.require("packerOrgs", "-Coop");  // INVALID_ARGUMENT: packerOrgs must be an MSP id
 * }</pre>
 */
public final class MspId {
    /** The syntax, for messages and for callers that must report it. */
    public static final String SYNTAX = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private static final Pattern PATTERN = Pattern.compile(SYNTAX);

    private MspId() {}

    /** Whether {@code mspId} is a syntactically valid MSP id; {@code null} is not. */
    public static boolean isValid(String mspId) {
        return mspId != null && PATTERN.matcher(mspId).matches();
    }

    /**
     * Returns {@code mspId} unchanged when valid.
     *
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT} "{@code field} must be an MSP id" otherwise
     */
    public static String require(String field, String mspId) {
        if (!isValid(mspId)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, field + " must be an MSP id");
        }
        return mspId;
    }
}
