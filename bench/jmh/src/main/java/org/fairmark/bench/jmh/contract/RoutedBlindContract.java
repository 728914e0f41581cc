package org.fairmark.bench.jmh.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The blind put of {@code bench:BlindWrite}, but as a contract: through the shim's {@code ContractRouter}, its
 * argument conversion and the default {@link Context} (which parses the creator's certificate). Only for
 * {@code ContractBenchmarks}: it shows how much of a call is the shim's routing and context rather than the contract.
 */
@Contract(name = "routedblind", info = @Info(title = "JMH only: a blind put through the contract routing", version = "0"))
public final class RoutedBlindContract implements ContractInterface {
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String BlindWrite(Context ctx, String key, String value) {
        ctx.getStub().putStringState(ctx.getStub().createCompositeKey("bench", key).toString(), value);
        return "ok";
    }
}
