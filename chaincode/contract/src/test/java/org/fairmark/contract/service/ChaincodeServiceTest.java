package org.fairmark.contract.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaincodeServiceTest {
    @Test
    void reads_address_id_and_plaintext_by_default() {
        ChaincodeService.Settings settings = ChaincodeService.settings(Map.of(
                "CHAINCODE_SERVER_ADDRESS", "0.0.0.0:9999", "CORE_CHAINCODE_ID_NAME", "fairmark_1.0:abc"));

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(9999);
        assertThat(settings.chaincodeId()).isEqualTo("fairmark_1.0:abc");
        assertThat(settings.tls()).isFalse();
        assertThat(settings.serverProperties().getServerAddress()).isEqualTo(new InetSocketAddress("0.0.0.0", 9999));
        assertThat(settings.serverProperties().isTlsEnabled()).isFalse();
    }

    @Test
    void names_every_missing_variable() {
        assertThatThrownBy(() -> ChaincodeService.settings(Map.of()))
                .isInstanceOf(ChaincodeService.ConfigurationException.class)
                .hasMessageContaining("CHAINCODE_SERVER_ADDRESS is not set")
                .hasMessageContaining("CORE_CHAINCODE_ID_NAME is not set");
    }

    @Test
    void refuses_malformed_address_and_tls_flag() {
        assertThatThrownBy(() -> ChaincodeService.settings(Map.of(
                        "CHAINCODE_SERVER_ADDRESS", "localhost", "CORE_CHAINCODE_ID_NAME", "x:1",
                        "CORE_PEER_TLS_ENABLED", "yes")))
                .hasMessageContaining("CHAINCODE_SERVER_ADDRESS='localhost' is not host:port")
                .hasMessageContaining("CORE_PEER_TLS_ENABLED='yes' must be true or false");
        assertThatThrownBy(() -> ChaincodeService.settings(
                        Map.of("CHAINCODE_SERVER_ADDRESS", "h:70000", "CORE_CHAINCODE_ID_NAME", "x:1")))
                .hasMessageContaining("the port must be a number from 0 to 65535");
    }

    @Test
    void tls_needs_certificate_and_key_files(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ChaincodeService.settings(Map.of(
                        "CHAINCODE_SERVER_ADDRESS", "h:1", "CORE_CHAINCODE_ID_NAME", "x:1",
                        "CORE_PEER_TLS_ENABLED", "true", "CORE_TLS_CLIENT_KEY_FILE", dir.resolve("nope.pem").toString())))
                .hasMessageContaining("CORE_TLS_CLIENT_CERT_FILE is not set (required when CORE_PEER_TLS_ENABLED=true)")
                .hasMessageContaining("CORE_TLS_CLIENT_KEY_FILE='" + dir.resolve("nope.pem") + "' is not a readable file")
                .hasMessageContaining("CORE_PEER_TLS_ROOTCERT_FILE is not set")
                .hasMessageContaining("CORE_TLS_CLIENT_CERT_PATH is not set: fabric-chaincode-shim 2.5 requires it")
                .hasMessageContaining("CORE_TLS_CLIENT_KEY_PATH is not set");

        Path cert = Files.writeString(dir.resolve("cert.pem"), "c");
        Path key = Files.writeString(dir.resolve("key.pem"), "k");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "ca");
        ChaincodeService.Settings settings = ChaincodeService.settings(Map.of(
                "CHAINCODE_SERVER_ADDRESS", "h:1", "CORE_CHAINCODE_ID_NAME", "x:1", "CORE_PEER_TLS_ENABLED", "TRUE",
                "CORE_TLS_CLIENT_CERT_FILE", cert.toString(), "CORE_TLS_CLIENT_KEY_FILE", key.toString(),
                "CORE_PEER_TLS_ROOTCERT_FILE", ca.toString(), "CORE_TLS_CLIENT_CERT_PATH", cert.toString(),
                "CORE_TLS_CLIENT_KEY_PATH", key.toString()));
        assertThat(settings.serverProperties().isTlsEnabled()).isTrue();
        assertThat(settings.serverProperties().getKeyCertChainFile()).isEqualTo(cert.toString());
        assertThat(settings.serverProperties().getKeyFile()).isEqualTo(key.toString());
        assertThat(settings.serverProperties().getTrustCertCollectionFile()).isEqualTo(ca.toString());
    }
}
