package org.fairmark.client;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.RequestId;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.Transaction;

/**
 * Evaluates and submits the contract's one-JSON-argument transactions, maps failures and retries writes invalidated
 * by read conflicts with the same request id.
 */
final class Transactions implements ContractCalls {
    /**
     * Validation codes worth resubmitting: read conflicts, and the key-level policy failure Fabric reports when two
     * transactions create the same key in one block (both set its validation parameter). The retry carries the same
     * request id, so the contract answers with the first result or a coded refusal such as BATCH_EXISTS.
     */
    private static final Set<String> RETRYABLE =
            Set.of("MVCC_READ_CONFLICT", "PHANTOM_READ_CONFLICT", "ENDORSEMENT_POLICY_FAILURE");

    private final Contract contract;
    private final RetryPolicy retryPolicy;

    Transactions(Contract contract, RetryPolicy retryPolicy) {
        this.contract = contract;
        this.retryPolicy = retryPolicy;
    }

    /** A fresh request id: a random UUID, which satisfies the contract's 8..64 {@code [A-Za-z0-9_-]}. */
    static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public byte[] evaluateRaw(String function, byte[] json) {
        try {
            return contract.newProposal(function).addArguments(json).build().evaluate();
        } catch (GatewayException e) {
            throw Errors.evaluate(function, e);
        } catch (StatusRuntimeException e) {
            throw Errors.fromStatus(function, e.getStatus(), java.util.List.of(), FairmarkException.Stage.EVALUATE, null, e);
        } catch (GatewayRuntimeException e) {
            throw Errors.fromStatus(function, e.getStatus(), e.getDetails(), FairmarkException.Stage.EVALUATE, null, e);
        }
    }

    /** Endorses {@code function} without arguments and does not submit the endorsed transaction. */
    void endorseOnly(String function) {
        try {
            contract.newProposal(function).build().endorse();
        } catch (EndorseException e) {
            throw Errors.endorse(function, e);
        } catch (StatusRuntimeException | GatewayRuntimeException e) {
            throw unexpected(function, FairmarkException.Stage.ENDORSE, e);
        }
    }

    static void requireRequestId(String requestId) {
        check(() -> RequestId.requireValid(requestId));
    }

    /** Runs a domain rule before anything is sent: its refusal becomes a {@link FairmarkException.Stage#CLIENT} error. */
    static void check(Runnable rule) {
        try {
            rule.run();
        } catch (DomainException e) {
            throw FairmarkException.client(e.code(), e.detail());
        }
    }

    /** Submits canonical request JSON, retrying read conflicts with the same bytes (hence the same request id). */
    @Override
    public byte[] submitRaw(String function, byte[] json) {
        for (int attempt = 1; ; attempt++) {
            Transaction transaction;
            try {
                Proposal proposal = contract.newProposal(function).addArguments(json).build();
                transaction = proposal.endorse();
            } catch (EndorseException e) {
                throw Errors.endorse(function, e);
            } catch (StatusRuntimeException | GatewayRuntimeException e) {
                throw unexpected(function, FairmarkException.Stage.ENDORSE, e);
            }
            try {
                return transaction.submit();
            } catch (SubmitException e) {
                throw Errors.submit(function, e);
            } catch (CommitStatusException e) {
                throw Errors.commitStatus(function, e);
            } catch (CommitException e) {
                if (!RETRYABLE.contains(e.getCode().name()) || attempt >= retryPolicy.maxAttempts()) {
                    throw Errors.commit(function, e, attempt);
                }
                sleep(retryPolicy.backoff(attempt), function, e);
            } catch (StatusRuntimeException | GatewayRuntimeException e) {
                throw unexpected(function, FairmarkException.Stage.SUBMIT, e);
            }
        }
    }

    private static FairmarkException unexpected(String function, FairmarkException.Stage stage, RuntimeException e) {
        if (e instanceof StatusRuntimeException status) {
            return Errors.fromStatus(function, status.getStatus(), java.util.List.of(), stage, null, e);
        }
        GatewayRuntimeException gateway = (GatewayRuntimeException) e;
        return Errors.fromStatus(function, gateway.getStatus(), gateway.getDetails(), stage, null, e);
    }

    private static void sleep(Duration backoff, String function, CommitException cause) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FairmarkException(ErrorCode.INTERNAL_ERROR, "interrupted while retrying " + function,
                    FairmarkException.Stage.COMMIT, cause.getTransactionId(), cause.getCode().name(), true, cause);
        }
    }
}
