package org.fairmark.client;

import com.fasterxml.jackson.databind.JavaType;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.ContractFunctions;
import org.fairmark.domain.model.Requests;

/**
 * How the role facades reach the contract: evaluate and submit one-JSON-argument transactions. {@link Transactions}
 * goes through a Fabric Gateway; {@link LocalReadClient} evaluates against a ledger in this process and cannot write.
 */
interface ContractCalls {
    /** The contract's answer to a read, as bytes. */
    byte[] evaluateRaw(String function, byte[] json);

    /** The contract's answer to a committed write, as bytes. */
    byte[] submitRaw(String function, byte[] json);

    default <T> T evaluate(String function, Object request, JavaType resultType) {
        byte[] json = Json.request(request);
        return Json.read(evaluateRaw(function, json), resultType, function);
    }

    /** Submits a write; a request without a request id gets a fresh one. */
    default <T> T submit(String function, Requests.Write request, JavaType resultType) {
        byte[] json = Json.request(identified(request));
        return Json.read(submitRaw(function, json), resultType, function);
    }

    /**
     * Simulates a write without submitting it (a request without a request id gets a fresh one): the contract's
     * answer as bytes, or its coded refusal. Nothing is ordered or written.
     */
    default byte[] simulateRaw(Requests.Write request) {
        String function = ContractFunctions.WRITES.get(request.getClass());
        if (function == null) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT,
                    request.getClass().getSimpleName() + " is not a write request of the contract");
        }
        return evaluateRaw(function, Json.request(identified(request)));
    }

    private static Requests.Write identified(Requests.Write request) {
        if (request.requestId() == null) {
            return Requests.withRequestId(request, Transactions.newRequestId());
        }
        Transactions.requireRequestId(request.requestId());
        return request;
    }
}
