package org.fairmark.bench.jmh;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fairmark.client.CryptoProvider;
import org.fairmark.client.FastSigner;
import org.fairmark.client.LabelClaim;
import org.fairmark.client.LabelSigner;
import org.fairmark.client.LabelVerdict;
import org.fairmark.client.LabelVerifier;
import org.fairmark.client.SignedLabel;
import org.fairmark.client.TrustBundle;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.Gtin;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Label parse and offline verify (the path of {@code fairmark verify --trust}: {@link CryptoProvider#fastest()}), and
 * signing a transaction digest with {@link FastSigner} against fabric-gateway's own signer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CryptoBenchmarks {
    private String labelUri;
    private LabelVerifier fastest;
    private LabelVerifier sunEc;
    private Signer fastSigner;
    private Signer gatewaySigner;
    private byte[] digest;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LabelSigner signer = LabelSigner.generate();
        String gtin = "0690123456789" + Gtin.checkDigit("0690123456789");
        labelUri = signer.sign(new LabelClaim(gtin, "QX-2024-001", "P00001", "FIRST", 500, LocalDate.of(2024, 9, 15),
                "130227", signer.keyId()), "https://id.fairmark.cn").uri();
        CertificateAuthority ca = CertificateAuthority.create("BureauMSP", "bureau");
        Identity auditor = ca.issue("auditor", Map.of("fairmark.role", "auditor"));
        TrustBundle bundle = TrustBundle.read(bundleJson(signer, auditor, ca), List.of(ca.certificate()));
        fastest = LabelVerifier.builder(bundle).cryptoProvider(CryptoProvider.fastest()).build();
        sunEc = LabelVerifier.builder(bundle).cryptoProvider(CryptoProvider.jdk()).build();
        if (!fastest.verify(labelUri).isGenuine() || !sunEc.verify(labelUri).isGenuine()) {
            throw new IllegalStateException("the benchmark label does not verify: " + fastest.verify(labelUri) + " / " + sunEc.verify(labelUri));
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        fastSigner = FastSigner.of(pair.getPrivate());
        gatewaySigner = Signers.newPrivateKeySigner((ECPrivateKey) pair.getPrivate());
        digest = MessageDigest.getInstance("SHA-256").digest("a proposal".getBytes(UTF_8));
    }

    @Benchmark
    public SignedLabel labelParse() {
        return SignedLabel.parse(labelUri);
    }

    /** The whole offline path: parse, canonical claim, key lookup, ES256 check, on the fastest provider. */
    @Benchmark
    public LabelVerdict labelVerifyFastest() {
        return fastest.verify(labelUri);
    }

    @Benchmark
    public LabelVerdict labelVerifySunEc() {
        return sunEc.verify(labelUri);
    }

    /** FairmarkClient's signer: Conscrypt (else Bouncy Castle), low-S. */
    @Benchmark
    public byte[] signFastSigner() throws Exception {
        return fastSigner.sign(digest);
    }

    /** fabric-gateway's {@code Signers.newPrivateKeySigner}, the previous default. */
    @Benchmark
    public byte[] signFabricGatewayDefault() throws Exception {
        return gatewaySigner.sign(digest);
    }

    static byte[] bundleJson(LabelSigner signer, Identity auditor, CertificateAuthority ca) {
        ObjectMapper mapper = new ObjectMapper();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode body = mapper.createObjectNode();
        body.put("format", TrustBundle.FORMAT);
        body.put("channel", "fairmark");
        body.put("chaincode", "fairmark");
        body.put("issuedAt", now.toString());
        body.put("validUntil", now.plus(Duration.ofDays(1)).toString());
        body.putObject("issuer").put("mspId", auditor.mspId()).put("certificate", auditor.certificatePem());
        ObjectNode organization = body.putArray("organizations").addObject().put("mspId", "CoopMSP");
        organization.putArray("caCertificates").add(ca.certificatePem());
        organization.putArray("gtinPrefixes").add("6901234");
        body.putArray("labelKeys").addObject().put("keyId", signer.keyId()).put("publicKey", signer.publicKeyBase64())
                .put("ownerOrg", "CoopMSP").put("ownerId", "packer").put("registeredAt", now.toString())
                .put("revoked", false);
        byte[] canonicalBody = CanonicalJson.canonicalize(body.toString()).getBytes(UTF_8);
        ObjectNode envelope = mapper.createObjectNode();
        envelope.set("bundle", body);
        envelope.put("signature", Base64.getEncoder().encodeToString(auditor.sign(canonicalBody)));
        return CanonicalJson.canonicalize(envelope.toString()).getBytes(UTF_8);
    }
}
