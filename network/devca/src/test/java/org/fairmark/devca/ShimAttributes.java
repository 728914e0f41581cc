package org.fairmark.devca;

import java.lang.reflect.Proxy;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.shim.ChaincodeStub;

/** Reads identities through the chaincode shim's own {@link ClientIdentity}, as Fairmark's contract will. */
final class ShimAttributes {
    private ShimAttributes() {}

    static ClientIdentity clientIdentity(byte[] creator) throws Exception {
        ChaincodeStub stub = (ChaincodeStub) Proxy.newProxyInstance(
                ChaincodeStub.class.getClassLoader(), new Class<?>[] {ChaincodeStub.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getCreator")) {
                        return creator.clone();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new ClientIdentity(stub);
    }
}
