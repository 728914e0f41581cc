package org.fairmark.devca;

import java.util.Objects;
import java.util.regex.Pattern;
import org.fairmark.domain.IdentityName;
import org.fairmark.domain.MspId;

/** Argument checks shared by the CA, identities and the wallet. */
final class Names {
    static final Pattern IDENTITY_NAME = Pattern.compile(IdentityName.SYNTAX);
    /** "ca." + organization name must fit X.520's 64-character limit for a common name. */
    static final int MAX_ORG_NAME_LENGTH = 61;

    private Names() {}

    static String identityName(String name) {
        Objects.requireNonNull(name, "name == null");
        if (!IDENTITY_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "identity name must match " + IdentityName.SYNTAX + ": '" + name + "'");
        }
        return name;
    }

    static String mspId(String mspId) {
        Objects.requireNonNull(mspId, "mspId == null");
        if (!MspId.isValid(mspId)) {
            throw new IllegalArgumentException("MSP id must match " + MspId.SYNTAX + ": '" + mspId + "'");
        }
        return mspId;
    }

    static String orgName(String orgName) {
        Objects.requireNonNull(orgName, "orgName == null");
        if (orgName.isEmpty() || orgName.length() > MAX_ORG_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "organization name must have 1 to " + MAX_ORG_NAME_LENGTH + " characters: '" + orgName + "'");
        }
        if (!orgName.strip().equals(orgName)) {
            throw new IllegalArgumentException("organization name has leading or trailing space: '" + orgName + "'");
        }
        orgName.codePoints().forEach(codePoint -> {
            if (Character.isISOControl(codePoint)
                    || Character.getType(codePoint) == Character.UNASSIGNED
                    || Character.getType(codePoint) == Character.SURROGATE) {
                throw new IllegalArgumentException(
                        String.format("organization name contains non-printable character U+%04X", codePoint));
            }
        });
        return orgName;
    }
}
