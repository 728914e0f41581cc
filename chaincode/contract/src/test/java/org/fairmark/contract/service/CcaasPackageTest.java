package org.fairmark.contract.service;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class CcaasPackageTest {
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @Test
    void same_inputs_give_the_same_bytes_and_package_id() throws Exception {
        CcaasPackage first = CcaasPackage.builder("fairmark_1.0", "127.0.0.1:9999").build();
        Thread.sleep(1100); // a clock-dependent mtime would differ now
        CcaasPackage second = CcaasPackage.builder("fairmark_1.0", "127.0.0.1:9999").build();

        assertThat(second.bytes()).isEqualTo(first.bytes());
        assertThat(second.packageId()).isEqualTo(first.packageId());
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first.bytes()));
        assertThat(first.packageId()).isEqualTo("fairmark_1.0:" + hash);
    }

    @Test
    void different_settings_give_different_package_ids() {
        String base = CcaasPackage.builder("fairmark_1.0", "127.0.0.1:9999").build().packageId();
        assertThat(CcaasPackage.builder("fairmark_1.0", "127.0.0.1:9998").build().packageId()).isNotEqualTo(base);
        assertThat(CcaasPackage.builder("fairmark_1.1", "127.0.0.1:9999").build().packageId()).isNotEqualTo(base);
    }

    @Test
    void package_holds_metadata_then_code_with_connection_json_in_fixed_tar_headers() throws IOException {
        CcaasPackage pkg = CcaasPackage.builder("fairmark_1.0", "contract.coop:9999")
                .dialTimeout("5s")
                .build();

        Map<String, byte[]> outer = untar(gunzip(pkg.bytes()));
        assertThat(outer.keySet()).containsExactly("metadata.json", "code.tar.gz");
        assertThat(new String(outer.get("metadata.json"), UTF_8)).isEqualTo("{\"type\":\"ccaas\",\"label\":\"fairmark_1.0\"}");
        Map<String, byte[]> code = untar(gunzip(outer.get("code.tar.gz")));
        assertThat(code.keySet()).containsExactly("connection.json");
        assertThat(new String(code.get("connection.json"), UTF_8))
                .isEqualTo("{\"address\":\"contract.coop:9999\",\"dial_timeout\":\"5s\",\"tls_required\":false}");
    }

    @Test
    void tls_settings_go_into_connection_json() throws IOException {
        CcaasPackage pkg = CcaasPackage.builder("fairmark_1.0", "127.0.0.1:9999")
                .tls(CA)
                .clientAuth("CERT\n", "KEY\n")
                .build();

        Map<String, byte[]> code = untar(gunzip(untar(gunzip(pkg.bytes())).get("code.tar.gz")));
        assertThat(new String(code.get("connection.json"), UTF_8))
                .isEqualTo("{\"address\":\"127.0.0.1:9999\",\"dial_timeout\":\"10s\",\"tls_required\":true,"
                        + "\"client_auth_required\":true,\"client_key\":\"KEY\\n\",\"client_cert\":\"CERT\\n\","
                        + "\"root_cert\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"}");
    }

    @Test
    void gzip_header_carries_no_time_and_no_name() {
        byte[] bytes = CcaasPackage.builder("fairmark_1.0", "127.0.0.1:9999").build().bytes();
        assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
        assertThat(bytes[1] & 0xff).isEqualTo(0x8b);
        assertThat(bytes[3]).as("flags: no FNAME/FCOMMENT").isZero();
        assertThat(new byte[] {bytes[4], bytes[5], bytes[6], bytes[7]}).as("mtime").containsOnly(0);
    }

    @Test
    void malformed_inputs_are_refused_with_the_rule() {
        assertThatThrownBy(() -> CcaasPackage.builder("fair mark", "127.0.0.1:9999").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 'fair mark'");
        assertThatThrownBy(() -> CcaasPackage.builder("fairmark_1.0", "127.0.0.1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not host:port");
        assertThatThrownBy(() -> CcaasPackage.builder("fairmark_1.0", "h:1").dialTimeout("ten").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dial timeout 'ten'");
        assertThatThrownBy(() -> CcaasPackage.builder("fairmark_1.0", "h:1").clientAuth("c", "k").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs TLS");
    }

    static byte[] gunzip(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    /** Reads a ustar archive, checking the fixed header fields of every entry. */
    static Map<String, byte[]> untar(byte[] tar) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        int offset = 0;
        while (offset + 512 <= tar.length && tar[offset] != 0) {
            String name = field(tar, offset, 100);
            assertThat(field(tar, offset + 100, 8)).as(name + " mode").isEqualTo("0000644");
            assertThat(field(tar, offset + 108, 8)).as(name + " uid").isEqualTo("0000000");
            assertThat(field(tar, offset + 116, 8)).as(name + " gid").isEqualTo("0000000");
            assertThat(field(tar, offset + 136, 12)).as(name + " mtime").isEqualTo("00000000000");
            assertThat(field(tar, offset + 257, 6)).as(name + " magic").isEqualTo("ustar");
            assertThat(field(tar, offset + 265, 32)).as(name + " owner").isEmpty();
            long sum = 0;
            for (int i = 0; i < 512; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : tar[offset + i] & 0xff;
            }
            assertThat(Long.parseLong(field(tar, offset + 148, 7), 8)).as(name + " checksum").isEqualTo(sum);
            int size = Integer.parseInt(field(tar, offset + 124, 12), 8);
            byte[] content = new byte[size];
            System.arraycopy(tar, offset + 512, content, 0, size);
            entries.put(name, content);
            offset += 512 + (size + 511) / 512 * 512;
        }
        assertThat(tar.length - offset).as("end-of-archive blocks").isEqualTo(1024);
        return entries;
    }

    private static String field(byte[] tar, int offset, int length) {
        int end = offset;
        while (end < offset + length && tar[end] != 0) {
            end++;
        }
        return new String(tar, offset, end - offset, UTF_8).strip();
    }
}
