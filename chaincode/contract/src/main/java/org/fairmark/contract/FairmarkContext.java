package org.fairmark.contract;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.fairmark.domain.BusinessDates;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.PublicKeys;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Fact;
import org.fairmark.domain.model.FactKind;
import org.fairmark.domain.model.Page;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The transaction context of every Fairmark transaction: who submitted it, when (the transaction timestamp, never the
 * wall clock), and typed access to world state with canonical JSON and key-level endorsement.
 */
final class FairmarkContext extends Context implements Cloneable {
    /** Business dates are China Standard Time calendar dates at a fixed offset ({@link BusinessDates}). */
    static final ZoneOffset BUSINESS_OFFSET = BusinessDates.OFFSET;
    static final long MAX_PAGE_SIZE = 1000;

    private Map<String, Fact> facts = new TreeMap<>();
    private Submitter submitter;
    private String eventName;
    private Map<String, Object> eventPayload;
    private String timestampText;

    /** Parses the creator's identity, as the shim's {@link Context} does; prefer {@link #of(ChaincodeStub)}. */
    FairmarkContext(ChaincodeStub stub) {
        super(stub);
    }

    /**
     * The context of one transaction. The shim's {@link Context} constructor parses the creator's X.509 certificate
     * and its attributes on every call (an eighth of {@code batch:Register}'s CPU, bench/results/contract-cpu.md);
     * the {@link ClientIdentity} it builds depends on the creator's bytes only, so the first context of a creator is
     * kept, without its stub and transaction state, as a template, and the next transactions of the same creator
     * bytes get a copy of it ({@link Object#clone()}, no constructor runs) with their own stub and empty state. A
     * creator that cannot be parsed fails in the constructor as before, and is never kept.
     */
    static FairmarkContext of(ChaincodeStub stub) {
        byte[] creator = stub.getCreator();
        if (creator == null || creator.length == 0 || creator.length > MAX_CACHED_CREATOR_BYTES) {
            return new FairmarkContext(stub);
        }
        ByteBuffer key = ByteBuffer.wrap(creator.clone());
        FairmarkContext template = TEMPLATES.get(key);
        if (template != null) {
            return template.copyFor(stub);
        }
        FairmarkContext context = new FairmarkContext(stub);
        if (TEMPLATES.size() >= MAX_CACHED_CREATORS) {
            TEMPLATES.clear();
        }
        TEMPLATES.putIfAbsent(key, context.copyFor(null));
        return context;
    }

    /** A context with this one's client identity, {@code stub}, and no transaction state. */
    private FairmarkContext copyFor(ChaincodeStub stub) {
        FairmarkContext copy;
        try {
            copy = (FairmarkContext) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        copy.stub = stub;
        copy.facts = new TreeMap<>();
        copy.submitter = null;
        copy.eventName = null;
        copy.eventPayload = null;
        copy.timestampText = null;
        return copy;
    }

    /**
     * {@link PublicKeys#sha256Hex} of a client identity id (the request and fact keys carry a prefix of it), kept for
     * the last {@value #MAX_CACHED_CREATORS} ids: the same few identities submit most transactions.
     */
    static String idSha256(String id) {
        String hash = ID_HASHES.get(id);
        if (hash == null) {
            hash = PublicKeys.sha256Hex(id);
            if (ID_HASHES.size() >= MAX_CACHED_CREATORS) {
                ID_HASHES.clear();
            }
            ID_HASHES.put(id, hash);
        }
        return hash;
    }

    private static final Map<String, String> ID_HASHES = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_CREATORS = 256;
    private static final int MAX_CACHED_CREATOR_BYTES = 16 * 1024;
    private static final Map<ByteBuffer, FairmarkContext> TEMPLATES = new ConcurrentHashMap<>();

    Submitter submitter() {
        if (submitter == null) {
            ClientIdentity identity = getClientIdentity();
            String mspId = identity.getMSPID();
            if (mspId == null || mspId.isBlank()) {
                throw new DomainException(ErrorCode.IDENTITY_INVALID, "the creator has no MSP id");
            }
            submitter = new Submitter(
                    mspId,
                    identity.getId(),
                    Role.fromAttribute(identity.getAttributeValue(Role.ATTRIBUTE)),
                    identity.getAttributeValue(Role.JURISDICTION_ATTRIBUTE));
        }
        return submitter;
    }

    /** Requires the submitter to hold one of the roles. */
    Submitter requireRole(Role... allowed) {
        Submitter who = submitter();
        for (Role role : allowed) {
            if (role == who.role()) {
                return who;
            }
        }
        throw new DomainException(
                ErrorCode.ROLE_NOT_ALLOWED,
                "role " + (who.role() == null ? "(none)" : who.role().attributeValue()) + " may not "
                        + getStub().getFunction());
    }

    /**
     * Requires the submitter to be an administrator of its organization: a certificate whose subject carries the Fabric
     * NodeOU {@code OU=admin} (what the dev CA's {@code issueAdmin} and Fabric CA's {@code --id.type admin} issue). The
     * peer's MSP has already checked that the certificate chains to the organization's CA, so the OU cannot be forged.
     */
    Submitter requireOrgAdmin() {
        Submitter who = submitter();
        if (!isAdmin(getClientIdentity().getX509Certificate())) {
            throw new DomainException(ErrorCode.NOT_ORG_ADMIN, "only an administrator (OU=admin) of " + who.mspId()
                    + " may " + getStub().getFunction());
        }
        return who;
    }

    static boolean isAdmin(java.security.cert.X509Certificate certificate) {
        if (certificate == null) {
            return false;
        }
        try {
            javax.naming.ldap.LdapName name = new javax.naming.ldap.LdapName(
                    certificate.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253));
            for (javax.naming.ldap.Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("OU") && "admin".equals(String.valueOf(rdn.getValue()))) {
                    return true;
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return false;
        }
        return false;
    }

    Instant timestamp() {
        Instant timestamp = getStub().getTxTimestamp();
        if (timestamp == null) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "the proposal has no timestamp");
        }
        return timestamp;
    }

    /** The transaction timestamp as ISO-8601 text, written once per transaction (records, facts and the event). */
    String timestampText() {
        String text = timestampText;
        if (text == null) {
            text = timestamp().toString();
            timestampText = text;
        }
        return text;
    }

    /** The transaction's calendar date in China Standard Time. */
    LocalDate businessDate() {
        return BusinessDates.of(timestamp());
    }

    String txId() {
        return getStub().getTxId();
    }

    /**
     * The composite key {@code \u0000objectType\u0000attr1\u0000...attrN\u0000}, the string the shim's
     * {@code CompositeKey} builds. The shim compiles a regular expression for every segment it checks (a fifth of
     * {@code batch:Register}'s CPU, bench/results/contract-cpu.md); this builds the same string with the same check (no
     * segment contains U+0000 or U+10FFFF) by scanning, and leaves every invalid or null segment to the shim, so that
     * it fails exactly as before.
     */
    String key(String objectType, String... attributes) {
        if (!validSegment(objectType)) {
            return getStub().createCompositeKey(objectType, attributes).toString();
        }
        int length = objectType.length() + 2;
        for (String attribute : attributes) {
            if (!validSegment(attribute)) {
                return getStub().createCompositeKey(objectType, attributes).toString();
            }
            length += attribute.length() + 1;
        }
        StringBuilder key = new StringBuilder(length).append(KEY_DELIMITER).append(objectType).append(KEY_DELIMITER);
        for (String attribute : attributes) {
            key.append(attribute).append(KEY_DELIMITER);
        }
        return key.toString();
    }

    /**
     * The partial key of a range query: a shim {@link CompositeKey} whose string is {@link #key}'s (the stubs, the
     * shim's and the simulator's, read a partial key through {@code toString()} only), so that only the object type,
     * a constant, goes through the shim's regular expression, not every attribute again.
     */
    CompositeKey partialKey(String objectType, String... attributes) {
        return new PartialKey(objectType, attributes, key(objectType, attributes));
    }

    private static final class PartialKey extends CompositeKey {
        private final List<String> attributes;
        private final String key;

        PartialKey(String objectType, String[] attributes, String key) {
            super(objectType);
            this.attributes = List.of(attributes);
            this.key = key;
        }

        @Override
        public List<String> getAttributes() {
            return attributes;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    private static final char KEY_DELIMITER = '\u0000';
    /** U+10FFFF, the shim's {@code INVALID_SEGMENT_CHAR}, as UTF-16. */
    private static final String MAX_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

    static boolean validSegment(String segment) {
        return segment != null && segment.indexOf(KEY_DELIMITER) < 0 && segment.indexOf(MAX_CODE_POINT) < 0;
    }

    <T> T get(String key, Class<T> type) {
        byte[] bytes = getStub().getState(key);
        return bytes == null || bytes.length == 0 ? null : CanonicalJson.readStored(bytes, type);
    }

    boolean exists(String key) {
        byte[] bytes = getStub().getState(key);
        return bytes != null && bytes.length > 0;
    }

    /**
     * Writes a new record and binds the key to its owner's organization: from now on only a transaction endorsed by a
     * peer of {@code ownerMspId} may change it, whatever the chaincode-level policy says.
     */
    void create(String key, Object value, String ownerMspId) {
        getStub().putState(key, CanonicalJson.toBytes(value));
        getStub().setStateValidationParameter(key, peerPolicy(ownerMspId));
    }

    /**
     * Rebinds a key to the peers of every org named: from now on a change needs an endorsement from each of them (used
     * while a package is in transit between two orgs).
     */
    void bind(String key, String... mspIds) {
        getStub().setStateValidationParameter(key, peerPolicy(mspIds));
    }

    /**
     * The key-level policy "a peer of each of {@code mspIds}", as the shim's {@link StateBasedEndorsement} encodes it.
     * The encoding depends on the org names only, so it is built once per list (building it was a seventh of
     * {@code batch:Register}'s CPU, bench/results/profile.md); at most {@value #MAX_CACHED_POLICIES} lists are kept.
     */
    static byte[] peerPolicy(String... mspIds) {
        List<String> orgs = List.of(mspIds);
        byte[] policy = PEER_POLICIES.get(orgs);
        if (policy == null) {
            StateBasedEndorsement endorsement =
                    StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(null);
            endorsement.addOrgs(StateBasedEndorsement.RoleType.RoleTypePeer, mspIds);
            policy = endorsement.policy();
            if (PEER_POLICIES.size() < MAX_CACHED_POLICIES) {
                PEER_POLICIES.putIfAbsent(orgs, policy.clone());
            }
            return policy;
        }
        return policy.clone();
    }

    private static final int MAX_CACHED_POLICIES = 64;
    private static final Map<List<String>, byte[]> PEER_POLICIES = new ConcurrentHashMap<>();

    /**
     * Counts a fact for a producer's integrity record. Facts of one transaction are gathered and written once, as one
     * key per (producer org, kind, transaction, producer identity, batch), by {@link #flushFacts()}.
     */
    void fact(FactKind kind, String producerOrg, String producerId, String gtin, String lot, long count) {
        String idHash = idSha256(producerId).substring(0, 16);
        String key = key(Keys.FACT, producerOrg, kind.name(), txId(), idHash, gtin, lot);
        Fact earlier = facts.get(key);
        long total = earlier == null ? count : Math.addExact(earlier.count(), count);
        facts.put(key, new Fact(kind, producerOrg, producerId, gtin, lot, total, txId(), timestampText()));
    }

    void flushFacts() {
        for (Map.Entry<String, Fact> fact : facts.entrySet()) {
            create(fact.getKey(), fact.getValue(), submitter().mspId());
        }
    }

    /** Overwrites an existing record; its key-level endorsement policy stays as set at creation. */
    void update(String key, Object value) {
        getStub().putState(key, CanonicalJson.toBytes(value));
    }

    /** All records under a partial composite key, in key order. */
    <T> List<T> list(Class<T> type, String objectType, String... attributes) {
        List<T> out = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results =
                getStub().getStateByPartialCompositeKey(partialKey(objectType, attributes))) {
            for (KeyValue kv : results) {
                out.add(CanonicalJson.readStored(kv.getValue(), type));
            }
        } catch (DomainException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("range query failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * One page of the records under a partial composite key, with Fabric's bookmark semantics (pass the returned
     * bookmark back; empty when this is the last page). Paginated queries are only valid in read-only transactions.
     */
    <T> Page<T> page(Class<T> type, long pageSize, String bookmark, String objectType, String... attributes) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "pageSize must be 1.." + MAX_PAGE_SIZE);
        }
        String start = bookmark == null ? "" : bookmark;
        String prefix = key(objectType, attributes);
        if (!start.isEmpty() && !start.startsWith(prefix)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "bookmark does not belong to this listing");
        }
        List<T> records = new ArrayList<>();
        String next;
        long fetched;
        try (QueryResultsIteratorWithMetadata<KeyValue> results = getStub().getStateByPartialCompositeKeyWithPagination(
                partialKey(objectType, attributes), (int) pageSize, start)) {
            for (KeyValue kv : results) {
                records.add(CanonicalJson.readStored(kv.getValue(), type));
            }
            next = results.getMetadata().getBookmark();
            fetched = results.getMetadata().getFetchedRecordsCount();
        } catch (DomainException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("paginated query failed: " + e.getMessage(), e);
        }
        return new Page<>(records, fetched, records.size() < pageSize ? "" : next);
    }

    /** Sets the transaction's chaincode event (Fabric keeps one per transaction). */
    void emit(String name, Map<String, Object> payload) {
        this.eventName = name;
        this.eventPayload = payload;
    }

    /** Sets the event on the stub, adding the ids every consumer needs to correlate it. */
    void flushEvent(String requestId) {
        if (eventName != null) {
            Map<String, Object> payload = new TreeMap<>(eventPayload);
            payload.put("event", eventName);
            payload.put("requestId", requestId);
            payload.put("txId", txId());
            payload.put("timestamp", timestampText());
            getStub().setEvent(eventName, CanonicalJson.toBytes(payload));
        }
    }
}
