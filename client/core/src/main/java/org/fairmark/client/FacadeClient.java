package org.fairmark.client;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.fairmark.domain.model.Requests;

/**
 * What both clients share: the role facades and {@link #simulate} over the client's {@link ContractCalls} (a Fabric
 * Gateway for {@link FairmarkClientImpl}, the local ledger for {@link LocalReadClient}).
 */
abstract class FacadeClient implements FairmarkClient {
    private final RoleFacade facade = new RoleFacade(this::calls);

    /** How this client reaches the contract; called on every facade call, so it may refuse a closed client. */
    abstract ContractCalls calls();

    @Override
    public String simulate(Requests.Write request) {
        Objects.requireNonNull(request, "request == null");
        return new String(calls().simulateRaw(request), StandardCharsets.UTF_8);
    }

    @Override
    public Participant participant() {
        return facade;
    }

    @Override
    public Producer producer() {
        return facade;
    }

    @Override
    public Inspector inspector() {
        return facade;
    }

    @Override
    public Packer packer() {
        return facade;
    }

    @Override
    public Carrier carrier() {
        return facade;
    }

    @Override
    public Buyer buyer() {
        return facade;
    }

    @Override
    public Auditor auditor() {
        return facade;
    }

    @Override
    public OrgAdmin admin() {
        return facade;
    }
}
