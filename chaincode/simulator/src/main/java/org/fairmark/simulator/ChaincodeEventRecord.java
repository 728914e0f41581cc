package org.fairmark.simulator;

import java.util.Arrays;
import java.util.Objects;

/**
 * The chaincode event a transaction set with {@code setEvent}; Fabric keeps one per transaction, the last one set.
 *
 * @param name the event name, not blank
 * @param payload the event payload, empty when none was given
 */
public record ChaincodeEventRecord(String name, byte[] payload) {
    public ChaincodeEventRecord {
        Objects.requireNonNull(name, "name == null");
        payload = Bytes.copyOrEmpty(payload);
    }

    @Override
    public byte[] payload() {
        return Bytes.copy(payload);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChaincodeEventRecord that && name.equals(that.name)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "ChaincodeEventRecord[name=" + name + ", payload=" + Bytes.describe(payload) + "]";
    }
}
