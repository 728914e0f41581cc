package org.fairmark.network;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Fabric signature policies: the policy language of {@code peer lifecycle chaincode approveformyorg
 * --signature-policy} ({@code AND('CoopMSP.peer','BureauMSP.peer')}, {@code OR(...)}, {@code OutOf(2, ...)}) and
 * their evaluation over a set of signers, with the same greedy algorithm as Fabric's {@code cauthdsl}: each signer
 * satisfies at most one principal.
 */
final class SignaturePolicies {
    private SignaturePolicies() {}

    /** {@code OR('A.peer', 'B.peer', ...)}: any one organization's peer. */
    static SignaturePolicyEnvelope anyPeerOf(List<String> mspIds) {
        return outOfPeers(1, mspIds);
    }

    /**
     * Fabric's default {@code MAJORITY Endorsement}, written out: more than half of the organizations' peers
     * ({@code OutOf(3, ...)} of four). The embedded network's default chaincode policy.
     */
    static SignaturePolicyEnvelope majorityOf(List<String> mspIds) {
        return outOfPeers(mspIds.size() / 2 + 1, mspIds);
    }

    /**
     * The policy meant by {@code text}: the keywords {@code MAJORITY} and {@code ANY} (any one organization's
     * peer) over {@code mspIds}, or the policy language.
     *
     * @throws IllegalArgumentException with the position of the first error
     */
    static SignaturePolicyEnvelope resolve(String text, List<String> mspIds) {
        String keyword = text.strip().toUpperCase(Locale.ROOT);
        return switch (keyword) {
            case "MAJORITY" -> majorityOf(mspIds);
            case "ANY" -> anyPeerOf(mspIds);
            default -> parse(text);
        };
    }

    /**
     * Checks policy text as {@link #resolve} would accept it, before the organizations are known:
     * the keywords {@code MAJORITY} and {@code ANY}, or Fabric's policy language.
     *
     * @throws IllegalArgumentException with the position of the first error
     */
    static void check(String text) {
        String keyword = text.strip().toUpperCase(Locale.ROOT);
        if (!keyword.equals("MAJORITY") && !keyword.equals("ANY")) {
            parse(text);
        }
    }

    private static SignaturePolicyEnvelope outOfPeers(int n, List<String> mspIds) {
        if (mspIds.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one organization");
        }
        if (mspIds.size() == 1) {
            return parse("OR('" + mspIds.get(0) + ".peer')");
        }
        StringBuilder text = new StringBuilder(n == 1 ? "OR(" : "OutOf(" + n + ", ");
        for (int i = 0; i < mspIds.size(); i++) {
            text.append(i == 0 ? "" : ", ").append('\'').append(mspIds.get(i)).append(".peer'");
        }
        return parse(text.append(')').toString());
    }

    /**
     * Parses the policy language.
     *
     * @throws IllegalArgumentException with the position of the first error
     */
    static SignaturePolicyEnvelope parse(String text) {
        Objects.requireNonNull(text, "text == null");
        Parser parser = new Parser(text);
        SignaturePolicy rule = parser.policy();
        parser.skipSpace();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the policy");
        }
        return SignaturePolicyEnvelope.newBuilder()
                .setVersion(0)
                .setRule(rule)
                .addAllIdentities(parser.principals.keySet().stream().map(SignaturePolicies::principal).toList())
                .build();
    }

    /** Renders a policy back into the policy language, for logs. */
    static String describe(SignaturePolicyEnvelope envelope) {
        StringBuilder out = new StringBuilder();
        describe(envelope, envelope.getRule(), out);
        return out.toString();
    }

    /** Parses serialized {@code SignaturePolicyEnvelope} bytes, e.g. a key's validation parameter. */
    static SignaturePolicyEnvelope fromBytes(byte[] bytes) throws InvalidProtocolBufferException {
        return SignaturePolicyEnvelope.parseFrom(bytes);
    }

    /**
     * Whether the signers satisfy the policy. The signers must already be deduplicated and their signatures
     * verified.
     */
    static boolean isSatisfied(SignaturePolicyEnvelope envelope, List<ValidatedIdentity> signers) {
        boolean[] used = new boolean[signers.size()];
        return evaluate(envelope.getRule(), envelope.getIdentitiesList(), signers, used);
    }

    private static boolean evaluate(
            SignaturePolicy policy, List<MSPPrincipal> principals, List<ValidatedIdentity> signers, boolean[] used) {
        switch (policy.getTypeCase()) {
            case SIGNED_BY -> {
                int index = policy.getSignedBy();
                if (index < 0 || index >= principals.size()) {
                    return false;
                }
                MSPPrincipal principal = principals.get(index);
                for (int i = 0; i < signers.size(); i++) {
                    if (!used[i] && satisfies(signers.get(i), principal)) {
                        used[i] = true;
                        return true;
                    }
                }
                return false;
            }
            case N_OUT_OF -> {
                int verified = 0;
                boolean[] attempt = new boolean[used.length];
                for (SignaturePolicy rule : policy.getNOutOf().getRulesList()) {
                    System.arraycopy(used, 0, attempt, 0, used.length);
                    if (evaluate(rule, principals, signers, attempt)) {
                        verified++;
                        System.arraycopy(attempt, 0, used, 0, used.length);
                    }
                }
                return verified >= policy.getNOutOf().getN();
            }
            default -> {
                return false;
            }
        }
    }

    /** Fabric's {@code SatisfiesPrincipal} for ROLE and IDENTITY principals. */
    static boolean satisfies(ValidatedIdentity signer, MSPPrincipal principal) {
        try {
            switch (principal.getPrincipalClassification()) {
                case ROLE -> {
                    MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
                    if (!role.getMspIdentifier().equals(signer.mspId())) {
                        return false;
                    }
                    return switch (role.getRole()) {
                        case MEMBER -> true;
                        case PEER -> signer.nodeOu().equals("peer");
                        case CLIENT -> signer.nodeOu().equals("client");
                        case ADMIN -> signer.nodeOu().equals("admin");
                        case ORDERER -> signer.nodeOu().equals("orderer");
                        default -> false;
                    };
                }
                case IDENTITY -> {
                    return principal.getPrincipal().equals(signer.serialized());
                }
                default -> {
                    return false;
                }
            }
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    /** The MSP ids a policy names, in order of first appearance. */
    static List<String> mspIds(SignaturePolicyEnvelope envelope) {
        List<String> ids = new ArrayList<>();
        for (MSPPrincipal principal : envelope.getIdentitiesList()) {
            if (principal.getPrincipalClassification() == MSPPrincipal.Classification.ROLE) {
                try {
                    String id = MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier();
                    if (!ids.contains(id)) {
                        ids.add(id);
                    }
                } catch (InvalidProtocolBufferException e) {
                    // An unreadable principal names no organization.
                }
            }
        }
        return List.copyOf(ids);
    }

    private static MSPPrincipal principal(PrincipalKey key) {
        return MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder()
                        .setMspIdentifier(key.mspId())
                        .setRole(key.role())
                        .build()
                        .toByteString())
                .build();
    }

    private static void describe(SignaturePolicyEnvelope envelope, SignaturePolicy policy, StringBuilder out) {
        switch (policy.getTypeCase()) {
            case SIGNED_BY -> {
                int index = policy.getSignedBy();
                if (index < 0 || index >= envelope.getIdentitiesCount()) {
                    out.append("'?'");
                    return;
                }
                MSPPrincipal principal = envelope.getIdentities(index);
                try {
                    MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
                    out.append('\'')
                            .append(role.getMspIdentifier())
                            .append('.')
                            .append(role.getRole().name().toLowerCase(Locale.ROOT))
                            .append('\'');
                } catch (InvalidProtocolBufferException e) {
                    out.append("'?'");
                }
            }
            case N_OUT_OF -> {
                List<SignaturePolicy> rules = policy.getNOutOf().getRulesList();
                int n = policy.getNOutOf().getN();
                if (n == 1) {
                    out.append("OR(");
                } else if (n == rules.size()) {
                    out.append("AND(");
                } else {
                    out.append("OutOf(").append(n).append(", ");
                }
                for (int i = 0; i < rules.size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    describe(envelope, rules.get(i), out);
                }
                out.append(')');
            }
            default -> out.append("?");
        }
    }

    private record PrincipalKey(String mspId, MSPRole.MSPRoleType role) {}

    private static final class Parser {
        private final String text;
        private final Map<PrincipalKey, Integer> principals = new LinkedHashMap<>();
        private int position;

        Parser(String text) {
            this.text = text;
        }

        SignaturePolicy policy() {
            skipSpace();
            if (peek() == '\'' || peek() == '"') {
                return signedBy(quoted());
            }
            String word = word();
            skipSpace();
            expect('(');
            List<SignaturePolicy> rules = new ArrayList<>();
            int n;
            switch (word.toLowerCase(Locale.ROOT)) {
                case "and", "or" -> {
                    rules.add(policy());
                    while (skipSpace() == ',') {
                        position++;
                        rules.add(policy());
                    }
                    n = word.equalsIgnoreCase("and") ? rules.size() : 1;
                }
                case "outof" -> {
                    skipSpace();
                    int start = position;
                    while (position < text.length() && Character.isDigit(text.charAt(position))) {
                        position++;
                    }
                    if (start == position) {
                        throw error("OutOf needs a number first");
                    }
                    n = Integer.parseInt(text.substring(start, position));
                    while (skipSpace() == ',') {
                        position++;
                        rules.add(policy());
                    }
                    if (n < 1 || n > rules.size()) {
                        throw error("OutOf(" + n + ", ...) with " + rules.size() + " policies can never be satisfied");
                    }
                }
                default -> throw error("expected AND, OR, OutOf or a quoted principal, found '" + word + "'");
            }
            skipSpace();
            expect(')');
            return SignaturePolicy.newBuilder()
                    .setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(n).addAllRules(rules))
                    .build();
        }

        private SignaturePolicy signedBy(String principal) {
            int dot = principal.lastIndexOf('.');
            if (dot <= 0 || dot == principal.length() - 1) {
                throw error("principal '" + principal + "' is not MSPID.role");
            }
            String mspId = principal.substring(0, dot);
            MSPRole.MSPRoleType role = switch (principal.substring(dot + 1).toLowerCase(Locale.ROOT)) {
                case "member" -> MSPRole.MSPRoleType.MEMBER;
                case "peer" -> MSPRole.MSPRoleType.PEER;
                case "client" -> MSPRole.MSPRoleType.CLIENT;
                case "admin" -> MSPRole.MSPRoleType.ADMIN;
                case "orderer" -> MSPRole.MSPRoleType.ORDERER;
                default -> throw error(
                        "unknown role in '" + principal + "'; use member, peer, client, admin or orderer");
            };
            int index = principals.computeIfAbsent(new PrincipalKey(mspId, role), key -> principals.size());
            return SignaturePolicy.newBuilder().setSignedBy(index).build();
        }

        private String quoted() {
            char quote = text.charAt(position++);
            int end = text.indexOf(quote, position);
            if (end < 0) {
                throw error("unterminated quote");
            }
            String value = text.substring(position, end);
            position = end + 1;
            return value;
        }

        private String word() {
            int start = position;
            while (position < text.length() && Character.isLetter(text.charAt(position))) {
                position++;
            }
            if (start == position) {
                throw error("expected AND, OR, OutOf or a quoted principal");
            }
            return text.substring(start, position);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            position++;
        }

        char skipSpace() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            return peek();
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException(
                    "endorsement policy \"" + text + "\" at position " + position + ": " + message);
        }
    }
}
