package org.fairmark.presentation;

import java.util.Objects;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.ErrorCode.Kind;

/**
 * How an {@link ErrorCode} is shown outside the ledger: the HTTP status of {@code fairmark serve} and the exit code
 * of {@code fairmark} and of the embedded network's command line. The one table of both; it lives here, not in the
 * domain enum, so the chaincode jar carries no presentation.
 *
 * <pre>{@code
 * System.exit(ErrorPresentation.exitCode(e.code()));
 * }</pre>
 */
public final class ErrorPresentation {
    private ErrorPresentation() {}

    /** The HTTP status of an answer refused with {@code code}. */
    public static int httpStatus(ErrorCode code) {
        return httpStatus(Objects.requireNonNull(code, "code == null").kind());
    }

    /** The process exit code of a command that failed with {@code code}. */
    public static int exitCode(ErrorCode code) {
        return exitCode(Objects.requireNonNull(code, "code == null").kind());
    }

    /** The HTTP status of every code of {@code kind}. */
    public static int httpStatus(Kind kind) {
        return switch (Objects.requireNonNull(kind, "kind == null")) {
            case INVALID -> 422;
            case TOO_LARGE -> 413;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
            case STORAGE, INTERNAL -> 500;
        };
    }

    /** The exit code of every code of {@code kind}: 3 bad input, 4 access, 5 not found, 6 conflict, sysexits beyond. */
    public static int exitCode(Kind kind) {
        return switch (Objects.requireNonNull(kind, "kind == null")) {
            case INVALID, TOO_LARGE -> 3;
            case UNAUTHENTICATED, FORBIDDEN -> 4;
            case NOT_FOUND -> 5;
            case CONFLICT -> 6;
            case UNAVAILABLE -> 69; // EX_UNAVAILABLE
            case STORAGE -> 74; // EX_IOERR
            case INTERNAL -> 70; // EX_SOFTWARE
        };
    }
}
