package org.fairmark.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.fairmark.devca.FastEcdsa;
import org.fairmark.domain.model.BatchView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fabric-gateway signer on the fastest provider: JDK-verifiable low-S signatures, and FairmarkClient's default. */
class FastSignerIT {
    @TempDir
    static Path dataDir;

    static TestLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        ledger = new TestLedger(dataDir);
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    @Test
    void signatures_verify_with_the_jdk_and_are_low_s_over_many_keys_and_messages() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (int key = 0; key < 10; key++) {
            KeyPair pair = generator.generateKeyPair();
            FastSigner signer = FastSigner.of(pair.getPrivate());
            assertThat(signer.providerName()).isEqualTo(CryptoProvider.fastest().name()).isEqualTo("Conscrypt");
            for (int seed = 0; seed < 30; seed++) {
                byte[] message = ("proposal " + key + "/" + seed).getBytes(UTF_8);
                byte[] signature = signer.sign(sha256.digest(message));
                assertThat(FastEcdsa.isStrictLowS(signature)).as("key %d seed %d", key, seed).isTrue();
                Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
                jdk.initVerify(pair.getPublic());
                jdk.update(message);
                assertThat(jdk.verify(signature)).as("key %d seed %d", key, seed).isTrue();
            }
            assertThat(signer.signatureCount()).isEqualTo(30);
        }
    }

    @Test
    void refuses_a_key_that_is_not_ec_and_a_digest_that_is_not_sha256() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertThatThrownBy(() -> FastSigner.of(rsa.generateKeyPair().getPrivate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a Fabric signing key is an EC key, not RSA");
        FastSigner signer = FastSigner.of(ledger.identity(org.fairmark.network.EmbeddedNetwork.PRODUCER).privateKey());
        assertThatThrownBy(() -> signer.sign(new byte[20]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a SHA-256 digest has 32 bytes, not 20");
    }

    @Test
    void fairmark_client_submits_through_the_embedded_network_with_the_fast_signer() {
        FairmarkClientImpl producer = (FairmarkClientImpl) ledger.producer;
        FastSigner signer = producer.signer();
        assertThat(signer.providerName()).isEqualTo("Conscrypt");
        assertThat(ledger.network.signatureProvider()).isEqualTo("Conscrypt");
        long before = signer.signatureCount();

        String lot = TestLedger.newLot();
        for (int i = 0; i < 5; i++) {
            producer.producer().registerBatch(TestLedger.registration(lot + "-" + i, 1_000L + i));
        }

        BatchView batch = ledger.batch(lot + "-4");
        assertThat(batch.batch().declaredMassGrams()).isEqualTo(1_004L);
        // fabric-gateway signs three times per submit (proposal, transaction, commit status) and once per evaluate
        assertThat(signer.signatureCount() - before).isGreaterThanOrEqualTo(15);
    }
}
