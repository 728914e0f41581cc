package org.fairmark.domain;

import java.util.Objects;

/** A rule was broken. Carries the stable {@link ErrorCode}; the message is for people. */
public final class DomainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public DomainException(ErrorCode code, String message) {
        super(Objects.requireNonNull(code, "code == null").name() + ": " + Objects.requireNonNull(message, "message == null"));
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The message without the code prefix. */
    public String detail() {
        return getMessage().substring(code.name().length() + 2);
    }

    /** Throws {@code DomainException(code, message)} unless {@code condition} holds. */
    public static void require(boolean condition, ErrorCode code, String message) {
        if (!condition) {
            throw new DomainException(code, message);
        }
    }
}
