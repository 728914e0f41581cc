package org.fairmark.network;

/** A proposal or transaction that fails validation before it reaches the chaincode; the message is Fabric's. */
final class ProposalRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    ProposalRejectedException(String message) {
        super(message);
    }
}
