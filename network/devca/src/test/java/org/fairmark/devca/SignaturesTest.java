package org.fairmark.devca;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.fairmark.testkit.Property;
import org.junit.jupiter.api.Test;

class SignaturesTest {
    /** The order n of P-256 (FIPS 186-4, D.1.2.3). */
    private static final BigInteger N =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final Identity SIGNER =
            CertificateAuthority.create("SignMSP", "sign.example.com").issue("signer", Map.of());
    private static final PublicKey PUBLIC_KEY = SIGNER.certificate().getPublicKey();

    private static BigInteger[] rs(byte[] der) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        return new BigInteger[] {
            ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(),
            ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue()
        };
    }

    private static byte[] der(BigInteger r, BigInteger s) throws Exception {
        return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
    }

    private static byte[] highSTwin(byte[] lowS) throws Exception {
        BigInteger[] rs = rs(lowS);
        return der(rs[0], N.subtract(rs[1]));
    }

    private static boolean jdkVerify(byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(PUBLIC_KEY);
        verifier.update(message);
        return verifier.verify(signature);
    }

    @Test
    void key_curve_is_p256() {
        assertThat(Signatures.curveOrder(PUBLIC_KEY)).isEqualTo(N);
    }

    @Test
    void every_signature_of_many_messages_is_low_s_and_verifies() {
        for (int i = 0; i < 300; i++) {
            byte[] message = ("proposal " + i).getBytes(UTF_8);
            byte[] signature = Signatures.signLowS(SIGNER.privateKey(), message);

            assertThat(rs(signature)[1])
                    .as("s of signature %d", i)
                    .isLessThanOrEqualTo(HALF_N)
                    .isPositive();
            assertThat(Signatures.verify(PUBLIC_KEY, message, signature))
                    .as("signature %d", i)
                    .isTrue();
        }
    }

    @Test
    void high_s_twin_is_valid_ecdsa_but_rejected_like_fabric() throws Exception {
        byte[] message = "transaction envelope".getBytes(UTF_8);
        byte[] low = Signatures.signLowS(SIGNER.privateKey(), message);
        byte[] high = highSTwin(low);

        assertThat(rs(high)[1]).isGreaterThan(HALF_N);
        assertThat(jdkVerify(message, high))
                .as("plain ECDSA accepts both forms")
                .isTrue();
        assertThat(Signatures.verify(PUBLIC_KEY, message, high)).isFalse();
        assertThat(Signatures.isLowS(PUBLIC_KEY, high)).isFalse();
        assertThat(Signatures.toLowS(PUBLIC_KEY, high)).isEqualTo(low);
        assertThat(Signatures.toLowS(PUBLIC_KEY, low)).isEqualTo(low);
    }

    @Test
    void identity_sign_is_low_s() {
        byte[] message = "from identity".getBytes(UTF_8);

        byte[] signature = SIGNER.sign(message);

        assertThat(Signatures.isLowS(PUBLIC_KEY, signature)).isTrue();
        assertThat(Signatures.verify(PUBLIC_KEY, message, signature)).isTrue();
    }

    @Test
    void rejects_other_messages_and_other_keys() {
        byte[] signature = Signatures.signLowS(SIGNER.privateKey(), "one".getBytes(UTF_8));
        PublicKey stranger = CertificateAuthority.create("X", "x").certificate().getPublicKey();

        assertThat(Signatures.verify(PUBLIC_KEY, "two".getBytes(UTF_8), signature))
                .isFalse();
        assertThat(Signatures.verify(stranger, "one".getBytes(UTF_8), signature))
                .isFalse();
    }

    @Test
    void rejects_malformed_and_non_der_signatures() throws Exception {
        byte[] message = "m".getBytes(UTF_8);
        byte[] good = Signatures.signLowS(SIGNER.privateKey(), message);
        BigInteger[] rs = rs(good);
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        byte[] longFormLength = new byte[good.length + 1];
        longFormLength[0] = 0x30;
        longFormLength[1] = (byte) 0x81;
        longFormLength[2] = good[1];
        System.arraycopy(good, 2, longFormLength, 3, good.length - 2);

        assertThat(Signatures.verify(PUBLIC_KEY, message, longFormLength)).isFalse();
        assertThat(Signatures.verify(PUBLIC_KEY, message, trailing)).isFalse();
        assertThat(Signatures.verify(PUBLIC_KEY, message, new byte[0])).isFalse();
        assertThat(Signatures.verify(PUBLIC_KEY, message, "garbage".getBytes(UTF_8)))
                .isFalse();
        assertThat(Signatures.verify(PUBLIC_KEY, message, der(BigInteger.ZERO, rs[1])))
                .isFalse();
        assertThat(Signatures.verify(PUBLIC_KEY, message, der(rs[0], BigInteger.ZERO)))
                .isFalse();
        assertThat(Signatures.verify(PUBLIC_KEY, message, der(rs[0].add(N), rs[1])))
                .isFalse();
        assertThat(Signatures.verify(PUBLIC_KEY, message, der(rs[0].negate(), rs[1])))
                .isFalse();
        assertThatThrownBy(() -> Signatures.toLowS(PUBLIC_KEY, trailing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a DER ECDSA signature");
    }

    @Test
    void refuses_keys_that_are_not_ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        var rsa = generator.generateKeyPair();

        assertThatThrownBy(() -> Signatures.signLowS(rsa.getPrivate(), new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an EC key: RSA");
        assertThatThrownBy(() -> Signatures.verify(rsa.getPublic(), new byte[1], new byte[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an EC key: RSA");
    }

    @Test
    void null_arguments_are_named() {
        assertThatThrownBy(() -> Signatures.signLowS(null, new byte[0])).hasMessage("privateKey == null");
        assertThatThrownBy(() -> Signatures.signLowS(SIGNER.privateKey(), null)).hasMessage("message == null");
        assertThatThrownBy(() -> Signatures.verify(PUBLIC_KEY, new byte[0], null))
                .hasMessage("derSignature == null");
    }

    @Test
    void any_message_signs_low_s_and_its_high_twin_fails() {
        Property.forAll(200, random -> {
            byte[] message = new byte[random.nextInt(0, 300)];
            random.nextBytes(message);
            return message;
        }, message -> {
            byte[] signature = Signatures.signLowS(SIGNER.privateKey(), message);

            assertThat(rs(signature)[1]).isLessThanOrEqualTo(HALF_N);
            assertThat(Signatures.verify(PUBLIC_KEY, message, signature)).isTrue();
            assertThat(Signatures.verify(PUBLIC_KEY, message, highSTwin(signature))).isFalse();
        });
    }
}
