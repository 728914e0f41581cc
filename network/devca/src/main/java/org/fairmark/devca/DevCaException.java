package org.fairmark.devca;

/**
 * A development CA operation failed: unreadable or corrupt PEM, a CA directory or wallet entry that is missing
 * files or whose key does not match its certificate, or an I/O error while saving.
 *
 * <p>Invalid arguments (a malformed identity name, an attribute value with control characters) are reported with
 * {@link IllegalArgumentException} instead; {@code DevCaException} is about data read from or written to outside.
 */
public final class DevCaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DevCaException(String message) {
        super(message);
    }

    public DevCaException(String message, Throwable cause) {
        super(message, cause);
    }
}
