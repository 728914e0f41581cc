package org.fairmark.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * What a peer hands the chaincode for one transaction: the values the shim's stub reads from the proposal.
 *
 * <p>Arrays, lists and maps are copied in and out.
 *
 * <pre>{@code
 * Invocation invocation = Invocation.builder()
 *         .channelId("fairmark")
 *         .creator(identity.serialized())
 *         .args("BatchContract:register", batchJson)
 *         .peerMspId("GrowerMSP")
 *         .build();
 * }</pre>
 *
 * @param channelId the channel
 * @param txId the transaction id
 * @param timestamp the proposal timestamp ({@code getTxTimestamp})
 * @param creator the serialized {@code msp.SerializedIdentity} of the submitter
 * @param args the function name followed by its arguments
 * @param transientMap the proposal's transient data
 * @param signedProposal the signed proposal, or {@code null} when the caller has none
 * @param binding the proposal binding (SHA-256 of nonce, creator and epoch), or {@code null}
 * @param peerMspId the endorsing peer's MSP id ({@code getMspId}), or {@code null} when unset
 */
public record Invocation(
        String channelId,
        String txId,
        Instant timestamp,
        byte[] creator,
        List<byte[]> args,
        Map<String, byte[]> transientMap,
        SignedProposal signedProposal,
        byte[] binding,
        String peerMspId) {

    public Invocation {
        Objects.requireNonNull(channelId, "channelId == null");
        Objects.requireNonNull(txId, "txId == null");
        Objects.requireNonNull(timestamp, "timestamp == null");
        Objects.requireNonNull(creator, "creator == null");
        Objects.requireNonNull(args, "args == null");
        Objects.requireNonNull(transientMap, "transientMap == null");
        creator = Bytes.copy(creator);
        args = copyArgs(args);
        transientMap = copyTransient(transientMap);
        binding = Bytes.copyOrNull(binding);
    }

    /** A builder; see the class example. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public byte[] creator() {
        return Bytes.copy(creator);
    }

    @Override
    public List<byte[]> args() {
        return copyArgs(args);
    }

    @Override
    public Map<String, byte[]> transientMap() {
        return copyTransient(transientMap);
    }

    @Override
    public byte[] binding() {
        return Bytes.copyOrNull(binding);
    }

    /** The arguments decoded as UTF-8, as the shim's {@code getStringArgs}. */
    public List<String> stringArgs() {
        return args.stream().map(arg -> new String(arg, UTF_8)).toList();
    }

    private static List<byte[]> copyArgs(List<byte[]> args) {
        List<byte[]> copy = new ArrayList<>(args.size());
        for (byte[] arg : args) {
            copy.add(Bytes.copy(Objects.requireNonNull(arg, "args contains null")));
        }
        return Collections.unmodifiableList(copy);
    }

    private static Map<String, byte[]> copyTransient(Map<String, byte[]> transientMap) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        transientMap.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, "transientMap has a null key"),
                Bytes.copy(Objects.requireNonNull(value, "transientMap has a null value for " + key))));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Invocation that
                && channelId.equals(that.channelId)
                && txId.equals(that.txId)
                && timestamp.equals(that.timestamp)
                && Arrays.equals(creator, that.creator)
                && argsEqual(args, that.args)
                && transientEqual(transientMap, that.transientMap)
                && Objects.equals(signedProposal, that.signedProposal)
                && Arrays.equals(binding, that.binding)
                && Objects.equals(peerMspId, that.peerMspId);
    }

    private static boolean argsEqual(List<byte[]> left, List<byte[]> right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!Arrays.equals(left.get(i), right.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean transientEqual(Map<String, byte[]> left, Map<String, byte[]> right) {
        return left.keySet().equals(right.keySet())
                && left.entrySet().stream()
                        .allMatch(entry -> Arrays.equals(entry.getValue(), right.get(entry.getKey())));
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(channelId, txId, timestamp, signedProposal, peerMspId);
        hash = 31 * hash + Arrays.hashCode(creator);
        for (byte[] arg : args) {
            hash = 31 * hash + Arrays.hashCode(arg);
        }
        return 31 * hash + Arrays.hashCode(binding);
    }

    @Override
    public String toString() {
        return "Invocation[channelId=" + channelId + ", txId=" + txId + ", timestamp=" + timestamp + ", args="
                + stringArgs() + ", transientKeys=" + transientMap.keySet() + ", peerMspId=" + peerMspId + "]";
    }

    /**
     * Builds an {@link Invocation}. Channel and creator are required. Unless set, the timestamp is now, the nonce
     * is 24 random bytes, and the transaction id and binding are derived from nonce and creator as Fabric derives
     * them: {@code txId = hex(SHA-256(nonce || creator))}, {@code binding = SHA-256(nonce || creator || epoch)}
     * with epoch 0 as an 8-byte little-endian number.
     */
    public static final class Builder {
        private static final int NONCE_LENGTH = 24;
        private static final SecureRandom RANDOM = new SecureRandom();

        private String channelId;
        private String txId;
        private Instant timestamp;
        private byte[] creator;
        private List<byte[]> args = List.of();
        private Map<String, byte[]> transientMap = Map.of();
        private SignedProposal signedProposal;
        private byte[] binding;
        private String peerMspId;
        private byte[] nonce;

        private Builder() {}

        public Builder channelId(String channelId) {
            this.channelId = Objects.requireNonNull(channelId, "channelId == null");
            return this;
        }

        public Builder txId(String txId) {
            this.txId = Objects.requireNonNull(txId, "txId == null");
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp == null");
            return this;
        }

        /** The serialized {@code msp.SerializedIdentity} of the submitter. */
        public Builder creator(byte[] creator) {
            this.creator = Bytes.copy(Objects.requireNonNull(creator, "creator == null"));
            return this;
        }

        public Builder args(List<byte[]> args) {
            this.args = copyArgs(Objects.requireNonNull(args, "args == null"));
            return this;
        }

        /** The function name and arguments as UTF-8 strings. */
        public Builder args(String... args) {
            Objects.requireNonNull(args, "args == null");
            List<byte[]> bytes = new ArrayList<>(args.length);
            for (String arg : args) {
                bytes.add(Objects.requireNonNull(arg, "args contains null").getBytes(UTF_8));
            }
            this.args = bytes;
            return this;
        }

        public Builder transientMap(Map<String, byte[]> transientMap) {
            this.transientMap = copyTransient(Objects.requireNonNull(transientMap, "transientMap == null"));
            return this;
        }

        public Builder signedProposal(SignedProposal signedProposal) {
            this.signedProposal = Objects.requireNonNull(signedProposal, "signedProposal == null");
            return this;
        }

        public Builder binding(byte[] binding) {
            this.binding = Bytes.copy(Objects.requireNonNull(binding, "binding == null"));
            return this;
        }

        public Builder peerMspId(String peerMspId) {
            this.peerMspId = Objects.requireNonNull(peerMspId, "peerMspId == null");
            return this;
        }

        /** The proposal nonce from which a missing transaction id and binding are derived. */
        public Builder nonce(byte[] nonce) {
            this.nonce = Bytes.copy(Objects.requireNonNull(nonce, "nonce == null"));
            return this;
        }

        public Invocation build() {
            Objects.requireNonNull(channelId, "channelId == null");
            Objects.requireNonNull(creator, "creator == null");
            byte[] proposalNonce = nonce;
            if (proposalNonce == null) {
                proposalNonce = new byte[NONCE_LENGTH];
                RANDOM.nextBytes(proposalNonce);
            }
            String id = txId != null ? txId : HexFormat.of().formatHex(sha256(proposalNonce, creator));
            byte[] proposalBinding = binding != null
                    ? binding
                    : sha256(proposalNonce, creator, ByteBuffer.allocate(Long.BYTES)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(0)
                            .array());
            return new Invocation(
                    channelId,
                    id,
                    timestamp != null ? timestamp : Instant.now(),
                    creator,
                    args,
                    transientMap,
                    signedProposal,
                    proposalBinding,
                    peerMspId);
        }

        private static byte[] sha256(byte[]... parts) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (byte[] part : parts) {
                    digest.update(part);
                }
                return digest.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }
    }
}
