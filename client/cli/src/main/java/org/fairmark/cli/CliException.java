package org.fairmark.cli;

import java.util.Objects;
import org.fairmark.domain.ErrorCode;

/** A refusal decided by the command itself, before or instead of the ledger, with one of the shared error codes. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String detail;

    CliException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    CliException(ErrorCode code, String detail, Throwable cause) {
        super(Objects.requireNonNull(code, "code == null").name() + ": " + Objects.requireNonNull(detail, "detail == null"),
                cause);
        this.code = code;
        this.detail = detail;
    }

    ErrorCode code() {
        return code;
    }

    String detail() {
        return detail;
    }
}
