package org.fairmark.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.Provider;
import java.util.Arrays;
import org.fairmark.devca.Signatures;
import org.junit.jupiter.api.Test;

class EcdsaTest {
    private static final BigInteger ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final byte[] MESSAGE = "proposal bytes".getBytes(UTF_8);

    @Test
    void every_candidate_provider_signs_low_s_and_verifies_what_the_other_signed() throws Exception {
        KeyPair pair = FairmarkRequests.labelKeyPair();
        for (Provider signer : Ecdsa.candidates()) {
            byte[] signature = Ecdsa.on(signer).sign(pair.getPrivate(), MESSAGE);
            assertThat(Ecdsa.isStrictLowS(signature)).as(signer.getName()).isTrue();
            assertThat(Signatures.verify(pair.getPublic(), MESSAGE, signature)).as(signer.getName()).isTrue();
            for (Provider verifier : Ecdsa.candidates()) {
                Ecdsa ecdsa = Ecdsa.on(verifier);
                assertThat(ecdsa.verify(ecdsa.importKey(pair.getPublic()), MESSAGE, signature))
                        .as(signer.getName() + " -> " + verifier.getName())
                        .isTrue();
            }
        }
    }

    @Test
    void rejects_high_s_tampered_and_non_der_signatures() throws Exception {
        KeyPair pair = FairmarkRequests.labelKeyPair();
        Ecdsa ecdsa = Ecdsa.get();
        byte[] signature = ecdsa.sign(pair.getPrivate(), MESSAGE);
        BigInteger[] rs = Ecdsa.decode(signature);
        byte[] highS = Ecdsa.encode(rs[0], ORDER.subtract(rs[1]));
        byte[] tampered = MESSAGE.clone();
        tampered[0] ^= 1;
        byte[] trailing = Arrays.copyOf(signature, signature.length + 1);

        assertThat(ecdsa.verify(pair.getPublic(), MESSAGE, signature)).isTrue();
        assertThat(ecdsa.verify(pair.getPublic(), MESSAGE, highS)).isFalse();
        assertThat(ecdsa.verify(pair.getPublic(), tampered, signature)).isFalse();
        assertThat(ecdsa.verify(pair.getPublic(), MESSAGE, trailing)).isFalse();
        assertThat(ecdsa.verify(pair.getPublic(), MESSAGE, new byte[0])).isFalse();
        assertThat(Ecdsa.toLowS(highS)).isEqualTo(signature);
    }

    @Test
    void measures_a_positive_rate_for_each_provider() {
        for (Provider provider : Ecdsa.candidates()) {
            assertThat(Ecdsa.measureVerifyRate(provider, 5)).as(provider.getName()).isPositive();
        }
    }
}
