package org.fairmark.devca;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FastSha256Test {

    @Test
    void conscrypt_is_chosen_by_name_and_the_jdk_by_default_or_for_anything_else() {
        assertThat(FastSha256.choose("Conscrypt").getName()).isEqualTo("Conscrypt");
        assertThat(FastSha256.choose("conscrypt").getName()).isEqualTo("Conscrypt");
        assertThat(FastSha256.choose(null)).isNull();
        assertThat(FastSha256.choose(" ")).isNull();
        assertThat(FastSha256.choose("JDK")).isNull();
        assertThat(FastSha256.choose("MD5")).isNull();
    }

    @Test
    void both_providers_give_the_standard_digest_for_every_size_and_split() throws Exception {
        // FIPS 180-2 example "abc"
        assertThat(HexFormat.of().formatHex(FastSha256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        MessageDigest conscrypt = MessageDigest.getInstance("SHA-256", FastSha256.choose("Conscrypt"));
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[random.nextInt(i < 200 ? 300 : 70_000)];
            random.nextBytes(data);
            int split = data.length == 0 ? 0 : random.nextInt(data.length);
            conscrypt.update(data, 0, split);
            conscrypt.update(java.nio.ByteBuffer.wrap(data, split, data.length - split).asReadOnlyBuffer());
            assertThat(conscrypt.digest()).as("%d bytes split at %d", data.length, split)
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(data))
                    .isEqualTo(FastSha256.hash(data));
        }
    }

    @Test
    void the_default_provider_is_the_jdks() {
        assertThat(System.getProperty(FastSha256.PROPERTY)).isNull();
        assertThat(FastSha256.providerName()).isEqualTo("SUN");
    }
}
