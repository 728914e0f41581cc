package org.fairmark.bench.jmh;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fairmark.client.CryptoProvider;
import org.fairmark.client.LabelClaim;
import org.fairmark.client.LabelSigner;
import org.fairmark.client.LabelVerdict;
import org.fairmark.client.LabelVerifier;
import org.fairmark.client.SignedLabel;
import org.fairmark.client.TrustBundle;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.domain.Gtin;
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
 * The offline label check of {@code fairmark label verify --file}, split into its parts: the parse of the label URI,
 * the canonical claim bytes, the whole {@link LabelVerifier#verify(String)} on the fastest provider, and the raw ES256
 * check the whole path cannot beat ({@code Signature.verify} of the same claim bytes and DER signature on the same
 * provider, key and Signature object reused). {@code verify / rawVerify} is the share of the verifier's time that is
 * the signature check; {@code bench/results/verify.md} has the figures.
 *
 * <p>The labels cycle through 64 distinct serials so that nothing is a cached constant.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LabelVerifyBenchmark {
    private static final int LABELS = 64;

    private final List<String> uris = new ArrayList<>();
    private final List<SignedLabel> labels = new ArrayList<>();
    private final List<byte[]> claims = new ArrayList<>();
    private final List<byte[]> derSignatures = new ArrayList<>();
    private LabelVerifier verifier;
    private PublicKey publicKey;
    private Signature signature;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LabelSigner signer = LabelSigner.generate();
        String gtin = "0690123456789" + Gtin.checkDigit("0690123456789");
        for (int i = 0; i < LABELS; i++) {
            SignedLabel label = signer.sign(new LabelClaim(gtin, "QX-2024-001", String.format("P%05d", i), "FIRST", 500,
                    LocalDate.of(2024, 9, 15), "130227", signer.keyId()), "https://id.fairmark.cn");
            uris.add(label.uri());
            labels.add(label);
            claims.add(label.claim().canonicalBytes());
            derSignatures.add(rawToDer(label.signature()));
        }
        CertificateAuthority ca = CertificateAuthority.create("BureauMSP", "bureau");
        Identity auditor = ca.issue("auditor", Map.of("fairmark.role", "auditor"));
        TrustBundle bundle = TrustBundle.read(CryptoBenchmarks.bundleJson(signer, auditor, ca), List.of(ca.certificate()));
        CryptoProvider provider = CryptoProvider.fastest();
        verifier = LabelVerifier.builder(bundle).cryptoProvider(provider).build();
        for (String uri : uris) {
            if (!verifier.verify(uri).isGenuine()) {
                throw new IllegalStateException("the benchmark label does not verify: " + verifier.verify(uri));
            }
        }
        java.security.Provider jca = org.fairmark.devca.FastEcdsa.get().provider(); // what CryptoProvider.fastest() wraps
        publicKey = KeyFactory.getInstance("EC", jca)
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(signer.publicKeyBase64())));
        signature = Signature.getInstance("SHA256withECDSA", jca);
        signature.initVerify(publicKey);
        signature.update(claims.get(0));
        if (!signature.verify(derSignatures.get(0))) {
            throw new IllegalStateException("the raw check does not verify on " + jca.getName());
        }
    }

    private int next() {
        int i = next;
        next = (i + 1) % LABELS;
        return i;
    }

    @Benchmark
    public SignedLabel parse() {
        return SignedLabel.parse(uris.get(next()));
    }

    @Benchmark
    public byte[] canonicalBytes() {
        return labels.get(next()).claim().canonicalBytes();
    }

    /** The whole offline path: parse, claim bytes, key look-up in the bundle, ES256 check. */
    @Benchmark
    public LabelVerdict verify() {
        return verifier.verify(uris.get(next()));
    }

    /** The floor: the ES256 check alone on the same provider, claim bytes and signature precomputed. */
    @Benchmark
    public boolean rawVerify() throws Exception {
        int i = next();
        signature.initVerify(publicKey);
        signature.update(claims.get(i));
        return signature.verify(derSignatures.get(i));
    }

    /** DER of a raw 64-byte r||s signature (what the verifier does per label; here once, in set-up). */
    static byte[] rawToDer(byte[] raw) {
        byte[] r = integer(raw, 0);
        byte[] s = integer(raw, 32);
        byte[] der = new byte[6 + r.length + s.length];
        der[0] = 0x30;
        der[1] = (byte) (4 + r.length + s.length);
        der[2] = 0x02;
        der[3] = (byte) r.length;
        System.arraycopy(r, 0, der, 4, r.length);
        der[4 + r.length] = 0x02;
        der[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, der, 6 + r.length, s.length);
        return der;
    }

    private static byte[] integer(byte[] raw, int from) {
        int start = from;
        while (start < from + 31 && raw[start] == 0) {
            start++;
        }
        boolean pad = (raw[start] & 0x80) != 0;
        byte[] out = new byte[(from + 32 - start) + (pad ? 1 : 0)];
        System.arraycopy(raw, start, out, pad ? 1 : 0, from + 32 - start);
        return out;
    }
}
