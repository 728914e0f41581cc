package org.fairmark.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.hyperledger.fabric.shim.ledger.KeyValue;

/** A range query result. */
final class SimulatedKeyValue implements KeyValue {
    private final String key;
    private final VersionedValue value;

    SimulatedKeyValue(String key, VersionedValue value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public String getKey() {
        return key;
    }

    @Override
    public byte[] getValue() {
        return value.value();
    }

    @Override
    public String getStringValue() {
        return new String(value.value(), UTF_8);
    }

    @Override
    public String toString() {
        return "KeyValue[" + Keys.printable(key) + "]";
    }
}
