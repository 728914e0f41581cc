package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fairmark.client.ConnectionProfile.GatewayEndpoint;
import org.fairmark.domain.ErrorCode;
import org.fairmark.network.EmbeddedNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FairmarkClient#awaitReady}: an endorsement without a submit through the identity's own gateway, retried
 * while the gateway is unreachable, given up with the last coded failure at the deadline, refused at once when the
 * failure is not about readiness; nothing reaches the ledger.
 */
class ReadinessIT {
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

    static FairmarkClient client(int port, String identity) {
        return FairmarkClient.builder()
                .profile(ConnectionProfile.builder()
                        .gateway(GatewayEndpoint.plaintext("CoopMSP", "127.0.0.1", port))
                        .gateway(GatewayEndpoint.plaintext("BureauMSP", "127.0.0.1", port))
                        .build())
                .identity(ledger.identity(identity))
                .connect();
    }

    @Test
    void a_running_network_is_ready_at_once_and_nothing_is_written() {
        long height = ledger.network.height();
        try (FairmarkClient producer = client(ledger.network.port(), EmbeddedNetwork.PRODUCER);
                FairmarkClient inspector = producer.withIdentity(ledger.identity(EmbeddedNetwork.INSPECTOR))) {
            Duration took = producer.awaitReady(Duration.ofSeconds(10));
            inspector.awaitReady(Duration.ofSeconds(10));

            assertThat(took).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(ledger.network.height()).isEqualTo(height);
    }

    @Test
    void a_gateway_that_starts_listening_later_is_waited_for() throws Exception {
        int port = freePort();
        CompletableFuture<TcpRelay> relay = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(1_500);
                return TcpRelay.plaintextOn(port, ledger.network.port());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (FairmarkClient producer = client(port, EmbeddedNetwork.PRODUCER)) {
            Duration took = producer.awaitReady(Duration.ofSeconds(30));

            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(relay.get(5, TimeUnit.SECONDS).connections()).isPositive();
        } finally {
            relay.get(5, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void a_gateway_that_never_answers_gives_up_at_the_deadline_with_GATEWAY_UNAVAILABLE() throws Exception {
        int port = freePort();
        try (FairmarkClient producer = client(port, EmbeddedNetwork.PRODUCER)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> producer.awaitReady(Duration.ofMillis(1_200)))
                    .isInstanceOfSatisfying(FairmarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE);
                        assertThat(e.isUnavailable()).isTrue();
                        assertThat(e.detail()).contains("CoopMSP").contains("could not endorse").contains("attempts");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        }
    }

    @Test
    void an_unknown_chaincode_is_retried_until_the_deadline_and_reported_as_CHAINCODE_NOT_FOUND() {
        try (FairmarkClient producer = FairmarkClient.builder().endpoint("127.0.0.1", ledger.network.port())
                .chaincodeName("no-such-chaincode").identity(ledger.identity(EmbeddedNetwork.PRODUCER)).connect()) {
            assertThatThrownBy(() -> producer.awaitReady(Duration.ofMillis(700)))
                    .isInstanceOfSatisfying(FairmarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CHAINCODE_NOT_FOUND);
                        assertThat(e.detail()).contains("no-such-chaincode");
                    });
        }
    }

    @Test
    void a_negative_timeout_is_INVALID_ARGUMENT() {
        try (FairmarkClient producer = client(ledger.network.port(), EmbeddedNetwork.PRODUCER)) {
            assertThatThrownBy(() -> producer.awaitReady(Duration.ofSeconds(-1)))
                    .isInstanceOfSatisfying(FairmarkException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
