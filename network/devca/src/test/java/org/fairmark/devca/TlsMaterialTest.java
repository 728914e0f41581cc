package org.fairmark.devca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class TlsMaterialTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("NetMSP", "net.example.com");

    @Test
    void lists_dns_names_and_ip_addresses_as_subject_alternative_names() throws Exception {
        TlsMaterial tls = CA.issueTlsServer("localhost", "peer0.net.example.com", "127.0.0.1", "::1");
        X509Certificate cert = tls.cert();

        assertThat(cert.getSubjectAlternativeNames())
                .containsExactly(
                        List.of(2, "localhost"),
                        List.of(2, "peer0.net.example.com"),
                        List.of(7, "127.0.0.1"),
                        List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost,O=net.example.com");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(CertificateAuthority.isIssuedBy(cert, CA.certificate())).isTrue();
        assertThat(Keys.matches(tls.key(), cert.getPublicKey())).isTrue();
        assertThat(tls.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void rejects_names_that_are_neither_hosts_nor_addresses() {
        assertThatThrownBy(() -> CA.issueTlsServer()).hasMessage("at least one host name is required");
        for (String bad :
                new String[] {"", "under_score.example", "spa ce", "-lead.example", "a..b", "256.1.1.1", "1.2.3"}) {
            assertThatThrownBy(() -> CA.issueTlsServer(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not a DNS name or IP address");
        }
        assertThat(CA.issueTlsServer("*.net.example.com")
                        .cert()
                        .getSubjectX500Principal()
                        .getName())
                .startsWith("CN=*.net.example.com");
    }

    @Test
    void mutual_tls_handshake_with_hostname_verification_succeeds() throws Exception {
        TlsMaterial server = CA.issueTlsServer("localhost", "127.0.0.1");
        TlsMaterial client = CA.issueTlsServer("client.net.example.com");
        SSLContext serverContext = context(server);
        SSLContext clientContext = context(client);

        try (SSLServerSocket listener = (SSLServerSocket)
                serverContext.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<String> peerSeenByServer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    InputStream in = socket.getInputStream();
                    int echoed = in.read();
                    socket.getOutputStream().write(echoed);
                    socket.getOutputStream().flush();
                    return ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal()
                            .getName();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            try (SSLSocket socket =
                    (SSLSocket) clientContext.getSocketFactory().createSocket("127.0.0.1", listener.getLocalPort())) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                OutputStream out = socket.getOutputStream();
                out.write(42);
                out.flush();

                assertThat(socket.getInputStream().read()).isEqualTo(42);
                assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(server.cert());
            }
            assertThat(peerSeenByServer.get(10, TimeUnit.SECONDS))
                    .isEqualTo("CN=client.net.example.com,O=net.example.com");
        }
    }

    private static SSLContext context(TlsMaterial material) throws Exception {
        char[] password = "unused".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("tls", material.key(), password, new X509Certificate[] {material.cert(), CA.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CA.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);

        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
