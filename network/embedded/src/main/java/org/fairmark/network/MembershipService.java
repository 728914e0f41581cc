package org.fairmark.network;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.fairmark.devca.FastEcdsa;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The channel's MSPs: which organizations exist, which CA each trusts, which certificates each has revoked. Turns
 * serialized identities into {@link ValidatedIdentity} the way a Fabric MSP deserializes and validates them.
 *
 * <p>Validating a certificate chain costs a signature verification, so results are cached per serialized identity
 * (successes and failures alike); a change of a revocation list empties the cache. The validity period is checked at
 * every use, since it depends on the clock.
 *
 * <p>Thread-safe.
 */
final class MembershipService {
    static final Set<String> NODE_OUS = Set.of("client", "peer", "admin", "orderer");
    private static final int CACHE_LIMIT = 10_000;

    private final Map<String, OrgMsp> msps = new LinkedHashMap<>();
    private final Map<ByteString, Object> cache = new ConcurrentHashMap<>();
    private final AtomicLong chainValidations = new AtomicLong();

    MembershipService(Collection<Organization> organizations) {
        for (Organization organization : organizations) {
            msps.put(organization.mspId(), new OrgMsp(organization.ca().certificate(), organization.ca().crl()));
        }
    }

    /** Whether the channel has an MSP of that id. */
    boolean knows(String mspId) {
        return msps.containsKey(mspId);
    }

    /** How many certificate chains were verified (cache misses), for diagnostics. */
    long chainValidations() {
        return chainValidations.get();
    }

    /** Replaces the revocation list of {@code mspId}, as a channel configuration update would. */
    synchronized void updateCrl(String mspId, X509CRL crl) {
        OrgMsp msp = msps.get(mspId);
        if (msp == null) {
            throw new IllegalArgumentException("unknown MSP " + mspId);
        }
        msps.put(mspId, new OrgMsp(msp.root(), crl));
        cache.clear();
    }

    /**
     * Deserializes and validates an identity.
     *
     * @throws IdentityRejectedException if the bytes are not a serialized identity, name an unknown MSP, or the
     *     certificate does not chain to the MSP's CA, is expired, not yet valid, revoked or lacks a NodeOU
     */
    ValidatedIdentity validate(ByteString serialized) throws IdentityRejectedException {
        Objects.requireNonNull(serialized, "serialized == null");
        Object cached = cache.get(serialized);
        if (cached == null) {
            cached = deserializeAndValidateChain(serialized);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(serialized, cached);
        }
        if (cached instanceof IdentityRejectedException rejected) {
            throw new IdentityRejectedException(rejected.mspId(), rejected.getMessage());
        }
        ValidatedIdentity identity = (ValidatedIdentity) cached;
        Date now = new Date();
        if (now.before(identity.certificate().getNotBefore())) {
            throw new IdentityRejectedException(identity.mspId(), "the certificate is not valid yet");
        }
        if (now.after(identity.certificate().getNotAfter())) {
            throw new IdentityRejectedException(identity.mspId(), "the certificate has expired");
        }
        return identity;
    }

    /** Validates the identity and reports a failure as null. */
    ValidatedIdentity validOrNull(ByteString serialized) {
        try {
            return validate(serialized);
        } catch (IdentityRejectedException e) {
            return null;
        }
    }

    private Object deserializeAndValidateChain(ByteString serialized) {
        chainValidations.incrementAndGet();
        SerializedIdentity identity;
        try {
            identity = SerializedIdentity.parseFrom(serialized);
        } catch (InvalidProtocolBufferException e) {
            return new IdentityRejectedException(null, "could not deserialize a SerializedIdentity: " + e.getMessage());
        }
        OrgMsp msp;
        synchronized (this) {
            msp = msps.get(identity.getMspid());
        }
        if (msp == null) {
            return new IdentityRejectedException(null, "MSP " + identity.getMspid() + " is not defined on channel");
        }
        String mspId = identity.getMspid();
        X509Certificate certificate;
        try {
            certificate = parsePem(identity.getIdBytes());
        } catch (CertificateException | IllegalArgumentException e) {
            return new IdentityRejectedException(null, "could not decode the certificate of an " + mspId
                    + " identity: " + e.getMessage());
        }
        if (certificate.getBasicConstraints() >= 0) {
            return new IdentityRejectedException(mspId,
                    "an X509 certificate with Basic Constraint: Certificate Authority equals true cannot be used as an"
                            + " identity");
        }
        X509Certificate root = msp.root();
        if (!certificate.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
            return new IdentityRejectedException(mspId,
                    "the certificate was not issued by the " + mspId + " CA: x509: certificate signed by unknown"
                            + " authority");
        }
        try {
            certificate.verify(root.getPublicKey());
            root.checkValidity();
        } catch (GeneralSecurityException e) {
            return new IdentityRejectedException(mspId,
                    "the certificate does not chain to the " + mspId + " CA: x509: certificate signed by unknown"
                            + " authority");
        }
        if (msp.crl() != null && msp.crl().isRevoked(certificate)) {
            return new IdentityRejectedException(mspId, "the certificate has been revoked");
        }
        String nodeOu = nodeOu(certificate);
        if (nodeOu == null) {
            return new IdentityRejectedException(mspId, "the identity does not have a valid NodeOU (client, peer, "
                    + "admin or orderer)");
        }
        return new ValidatedIdentity(
                mspId, certificate, FastEcdsa.get().importKey(certificate.getPublicKey()), nodeOu, serialized);
    }

    private static X509Certificate parsePem(ByteString idBytes) throws CertificateException {
        String text = idBytes.toStringUtf8();
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("could not decode pem bytes");
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(idBytes.toByteArray()));
    }

    /** The first OU of the subject that is a Fabric NodeOU, or null. */
    static String nodeOu(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("OU") && NODE_OUS.contains(String.valueOf(rdn.getValue()))) {
                    return String.valueOf(rdn.getValue());
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    private record OrgMsp(X509Certificate root, X509CRL crl) {
        OrgMsp {
            if (crl != null) {
                try {
                    crl.verify(root.getPublicKey());
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException(
                            "the CRL is not signed by the CA " + root.getSubjectX500Principal(), e);
                }
            }
        }
    }
}
