package org.fairmark.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.fairmark.domain.ErrorCode;

/**
 * A client whose reads are answered by {@link LocalReads} in this process: no gateway, no gRPC channel, no
 * signatures. Writes and event streams need a network and are refused with {@link ErrorCode#INVALID_ARGUMENT}.
 */
final class LocalReadClient extends FacadeClient implements ContractCalls {
    private final FairmarkIdentity identity;
    private final String channelName;
    private final String chaincodeName;
    private final LocalReads reads;

    LocalReadClient(FairmarkIdentity identity, String channelName, String chaincodeName, LocalReads reads) {
        this.identity = Objects.requireNonNull(identity, "identity == null");
        this.channelName = Objects.requireNonNull(channelName, "channelName == null");
        this.chaincodeName = Objects.requireNonNull(chaincodeName, "chaincodeName == null");
        this.reads = Objects.requireNonNull(reads, "reads == null");
    }

    @Override
    public byte[] evaluateRaw(String function, byte[] json) {
        LocalReads.Answer answer = reads.evaluate(identity, function, json);
        if (answer.status() < 400) {
            return answer.payload();
        }
        // as a gateway passes it on: the contract's CODE: text, else the failure of a contract without a code
        String coded = Errors.codedMessage(answer.message());
        if (coded != null) {
            ErrorCode code = ErrorCode.fromMessage(coded);
            return fail(code, coded.substring(code.name().length() + 2).strip());
        }
        return fail(answer.message().contains("Undefined contract method") ? ErrorCode.UNKNOWN_TRANSACTION
                : ErrorCode.INTERNAL_ERROR, function + " failed: chaincode response " + answer.status() + ", "
                + answer.message());
    }

    private static byte[] fail(ErrorCode code, String detail) {
        throw new FairmarkException(code, detail, FairmarkException.Stage.EVALUATE, null, null, false, null);
    }

    @Override
    public byte[] submitRaw(String function, byte[] json) {
        throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, function
                + " is a write; this client only reads the local ledger, a write needs a network");
    }

    @Override
    ContractCalls calls() {
        return this;
    }

    @Override
    public FairmarkIdentity identity() {
        return identity;
    }

    @Override
    public FairmarkClient withIdentity(FairmarkIdentity other) {
        return new LocalReadClient(other, channelName, chaincodeName, reads);
    }

    @Override
    public Optional<ConnectionProfile> connectionProfile() {
        return Optional.empty();
    }

    @Override
    public EventStream.Builder eventStream() {
        throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT,
                "events need a network; this client only reads the local ledger");
    }

    @Override
    public String awaitTransaction(String txId, Duration timeout) {
        throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT,
                "waiting for a transaction needs a network; this client only reads the local ledger");
    }

    @Override
    public Duration awaitReady(Duration timeout) {
        return Duration.ZERO;
    }

    @Override
    public String channelName() {
        return channelName;
    }

    @Override
    public String chaincodeName() {
        return chaincodeName;
    }

    @Override
    public void close() {
        // nothing is held
    }

    @Override
    public String toString() {
        return "FairmarkClient[" + identity + ", local reads, channel=" + channelName + ", chaincode=" + chaincodeName
                + "]";
    }
}
