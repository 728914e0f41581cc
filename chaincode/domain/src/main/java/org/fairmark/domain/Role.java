package org.fairmark.domain;

import java.util.Locale;

/** The party a writer acts as, read from the certificate attribute {@code fairmark.role}. */
public enum Role {
    PRODUCER,
    PACKER,
    INSPECTOR,
    CARRIER,
    BUYER,
    AUDITOR;

    /** The certificate attribute that carries the role. */
    public static final String ATTRIBUTE = "fairmark.role";
    /** The certificate attribute that carries an inspector's counties. */
    public static final String JURISDICTION_ATTRIBUTE = "fairmark.jurisdiction";

    /** The attribute value, e.g. {@code producer}. */
    public String attributeValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an attribute value.
     *
     * @return the role, or {@code null} when the value is absent or not a Fairmark role
     */
    public static Role fromAttribute(String value) {
        if (value == null) {
            return null;
        }
        for (Role role : values()) {
            if (role.attributeValue().equals(value)) {
                return role;
            }
        }
        return null;
    }
}
