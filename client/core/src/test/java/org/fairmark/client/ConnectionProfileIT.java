package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.fairmark.client.ConnectionProfile.GatewayEndpoint;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.TlsMaterial;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.Requests;
import org.fairmark.network.EmbeddedNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection profiles end to end through the public client API, against the embedded network on TCP: the profile the
 * network writes, one "peer" per organization (relays in front of the network) so the test sees which gateway each
 * identity used, TLS with the profile's CA and server name, and an organization the profile lacks.
 */
class ConnectionProfileIT {
    @TempDir
    static Path dir;

    static TestLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        ledger = new TestLedger(dir.resolve("network"));
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    static FairmarkIdentity identity(String name) {
        return ledger.identity(name);
    }

    /** A profile mapping each org to its own relay, each relay in front of the network's port. */
    static ConnectionProfile perOrgProfile(Map<String, TcpRelay> relays) {
        ConnectionProfile.Builder builder = ConnectionProfile.builder();
        relays.forEach((mspId, relay) -> builder.gateway(GatewayEndpoint.plaintext(mspId, "127.0.0.1", relay.port())));
        return builder.build();
    }

    @Test
    void the_network_writes_a_profile_that_connects_every_org_and_each_org_transacts_through_its_own_entry()
            throws Exception {
        Path file = ledger.network.connectionProfile().orElseThrow();
        ConnectionProfile profile = ConnectionProfile.load(file);

        assertThat(file).isEqualTo(ledger.network.dataDir().resolve(EmbeddedNetwork.CONNECTION_PROFILE));
        assertThat(profile.organizations()).containsExactlyInAnyOrderElementsOf(ledger.network.organizations());
        assertThat(profile.channel()).isEqualTo(ledger.network.channelName());
        assertThat(profile.gateways()).allSatisfy(gateway -> {
            assertThat(gateway.endpoint()).isEqualTo("127.0.0.1:" + ledger.network.port());
            assertThat(gateway.tls()).isFalse();
        });

        try (FairmarkClient producer = FairmarkClient.builder().profile(file).identity(identity(EmbeddedNetwork.PRODUCER)).connect();
                FairmarkClient inspector = producer.withIdentity(identity(EmbeddedNetwork.INSPECTOR));
                FairmarkClient packer = producer.withIdentity(identity(EmbeddedNetwork.PACKER));
                FairmarkClient carrier = producer.withIdentity(identity(EmbeddedNetwork.CARRIER));
                FairmarkClient buyer = producer.withIdentity(identity(EmbeddedNetwork.BUYER))) {
            List<String> lot = story(producer, inspector, packer, carrier, buyer);

            assertThat(producer.connectionProfile()).contains(profile);
            assertThat(producer.channelName()).isEqualTo("fairmark");
            assertThat(buyer.participant().batch(TestLedger.GTIN, lot.get(0)).batch().producerOrg()).isEqualTo("CoopMSP");
        }
    }

    /** Registers, inspects, packs and hands over to the market: a transaction of every org; returns lot and serials. */
    static List<String> story(FairmarkClient producer, FairmarkClient inspector, FairmarkClient packer,
            FairmarkClient carrier, FairmarkClient buyer) {
        String lot = TestLedger.newLot();
        BatchView batch = producer.producer().registerBatch(TestLedger.registration(lot, 100_000L));
        Inspection inspection = inspector.inspector().recordInspection(new Requests.RecordInspection(null,
                TestLedger.GTIN, lot, ledger.standardCode, "2024", 50L, 5_000L, Map.of("defect_rate_permille", 12L),
                null, null, 180L, null, null));
        LabelSigner signer = LabelSigner.generate();
        packer.packer().registerLabelKey(signer);
        PackResult packed = packer.packer().pack(new Requests.Pack(null, TestLedger.GTIN, lot,
                TestLedger.today().toString(), signer.keyId(), List.of(new Requests.PackageSpec(lot.substring(3) + "-1",
                        null, 500L, null))));
        List<Requests.PackageRef> refs = TestLedger.refs(lot, packed.serials());
        packer.packer().handOver(new Requests.HandOver(null, refs, "CarrierMSP", null));
        carrier.carrier().accept(new Requests.Accept(null, refs));
        carrier.carrier().handOver(new Requests.HandOver(null, refs, "MarketMSP", null));
        buyer.buyer().accept(new Requests.Accept(null, refs));

        assertThat(batch.batch().producerOrg()).isEqualTo("CoopMSP");
        assertThat(inspection.inspectorOrg()).isEqualTo("BureauMSP");
        List<String> result = new ArrayList<>();
        result.add(lot);
        result.addAll(packed.serials());
        return result;
    }

    @Test
    void each_identity_talks_to_its_own_orgs_gateway_and_only_to_it() throws Exception {
        int port = ledger.network.port();
        Map<String, TcpRelay> relays = new java.util.LinkedHashMap<>();
        for (String mspId : List.of("CoopMSP", "BureauMSP", "CarrierMSP", "MarketMSP")) {
            relays.put(mspId, TcpRelay.plaintext(port));
        }
        try (FairmarkClient producer = FairmarkClient.builder().profile(perOrgProfile(relays))
                        .identity(identity(EmbeddedNetwork.PRODUCER)).connect()) {
            String lot = TestLedger.newLot();
            producer.producer().registerBatch(TestLedger.registration(lot, 100_000L));
            Map<String, Integer> afterProducer = connections(relays);
            try (FairmarkClient inspector = producer.withIdentity(identity(EmbeddedNetwork.INSPECTOR))) {
                inspector.inspector().recordInspection(new Requests.RecordInspection(null, TestLedger.GTIN, lot,
                        ledger.standardCode, "2024", 50L, 5_000L, Map.of("defect_rate_permille", 12L), null, null, 180L,
                        null, null));
            }
            Map<String, Integer> afterInspector = connections(relays);
            try (FairmarkClient packer = producer.withIdentity(identity(EmbeddedNetwork.PACKER));
                    FairmarkClient carrier = producer.withIdentity(identity(EmbeddedNetwork.CARRIER));
                    FairmarkClient buyer = producer.withIdentity(identity(EmbeddedNetwork.BUYER))) {
                story(producer, producer.withIdentity(identity(EmbeddedNetwork.INSPECTOR)), packer, carrier, buyer);
            }
            Map<String, Integer> afterAll = connections(relays);

            assertThat(afterProducer).containsEntry("CoopMSP", 1).containsEntry("BureauMSP", 0)
                    .containsEntry("CarrierMSP", 0).containsEntry("MarketMSP", 0);
            assertThat(afterInspector).containsEntry("CoopMSP", 1).containsEntry("BureauMSP", 1)
                    .containsEntry("CarrierMSP", 0).containsEntry("MarketMSP", 0);
            // one channel per org, shared by the org's identities (producer and packer are both CoopMSP)
            assertThat(afterAll).containsEntry("CoopMSP", 1).containsEntry("BureauMSP", 1)
                    .containsEntry("CarrierMSP", 1).containsEntry("MarketMSP", 1);
            assertThat(relays.values()).allSatisfy(relay -> assertThat(relay.bytesFromClients()).isPositive());
        } finally {
            for (TcpRelay relay : relays.values()) {
                relay.close();
            }
        }
    }

    @Test
    void an_org_missing_from_the_profile_is_refused_with_IDENTITY_INVALID_before_anything_is_sent() throws Exception {
        try (TcpRelay coop = TcpRelay.plaintext(ledger.network.port())) {
            ConnectionProfile profile = perOrgProfile(Map.of("CoopMSP", coop));

            assertThatThrownBy(() -> FairmarkClient.builder().profile(profile).identity(identity(EmbeddedNetwork.BUYER))
                            .connect())
                    .isInstanceOfSatisfying(FairmarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.IDENTITY_INVALID);
                        assertThat(e.detail()).contains("MarketMSP").contains("CoopMSP");
                    });
            try (FairmarkClient producer = FairmarkClient.builder().profile(profile)
                    .identity(identity(EmbeddedNetwork.PRODUCER)).connect()) {
                assertThatThrownBy(() -> producer.withIdentity(identity(EmbeddedNetwork.INSPECTOR)))
                        .isInstanceOfSatisfying(FairmarkException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.IDENTITY_INVALID);
                            assertThat(e.detail()).contains("BureauMSP");
                        });
            }
            assertThat(coop.connections()).isZero();
        }
    }

    @Test
    void a_tls_gateway_is_reached_with_the_profiles_ca_and_server_name_and_refused_with_another_ca() throws Exception {
        CertificateAuthority tlsCa = CertificateAuthority.create("BureauMSP", "bureau-tls");
        TlsMaterial server = tlsCa.issueTlsServer("peer0.bureau.example.com");
        Path caFile = dir.resolve("bureau-tls-ca.pem");
        Files.writeString(caFile, tlsCa.certificatePem());
        String otherCa = CertificateAuthority.create("BureauMSP", "other").certificatePem();

        try (TcpRelay relay = TcpRelay.tls(sslContext(server, tlsCa), ledger.network.port())) {
            ConnectionProfile profile = ConnectionProfile.builder()
                    .gateway(GatewayEndpoint.tls("BureauMSP", "127.0.0.1", relay.port()).withTlsCaCertificates(caFile)
                            .withServerNameOverride("peer0.bureau.example.com"))
                    .build();
            Path file = dir.resolve("tls-profile.json");
            profile.write(file);
            try (FairmarkClient auditor = FairmarkClient.builder().profile(file)
                    .identity(identity(EmbeddedNetwork.AUDITOR)).connect()) {
                assertThat(auditor.participant().standard(ledger.standardCode, "2024").publisherOrg()).isEqualTo("BureauMSP");
            }
            assertThat(relay.connections()).isEqualTo(1);

            ConnectionProfile wrongCa = ConnectionProfile.builder()
                    .gateway(GatewayEndpoint.tls("BureauMSP", "127.0.0.1", relay.port()).withTlsCaCertificatesPem(otherCa)
                            .withServerNameOverride("peer0.bureau.example.com"))
                    .build();
            try (FairmarkClient auditor = FairmarkClient.builder().profile(wrongCa).callTimeout(java.time.Duration.ofSeconds(5))
                    .identity(identity(EmbeddedNetwork.AUDITOR)).connect()) {
                assertThatThrownBy(() -> auditor.participant().standard(ledger.standardCode, "2024"))
                        .isInstanceOfSatisfying(FairmarkException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE);
                            assertThat(e.isUnavailable()).isTrue();
                        });
            }
        }
    }

    @Test
    void an_in_process_network_writes_no_profile_and_a_closed_one_removes_its_own() throws Exception {
        Path data = dir.resolve("second");
        copyTemplate(ledger.network.dataDir(), data);
        Path written;
        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(data).port(0).start()) {
            written = network.connectionProfile().orElseThrow();
            assertThat(written).isRegularFile();
        }
        assertThat(written).doesNotExist();
        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(data).port(-1).start()) {
            assertThat(network.connectionProfile()).isEmpty();
            assertThat(data.resolve(EmbeddedNetwork.CONNECTION_PROFILE)).doesNotExist();
        }
    }

    static void copyTemplate(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        for (String name : List.of("network.properties", "orgs", "wallet")) {
            Path source = from.resolve(name);
            if (!Files.exists(source)) {
                continue;
            }
            try (var paths = Files.walk(source)) {
                for (Path path : paths.toList()) {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target);
                    }
                }
            }
        }
    }

    static Map<String, Integer> connections(Map<String, TcpRelay> relays) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        relays.forEach((mspId, relay) -> counts.put(mspId, relay.connections()));
        return counts;
    }

    static SSLContext sslContext(TlsMaterial server, CertificateAuthority ca) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        Certificate leaf = factory.generateCertificate(new ByteArrayInputStream(server.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        Certificate root = factory.generateCertificate(new ByteArrayInputStream(ca.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] password = "relay".toCharArray();
        keys.setKeyEntry("server", server.key(), password, new Certificate[] {leaf, root});
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }
}
