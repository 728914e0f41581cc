package org.fairmark.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of simulating one transaction: the chaincode's response and, when it succeeded, what a peer would
 * endorse.
 *
 * <p>As on a peer, a response with status 400 or more is an error: its read-write set is empty and it has no event
 * ({@code endorser.go} discards the simulation results). A simulation that broke a simulator rule fails with status
 * 500 and the peer's message, whatever the chaincode returned.
 *
 * @param status the response status, 200 for success
 * @param message the response message, {@code ""} when none
 * @param payload the response payload, empty when none
 * @param readWriteSet what the transaction read and wrote; empty unless successful
 * @param event the chaincode event, or {@code null}
 */
public record SimulationResult(
        int status, String message, byte[] payload, ReadWriteSet readWriteSet, ChaincodeEventRecord event) {
    /** Fabric's {@code shim.ERRORTHRESHOLD}: statuses from here on are errors. */
    public static final int ERROR_THRESHOLD = 400;

    public SimulationResult {
        message = message == null ? "" : message;
        payload = Bytes.copyOrEmpty(payload);
        Objects.requireNonNull(readWriteSet, "readWriteSet == null");
    }

    /** A failed simulation: status 500, {@code message}, nothing recorded. */
    static SimulationResult failed(String message) {
        return new SimulationResult(500, message, null, ReadWriteSet.empty(), null);
    }

    /** Whether the peer would endorse the response (status below 400). */
    public boolean isSuccess() {
        return status < ERROR_THRESHOLD;
    }

    @Override
    public byte[] payload() {
        return Bytes.copy(payload);
    }

    /** The payload decoded as UTF-8. */
    public String payloadAsString() {
        return new String(payload, UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SimulationResult that
                && status == that.status
                && message.equals(that.message)
                && Arrays.equals(payload, that.payload)
                && readWriteSet.equals(that.readWriteSet)
                && Objects.equals(event, that.event);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, message, Arrays.hashCode(payload), readWriteSet, event);
    }

    @Override
    public String toString() {
        return "SimulationResult[status=" + status + ", message=" + message + ", payload=" + Bytes.describe(payload)
                + ", readWriteSet=" + readWriteSet + ", event=" + event + "]";
    }
}
