package org.fairmark.contract;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.ErrorCode;
import org.fairmark.simulator.ChaincodeEventRecord;
import org.fairmark.simulator.ReadWriteSet;
import org.fairmark.simulator.SimulationResult;

/** What one simulated transaction returned. */
record Outcome(SimulationResult result, boolean committed) {

    boolean ok() {
        return result.status() == 200;
    }

    /** The error code at the start of the message, or null for success or an uncoded error. */
    ErrorCode code() {
        return ok() ? null : ErrorCode.fromMessage(result.message());
    }

    String message() {
        return result.message();
    }

    String payload() {
        return result.payload() == null ? "" : new String(result.payload(), UTF_8);
    }

    JsonNode json() {
        return CanonicalJson.tree(result.payload());
    }

    <T> T as(Class<T> type) {
        return CanonicalJson.read(result.payload(), type);
    }

    ReadWriteSet rwset() {
        return result.readWriteSet();
    }

    ChaincodeEventRecord event() {
        return result.event();
    }

    @Override
    public String toString() {
        return ok() ? "OK " + payload() : "ERROR " + result.status() + " " + result.message();
    }
}
