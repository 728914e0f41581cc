package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.fairmark.client.ConnectionProfile.GatewayEndpoint;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Pem;
import org.fairmark.domain.ErrorCode;
import org.fairmark.network.EmbeddedNetwork;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded network with {@code tls(true)}: the profile it writes connects over TLS through the public client
 * API, a plain fabric-gateway client with a {@code GrpcSslContexts} channel works too, and each kind of TLS mismatch
 * fails with {@code GATEWAY_UNAVAILABLE} and a message that says what did not match.
 */
class TlsIT {
    @TempDir
    static Path dir;

    static TestLedger tls;

    @BeforeAll
    static void start() throws Exception {
        tls = new TestLedger(dir.resolve("tls-network"), true);
    }

    @AfterAll
    static void stop() {
        tls.close();
    }

    @Test
    void the_written_profile_says_tls_with_the_networks_ca_and_the_client_transacts_over_it() throws Exception {
        Path file = tls.network.connectionProfile().orElseThrow();
        ConnectionProfile profile = ConnectionProfile.load(file);
        Path ca = tls.network.tlsCaCertificate().orElseThrow();

        assertThat(ca).isEqualTo(tls.network.dataDir().resolve(EmbeddedNetwork.TLS_CA_CERTIFICATE));
        assertThat(profile.gateways()).allSatisfy(gateway -> {
            assertThat(gateway.tls()).isTrue();
            assertThat(gateway.endpoint()).isEqualTo("127.0.0.1:" + tls.network.port());
            assertThat(gateway.tlsCaCertificatesFile()).contains(ca.toAbsolutePath());
        });
        X509Certificate server = Pem.readCertificate(
                Files.readString(tls.network.dataDir().resolve(EmbeddedNetwork.TLS_DIR).resolve("server-cert.pem")));
        assertThat(server.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList())
                .contains("localhost", "127.0.0.1");
        assertThat(CertificateAuthority.isIssuedBy(server, Pem.readCertificate(Files.readString(ca)))).isTrue();

        try (FairmarkClient producer = FairmarkClient.builder().profile(file)
                        .identity(tls.identity(EmbeddedNetwork.PRODUCER)).connect();
                FairmarkClient auditor = producer.withIdentity(tls.identity(EmbeddedNetwork.AUDITOR))) {
            String lot = TestLedger.newLot();
            producer.producer().registerBatch(TestLedger.registration(lot, 10_000L));

            assertThat(auditor.participant().batch(TestLedger.GTIN, lot).batch().producerOrg()).isEqualTo("CoopMSP");
            assertThat(auditor.participant().standard(tls.standardCode, "2024").publisherOrg()).isEqualTo("BureauMSP");
        }
    }

    @Test
    void a_plain_fabric_gateway_client_with_a_grpc_ssl_context_submits() throws Exception {
        Identity producer = tls.network.wallet().get(EmbeddedNetwork.PRODUCER);
        Path walletKey = tls.network.wallet().directory().resolve(EmbeddedNetwork.PRODUCER).resolve("key.pem");
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", tls.network.port())
                .sslContext(GrpcSslContexts.forClient()
                        .trustManager(tls.network.tlsCaCertificate().orElseThrow().toFile())
                        .build())
                .build();
        try (Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(producer.mspId(), producer.certificate()))
                // the wallet's key file as fabric-gateway itself reads it
                .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(Files.readString(walletKey))))
                .hash(Hash.SHA256)
                .connection(channel)
                .connect()) {
            Contract contract = gateway.getNetwork(tls.network.channelName()).getContract(tls.network.chaincodeName());
            String standard = new String(contract.evaluateTransaction("standard:Get",
                    "{\"code\":\"" + tls.standardCode + "\",\"version\":\"2024\"}"), StandardCharsets.UTF_8);

            assertThat(standard).contains(tls.standardCode);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_client_trusting_another_ca_is_told_the_certificate_did_not_verify() {
        String otherCa = CertificateAuthority.create("OtherMSP", "other.example.com").certificatePem();

        FairmarkException e = failure(GatewayEndpoint.tls("CoopMSP", "127.0.0.1", tls.network.port())
                .withTlsCaCertificatesPem(otherCa));

        assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE);
        assertThat(e.getMessage())
                .contains("TLS: the certificate of the gateway 127.0.0.1:" + tls.network.port()
                        + " did not verify against the trusted TLS CA certificates");
    }

    @Test
    void a_server_name_the_certificate_does_not_list_is_named() {
        FairmarkException e = failure(GatewayEndpoint.tls("CoopMSP", "127.0.0.1", tls.network.port())
                .withTlsCaCertificates(tls.network.tlsCaCertificate().orElseThrow())
                .withServerNameOverride("peer0.elsewhere.example.com"));

        assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE);
        assertThat(e.getMessage())
                .contains("TLS: the certificate of the gateway 127.0.0.1:" + tls.network.port()
                        + " does not match the host name")
                .contains("peer0.elsewhere.example.com")
                .contains("localhost");
    }

    @Test
    void a_plaintext_client_to_the_tls_gateway_is_told_to_use_tls() {
        FairmarkException e = failure(GatewayEndpoint.plaintext("CoopMSP", "127.0.0.1", tls.network.port()));

        assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE);
        assertThat(e.getMessage())
                .contains("the gateway 127.0.0.1:" + tls.network.port() + " closed the plaintext connection")
                .contains("connect with TLS");
        assertThat(e.isUnavailable()).isTrue();
    }

    @Test
    void a_tls_client_to_a_plaintext_gateway_is_told_the_gateway_does_not_speak_tls() throws Exception {
        try (TestLedger plain = new TestLedger(dir.resolve("plain-network"))) {
            FairmarkException e = failure(GatewayEndpoint.tls("CoopMSP", "127.0.0.1", plain.network.port())
                    .withTlsCaCertificates(tls.network.tlsCaCertificate().orElseThrow()));

            assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE);
            assertThat(e.getMessage())
                    .contains("TLS: the gateway 127.0.0.1:" + plain.network.port() + " does not speak TLS");
        }
    }

    private static FairmarkException failure(GatewayEndpoint coop) {
        ConnectionProfile profile = ConnectionProfile.builder().gateway(coop).build();
        try (FairmarkClient producer = FairmarkClient.builder().profile(profile).callTimeout(Duration.ofSeconds(5))
                .identity(tls.identity(EmbeddedNetwork.PRODUCER)).connect()) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> producer.participant().standard(tls.standardCode, "2024"));
            assertThat(thrown).isInstanceOf(FairmarkException.class);
            return (FairmarkException) thrown;
        }
    }
}
