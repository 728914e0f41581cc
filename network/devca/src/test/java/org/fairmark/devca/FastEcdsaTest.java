package org.fairmark.devca;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FastEcdsaTest {
    private static final BigInteger ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final byte[] MESSAGE = "proposal bytes".getBytes(UTF_8);

    static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static List<Provider> providers() throws Exception {
        List<Provider> providers = new ArrayList<>();
        for (FastEcdsa.Candidate candidate : FastEcdsa.candidates()) {
            providers.add(candidate.loader().call());
        }
        return providers;
    }

    @Test
    void conscrypt_is_shipped_and_chosen_first_on_this_platform() {
        FastEcdsa ecdsa = FastEcdsa.get();
        assertThat(ecdsa.providerName()).isEqualTo("Conscrypt");
        assertThat(ecdsa.summary()).startsWith("Conscrypt 2.");
        assertThat(ecdsa.choice()).isEqualTo("first in the fixed order");
        assertThat(ecdsa.unavailable()).isEmpty();
    }

    @Test
    void falls_back_to_bouncy_castle_when_conscrypt_does_not_load_and_says_why() {
        List<FastEcdsa.Candidate> candidates = new ArrayList<>(FastEcdsa.candidates());
        candidates.set(0, new FastEcdsa.Candidate("Conscrypt", () -> {
            throw new UnsatisfiedLinkError("no conscrypt_openjdk_jni-linux-x86_64 in java.library.path");
        }));

        FastEcdsa ecdsa = FastEcdsa.choose(null, candidates);

        assertThat(ecdsa.providerName()).isEqualTo("BC");
        assertThat(ecdsa.choice()).isEqualTo("fallback in the fixed order");
        assertThat(ecdsa.unavailable()).containsOnlyKeys("Conscrypt");
        assertThat(ecdsa.unavailable().get("Conscrypt"))
                .isEqualTo("does not load: UnsatisfiedLinkError: no conscrypt_openjdk_jni-linux-x86_64 in java.library.path");
    }

    @Test
    void skips_a_provider_that_loads_but_fails_the_self_test() {
        Provider broken = new Provider("Broken", "1", "signs nothing") {};
        List<FastEcdsa.Candidate> candidates = new ArrayList<>(FastEcdsa.candidates());
        candidates.add(0, new FastEcdsa.Candidate("Broken", () -> broken));

        FastEcdsa ecdsa = FastEcdsa.choose("", candidates);

        assertThat(ecdsa.providerName()).isEqualTo("Conscrypt");
        assertThat(ecdsa.unavailable().get("Broken")).startsWith("fails the self-test: ");
    }

    @Test
    void a_forced_provider_wins_and_an_unknown_one_is_ignored() {
        assertThat(FastEcdsa.choose("sunec", FastEcdsa.candidates()).providerName()).isEqualTo("SunEC");
        assertThat(FastEcdsa.choose("BC", FastEcdsa.candidates()).choice()).isEqualTo("forced by -Dfairmark.crypto.provider");
        FastEcdsa ignored = FastEcdsa.choose("NoSuchProvider", FastEcdsa.candidates());
        assertThat(ignored.providerName()).isEqualTo("Conscrypt");
        assertThat(ignored.choice()).contains("NoSuchProvider not available");
    }

    @Test
    void no_working_provider_is_an_error() {
        List<FastEcdsa.Candidate> none = List.of(new FastEcdsa.Candidate("Conscrypt", () -> {
            throw new UnsatisfiedLinkError("gone");
        }));
        assertThatThrownBy(() -> FastEcdsa.choose(null, none))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Conscrypt=does not load: UnsatisfiedLinkError: gone");
    }

    @Test
    void every_candidate_provider_signs_low_s_and_verifies_what_the_others_signed() throws Exception {
        KeyPair pair = keyPair();
        for (Provider signer : providers()) {
            FastEcdsa signing = FastEcdsa.on(signer);
            byte[] signature = signing.sign(signing.importKey(pair.getPrivate()), MESSAGE);
            assertThat(FastEcdsa.isStrictLowS(signature)).as(signer.getName()).isTrue();
            assertThat(Signatures.verify(pair.getPublic(), MESSAGE, signature)).as(signer.getName()).isTrue();
            for (Provider verifier : providers()) {
                FastEcdsa ecdsa = FastEcdsa.on(verifier);
                assertThat(ecdsa.verify(ecdsa.importKey(pair.getPublic()), MESSAGE, signature))
                        .as(signer.getName() + " -> " + verifier.getName())
                        .isTrue();
            }
        }
    }

    @Test
    void digest_signatures_verify_with_the_jdk_and_are_low_s_over_many_keys_and_messages() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (Provider provider : providers()) {
            FastEcdsa ecdsa = FastEcdsa.on(provider);
            KeyPair pair = null;
            for (int seed = 0; seed < 100; seed++) {
                if (seed % 25 == 0) {
                    pair = keyPair();
                }
                byte[] message = ("transaction " + seed).getBytes(UTF_8);
                byte[] signature = ecdsa.signDigest(ecdsa.importKey(pair.getPrivate()), sha256.digest(message));
                assertThat(FastEcdsa.isStrictLowS(signature)).as(provider.getName() + " seed " + seed).isTrue();
                Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
                jdk.initVerify(pair.getPublic());
                jdk.update(message);
                assertThat(jdk.verify(signature)).as(provider.getName() + " seed " + seed).isTrue();
            }
        }
        assertThatThrownBy(() -> FastEcdsa.get().signDigest(keyPair().getPrivate(), new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a SHA-256 digest has 32 bytes, not 31");
    }

    @Test
    void rejects_high_s_tampered_and_non_der_signatures() throws Exception {
        KeyPair pair = keyPair();
        FastEcdsa ecdsa = FastEcdsa.get();
        byte[] signature = ecdsa.sign(pair.getPrivate(), MESSAGE);
        BigInteger[] rs = FastEcdsa.decode(signature);
        byte[] highS = FastEcdsa.encode(rs[0], ORDER.subtract(rs[1]));
        byte[] tampered = MESSAGE.clone();
        tampered[0] ^= 1;
        byte[] trailing = Arrays.copyOf(signature, signature.length + 1);

        assertThat(ecdsa.verify(pair.getPublic(), MESSAGE, signature)).isTrue();
        assertThat(ecdsa.verify(pair.getPublic(), MESSAGE, highS)).isFalse();
        assertThat(ecdsa.verifyAnyS(pair.getPublic(), MESSAGE, highS)).isTrue();
        assertThat(ecdsa.verify(pair.getPublic(), tampered, signature)).isFalse();
        assertThat(ecdsa.verify(pair.getPublic(), MESSAGE, trailing)).isFalse();
        assertThat(ecdsa.verify(pair.getPublic(), MESSAGE, new byte[0])).isFalse();
        assertThat(FastEcdsa.toLowS(highS)).isEqualTo(signature);
    }

    @Test
    void measures_a_positive_rate_for_each_provider() throws Exception {
        for (Provider provider : providers()) {
            assertThat(FastEcdsa.measureVerifyRate(provider, 5)).as(provider.getName()).isPositive();
            assertThat(FastEcdsa.measureSignRate(provider, 5)).as(provider.getName()).isPositive();
        }
    }
}
