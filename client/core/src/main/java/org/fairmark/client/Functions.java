package org.fairmark.client;

import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.ContractFunctions;
import org.fairmark.domain.model.Requests;

/** The contract function of each write request type ({@link ContractFunctions#WRITES}), as client errors. */
final class Functions {
    private Functions() {}

    static String of(Requests.Write request) {
        String function = ContractFunctions.ofWrite(request);
        if (function == null) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT,
                    request.getClass().getSimpleName() + " is not a write the contract knows");
        }
        return function;
    }

    static boolean isWrite(String function) {
        return ContractFunctions.WRITES.containsValue(function);
    }
}
