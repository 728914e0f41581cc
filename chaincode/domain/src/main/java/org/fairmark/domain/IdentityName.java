package org.fairmark.domain;

import java.util.regex.Pattern;

/**
 * The name of an enrolled identity (a certificate's common name, a wallet entry, a web token's reader): a letter or
 * digit, then up to 63 letters, digits, dots, dashes, underscores or {@code @} ({@code inspector@bureau}). The one
 * definition the dev CA, the wallet, the client library and the web server check against.
 *
 * <pre>{@code
 * IdentityName.isValid("buyer@market");  // true
 * }</pre>
 */
public final class IdentityName {
    /** The syntax, for messages and for callers that compile it into their own patterns. */
    public static final String SYNTAX = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";

    private static final Pattern PATTERN = Pattern.compile(SYNTAX);

    private IdentityName() {}

    /** Whether {@code name} is a valid identity name; {@code null} is not. */
    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }
}
