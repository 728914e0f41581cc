package org.fairmark.network;

import java.io.IOException;
import java.util.Objects;
import org.fairmark.domain.ErrorCode;

/**
 * The embedded network could not start, for a reason outside Fairmark's code, with the error code that names it:
 * {@link ErrorCode#LEDGER_CORRUPT} (the cause is a {@link org.fairmark.network.ledger.LedgerCorruptedException}
 * with block, file and offset), {@link ErrorCode#LEDGER_LOCKED}, {@link ErrorCode#DATA_DIR_INVALID},
 * {@link ErrorCode#DATA_DIR_INACCESSIBLE} or {@link ErrorCode#PORT_IN_USE}. Nothing in the data directory was changed,
 * except for the files of a network created by this start.
 */
public final class NetworkStartException extends IOException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public NetworkStartException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message == null"), cause);
        this.code = Objects.requireNonNull(code, "code == null");
    }

    /** Why it could not start. */
    public ErrorCode code() {
        return code;
    }
}
