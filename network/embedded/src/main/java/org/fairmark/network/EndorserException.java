package org.fairmark.network;

/**
 * Why an endorser did not endorse, classified as Fabric's gateway classifies a peer's answer
 * ({@code internal/pkg/gateway/apiutils.go responseStatus}).
 */
final class EndorserException extends Exception {
    private static final long serialVersionUID = 1L;

    /** How the gateway reacts to the failure. */
    enum Kind {
        /** The peer rejected the proposal before running the chaincode (signature, identity, duplicate). */
        PRE_PROCESS,
        /** The peer failed without a chaincode response (unknown channel or chaincode): ABORTED, retried elsewhere. */
        PEER,
        /** The chaincode returned an error response: UNKNOWN, not retried. */
        CHAINCODE,
        /** No set of peers can satisfy the policies: FAILED_PRECONDITION from the gateway itself. */
        NO_PLAN
    }

    private final Kind kind;

    private EndorserException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    static EndorserException preProcess(String message) {
        return new EndorserException(Kind.PRE_PROCESS, message);
    }

    static EndorserException peer(String message) {
        return new EndorserException(Kind.PEER, message);
    }

    /** A chaincode error; the message is the gateway's: {@code chaincode response 500, <chaincode message>}. */
    static EndorserException chaincode(int status, String message) {
        return new EndorserException(Kind.CHAINCODE, "chaincode response " + status + ", " + message);
    }

    static EndorserException noPlan(String message) {
        return new EndorserException(Kind.NO_PLAN, message);
    }

    Kind kind() {
        return kind;
    }
}
