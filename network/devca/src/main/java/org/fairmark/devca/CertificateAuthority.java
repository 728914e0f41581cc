package org.fairmark.devca;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * The development certificate authority of one organization (one MSP): a self-signed ECDSA P-256 root that issues
 * enrollment certificates shaped like Fabric CA's, TLS server certificates, and a revocation list.
 *
 * <p>Enrollment certificates carry the Fabric NodeOU in the subject ({@code CN=<name>, OU=client, O=<org>}) and,
 * when given, attributes in extension {@code 1.2.3.4.5.6.7.8.1} as {@code {"attrs":{...}}} JSON, which the chaincode
 * shim's {@code ClientIdentity.getAttributeValue} reads unchanged. All signatures are ECDSA-SHA256 with low S.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create("CoopMSP", "coop.example.com");
 * Identity alice = ca.issue("alice", Map.of("fairmark.role", "producer"));
 * Identity peer = ca.issuePeer("peer0.coop.example.com");
 * ca.save(Path.of("build/ca/coop"));
 * }</pre>
 *
 * <p>Instances are thread-safe. Nothing is written to disk until {@link #save}.
 */
public final class CertificateAuthority {
    static final Duration LEAF_VALIDITY = Duration.ofDays(365);
    static final Duration CRL_VALIDITY = Duration.ofDays(7);
    /** Fabric CA backdates certificates so a peer whose clock is a little behind accepts them. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    static final int ROOT_VALIDITY_YEARS = 10;

    static final String CERTIFICATE_FILE = "ca-cert.pem";
    static final String KEY_FILE = "ca-key.pem";
    static final String ORG_FILE = "org.properties";
    static final String REVOKED_FILE = "revoked.txt";

    private static final ASN1ObjectIdentifier ATTRIBUTE_EXTENSION =
            new ASN1ObjectIdentifier(Identity.ATTRIBUTE_EXTENSION_OID);
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    /** A numeric top-level label means a mistyped IP address, not a host name (RFC 3696 section 2). */
    private static final Pattern ALL_DIGITS_LAST_LABEL = Pattern.compile("(^|\\.)[0-9]+$");

    private static final Pattern SERIAL_HEX = Pattern.compile("[0-9a-f]{1,40}");

    private final String mspId;
    private final String orgName;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final byte[] keyIdentifier;
    private final SecureRandom random = new SecureRandom();

    /** Revoked serial numbers and when; guarded by {@code this}. */
    private final SortedMap<BigInteger, Instant> revoked;
    /** The number the next CRL carries; grows with every revocation. Guarded by {@code this}. */
    private long crlNumber;

    private CertificateAuthority(
            String mspId,
            String orgName,
            X509Certificate certificate,
            PrivateKey privateKey,
            SortedMap<BigInteger, Instant> revoked,
            long crlNumber) {
        this.mspId = mspId;
        this.orgName = orgName;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.keyIdentifier = subjectKeyIdentifier(certificate);
        this.revoked = new TreeMap<>(revoked);
        this.crlNumber = crlNumber;
    }

    /**
     * Creates a new root: subject {@code CN=ca.<orgName>, O=<orgName>, C=CN}, valid for ten years.
     *
     * @param mspId the MSP id identities of this CA are serialized with, e.g. {@code CoopMSP}
     * @param orgName the organization name, e.g. {@code coop.example.com}; 1 to 61 printable characters
     * @throws IllegalArgumentException if either name is malformed
     */
    public static CertificateAuthority create(String mspId, String orgName) {
        Names.mspId(mspId);
        Names.orgName(orgName);
        KeyPair keyPair = Keys.newP256();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, new DERPrintableString("CN"))
                .addRDN(BCStyle.O, directoryString(orgName))
                .addRDN(BCStyle.CN, directoryString("ca." + orgName))
                .build();
        Instant notBefore = now().minus(BACKDATE);
        Instant notAfter =
                notBefore.atZone(ZoneOffset.UTC).plusYears(ROOT_VALIDITY_YEARS).toInstant();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                serialNumber(new SecureRandom()),
                Date.from(notBefore),
                Date.from(notAfter),
                subject,
                keyPair.getPublic());
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            // pathlen 1, as a Fabric CA root has, so an intermediate CA could be added later.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    extensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
        } catch (CertIOException e) {
            throw new DevCaException("cannot encode CA certificate extensions", e);
        }
        X509Certificate certificate = sign(builder, keyPair.getPrivate());
        return new CertificateAuthority(mspId, orgName, certificate, keyPair.getPrivate(), new TreeMap<>(), 1);
    }

    /**
     * Loads a CA saved with {@link #save}.
     *
     * @throws DevCaException if a file is missing or corrupt, or the key does not match the certificate
     */
    public static CertificateAuthority load(Path directory) {
        Objects.requireNonNull(directory, "directory == null");
        Properties properties = new Properties();
        Path orgFile = directory.resolve(ORG_FILE);
        try {
            properties.load(new StringReader(AtomicFiles.read(orgFile, "CA file " + ORG_FILE)));
        } catch (IOException | IllegalArgumentException e) {
            throw new DevCaException(orgFile + " is not a properties file: " + e.getMessage(), e);
        }
        String mspId = requiredProperty(properties, "mspId", orgFile);
        String orgName = requiredProperty(properties, "orgName", orgFile);
        long crlNumber;
        try {
            Names.mspId(mspId);
            Names.orgName(orgName);
            crlNumber = Long.parseLong(requiredProperty(properties, "crlNumber", orgFile));
            if (crlNumber < 1) {
                throw new IllegalArgumentException("crlNumber must be positive");
            }
        } catch (IllegalArgumentException e) {
            throw new DevCaException(orgFile + ": " + e.getMessage(), e);
        }

        Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        Path keyFile = directory.resolve(KEY_FILE);
        X509Certificate certificate;
        PrivateKey privateKey;
        try {
            certificate = Pem.readCertificate(AtomicFiles.read(certificateFile, "CA file " + CERTIFICATE_FILE));
        } catch (DevCaException e) {
            throw new DevCaException(certificateFile + ": " + e.getMessage(), e);
        }
        try {
            privateKey = Pem.readPrivateKey(AtomicFiles.read(keyFile, "CA file " + KEY_FILE));
        } catch (DevCaException e) {
            throw new DevCaException(keyFile + ": " + e.getMessage(), e);
        }
        if (certificate.getBasicConstraints() < 0) {
            throw new DevCaException(certificateFile + " is not a CA certificate");
        }
        if (!Keys.matches(privateKey, certificate.getPublicKey())) {
            throw new DevCaException(keyFile + " does not match the public key of " + certificateFile);
        }

        Path revokedFile = directory.resolve(REVOKED_FILE);
        SortedMap<BigInteger, Instant> revoked =
                Files.exists(revokedFile) ? parseRevoked(revokedFile) : new TreeMap<>();
        return new CertificateAuthority(mspId, orgName, certificate, privateKey, revoked, crlNumber);
    }

    /**
     * Writes the CA to {@code directory} (created if needed): {@code ca-cert.pem}, {@code ca-key.pem} (PKCS#8,
     * owner-only where the file system has POSIX permissions), {@code org.properties} and {@code revoked.txt}. Each
     * file is replaced atomically.
     *
     * @throws DevCaException if a file cannot be written
     */
    public void save(Path directory) {
        Objects.requireNonNull(directory, "directory == null");
        String revokedText;
        long number;
        synchronized (this) {
            revokedText = formatRevoked(revoked);
            number = crlNumber;
        }
        StringBuilder org = new StringBuilder("# Fairmark development CA\n");
        appendProperty(org, "mspId", mspId);
        appendProperty(org, "orgName", orgName);
        appendProperty(org, "crlNumber", Long.toString(number));
        AtomicFiles.write(directory.resolve(KEY_FILE), Pem.writePrivateKey(privateKey, certificate.getPublicKey()), true);
        AtomicFiles.write(directory.resolve(CERTIFICATE_FILE), certificatePem(), false);
        AtomicFiles.write(directory.resolve(REVOKED_FILE), revokedText, false);
        // Last, so a directory with org.properties has everything else too.
        AtomicFiles.write(directory.resolve(ORG_FILE), org.toString(), false);
    }

    /** The MSP id of identities this CA issues. */
    public String mspId() {
        return mspId;
    }

    /** The organization name, the {@code O} of every certificate this CA issues. */
    public String orgName() {
        return orgName;
    }

    /** The self-signed root certificate: the MSP's {@code cacerts} entry and the TLS trust anchor. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The root certificate as PEM text. */
    public String certificatePem() {
        return Pem.writeCertificate(certificate);
    }

    /**
     * Issues a client identity ({@code OU=client}) with a fresh P-256 key.
     *
     * @param name the identity name and certificate CN, {@code [A-Za-z0-9][A-Za-z0-9._@-]{0,63}}
     * @param attributes Fabric CA attributes, e.g. {@code fairmark.role=producer}; names {@code [A-Za-z0-9._-]+},
     *     values printable; empty for a certificate without the attribute extension
     * @throws IllegalArgumentException if the name or an attribute is malformed
     */
    public Identity issue(String name, Map<String, String> attributes) {
        return issueEnrollment(name, "client", attributes);
    }

    /** Issues a peer's signing identity ({@code OU=peer}), e.g. {@code peer0.coop.example.com}. */
    public Identity issuePeer(String name) {
        return issueEnrollment(name, "peer", Map.of());
    }

    /** Issues an administrator identity ({@code OU=admin}) for the MSP's admin NodeOU. */
    public Identity issueAdmin(String name) {
        return issueEnrollment(name, "admin", Map.of());
    }

    /** Issues an orderer's signing identity ({@code OU=orderer}). */
    public Identity issueOrderer(String name) {
        return issueEnrollment(name, "orderer", Map.of());
    }

    /**
     * Issues a TLS certificate for a server (also usable as a TLS client): extended key usage serverAuth and
     * clientAuth, subject alternative names for every host name and IP address, {@code CN} the first of them.
     *
     * <pre>{@code
     * TlsMaterial tls = ca.issueTlsServer("localhost", "127.0.0.1", "::1");
     * }</pre>
     *
     * @param hostnames DNS names (a leading {@code *.} wildcard allowed) and IPv4 or IPv6 literals; at least one
     * @throws IllegalArgumentException if there is none, or one is neither a DNS name nor an IP address
     */
    public TlsMaterial issueTlsServer(String... hostnames) {
        Objects.requireNonNull(hostnames, "hostnames == null");
        if (hostnames.length == 0) {
            throw new IllegalArgumentException("at least one host name is required");
        }
        Set<String> distinct = new LinkedHashSet<>();
        List<GeneralName> names = new ArrayList<>();
        for (String hostname : hostnames) {
            Objects.requireNonNull(hostname, "hostname == null");
            if (!distinct.add(hostname)) {
                continue;
            }
            if (IPAddress.isValid(hostname)) {
                names.add(new GeneralName(GeneralName.iPAddress, hostname));
            } else if (DNS_NAME.matcher(hostname).matches()
                    && !ALL_DIGITS_LAST_LABEL.matcher(hostname).find()) {
                names.add(new GeneralName(GeneralName.dNSName, hostname));
            } else {
                throw new IllegalArgumentException("not a DNS name or IP address: '" + hostname + "'");
            }
        }
        String first = hostnames[0];
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, directoryString(orgName));
        if (first.length() <= 64) {
            subject.addRDN(BCStyle.CN, directoryString(first));
        }
        KeyPair keyPair = Keys.newP256();
        X509v3CertificateBuilder builder = leafBuilder(subject.build(), keyPair.getPublic());
        try {
            // Fabric CA's "tls" profile: signing, key encipherment, key agreement; server and client auth.
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
            }));
            builder.addExtension(
                    Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
        } catch (CertIOException e) {
            throw new DevCaException("cannot encode TLS certificate extensions", e);
        }
        return new TlsMaterial(sign(builder, privateKey), keyPair.getPrivate());
    }

    /**
     * Revokes a certificate this CA issued; it appears in every later {@link #crl()}. Revoking twice changes nothing.
     *
     * @throws IllegalArgumentException if this CA did not issue the certificate, or it is the CA's own
     */
    public synchronized void revoke(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate == null");
        if (certificate.equals(this.certificate)) {
            throw new IllegalArgumentException("a CA cannot revoke its own root certificate");
        }
        if (!signedHere(certificate)) {
            throw new IllegalArgumentException(
                    "certificate " + certificate.getSubjectX500Principal().getName() + " was not issued by "
                            + this.certificate.getSubjectX500Principal().getName());
        }
        if (revoked.putIfAbsent(certificate.getSerialNumber(), now()) == null) {
            crlNumber++;
        }
    }

    /** Whether {@code certificate} was issued by this CA and revoked. */
    public synchronized boolean isRevoked(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate == null");
        return certificate.getIssuerX500Principal().equals(this.certificate.getSubjectX500Principal())
                && revoked.containsKey(certificate.getSerialNumber());
    }

    /**
     * A freshly signed CRL of every revoked serial number, valid from now for seven days, with the CA's authority
     * key identifier and a CRL number that grows with each revocation; the form an MSP's {@code crls} folder holds.
     */
    public synchronized X509CRL crl() {
        Instant thisUpdate = now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(thisUpdate.plus(CRL_VALIDITY)));
        revoked.forEach((serial, when) -> builder.addCRLEntry(serial, Date.from(when), CRLReason.unspecified));
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdentifier));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber)));
            byte[] der = builder.build(new LowSContentSigner(privateKey)).getEncoded();
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (IOException | GeneralSecurityException e) {
            throw new DevCaException("cannot build CRL", e);
        }
    }

    /**
     * Whether {@code ca} signed {@code leaf} and both are valid now: the issuer name matches, {@code ca} is a CA
     * certificate allowed to sign certificates, and the signature verifies. A self-signed root is issued by itself.
     */
    public static boolean isIssuedBy(X509Certificate leaf, X509Certificate ca) {
        Objects.requireNonNull(leaf, "leaf == null");
        Objects.requireNonNull(ca, "ca == null");
        if (!leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) || ca.getBasicConstraints() < 0) {
            return false;
        }
        boolean[] keyUsage = ca.getKeyUsage();
        if (keyUsage != null && !keyUsage[5]) {
            return false;
        }
        try {
            leaf.verify(ca.getPublicKey());
            leaf.checkValidity();
            ca.checkValidity();
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "CertificateAuthority[mspId=" + mspId + ", subject="
                + certificate.getSubjectX500Principal().getName() + "]";
    }

    private Identity issueEnrollment(String name, String organizationalUnit, Map<String, String> attributes) {
        Names.identityName(name);
        Objects.requireNonNull(attributes, "attributes == null");
        SortedMap<String, String> sorted = AttributeJson.validate(attributes);
        KeyPair keyPair = Keys.newP256();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, directoryString(orgName))
                .addRDN(BCStyle.OU, directoryString(organizationalUnit))
                .addRDN(BCStyle.CN, directoryString(name))
                .build();
        X509v3CertificateBuilder builder = leafBuilder(subject, keyPair.getPublic());
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            if (!sorted.isEmpty()) {
                // The raw JSON is the extnValue content, as Fabric CA writes it: getExtensionValue unwraps one
                // OCTET STRING and finds the JSON.
                builder.addExtension(ATTRIBUTE_EXTENSION, false, AttributeJson.encode(sorted));
            }
        } catch (CertIOException e) {
            throw new DevCaException("cannot encode certificate extensions", e);
        }
        return new Identity(name, mspId, sign(builder, privateKey), keyPair.getPrivate());
    }

    /** A builder with the parts every issued certificate shares: validity, CA:false, key identifiers. */
    private X509v3CertificateBuilder leafBuilder(X500Name subject, PublicKey publicKey) {
        Instant notBefore = now().minus(BACKDATE);
        Instant notAfter = notBefore.plus(LEAF_VALIDITY);
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                certificate, serialNumber(random), Date.from(notBefore), Date.from(notAfter), subject, publicKey);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, extensionUtils().createSubjectKeyIdentifier(publicKey));
            // Key identifier only, as Go's crypto/x509 writes it (no issuer name and serial).
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdentifier));
        } catch (CertIOException e) {
            throw new DevCaException("cannot encode certificate extensions", e);
        }
        return builder;
    }

    private boolean signedHere(X509Certificate issued) {
        if (!issued.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            return false;
        }
        try {
            issued.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
        try {
            byte[] der = builder.build(new LowSContentSigner(signingKey)).getEncoded();
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (IOException | GeneralSecurityException e) {
            throw new DevCaException("cannot build certificate", e);
        }
    }

    /** PrintableString when the value allows it, else UTF8String: what Go's encoding/asn1 picks for Fabric CA. */
    private static ASN1Encodable directoryString(String value) {
        return DERPrintableString.isPrintableString(value) ? new DERPrintableString(value) : new DERUTF8String(value);
    }

    /** Random, positive, 128 bits, never zero. */
    private static BigInteger serialNumber(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(128, random);
        } while (serial.signum() == 0);
        return serial;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (NoSuchAlgorithmException e) {
            throw new DevCaException("SHA-1 for key identifiers is unavailable", e);
        }
    }

    private static byte[] subjectKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return extensionUtils()
                    .createSubjectKeyIdentifier(certificate.getPublicKey())
                    .getKeyIdentifier();
        }
        try {
            return SubjectKeyIdentifier.getInstance(
                            ASN1OctetString.getInstance(extension).getOctets())
                    .getKeyIdentifier();
        } catch (IllegalArgumentException e) {
            throw new DevCaException("CA certificate has a malformed subject key identifier", e);
        }
    }

    private static String requiredProperty(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new DevCaException(file + " has no '" + key + "' entry");
        }
        return value;
    }

    /** One {@code key=value} line, escaped by {@link Properties} itself. */
    private static void appendProperty(StringBuilder out, String key, String value) {
        Properties single = new Properties();
        single.setProperty(key, value);
        StringWriter writer = new StringWriter();
        try {
            single.store(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : writer.toString().split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                out.append(trimmed).append('\n');
            }
        }
    }

    private static String formatRevoked(SortedMap<BigInteger, Instant> revoked) {
        StringBuilder text = new StringBuilder("# serial (hex) revoked-at (UTC)\n");
        revoked.forEach((serial, when) ->
                text.append(serial.toString(16)).append(' ').append(when).append('\n'));
        return text.toString();
    }

    private static SortedMap<BigInteger, Instant> parseRevoked(Path file) {
        SortedMap<BigInteger, Instant> revoked = new TreeMap<>();
        List<String> lines =
                Arrays.asList(AtomicFiles.read(file, "CA file " + REVOKED_FILE).split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 2 || !SERIAL_HEX.matcher(fields[0]).matches()) {
                throw new DevCaException(file + " line " + (i + 1) + ": expected '<serial hex> <instant>': " + line);
            }
            try {
                revoked.put(new BigInteger(fields[0], 16), Instant.parse(fields[1]));
            } catch (DateTimeParseException e) {
                throw new DevCaException(file + " line " + (i + 1) + ": bad instant '" + fields[1] + "'", e);
            }
        }
        return revoked;
    }
}
