package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Roster;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Role;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FabricCaClient} against an in-process Fabric CA that checks credentials, CSR and token as fabric-ca does. */
class FabricCaClientTest {
    FakeFabricCa ca;
    FabricCaClient client;

    @TempDir
    java.nio.file.Path temp;

    @BeforeEach
    void start() throws Exception {
        ca = new FakeFabricCa();
        client = FabricCaClient.create(ca.url(), null, null);
    }

    @AfterEach
    void stop() {
        ca.close();
    }

    FairmarkIdentity admin() {
        return client.enrollRegistrar("admin", "adminpw", "CoopMSP");
    }

    @Test
    void registers_and_enrolls_a_producer_whose_certificate_the_contract_reads_as_a_producer() throws Exception {
        String secret = client.register(admin(),
                new FabricCaClient.Registration("clerk@coop", null, Role.PRODUCER, null, "", 1));
        FabricCaClient.Enrollment enrollment = client.enroll("clerk@coop", secret, "CoopMSP", Role.PRODUCER, null);

        FairmarkIdentity identity = enrollment.identity();
        assertThat(identity.role()).contains(Role.PRODUCER);
        assertThat(identity.mspId()).isEqualTo("CoopMSP");
        assertThat(identity.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=clerk@coop");
        assertThat(enrollment.caChain()).containsExactly(ca.root);
        identity.certificate().verify(ca.root.getPublicKey());
        // the contract's reader: the shim's ClientIdentity over the creator fabric-gateway would send
        ClientIdentity contractView = contractIdentity(identity);
        assertThat(contractView.getAttributeValue(Role.ATTRIBUTE)).isEqualTo("producer");
        assertThat(contractView.getMSPID()).isEqualTo("CoopMSP");
        // the wallet form round-trips through FairmarkIdentity.fromWallet
        java.nio.file.Path entry = temp.resolve("clerk@coop");
        java.nio.file.Files.createDirectories(entry);
        java.nio.file.Files.writeString(entry.resolve("cert.pem"), identity.certificatePem());
        java.nio.file.Files.writeString(entry.resolve("key.pem"), enrollment.privateKeyPem());
        java.nio.file.Files.writeString(entry.resolve("mspid"), "CoopMSP\n");
        assertThat(FairmarkIdentity.fromWallet(temp, "clerk@coop").role()).contains(Role.PRODUCER);
    }

    @Test
    void an_inspector_gets_its_jurisdiction_into_the_certificate() throws Exception {
        client.register(admin(), new FabricCaClient.Registration("insp@bureau", "pw1", Role.INSPECTOR, "130227, 1302",
                "", 0));
        FairmarkIdentity inspector = client.enroll("insp@bureau", "pw1", "BureauMSP", Role.INSPECTOR, "1302,130227")
                .identity();

        assertThat(inspector.role()).contains(Role.INSPECTOR);
        assertThat(inspector.jurisdiction()).containsExactlyInAnyOrder("1302", "130227");
        assertThat(contractIdentity(inspector).getAttributeValue(Role.JURISDICTION_ATTRIBUTE)).isEqualTo("1302,130227");
    }

    @Test
    void a_wrong_secret_is_identity_invalid_with_the_cas_reason() {
        assertThatThrownBy(() -> client.enroll("admin", "wrong", "CoopMSP", null, null))
                .isInstanceOfSatisfying(FairmarkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDENTITY_INVALID))
                .hasMessageContaining("Authentication failure");
    }

    @Test
    void an_identity_registered_without_a_fairmark_role_cannot_enroll_as_a_fairmark_identity() {
        ca.users.put("plain", new FakeFabricCa.User("pw", Map.of(), false));
        ca.users.put("farmer", new FakeFabricCa.User("pw", Map.of(Role.ATTRIBUTE, "farmer"), false));
        ca.users.put(Roster.BUYER, new FakeFabricCa.User("pw", Map.of(Role.ATTRIBUTE, "buyer"), false));

        assertThatThrownBy(() -> client.enroll("plain", "pw", "CoopMSP", null, null))
                .satisfies(e -> assertThat(((FairmarkException) e).code()).isEqualTo(ErrorCode.IDENTITY_INVALID))
                .hasMessageContaining("fairmark.role");
        assertThatThrownBy(() -> client.enroll("farmer", "pw", "CoopMSP", null, null))
                .satisfies(e -> assertThat(((FairmarkException) e).code()).isEqualTo(ErrorCode.IDENTITY_INVALID))
                .hasMessageContaining("without a Fairmark role").hasMessageContaining("farmer");
        assertThatThrownBy(() -> client.enroll(Roster.BUYER, "pw", "MarketMSP", Role.PRODUCER, null))
                .satisfies(e -> assertThat(((FairmarkException) e).code()).isEqualTo(ErrorCode.IDENTITY_INVALID))
                .hasMessageContaining("has role buyer, not producer");
        assertThatThrownBy(() -> client.enroll(Roster.BUYER, "pw", "MarketMSP", null, "1302"))
                .satisfies(e -> assertThat(((FairmarkException) e).code()).isEqualTo(ErrorCode.IDENTITY_INVALID))
                .hasMessageContaining("fairmark.jurisdiction");
    }

    @Test
    void the_register_token_is_bound_to_the_registrar_the_ca_knows() throws Exception {
        FairmarkIdentity stranger = FairmarkIdentity.fromWallet(strangerWallet(), "admin");
        ca.users.put("clerk", new FakeFabricCa.User("pw", Map.of(Role.ATTRIBUTE, "producer"), false));
        FairmarkIdentity clerk = client.enroll("clerk", "pw", "CoopMSP", null, null).identity();
        FabricCaClient.Registration registration =
                new FabricCaClient.Registration("x@coop", null, Role.BUYER, null, "", 0);

        assertThatThrownBy(() -> client.register(stranger, registration))
                .satisfies(e -> assertThat(((FairmarkException) e).code()).isEqualTo(ErrorCode.IDENTITY_INVALID))
                .hasMessageContaining("not issued by this CA");
        assertThatThrownBy(() -> client.register(clerk, registration))
                .satisfies(e -> assertThat(((FairmarkException) e).code()).isEqualTo(ErrorCode.IDENTITY_INVALID))
                .hasMessageContaining("Authorization failure");
        assertThat(ca.users).doesNotContainKey("x@coop");
        client.register(admin(), registration);
        assertThatThrownBy(() -> client.register(admin(), registration))
                .satisfies(e -> assertThat(((FairmarkException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("already registered");
    }

    @Test
    void the_token_signs_method_uri_body_and_certificate_with_a_low_s() throws Exception {
        FairmarkIdentity admin = admin();
        for (int i = 0; i < 40; i++) {
            String token = FabricCaClient.token(admin, "POST", "/api/v1/register", ("{\"n\":" + i + "}").getBytes());
            String[] parts = token.split("\\.");
            assertThat(parts).hasSize(2);
            assertThat(new String(java.util.Base64.getDecoder().decode(parts[0]), StandardCharsets.UTF_8))
                    .isEqualTo(admin.certificatePem());
            byte[] signature = java.util.Base64.getDecoder().decode(parts[1]);
            java.math.BigInteger s = org.bouncycastle.asn1.ASN1Integer.getInstance(
                    org.bouncycastle.asn1.ASN1Sequence.getInstance(signature).getObjectAt(1)).getValue();
            assertThat(s).isLessThanOrEqualTo(EcdsaFormat.P256_ORDER.shiftRight(1));
        }
    }

    @Test
    void bad_requests_are_refused_before_anything_is_sent() {
        FairmarkIdentity admin = admin();
        int before = ca.requests.get();
        List<Runnable> bad = List.of(
                () -> client.register(admin, new FabricCaClient.Registration("i@b", null, Role.INSPECTOR, null, "", 0)),
                () -> client.register(admin, new FabricCaClient.Registration("i@b", null, Role.BUYER, "1302", "", 0)),
                () -> client.register(admin, new FabricCaClient.Registration("bad id", null, Role.BUYER, null, "", 0)),
                () -> client.register(admin, new FabricCaClient.Registration("i@b", null, null, null, "", 0)),
                () -> client.enroll("admin", "", "CoopMSP", null, null),
                () -> FabricCaClient.create(URI.create("ftp://ca:7054"), null, null),
                () -> FabricCaClient.create(URI.create("ca.example:7054"), null, null),
                () -> FabricCaClient.create(URI.create("http://ca:7054"), null, List.of(ca.root)));
        for (Runnable call : bad) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(FairmarkException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
        assertThatThrownBy(() -> client.register(admin,
                new FabricCaClient.Registration("i@b", null, Role.INSPECTOR, "x!", "", 0)))
                .isInstanceOfSatisfying(FairmarkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_COUNTY_CODE));
        assertThat(ca.requests.get()).isEqualTo(before);
    }

    @Test
    void an_unreachable_ca_is_gateway_unavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        FabricCaClient nowhere = FabricCaClient.create(URI.create("http://127.0.0.1:" + port), null, null);

        assertThatThrownBy(() -> nowhere.enroll("admin", "adminpw", "CoopMSP", null, null))
                .isInstanceOfSatisfying(FairmarkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE))
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void a_tls_ca_is_reached_with_its_tls_ca_certificate_and_refused_without() throws Exception {
        try (FakeFabricCa tlsCa = new FakeFabricCa(true)) {
            tlsCa.users.put("clerk", new FakeFabricCa.User("pw", Map.of(Role.ATTRIBUTE, "packer"), false));
            FabricCaClient trusted = FabricCaClient.create(tlsCa.url(), null, List.of(tlsCa.root));
            FabricCaClient untrusted = FabricCaClient.create(tlsCa.url(), null, List.of(ca.root));

            assertThat(trusted.enroll("clerk", "pw", "CoopMSP", Role.PACKER, null).identity().role())
                    .contains(Role.PACKER);
            assertThatThrownBy(() -> untrusted.enroll("clerk", "pw", "CoopMSP", null, null))
                    .isInstanceOfSatisfying(FairmarkException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE))
                    .hasMessageContaining("TLS");
        }
    }

    @Test
    void a_server_that_is_not_a_fabric_ca_is_gateway_unavailable() throws Exception {
        com.sun.net.httpserver.HttpServer other = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            FabricCaClient web = FabricCaClient.create(URI.create("http://127.0.0.1:" + other.getAddress().getPort()),
                    null, null);
            assertThatThrownBy(() -> web.enroll("admin", "adminpw", "CoopMSP", null, null))
                    .isInstanceOfSatisfying(FairmarkException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE))
                    .hasMessageContaining("not a Fabric CA");
        } finally {
            other.stop(0);
        }
    }

    private java.nio.file.Path strangerWallet() {
        java.nio.file.Path wallet = temp.resolve("stranger");
        CertificateAuthority other = CertificateAuthority.create("CoopMSP", "coop");
        org.fairmark.devca.Wallet.open(wallet).put(other.issue("admin", Map.of(Role.ATTRIBUTE, "producer")));
        return wallet;
    }

    static ClientIdentity contractIdentity(FairmarkIdentity identity) throws Exception {
        byte[] creator = SerializedIdentity.newBuilder().setMspid(identity.mspId())
                .setIdBytes(ByteString.copyFromUtf8(identity.certificatePem())).build().toByteArray();
        ChaincodeStub stub = (ChaincodeStub) Proxy.newProxyInstance(ChaincodeStub.class.getClassLoader(),
                new Class<?>[] {ChaincodeStub.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getCreator")) {
                        return creator;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new ClientIdentity(stub);
    }
}
