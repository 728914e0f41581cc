package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairmark.client.ConnectionProfile.GatewayEndpoint;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.domain.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The connection profile file: strict parsing, limits, round trips and the org lookup, each refusal with its code. */
class ConnectionProfileTest {
    static String caPem;

    @TempDir
    Path dir;

    @BeforeAll
    static void ca() {
        caPem = CertificateAuthority.create("CoopMSP", "coop").certificatePem();
    }

    static String json(String organizations) {
        return "{\"format\":\"fairmark-connection-profile/1\",\"channel\":\"fairmark\",\"chaincode\":\"fairmark\","
                + "\"organizations\":" + organizations + "}";
    }

    ConnectionProfile load(String text) throws Exception {
        Path file = dir.resolve("connection.json");
        Files.writeString(file, text);
        return ConnectionProfile.load(file);
    }

    void refused(String text, ErrorCode code, String... messageParts) {
        assertThatThrownBy(() -> load(text))
                .isInstanceOfSatisfying(FairmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.stage()).isEqualTo(FairmarkException.Stage.CLIENT);
                    assertThat(e.detail()).contains(messageParts);
                });
    }

    @Nested
    class Valid_profiles {
        @Test
        void a_four_org_tls_profile_maps_each_org_to_its_gateway_with_its_ca_by_path_or_inline() throws Exception {
            Files.createDirectories(dir.resolve("tls"));
            Files.writeString(dir.resolve("tls/coop-ca.pem"), caPem);
            String inline = caPem.replace("\n", "\\n");
            ConnectionProfile profile = load("{\"format\":\"fairmark-connection-profile/1\",\"name\":\"qianxi-county\","
                    + "\"channel\":\"fairmark\",\"chaincode\":\"fairmark\",\"organizations\":{"
                    + "\"CoopMSP\":{\"endpoint\":\"peer0.coop.example.com:7051\",\"tls\":true,\"tlsCACerts\":{\"path\":\"tls/coop-ca.pem\"}},"
                    + "\"BureauMSP\":{\"endpoint\":\"10.0.0.12:8051\",\"tls\":true,\"tlsCACerts\":{\"pem\":\"" + inline + "\"},"
                    + "\"serverNameOverride\":\"peer0.bureau.example.com\"},"
                    + "\"CarrierMSP\":{\"endpoint\":\"[::1]:9051\",\"tls\":true},"
                    + "\"MarketMSP\":{\"endpoint\":\"localhost:10051\",\"tls\":false}}}");

            assertThat(profile.name()).contains("qianxi-county");
            assertThat(profile.channel()).isEqualTo("fairmark");
            assertThat(profile.chaincode()).isEqualTo("fairmark");
            assertThat(profile.organizations()).containsExactly("CoopMSP", "BureauMSP", "CarrierMSP", "MarketMSP");
            GatewayEndpoint coop = profile.gateway("CoopMSP");
            assertThat(coop.host()).isEqualTo("peer0.coop.example.com");
            assertThat(coop.port()).isEqualTo(7051);
            assertThat(coop.tls()).isTrue();
            assertThat(coop.tlsCaCertificatesFile()).contains(dir.resolve("tls/coop-ca.pem").toAbsolutePath());
            assertThat(coop.tlsCaCertificatesPem()).contains(caPem);
            GatewayEndpoint bureau = profile.gateway("BureauMSP");
            assertThat(bureau.endpoint()).isEqualTo("10.0.0.12:8051");
            assertThat(bureau.tlsCaCertificatesFile()).isEmpty();
            assertThat(bureau.tlsCaCertificatesPem()).contains(caPem);
            assertThat(bureau.serverNameOverride()).contains("peer0.bureau.example.com");
            assertThat(profile.gateway("CarrierMSP").host()).isEqualTo("[::1]");
            assertThat(profile.gateway("CarrierMSP").tlsCaCertificatesPem()).isEmpty();
            assertThat(profile.gateway("MarketMSP").tls()).isFalse();
        }

        @Test
        void written_and_loaded_again_it_is_equal() throws Exception {
            Path ca = dir.resolve("ca.pem");
            Files.writeString(ca, caPem);
            ConnectionProfile profile = ConnectionProfile.builder()
                    .name("dev")
                    .channel("traceability")
                    .chaincode("fairmark_v2")
                    .gateway(GatewayEndpoint.plaintext("CoopMSP", "127.0.0.1", 7051))
                    .gateway(GatewayEndpoint.tls("BureauMSP", "peer0.bureau", 8051).withTlsCaCertificates(ca)
                            .withServerNameOverride("peer0.bureau.example.com"))
                    .gateway(GatewayEndpoint.tls("MarketMSP", "peer0.market", 10051).withTlsCaCertificatesPem(caPem))
                    .build();
            Path file = dir.resolve("sub/connection.json");

            profile.write(file);
            ConnectionProfile again = ConnectionProfile.load(file);

            assertThat(again).isEqualTo(profile);
            assertThat(Files.readString(file)).contains("\"format\" : \"fairmark-connection-profile/1\"");
            assertThat(dir.resolve("sub")).isDirectoryNotContaining("glob:**.tmp");
        }

        @Test
        void of_makes_a_profile_without_a_name() {
            ConnectionProfile profile = ConnectionProfile.of("fairmark", "fairmark",
                    List.of(GatewayEndpoint.plaintext("CoopMSP", "127.0.0.1", 7051)));

            assertThat(profile.name()).isEmpty();
            assertThat(ConnectionProfile.parse(profile.toJson(), dir)).isEqualTo(profile);
        }
    }

    @Nested
    class Lookup {
        @Test
        void an_org_missing_from_the_profile_is_IDENTITY_INVALID_naming_it_and_the_orgs_it_has() throws Exception {
            ConnectionProfile profile = load(json("{\"CoopMSP\":{\"endpoint\":\"127.0.0.1:7051\",\"tls\":false},"
                    + "\"BureauMSP\":{\"endpoint\":\"127.0.0.1:8051\",\"tls\":false}}"));

            assertThatThrownBy(() -> profile.gateway("MarketMSP"))
                    .isInstanceOfSatisfying(FairmarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.IDENTITY_INVALID);
                        assertThat(e.detail()).contains("MarketMSP").contains("CoopMSP, BureauMSP");
                    });
        }
    }

    @Nested
    class Refusals {
        @Test
        void not_json_is_INVALID_ARGUMENT() {
            refused("{\"format\":", ErrorCode.INVALID_ARGUMENT, "is not JSON");
            refused("[1,2]", ErrorCode.INVALID_ARGUMENT, "must be a JSON object");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"127.0.0.1:7051\",\"tls\":false}}") + " {}",
                    ErrorCode.INVALID_ARGUMENT, "is not JSON");
        }

        @Test
        void a_duplicate_key_is_INVALID_ARGUMENT() {
            refused(json("{\"CoopMSP\":{\"endpoint\":\"127.0.0.1:7051\",\"tls\":false},"
                    + "\"CoopMSP\":{\"endpoint\":\"evil:7051\",\"tls\":false}}"), ErrorCode.INVALID_ARGUMENT, "CoopMSP");
        }

        @Test
        void unknown_fields_are_INVALID_ARGUMENT_at_every_level() {
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":false}}").replace("{\"format\"", "{\"peers\":{},\"format\""),
                    ErrorCode.INVALID_ARGUMENT, "unknown field 'peers'");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":false,\"url\":\"grpc://a:1\"}}"),
                    ErrorCode.INVALID_ARGUMENT, "organizations.CoopMSP", "unknown field 'url'");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":true,\"tlsCACerts\":{\"path\":\"x\",\"der\":\"y\"}}}"),
                    ErrorCode.INVALID_ARGUMENT, "tlsCACerts", "unknown field 'der'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"format", "channel", "chaincode", "organizations"})
        void a_missing_top_level_field_is_INVALID_ARGUMENT(String field) throws Exception {
            String full = json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":false}}");
            String without = withoutField(full, field);
            refused(without, ErrorCode.INVALID_ARGUMENT, "the field '" + field + "' is missing");
        }

        @Test
        void missing_org_fields_are_INVALID_ARGUMENT() {
            refused(json("{\"CoopMSP\":{\"tls\":false}}"), ErrorCode.INVALID_ARGUMENT, "'endpoint' is missing");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\"}}"), ErrorCode.INVALID_ARGUMENT, "'tls' is missing");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":true,\"tlsCACerts\":{}}}"),
                    ErrorCode.INVALID_ARGUMENT, "exactly one of \"path\" and \"pem\"");
            refused(json("{}"), ErrorCode.INVALID_ARGUMENT, "at least one MSP id");
        }

        @Test
        void wrong_values_are_INVALID_ARGUMENT() {
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":false}}").replace("/1\"", "/2\""),
                    ErrorCode.INVALID_ARGUMENT, "format must be");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":false}}").replace("\"channel\":\"fairmark\"",
                    "\"channel\":\"Bad Channel\""), ErrorCode.INVALID_ARGUMENT, "channel 'Bad Channel'");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":false}}").replace("\"chaincode\":\"fairmark\"",
                    "\"chaincode\":7"), ErrorCode.INVALID_ARGUMENT, "chaincode must be a string");
            refused(json("{\"Coop MSP\":{\"endpoint\":\"a:1\",\"tls\":false}}"), ErrorCode.INVALID_ARGUMENT, "not an MSP id");
            refused(json("{\"CoopMSP\":[]}"), ErrorCode.INVALID_ARGUMENT, "must be an object");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"peer0:70510\",\"tls\":false}}"), ErrorCode.INVALID_ARGUMENT, "1..65535, not 70510");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"peer0:0\",\"tls\":false}}"), ErrorCode.INVALID_ARGUMENT, "1..65535");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"grpcs://peer0:7051\",\"tls\":false}}"), ErrorCode.INVALID_ARGUMENT, "HOST:PORT");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"peer0\",\"tls\":false}}"), ErrorCode.INVALID_ARGUMENT, "HOST:PORT");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":\"yes\"}}"), ErrorCode.INVALID_ARGUMENT, "tls must be true or false");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":false,\"serverNameOverride\":\"peer0\"}}"),
                    ErrorCode.INVALID_ARGUMENT, "need \"tls\": true");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":true,\"serverNameOverride\":\"bad name\"}}"),
                    ErrorCode.INVALID_ARGUMENT, "serverNameOverride must be a host name");
        }

        @Test
        void unreadable_or_bad_ca_certificates_are_INVALID_ARGUMENT() throws Exception {
            Files.writeString(dir.resolve("junk.pem"), "not a certificate");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":true,\"tlsCACerts\":{\"path\":\"missing.pem\"}}}"),
                    ErrorCode.INVALID_ARGUMENT, "missing.pem", "does not exist");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":true,\"tlsCACerts\":{\"path\":\"junk.pem\"}}}"),
                    ErrorCode.INVALID_ARGUMENT, "junk.pem", "holds no PEM certificate");
            refused(json("{\"CoopMSP\":{\"endpoint\":\"a:1\",\"tls\":true,\"tlsCACerts\":{\"pem\":"
                    + "\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n\"}}}"),
                    ErrorCode.INVALID_ARGUMENT, "malformed certificate");
        }

        @Test
        void a_profile_larger_than_1_MiB_is_PAYLOAD_TOO_LARGE_without_being_parsed() throws Exception {
            byte[] big = new byte[ConnectionProfile.MAX_BYTES + 1];
            java.util.Arrays.fill(big, (byte) ' ');
            Path file = dir.resolve("big.json");
            Files.write(file, big);

            assertThatThrownBy(() -> ConnectionProfile.load(file))
                    .isInstanceOfSatisfying(FairmarkException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
            assertThatThrownBy(() -> ConnectionProfile.parse(big, dir))
                    .isInstanceOfSatisfying(FairmarkException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
        }

        @Test
        void a_missing_profile_file_or_a_directory_is_INVALID_ARGUMENT() {
            assertThatThrownBy(() -> ConnectionProfile.load(dir.resolve("nope.json")))
                    .isInstanceOfSatisfying(FairmarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.detail()).contains("nope.json does not exist");
                    });
            assertThatThrownBy(() -> ConnectionProfile.load(dir))
                    .isInstanceOfSatisfying(FairmarkException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }

        @Test
        void programmatic_misuse_fails_fast() {
            GatewayEndpoint coop = GatewayEndpoint.plaintext("CoopMSP", "127.0.0.1", 7051);

            assertThatThrownBy(() -> ConnectionProfile.builder().gateway(coop).gateway(coop).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two gateways for CoopMSP");
            assertThatThrownBy(() -> ConnectionProfile.builder().build())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> coop.withServerNameOverride("peer0")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> GatewayEndpoint.plaintext("CoopMSP", "127.0.0.1", 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> GatewayEndpoint.tls("CoopMSP", "h", 1).withTlsCaCertificatesPem("nothing"))
                    .isInstanceOfSatisfying(FairmarkException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    @Nested
    class Client_builder {
        @Test
        void a_profile_excludes_an_endpoint_a_channel_and_tls_settings_and_an_org_it_lacks_is_IDENTITY_INVALID() {
            CertificateAuthority market = CertificateAuthority.create("MarketMSP", "market");
            org.fairmark.devca.Identity buyer = market.issue("buyer", java.util.Map.of("fairmark.role", "buyer"));
            FairmarkIdentity identity = FairmarkIdentity.of("MarketMSP", buyer.certificate(), buyer.privateKey());
            ConnectionProfile coopOnly = ConnectionProfile.builder()
                    .gateway(GatewayEndpoint.plaintext("CoopMSP", "127.0.0.1", 7051)).build();

            assertThatThrownBy(() -> FairmarkClient.builder().profile(coopOnly).endpoint("127.0.0.1", 7051)
                    .identity(identity).connect()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exactly one of profile");
            assertThatThrownBy(() -> FairmarkClient.builder().profile(coopOnly).serverNameOverride("peer0")
                    .identity(identity).connect()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("TLS settings come from the profile");
            assertThatThrownBy(() -> FairmarkClient.builder().profile(coopOnly).identity(identity).connect())
                    .isInstanceOfSatisfying(FairmarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.IDENTITY_INVALID);
                        assertThat(e.stage()).isEqualTo(FairmarkException.Stage.CONNECT);
                        assertThat(e.detail()).isEqualTo("the connection profile has no gateway for MarketMSP; it has CoopMSP");
                    });
            assertThatThrownBy(() -> FairmarkClient.builder().profile(dir.resolve("absent.json")))
                    .isInstanceOfSatisfying(FairmarkException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    /** Removes a top-level field from profile JSON through Jackson, so the test does not depend on text layout. */
    static String withoutField(String json, String field) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8));
        tree.remove(field);
        return tree.toString();
    }
}
