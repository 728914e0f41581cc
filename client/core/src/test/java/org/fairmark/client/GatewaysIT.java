package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Deadline;
import io.grpc.MethodDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.fairmark.devca.Identity;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.samples.Samples;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Gateways}: the one gateway set-up of the library and the load tool's baseline, deadlines on every call. */
class GatewaysIT {
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

    /** Records the deadline each gateway method was called with (null: none). */
    static final class Deadlines implements ClientInterceptor {
        final Map<String, Long> remainingMillis = new ConcurrentHashMap<>();

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            Deadline deadline = options.getDeadline();
            remainingMillis.put(method.getBareMethodName(), deadline == null ? -1 : deadline.timeRemaining(TimeUnit.MILLISECONDS));
            return next.newCall(method, options);
        }
    }

    @Test
    void everyCallOfASubmitAndAnEvaluateCarriesItsDeadline() throws Exception {
        Identity producer = ledger.network.wallet().get(EmbeddedNetwork.PRODUCER);
        Deadlines deadlines = new Deadlines();
        Channel channel = ClientInterceptors.intercept(ledger.network.inProcessChannel(), deadlines);
        try (Gateway gateway = Gateways.builder(producer.mspId(), producer.certificate(),
                        FastSigner.of(producer.privateKey()), channel, Duration.ofSeconds(7), Duration.ofSeconds(40))
                .connect()) {
            Contract contract = gateway.getNetwork(ledger.network.channelName()).getContract(ledger.network.chaincodeName());
            String lot = TestLedger.newLot();
            byte[] result = contract.submitTransaction("batch:Register",
                    CanonicalJson.toJson(Samples.registration(UUID.randomUUID().toString(), lot,
                            TestLedger.today().minusDays(3).toString(), 500_000L, 0L)));
            assertThat(new String(result, StandardCharsets.UTF_8)).contains("\"lot\":\"" + lot + "\"");
            contract.evaluateTransaction("batch:Get", "{\"gtin\":\"" + TestLedger.GTIN + "\",\"lot\":\"" + lot + "\"}");
        }
        assertThat(deadlines.remainingMillis).containsOnlyKeys("Endorse", "Submit", "CommitStatus", "Evaluate");
        for (String call : new String[] {"Endorse", "Submit", "Evaluate"}) {
            assertThat(deadlines.remainingMillis.get(call)).as(call).isBetween(1L, 7_000L);
        }
        assertThat(deadlines.remainingMillis.get("CommitStatus")).isBetween(7_001L, 40_000L);
    }

    @Test
    void theLibraryDefaultsAreThoseOfFairmarkClient() {
        assertThat(Gateways.DEFAULT_CALL_TIMEOUT).isEqualTo(Duration.ofSeconds(30));
        assertThat(Gateways.DEFAULT_COMMIT_TIMEOUT).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusesTimeoutsThatAreNotPositiveAndMissingParts() {
        Identity producer = ledger.network.wallet().get(EmbeddedNetwork.PRODUCER);
        FastSigner signer = FastSigner.of(producer.privateKey());
        Channel channel = ledger.network.inProcessChannel();
        assertThatThrownBy(() -> Gateways.builder(producer.mspId(), producer.certificate(), signer, channel,
                        Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callTimeout");
        assertThatThrownBy(() -> Gateways.builder(producer.mspId(), producer.certificate(), signer, channel,
                        Duration.ofSeconds(1), Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commitTimeout");
        // what FairmarkClient.Builder accepts is accepted: any positive duration, a huge one saturated
        assertThat(Gateways.builder(producer.mspId(), producer.certificate(), signer, channel,
                        Duration.ofNanos(1), Duration.ofDays(400L * 365)))
                .isNotNull();
        assertThatThrownBy(() -> Gateways.builder(producer.mspId(), producer.certificate(), signer, channel,
                        Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gateways.builder(null, producer.certificate(), signer, channel,
                        Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("mspId");
        assertThatThrownBy(() -> Gateways.builder(producer.mspId(), producer.certificate(), signer, null,
                        Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("channel");
    }
}
