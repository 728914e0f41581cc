package org.fairmark.simulator;

import java.util.Arrays;
import java.util.Objects;

/**
 * A committed state entry: the value, the key-level validation parameter (Fabric's {@code VALIDATION_PARAMETER}
 * state metadata, {@code null} when the key has none) and the version that wrote it.
 *
 * <p>Arrays are copied in and out; two values are equal when their contents are.
 *
 * @param value the committed value, never empty (Fabric treats an empty write as a delete)
 * @param metadata the key-level endorsement policy bytes, or {@code null}
 * @param version the height of the transaction that last wrote the value or the metadata
 */
public record VersionedValue(byte[] value, byte[] metadata, Version version) {
    public VersionedValue {
        Objects.requireNonNull(value, "value == null");
        Objects.requireNonNull(version, "version == null");
        value = Bytes.copy(value);
        metadata = Bytes.copyOrNull(metadata);
    }

    @Override
    public byte[] value() {
        return Bytes.copy(value);
    }

    @Override
    public byte[] metadata() {
        return Bytes.copyOrNull(metadata);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionedValue that
                && Arrays.equals(value, that.value)
                && Arrays.equals(metadata, that.metadata)
                && version.equals(that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(value), Arrays.hashCode(metadata), version);
    }

    @Override
    public String toString() {
        return "VersionedValue[value=" + Bytes.describe(value) + ", metadata=" + Bytes.describe(metadata)
                + ", version=" + version + "]";
    }
}
