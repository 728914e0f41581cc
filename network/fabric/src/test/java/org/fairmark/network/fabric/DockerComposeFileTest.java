package org.fairmark.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yaml} as {@link DockerFabricConformanceIT} reads it, checked without Docker: every node service
 * on host networking with the ports and MSPs of {@code lib.sh}, the shared peer environment merged in, every variable
 * resolved; the contract image built from the Dockerfile.
 */
class DockerComposeFileTest {
    static final Map<String, String> VARIABLES = Map.of("FAIRMARK_FABRIC_STATE", "/state", "FAIRMARK_FABRIC_HOME", "/home");

    @Test
    void the_peers_orderer_tools_and_contract_match_the_native_scripts() throws Exception {
        Map<String, Map<String, Object>> services = DockerFabricConformanceIT.services(VARIABLES);
        String lib = Files.readString(NativeFabric.HOME.resolve("lib.sh"));

        assertThat(services).containsKeys("orderer", "peer-coop", "peer-bureau", "peer-carrier", "peer-market", "contract",
                "tools");
        for (var peer : List.of(List.of("peer-coop", "CoopMSP", "7051"), List.of("peer-bureau", "BureauMSP", "8051"),
                List.of("peer-carrier", "CarrierMSP", "9051"), List.of("peer-market", "MarketMSP", "10051"))) {
            Map<String, Object> service = services.get(peer.get(0));
            @SuppressWarnings("unchecked")
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");

            assertThat(service).containsEntry("image", "hyperledger/fabric-peer:2.5").containsEntry("network_mode", "host");
            assertThat(environment).containsEntry("CORE_PEER_LOCALMSPID", peer.get(1))
                    .containsEntry("CORE_PEER_LISTENADDRESS", "127.0.0.1:" + peer.get(2))
                    .containsEntry("CORE_PEER_TLS_ENABLED", "true")
                    .containsKey("FABRIC_CFG_PATH");
            assertThat(lib).contains("\"" + peer.get(1) + " " + peer.get(2) + " ");
            environment.values().forEach(value -> assertThat(
                    DockerFabricConformanceIT.substitute(String.valueOf(value), VARIABLES)).doesNotContain("${"));
        }
        assertThat(services.get("orderer")).containsEntry("image", "hyperledger/fabric-orderer:2.5");
        assertThat(services.get("tools")).containsEntry("image", "hyperledger/fabric-tools:2.5");
        assertThat(services.get("contract").get("build").toString()).contains("chaincode/contract");
        assertThat(NativeFabric.HOME.resolve("../../chaincode/contract/Dockerfile")).exists();
    }

    @Test
    void compose_variables_are_substituted_and_an_unset_one_is_refused() {
        assertThat(DockerFabricConformanceIT.substitute("${FAIRMARK_FABRIC_STATE:?set it}/crypto:${FAIRMARK_FABRIC_HOME}:ro",
                VARIABLES)).isEqualTo("/state/crypto:/home:ro");
        assertThatThrownBy(() -> DockerFabricConformanceIT.substitute("${FAIRMARK_PACKAGE_ID:-x}", VARIABLES))
                .hasMessageContaining("FAIRMARK_PACKAGE_ID");
    }
}
