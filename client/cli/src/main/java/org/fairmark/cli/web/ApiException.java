package org.fairmark.cli.web;

import java.util.Map;
import java.util.Objects;
import org.fairmark.domain.ErrorCode;
import org.fairmark.presentation.ErrorPresentation;

/**
 * A request the server refuses before or instead of asking the ledger: the status, the stable error code of the JSON
 * error body, a message for people (never input echoed at length, never a stack trace) and extra response headers.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final ErrorCode code;
    private final transient Map<String, String> headers;

    ApiException(int status, ErrorCode code, String message) {
        this(status, code, message, Map.of());
    }

    ApiException(int status, ErrorCode code, String message, Map<String, String> headers) {
        super(Objects.requireNonNull(message, "message == null"), null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code == null");
        this.headers = Map.copyOf(headers);
    }

    /** The status the code maps to. */
    static ApiException of(ErrorCode code, String message) {
        return new ApiException(ErrorPresentation.httpStatus(code), code, message);
    }

    int status() {
        return status;
    }

    ErrorCode code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }
}
