package org.fairmark.network;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.fairmark.devca.FastEcdsa;
import org.fairmark.simulator.ReadWriteSet;
import org.fairmark.simulator.StateStore;
import org.fairmark.simulator.VersionedValue;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.Endorsement;

/**
 * The endorsement rules the endorser (planning which peers must sign) and the committer (validating a block) share,
 * as Fabric's key-level endorsement ({@code core/common/validation/statebased}) defines them: a written key is
 * governed by the signature policy in its committed validation parameter when it has one, else by the chaincode
 * policy; an endorsement counts when its endorser is a valid channel member that signed
 * {@code proposalResponsePayload || endorser}.
 */
final class EndorsementPolicy {
    private final String chaincodeName;
    private final SignaturePolicyEnvelope chaincodePolicy;
    private final MembershipService membership;

    EndorsementPolicy(String chaincodeName, SignaturePolicyEnvelope chaincodePolicy, MembershipService membership) {
        this.chaincodeName = chaincodeName;
        this.chaincodePolicy = chaincodePolicy;
        this.membership = membership;
    }

    SignaturePolicyEnvelope chaincodePolicy() {
        return chaincodePolicy;
    }

    /**
     * The key-level policy of {@code key} as committed in {@code state}, or null when the key has none.
     *
     * @throws InvalidProtocolBufferException if the key's validation parameter is not a signature policy
     */
    SignaturePolicyEnvelope keyPolicy(StateStore state, String key) throws InvalidProtocolBufferException {
        VersionedValue committed = state.get(chaincodeName, key);
        byte[] parameter = committed == null ? null : committed.metadata();
        return parameter == null || parameter.length == 0 ? null : SignaturePolicies.fromBytes(parameter);
    }

    /**
     * Fabric's chaincode interest, turned into policies: the key-level policy of every written key that has one (as
     * committed in {@code state}), plus the chaincode policy when some written key has none or nothing is written.
     */
    List<SignaturePolicyEnvelope> requiredPolicies(ReadWriteSet rwset, StateStore state) {
        List<SignaturePolicyEnvelope> policies = new ArrayList<>();
        boolean chaincodePolicyRequired = rwset.writtenKeys().isEmpty();
        for (String key : rwset.writtenKeys()) {
            SignaturePolicyEnvelope policy;
            try {
                policy = keyPolicy(state, key);
            } catch (InvalidProtocolBufferException e) {
                // The committer will reject the transaction; endorsing by the chaincode policy lets it get there.
                chaincodePolicyRequired = true;
                continue;
            }
            if (policy == null) {
                chaincodePolicyRequired = true;
            } else if (!policies.contains(policy)) {
                policies.add(policy);
            }
        }
        if (chaincodePolicyRequired) {
            policies.add(0, chaincodePolicy);
        }
        return policies;
    }

    /**
     * Fabric's key-level validation of a transaction's writes: the policy of each written key, the chaincode policy
     * for keys without one (and for a transaction that writes nothing).
     *
     * @param changedInBlock whether an earlier transaction of the block changed a key's validation parameter
     * @return why the endorsements do not satisfy the policies, or empty when they do
     */
    Optional<String> unsatisfied(
            ReadWriteSet rwset, List<ValidatedIdentity> signers, StateStore committed, Predicate<String> changedInBlock) {
        if (signers.isEmpty()) {
            return Optional.of("no valid endorsement");
        }
        boolean chaincodePolicyChecked = false;
        boolean keyPolicyChecked = false;
        List<String> keys = new ArrayList<>(rwset.valueWrittenKeys());
        keys.addAll(rwset.metadataWrittenKeys());
        for (String key : keys) {
            if (changedInBlock.test(key)) {
                return Optional.of("validation parameter of key [" + key
                        + "] was changed by an earlier transaction of the block");
            }
            SignaturePolicyEnvelope policy;
            try {
                policy = keyPolicy(committed, key);
            } catch (InvalidProtocolBufferException e) {
                return Optional.of("validation parameter of key [" + key + "] is not a signature policy");
            }
            if (policy == null) {
                if (!chaincodePolicyChecked) {
                    if (!SignaturePolicies.isSatisfied(chaincodePolicy, signers)) {
                        return Optional.of(chaincodePolicyFailure());
                    }
                    chaincodePolicyChecked = true;
                }
                continue;
            }
            if (!SignaturePolicies.isSatisfied(policy, signers)) {
                return Optional.of("validation of key [" + key.replace('\u0000', '/') + "] failed: policy "
                        + SignaturePolicies.describe(policy) + " is not satisfied");
            }
            keyPolicyChecked = true;
        }
        if (!chaincodePolicyChecked && !keyPolicyChecked && !SignaturePolicies.isSatisfied(chaincodePolicy, signers)) {
            return Optional.of(chaincodePolicyFailure());
        }
        return Optional.empty();
    }

    private String chaincodePolicyFailure() {
        return "the chaincode endorsement policy " + SignaturePolicies.describe(chaincodePolicy) + " is not satisfied";
    }

    /** A peer's endorsement: its serialized identity and its signature over {@code responsePayload || identity}. */
    static Endorsement sign(ByteString responsePayload, ByteString endorser, PrivateKey key) {
        byte[] signature = FastEcdsa.get().sign(key, responsePayload.concat(endorser).toByteArray());
        return Endorsement.newBuilder().setEndorser(endorser).setSignature(ByteString.copyFrom(signature)).build();
    }

    /**
     * The endorsers whose identity is valid and whose signature over {@code responsePayload || endorser} verifies,
     * each once. Endorsements that fail simply do not count, as in Fabric's policy evaluation.
     */
    List<ValidatedIdentity> verifiedSigners(List<Endorsement> endorsements, ByteString responsePayload) {
        Map<ByteString, ValidatedIdentity> signers = new LinkedHashMap<>();
        for (Endorsement endorsement : endorsements) {
            if (signers.containsKey(endorsement.getEndorser())) {
                continue;
            }
            ValidatedIdentity endorser = membership.validOrNull(endorsement.getEndorser());
            if (endorser != null && endorser.verify(
                    responsePayload.concat(endorsement.getEndorser()).toByteArray(),
                    endorsement.getSignature().toByteArray())) {
                signers.put(endorsement.getEndorser(), endorser);
            }
        }
        return List.copyOf(signers.values());
    }
}
