package org.fairmark.client;

import java.util.Objects;
import org.fairmark.domain.ErrorCode;

/**
 * A Fairmark operation failed. Carries the contract's stable {@link ErrorCode}, the transaction id when one was
 * created, and the {@linkplain Stage stage} of the call that failed, so callers can tell a refusal by the contract
 * ({@code code() == MASS_BALANCE_EXCEEDED}) from a transport failure ({@link #isUnavailable()}).
 *
 * <p>It is unchecked so facade calls compose in lambdas and streams; every public method that talks to the ledger
 * documents that it throws it. gRPC and fabric-gateway exceptions never escape the client: they are mapped here and
 * kept only as the {@linkplain #getCause() cause} for logs.
 *
 * <pre>{@code
 * try {
 *     packer.pack(request);
 * } catch (FairmarkException e) {
 *     if (e.code() == ErrorCode.MASS_BALANCE_EXCEEDED) {
 *         System.err.println("error: " + e.getMessage());   // "MASS_BALANCE_EXCEEDED: packed nominal mass ..."
 *         System.exit(ErrorPresentation.exitCode(e.code())); // org.fairmark.presentation
 *     }
 * }
 * }</pre>
 *
 * <p>Failures that carry no contract code have a client-side code: {@link ErrorCode#GATEWAY_UNAVAILABLE} when the
 * gateway cannot be reached or the outcome is unknown ({@link #isUnavailable()}), {@link
 * ErrorCode#TRANSACTION_INVALIDATED} when a commit was invalidated for a reason the client could not retry away
 * ({@link #validationCode()} names Fabric's code).
 */
public sealed class FairmarkException extends RuntimeException permits LabelFormatException {
    private static final long serialVersionUID = 1L;

    /** The step of a call that failed, following the steps of a Fabric transaction. */
    public enum Stage {
        /** Checked in the client before anything was sent (bad argument, unreadable file or label). */
        CLIENT,
        /** Connecting to the gateway or opening the identity. */
        CONNECT,
        /** A read ({@code evaluate}); never creates a transaction. */
        EVALUATE,
        /** Endorsement: the contract ran and refused, or no peer could endorse. Nothing was written. */
        ENDORSE,
        /** Sending the endorsed transaction to the orderer. Nothing was written. */
        SUBMIT,
        /** Waiting for the commit status; the transaction may or may not have been committed. */
        COMMIT_STATUS,
        /** The transaction was ordered but validation marked it invalid; nothing was written. */
        COMMIT,
        /** Reading the chaincode event stream. */
        EVENTS
    }

    private final ErrorCode code;
    private final String transactionId;
    private final Stage stage;
    private final String validationCode;
    private final boolean unavailable;

    FairmarkException(
            ErrorCode code,
            String detail,
            Stage stage,
            String transactionId,
            String validationCode,
            boolean unavailable,
            Throwable cause) {
        super(Objects.requireNonNull(code, "code == null").name() + ": " + Objects.requireNonNull(detail, "detail == null"), cause);
        this.code = code;
        this.stage = Objects.requireNonNull(stage, "stage == null");
        this.transactionId = transactionId;
        this.validationCode = validationCode;
        this.unavailable = unavailable;
    }

    static FairmarkException client(ErrorCode code, String detail) {
        return new FairmarkException(code, detail, Stage.CLIENT, null, null, false, null);
    }

    static FairmarkException client(ErrorCode code, String detail, Throwable cause) {
        return new FairmarkException(code, detail, Stage.CLIENT, null, null, false, cause);
    }

    /** The stable error code: the contract's, or a client-side one for transport and commit failures. */
    public ErrorCode code() {
        return code;
    }

    /** The message without the {@code "CODE: "} prefix. */
    public String detail() {
        return getMessage().substring(code.name().length() + 2);
    }

    /** The id of the transaction that failed, or {@code null} when none was created (client checks, connection). */
    public String transactionId() {
        return transactionId;
    }

    /** The step that failed. */
    public Stage stage() {
        return stage;
    }

    /**
     * The Fabric validation code (e.g. {@code MVCC_READ_CONFLICT}, {@code ENDORSEMENT_POLICY_FAILURE}) when the
     * transaction was invalidated at commit, else {@code null}.
     */
    public String validationCode() {
        return validationCode;
    }

    /**
     * True when the gateway could not be reached, timed out or the commit status is unknown. Such a write may be
     * resubmitted later with the same request id: the contract returns the first result if it had been committed.
     */
    public boolean isUnavailable() {
        return unavailable;
    }
}
