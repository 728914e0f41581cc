package org.fairmark.client;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.domain.ErrorCode;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * Maps fabric-gateway exceptions to {@link FairmarkException}. The contract's code is the prefix of the chaincode
 * message, which a Fabric gateway passes on inside the error details ({@code chaincode response 500, CODE: text}).
 */
final class Errors {
    private static final Pattern CODED = Pattern.compile("(?:^|[\\s,:(\\[])([A-Z][A-Z0-9_]{2,}): ");

    private Errors() {}

    static FairmarkException evaluate(String function, GatewayException e) {
        return fromStatus(function, e.getStatus(), e.getDetails(), FairmarkException.Stage.EVALUATE, null, e);
    }

    /** Whether a qscc {@code GetTransactionByID} failed because the peer has no such transaction (yet). */
    static boolean noSuchTransaction(GatewayException e) {
        if (String.valueOf(e.getMessage()).contains(NO_SUCH_TRANSACTION)) {
            return true;
        }
        for (ErrorDetail detail : e.getDetails()) {
            if (detail.getMessage().contains(NO_SUCH_TRANSACTION)) {
                return true;
            }
        }
        return false;
    }

    private static final String NO_SUCH_TRANSACTION = "no such transaction ID";

    static FairmarkException endorse(String function, EndorseException e) {
        return fromStatus(function, e.getStatus(), e.getDetails(), FairmarkException.Stage.ENDORSE, e.getTransactionId(), e);
    }

    static FairmarkException submit(String function, SubmitException e) {
        return fromStatus(function, e.getStatus(), e.getDetails(), FairmarkException.Stage.SUBMIT, e.getTransactionId(), e);
    }

    static FairmarkException commitStatus(String function, CommitStatusException e) {
        FairmarkException mapped = fromStatus(
                function, e.getStatus(), e.getDetails(), FairmarkException.Stage.COMMIT_STATUS, e.getTransactionId(), e);
        // Whatever the status, the outcome of the transaction is unknown: resubmitting with the same id is the cure.
        return new FairmarkException(mapped.code(), mapped.detail(), FairmarkException.Stage.COMMIT_STATUS,
                e.getTransactionId(), null, true, e);
    }

    static FairmarkException commit(String function, CommitException e, int attempts) {
        String validation = e.getCode().name();
        String detail = function + " transaction " + e.getTransactionId() + " was invalidated at commit: " + validation
                + (attempts > 1 ? " (after " + attempts + " attempts)" : "");
        return new FairmarkException(ErrorCode.TRANSACTION_INVALIDATED, detail, FairmarkException.Stage.COMMIT,
                e.getTransactionId(), validation, false, e);
    }

    static FairmarkException events(GatewayRuntimeException e) {
        return fromStatus("chaincode events", e.getStatus(), e.getDetails(), FairmarkException.Stage.EVENTS, null, e);
    }

    static FairmarkException fromStatus(
            String function, Status status, List<ErrorDetail> details, FairmarkException.Stage stage, String txId,
            Throwable cause) {
        List<String> messages = new ArrayList<>();
        for (ErrorDetail detail : details) {
            messages.add(detail.getMessage());
        }
        // A channel of ours explained it already (with the address); another channel's status only has its cause.
        String transport = isExplained(status.getDescription()) ? null : transportFailure(status, null, null);
        if (transport != null) {
            messages.add(transport);
        } else if (status.getDescription() != null) {
            messages.add(status.getDescription());
        }
        for (String message : messages) {
            String coded = codedMessage(message);
            if (coded != null) {
                ErrorCode code = ErrorCode.fromMessage(coded);
                return new FairmarkException(code, coded.substring(code.name().length() + 2).strip(), stage, txId,
                        null, false, cause);
            }
        }
        String text = messages.isEmpty() ? status.getCode().name() : String.join("; ", messages);
        Status.Code grpc = status.getCode();
        ErrorCode code = classify(grpc, text);
        boolean unavailable = code == ErrorCode.GATEWAY_UNAVAILABLE;
        String what = switch (code) {
            case GATEWAY_UNAVAILABLE -> grpc == Status.Code.DEADLINE_EXCEEDED
                    ? "the gateway did not answer " + function + " in time (" + grpc + "): "
                    : "the gateway is unavailable for " + function + " (" + grpc + "): ";
            case IDENTITY_INVALID -> "the network refused the identity for " + function + " (" + grpc + "): ";
            case CHAINCODE_NOT_FOUND -> "the gateway does not know the channel or chaincode of " + function + " ("
                    + grpc + "): ";
            default -> function + " failed (" + grpc + "): ";
        };
        return new FairmarkException(code, what + shorten(text), stage, txId, null, unavailable, cause);
    }

    /** Fabric's words for a refused identity: a channel policy (Readers, Writers) or an ACL that did not hold. */
    private static final Pattern POLICY_DENIAL = Pattern.compile(
            "Failed evaluating policy on signed data|implicit policy evaluation failed|access denied"
                    + "|creator org unknown|creator is malformed|status=FORBIDDEN|signature set did not satisfy policy",
            Pattern.CASE_INSENSITIVE);

    /** Fabric's words for a channel or chaincode the gateway's peer does not know. */
    private static final Pattern NOT_DEPLOYED = Pattern.compile(
            "channel '?[^ ']*'? not found|chaincode '?[^ ']*'? not found|make sure the chaincode \\S+ has been successfully"
                    + " defined|chaincode definition for '[^']*' (?:exists, but chaincode is not installed|not found)"
                    + "|could not find chaincode|no such channel|not joined to channel"
                    // Fabric 2.5's gateway: an unknown channel, and a chaincode no peer has a definition of
                    + "|failed to get config for channel|No metadata was found for chaincode"
                    + "|no peers available to evaluate chaincode",
            Pattern.CASE_INSENSITIVE);

    /** The gateway's words for a chaincode that ran and answered with an error status. */
    private static final Pattern CHAINCODE_FAILED = Pattern.compile("chaincode response [45][0-9][0-9]");

    /**
     * The code of a gateway failure whose messages carry no contract code. Every gRPC status has its place, so that
     * {@link ErrorCode#INTERNAL_ERROR} stays reserved for defects of Fairmark itself (the contract failing without a
     * code, a status that is no failure); docs/error-codes.md lists the mapping.
     */
    static ErrorCode classify(Status.Code grpc, String text) {
        if (POLICY_DENIAL.matcher(text).find()) {
            return ErrorCode.IDENTITY_INVALID;
        }
        if (NOT_DEPLOYED.matcher(text).find()) {
            return ErrorCode.CHAINCODE_NOT_FOUND;
        }
        boolean chaincodeFailed = CHAINCODE_FAILED.matcher(text).find();
        return switch (grpc) {
            case PERMISSION_DENIED, UNAUTHENTICATED -> ErrorCode.IDENTITY_INVALID;
            case NOT_FOUND -> ErrorCode.CHAINCODE_NOT_FOUND;
            case INVALID_ARGUMENT -> ErrorCode.MALFORMED_REQUEST;
            case OUT_OF_RANGE -> ErrorCode.INVALID_ARGUMENT;
            case ALREADY_EXISTS -> ErrorCode.TRANSACTION_INVALIDATED;
            case RESOURCE_EXHAUSTED -> text.contains("exceeds maximum") || text.contains("larger than max")
                    ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.GATEWAY_UNAVAILABLE;
            // the contract ran and failed without a code: a defect of the contract, not of the network
            case UNKNOWN, ABORTED -> text.contains("Undefined contract method")
                    ? ErrorCode.UNKNOWN_TRANSACTION
                    : chaincodeFailed ? ErrorCode.INTERNAL_ERROR : ErrorCode.GATEWAY_UNAVAILABLE;
            // a transport that went away (channel closed, reset), a timeout, a peer that is not a gateway or failed
            case CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE, FAILED_PRECONDITION, UNIMPLEMENTED, INTERNAL, DATA_LOSS ->
                    ErrorCode.GATEWAY_UNAVAILABLE;
            // a failure that reports success cannot come from a working gateway client
            case OK -> ErrorCode.INTERNAL_ERROR;
        };
    }

    /**
     * What went wrong in the transport of a failed call, in words a user can act on, or null when {@code status}
     * is no transport failure this recognises: the gateway's TLS certificate did not verify against the trusted CA
     * certificates, it does not list the host name the client expects, the gateway does not speak TLS, or (for a
     * plaintext client) the gateway closed the connection without a word, as a TLS gateway does.
     *
     * @param tls whether the client's channel uses TLS; null when unknown
     * @param address the gateway's {@code host:port}, or null when unknown
     */
    static String transportFailure(Status status, Boolean tls, String address) {
        if (status.getCode() != Status.Code.UNAVAILABLE && status.getCode() != Status.Code.INTERNAL) {
            return null;
        }
        String gateway = address == null ? "the gateway" : "the gateway " + address;
        String hostMismatch = null;
        String untrusted = null;
        String handshake = null;
        for (Throwable cause = status.getCause(); cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            String type = cause.getClass().getSimpleName();
            if (type.equals("NotSslRecordException") || message.contains("Unsupported or unrecognized SSL message")) {
                return "TLS: " + gateway + " does not speak TLS (it answered in plaintext); connect to it without TLS"
                        + " (\"tls\": false in the connection profile) or use its TLS endpoint";
            }
            if (hostMismatch == null && cause instanceof java.security.cert.CertificateException
                    && (message.contains("No subject alternative") || message.contains("No name matching"))) {
                hostMismatch = message;
            } else if (untrusted == null && (message.contains("PKIX path") || message.contains("certification path")
                    || cause instanceof java.security.cert.CertPathValidatorException
                    || cause instanceof java.security.cert.CertPathBuilderException)) {
                untrusted = message;
            } else if (handshake == null && cause instanceof javax.net.ssl.SSLException) {
                handshake = message;
            }
        }
        if (hostMismatch != null) {
            return "TLS: the certificate of " + gateway + " does not match the host name the client expects: "
                    + shorten(hostMismatch) + "; connect by a name the certificate lists or set serverNameOverride";
        }
        if (untrusted != null) {
            return "TLS: the certificate of " + gateway + " did not verify against the trusted TLS CA certificates"
                    + " (tlsCACerts of the connection profile, or the TLS root certificates): " + shorten(untrusted);
        }
        if (handshake != null) {
            return "TLS: the handshake with " + gateway + " failed: " + shorten(handshake);
        }
        // A TLS server that receives an HTTP/2 preface in plaintext drops the connection: depending on timing the
        // client sees the close or a reset.
        boolean dropped = status.getDescription() != null
                        && status.getDescription().startsWith("Network closed for unknown reason")
                || status.getCause() != null && status.getCause().getMessage() != null
                        && status.getCause().getMessage().contains("Connection reset by peer");
        if (Boolean.FALSE.equals(tls) && dropped) {
            return "TLS: " + gateway + " closed the plaintext connection without answering, as a TLS gateway does to a plaintext"
                    + " client; if it uses TLS, connect with TLS (\"tls\": true and tlsCACerts in the connection"
                    + " profile)";
        }
        return null;
    }

    private static boolean isExplained(String description) {
        return description != null
                && description.startsWith("TLS: ");
    }

    /** The part of a message from the first known {@code CODE: } on, or null. */
    static String codedMessage(String message) {
        if (message == null) {
            return null;
        }
        if (ErrorCode.fromMessage(message) != null && message.indexOf(':') > 0) {
            return message.strip();
        }
        Matcher matcher = CODED.matcher(message);
        while (matcher.find()) {
            try {
                ErrorCode.valueOf(matcher.group(1));
                return message.substring(matcher.start(1)).strip();
            } catch (IllegalArgumentException notACode) {
                // keep looking
            }
        }
        return null;
    }

    private static String shorten(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
