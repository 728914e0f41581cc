package org.fairmark.contract;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Limits;
import org.fairmark.domain.RequestId;
import org.fairmark.domain.Sha256Hex;
import org.fairmark.domain.model.Requests;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * What every Fairmark contract shares: one JSON argument per transaction, coded errors, idempotent writes, one event
 * per state change.
 *
 * <p>Errors leave as {@link ChaincodeException} whose message starts with the {@link ErrorCode} name (the part a Fabric
 * gateway passes on to clients) and whose payload is the code name. Nothing is written when a transaction fails.
 */
abstract class FairmarkContract implements ContractInterface {
    private static final Logger LOGGER = Logger.getLogger(FairmarkContract.class.getName());

    @FunctionalInterface
    interface Body<R> {
        Object apply(FairmarkContext ctx, R request);
    }

    @Override
    public Context createContext(ChaincodeStub stub) {
        try {
            List<byte[]> args = stub.getArgs();
            long size = 0;
            for (byte[] arg : args) {
                size += arg.length;
            }
            if (size > Limits.MAX_REQUEST_BYTES) {
                throw new DomainException(
                        ErrorCode.PAYLOAD_TOO_LARGE,
                        "request of " + size + " bytes exceeds " + Limits.MAX_REQUEST_BYTES + " bytes");
            }
            if (args.size() != 2) {
                throw new DomainException(
                        ErrorCode.MALFORMED_REQUEST,
                        "a Fairmark transaction takes exactly one JSON argument, got " + (args.size() - 1));
            }
        } catch (DomainException e) {
            throw coded(e);
        }
        try {
            return FairmarkContext.of(stub);
        } catch (RuntimeException e) {
            throw coded(new DomainException(ErrorCode.IDENTITY_INVALID, "the creator identity cannot be read"));
        }
    }

    @Override
    public void unknownTransaction(Context ctx) {
        throw coded(new DomainException(
                ErrorCode.UNKNOWN_TRANSACTION, "no transaction named " + ctx.getStub().getFunction()));
    }

    /**
     * Runs an idempotent write: parses and checks the request, returns the stored result when the request id was seen
     * before (and nothing is written), otherwise runs {@code body}, records the result under the request id and emits
     * the body's event.
     */
    final <R extends Requests.Write> String write(Context context, String json, Class<R> type, Body<R> body) {
        FairmarkContext ctx = (FairmarkContext) context;
        try {
            R request = CanonicalJson.read(json, type);
            String requestId = RequestId.requireValid(request.requestId());
            Submitter who = ctx.submitter();
            String function = ctx.getStub().getFunction();
            String requestHash = requestHash(function, request);
            String requestKey = ctx.key(
                    Keys.REQUEST, who.mspId(), FairmarkContext.idSha256(who.id()).substring(0, 32), requestId);
            RequestRecord earlier = ctx.get(requestKey, RequestRecord.class);
            if (earlier != null) {
                if (!earlier.requestHash().equals(requestHash)) {
                    throw new DomainException(
                            ErrorCode.REQUEST_ID_REUSED,
                            "request id " + requestId + " was used by transaction " + earlier.txId()
                                    + " for a different request");
                }
                return earlier.result();
            }
            String result = CanonicalJson.toJson(body.apply(ctx, request));
            ctx.flushFacts();
            ctx.create(requestKey, new RequestRecord(requestId, function, requestHash, ctx.txId(), result), who.mspId());
            ctx.flushEvent(requestId);
            return result;
        } catch (DomainException e) {
            throw coded(e);
        } catch (ChaincodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw internal(ctx, e);
        }
    }

    /**
     * SHA-256 of the function name, a line feed and the request's canonical JSON, in UTF-8: what a retry with the same
     * request id must match. Hashed from the JSON bytes as written (canonical JSON is valid UTF-8, so this equals the
     * hash of the same text as a string, without decoding and encoding it again).
     */
    static String requestHash(String function, Requests.Write request) {
        byte[] name = function.getBytes(UTF_8);
        byte[] json = CanonicalJson.toBytes(request);
        byte[] text = new byte[name.length + 1 + json.length];
        System.arraycopy(name, 0, text, 0, name.length);
        text[name.length] = '\n';
        System.arraycopy(json, 0, text, name.length + 1, json.length);
        return Sha256Hex.of(text);
    }

    /** Runs a read: parses the request and returns the body's result as canonical JSON. Writes nothing. */
    final <R> String read(Context context, String json, Class<R> type, Body<R> body) {
        FairmarkContext ctx = (FairmarkContext) context;
        try {
            R request = CanonicalJson.read(json, type);
            ctx.submitter();
            return CanonicalJson.toJson(body.apply(ctx, request));
        } catch (DomainException e) {
            throw coded(e);
        } catch (ChaincodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw internal(ctx, e);
        }
    }

    /** An event payload: ordered keys, ids only. */
    static Map<String, Object> event(Object... keysAndValues) {
        Map<String, Object> payload = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                payload.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return payload;
    }

    static ChaincodeException coded(DomainException e) {
        return new ChaincodeException(e.getMessage(), e.code().name().getBytes(UTF_8));
    }

    private static ChaincodeException internal(FairmarkContext ctx, RuntimeException e) {
        LOGGER.log(Level.SEVERE, "unexpected failure in " + ctx.getStub().getFunction() + " tx " + ctx.txId(), e);
        return new ChaincodeException(
                ErrorCode.INTERNAL_ERROR.name() + ": " + e.getClass().getSimpleName(),
                ErrorCode.INTERNAL_ERROR.name().getBytes(UTF_8));
    }
}
