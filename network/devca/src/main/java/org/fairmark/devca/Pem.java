package org.fairmark.devca;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads and writes PEM text: X.509 certificates and CRLs, EC private keys (PKCS#8, and SEC1 {@code EC PRIVATE KEY}
 * when reading) and public keys.
 *
 * <p>The framing and base64 are Bouncy Castle's ({@code PemReader}, {@code PemWriter}); this class adds the checks
 * and the messages. Output is what Go's {@code pem.Encode} and fabric-gateway's {@code Identities.toPemString}
 * produce on Linux: 64-character base64 lines, {@code \n} line ends, a final newline. Input that is empty, truncated, not base64 or
 * not the expected structure fails with a {@link DevCaException} that says which.
 *
 * <pre>{@code
 * String pem = Pem.writeCertificate(identity.certificate());
 * X509Certificate same = Pem.readCertificate(pem);
 * }</pre>
 */
public final class Pem {
    static final String CERTIFICATE = "CERTIFICATE";
    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
    static final String PUBLIC_KEY = "PUBLIC KEY";
    static final String X509_CRL = "X509 CRL";

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    /** A line naming a BEGIN must be one whole BEGIN line: {@code -----BEGIN LABEL-----}. */
    private static final Pattern BEGIN_LINE = Pattern.compile("-----BEGIN [^-]+-----");

    private Pem() {}

    /** The certificate as one {@code CERTIFICATE} block. */
    public static String writeCertificate(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate == null");
        try {
            return encode(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new DevCaException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /**
     * The private key as one PKCS#8 {@code PRIVATE KEY} block (unencrypted), in the key's own encoding; prefer
     * {@link #writePrivateKey(PrivateKey, PublicKey)}, which includes the public key.
     */
    public static String writePrivateKey(PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey == null");
        byte[] der = privateKey.getEncoded();
        if (der == null || !"PKCS#8".equals(privateKey.getFormat())) {
            throw new DevCaException("private key has no PKCS#8 encoding (format " + privateKey.getFormat() + ")");
        }
        return encode(PRIVATE_KEY, der);
    }

    /**
     * The private key as one PKCS#8 {@code PRIVATE KEY} block (unencrypted) whose inner SEC1 {@code ECPrivateKey}
     * also carries {@code publicKey} in its optional {@code [1] publicKey} field, as Go's
     * {@code x509.MarshalPKCS8PrivateKey} (and so Fabric's own tooling) writes it. Tools that take the public key from
     * the private key file — older Fabric SDKs among them — need that field; the JDK's own encoding omits it.
     *
     * @throws DevCaException if the keys are not a matching EC pair or cannot be encoded
     */
    public static String writePrivateKey(PrivateKey privateKey, PublicKey publicKey) {
        Objects.requireNonNull(privateKey, "privateKey == null");
        Objects.requireNonNull(publicKey, "publicKey == null");
        if (!(privateKey instanceof java.security.interfaces.ECPrivateKey ec)
                || !(publicKey instanceof java.security.interfaces.ECPublicKey)) {
            throw new DevCaException("not an EC key pair (" + privateKey.getAlgorithm() + ", "
                    + publicKey.getAlgorithm() + ")");
        }
        if (!Keys.matches(privateKey, publicKey)) {
            throw new DevCaException("the public key does not belong to the private key");
        }
        try {
            PrivateKeyInfo jdk = PrivateKeyInfo.getInstance(privateKey.getEncoded());
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
            int orderBits = ec.getParams().getOrder().bitLength();
            // Go omits the curve inside the SEC1 structure when it is in the PKCS#8 algorithm identifier; so do we.
            org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                    orderBits, ec.getS(), spki.getPublicKeyData(), null);
            return encode(PRIVATE_KEY, new PrivateKeyInfo(jdk.getPrivateKeyAlgorithm(), sec1).getEncoded("DER"));
        } catch (IOException | RuntimeException e) {
            throw new DevCaException("cannot encode the EC private key as PKCS#8", e);
        }
    }

    /** The public key as one X.509 SubjectPublicKeyInfo {@code PUBLIC KEY} block. */
    public static String writePublicKey(PublicKey publicKey) {
        Objects.requireNonNull(publicKey, "publicKey == null");
        byte[] der = publicKey.getEncoded();
        if (der == null) {
            throw new DevCaException("public key has no X.509 encoding");
        }
        return encode(PUBLIC_KEY, der);
    }

    /** The CRL as one {@code X509 CRL} block. */
    public static String writeCrl(X509CRL crl) {
        Objects.requireNonNull(crl, "crl == null");
        try {
            return encode(X509_CRL, crl.getEncoded());
        } catch (java.security.cert.CRLException e) {
            throw new DevCaException("cannot encode CRL", e);
        }
    }

    /**
     * Reads the first {@code CERTIFICATE} block of {@code pem}; text around it is ignored.
     *
     * @throws DevCaException if there is no complete block or it does not hold an X.509 certificate
     */
    public static X509Certificate readCertificate(String pem) {
        Objects.requireNonNull(pem, "pem == null");
        return certificate(firstBlock(pem, List.of(CERTIFICATE)).der);
    }

    /**
     * Reads every {@code CERTIFICATE} block of {@code pem} in order, e.g. a chain or a bundle of CA certificates.
     *
     * @throws DevCaException if there is none, or one is truncated or invalid
     */
    public static List<X509Certificate> readCertificates(String pem) {
        List<X509Certificate> certificates = certificatesIn(pem);
        if (certificates.isEmpty()) {
            throw new DevCaException("no PEM CERTIFICATE block found");
        }
        return certificates;
    }

    /**
     * Every {@code CERTIFICATE} block of {@code pem} in order; none is an empty list (a bundle file or a profile
     * field that may hold no certificate).
     *
     * @throws DevCaException if a block is truncated or invalid
     */
    public static List<X509Certificate> certificatesIn(String pem) {
        Objects.requireNonNull(pem, "pem == null");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(pem)) {
            if (block.label.equals(CERTIFICATE)) {
                certificates.add(certificate(block.der));
            }
        }
        return List.copyOf(certificates);
    }

    /**
     * Reads the first EC private key of {@code pem}: a PKCS#8 {@code PRIVATE KEY} block or a SEC1 {@code EC PRIVATE
     * KEY} block as written by OpenSSL and older Fabric tooling.
     *
     * @throws DevCaException if there is no complete block, it is encrypted, or it is not an EC private key
     */
    public static PrivateKey readPrivateKey(String pem) {
        Objects.requireNonNull(pem, "pem == null");
        if (pem.contains(BEGIN + "ENCRYPTED PRIVATE KEY" + DASHES)) {
            throw new DevCaException("encrypted PEM private keys are not supported");
        }
        Block block = firstBlock(pem, List.of(PRIVATE_KEY, EC_PRIVATE_KEY));
        byte[] pkcs8 = block.label.equals(EC_PRIVATE_KEY) ? sec1ToPkcs8(block.der) : block.der;
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DevCaException("PEM " + block.label + " block is not a valid EC private key", e);
        }
    }

    /**
     * Reads the first {@code PUBLIC KEY} block of {@code pem} as an EC public key.
     *
     * @throws DevCaException if there is no complete block or it is not an EC public key
     */
    public static PublicKey readPublicKey(String pem) {
        Objects.requireNonNull(pem, "pem == null");
        Block block = firstBlock(pem, List.of(PUBLIC_KEY));
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(block.der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DevCaException("PEM PUBLIC KEY block is not a valid EC public key", e);
        }
    }

    /**
     * Reads the first {@code X509 CRL} block of {@code pem}.
     *
     * @throws DevCaException if there is no complete block or it does not hold a CRL
     */
    public static X509CRL readCrl(String pem) {
        Objects.requireNonNull(pem, "pem == null");
        Block block = firstBlock(pem, List.of(X509_CRL));
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(block.der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DevCaException("PEM X509 CRL block is not a valid CRL", e);
        }
    }

    /** One block as Bouncy Castle's {@code PemWriter} writes it, with {@code \n} line ends on every platform. */
    static String encode(String label, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(label, der));
        } catch (IOException e) {
            throw new DevCaException("cannot write a PEM " + label + " block", e); // a StringWriter does not fail
        }
        String pem = text.toString();
        return System.lineSeparator().equals("\n") ? pem : pem.replace(System.lineSeparator(), "\n");
    }

    static X509Certificate certificate(byte[] der) {
        try {
            X509Certificate certificate = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            if (certificate == null) {
                throw new CertificateException("empty certificate");
            }
            return certificate;
        } catch (CertificateException | RuntimeException e) {
            throw new DevCaException("PEM CERTIFICATE block is not a valid X.509 certificate", e);
        }
    }

    private static byte[] sec1ToPkcs8(byte[] sec1Der) {
        try {
            org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
                    org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(sec1Der));
            ASN1Encodable curve = sec1.getParametersObject();
            if (curve == null) {
                throw new DevCaException("PEM EC PRIVATE KEY block names no curve");
            }
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve);
            return new PrivateKeyInfo(algorithm, sec1).getEncoded();
        } catch (IOException | RuntimeException e) {
            if (e instanceof DevCaException) {
                throw (DevCaException) e;
            }
            throw new DevCaException("PEM EC PRIVATE KEY block is not a valid SEC1 EC private key", e);
        }
    }

    private static Block firstBlock(String pem, List<String> labels) {
        for (Block block : blocks(pem)) {
            if (labels.contains(block.label)) {
                return block;
            }
        }
        throw new DevCaException("no PEM " + String.join(" or ", labels) + " block found");
    }

    /**
     * Every complete block in order, read by Bouncy Castle's {@code PemReader} (lines stripped first, so indented
     * blocks of a YAML or JSON profile and CRLF line ends read too); a BEGIN line without its END line is an error,
     * not skipped.
     */
    private static List<Block> blocks(String pem) {
        StringBuilder lines = new StringBuilder(pem.length());
        for (String line : pem.lines().map(String::strip).toList()) {
            if (line.contains(BEGIN) && !BEGIN_LINE.matcher(line).matches()) {
                throw new DevCaException("truncated PEM: malformed BEGIN line");
            }
            lines.append(line).append('\n');
        }
        List<Block> blocks = new ArrayList<>();
        try (LabelledReader reader = new LabelledReader(lines.toString())) {
            for (PemObject object = read(reader); object != null; object = read(reader)) {
                if (!object.getHeaders().isEmpty()) {
                    throw new DevCaException("PEM " + object.getType()
                            + " block has headers (encrypted?), which are not supported");
                }
                if (object.getContent().length == 0) {
                    throw new DevCaException("PEM " + object.getType() + " block is empty");
                }
                blocks.add(new Block(object.getType(), object.getContent()));
            }
        } catch (IOException e) {
            throw new DevCaException("cannot read PEM text", e); // a StringReader does not fail
        }
        return blocks;
    }

    private static PemObject read(LabelledReader reader) {
        try {
            return reader.readPemObject();
        } catch (IOException e) {
            String label = reader.label;
            if (e.getMessage() != null && e.getMessage().startsWith(END) && e.getMessage().endsWith(" not found")) {
                throw new DevCaException("truncated PEM: no '" + END + label + DASHES + "' line after the " + label
                        + " block", e);
            }
            throw new DevCaException("PEM " + label + " block is not valid base64: " + e.getMessage(), e);
        }
    }

    /** A {@code PemReader} that remembers the label of the last BEGIN line, so an error can name its block. */
    private static final class LabelledReader extends PemReader {
        String label = "";

        LabelledReader(String text) {
            super(new StringReader(text));
        }

        @Override
        public String readLine() throws IOException {
            String line = super.readLine();
            if (line != null && line.startsWith(BEGIN) && line.endsWith(DASHES)) {
                label = line.substring(BEGIN.length(), line.length() - DASHES.length());
            }
            return line;
        }
    }

    private static final class Block {
        final String label;
        final byte[] der;

        Block(String label, byte[] der) {
            this.label = label;
            this.der = der;
        }
    }
}
