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
        if (status.getDescription() != null) {
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
        boolean unavailable = grpc == Status.Code.UNAVAILABLE || grpc == Status.Code.DEADLINE_EXCEEDED
                || grpc == Status.Code.CANCELLED || grpc == Status.Code.RESOURCE_EXHAUSTED;
        ErrorCode code = switch (grpc) {
            case PERMISSION_DENIED, UNAUTHENTICATED -> ErrorCode.IDENTITY_INVALID;
            default -> unavailable ? ErrorCode.GATEWAY_UNAVAILABLE : ErrorCode.INTERNAL_ERROR;
        };
        String what = unavailable ? "the gateway is unavailable for " + function + " (" + grpc + "): " : function + " failed (" + grpc + "): ";
        return new FairmarkException(code, what + shorten(text), stage, txId, null, unavailable, cause);
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
