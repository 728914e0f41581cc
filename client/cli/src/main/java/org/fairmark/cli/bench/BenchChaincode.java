package org.fairmark.cli.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;

/**
 * The benchmark's baseline contract {@code bench}, served by the embedded network only when {@code fairmark bench}
 * starts it ({@code EmbeddedNetwork.Builder.extraContract}); it is not part of the Fairmark contract or its metadata
 * and is never deployed to Fabric.
 *
 * <ul>
 *   <li>{@code bench:BlindWrite KEY VALUE} writes one key under {@code \u0000bench\u0000KEY\u0000} without reading
 *       anything: the cheapest transaction that still goes through endorsement, ordering, validation and commit;
 *   <li>{@code bench:Noop} returns {@code ok} and touches no state: the cheapest evaluate.
 * </ul>
 */
public final class BenchChaincode implements Chaincode {
    /** The contract name the network routes to this chaincode. */
    public static final String CONTRACT = "bench";

    private static final byte[] OK = "ok".getBytes(UTF_8);

    @Override
    public Response init(ChaincodeStub stub) {
        return ResponseUtils.newSuccessResponse();
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        String function = stub.getFunction();
        List<String> parameters = stub.getParameters();
        if ((CONTRACT + ":Noop").equals(function)) {
            return ResponseUtils.newSuccessResponse(OK);
        }
        if ((CONTRACT + ":BlindWrite").equals(function)) {
            if (parameters.size() != 2 || parameters.get(0).isEmpty() || parameters.get(0).length() > 200) {
                return ResponseUtils.newErrorResponse("bench:BlindWrite takes KEY (1..200 characters) and VALUE",
                        "INVALID_ARGUMENT".getBytes(UTF_8));
            }
            stub.putStringState(stub.createCompositeKey(CONTRACT, parameters.get(0)).toString(), parameters.get(1));
            return ResponseUtils.newSuccessResponse(OK);
        }
        return ResponseUtils.newErrorResponse("no function " + function + " in the bench contract",
                "UNKNOWN_TRANSACTION".getBytes(UTF_8));
    }
}
