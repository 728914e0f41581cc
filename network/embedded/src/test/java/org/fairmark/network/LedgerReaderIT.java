package org.fairmark.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.fairmark.devca.Identity;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LedgerReader} on a stopped network answers the contract's reads with the bytes the network's Evaluate
 * returned through the fabric-gateway client, refuses as the contract refuses, and never runs a write.
 */
class LedgerReaderIT {
    @TempDir
    Path dataDir;

    @Test
    void answers_reads_byte_for_byte_as_the_network_and_refuses_writes() throws Exception {
        DevNetworkTemplate.copyTo(dataDir);
        String lot = FairmarkRequests.newLot();
        byte[] online;
        String onlineRefusal;
        Identity producer;
        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(dataDir).port(-1)
                .blockTimeout(Duration.ofMillis(10)).start()) {
            producer = network.wallet().get(EmbeddedNetwork.PRODUCER);
            try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer)) {
                Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
                contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(lot));
                online = contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef(lot));
                GatewayException refused = org.junit.jupiter.api.Assertions.assertThrows(GatewayException.class,
                        () -> contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef("NO-SUCH-LOT")));
                onlineRefusal = refused.getDetails().get(0).getMessage();
            }
        }

        LedgerReader reader = LedgerReader.open(dataDir);
        LedgerReader.Answer answer = reader.evaluate(producer.mspId(), producer.certificate(), "batch:Get",
                FairmarkRequests.batchRef(lot).getBytes(UTF_8));
        LedgerReader.Answer missing = reader.evaluate(producer.mspId(), producer.certificate(), "batch:Get",
                FairmarkRequests.batchRef("NO-SUCH-LOT").getBytes(UTF_8));

        assertThat(answer.ok()).as(answer.message()).isTrue();
        assertThat(answer.payload()).isEqualTo(online);
        assertThat(missing.ok()).isFalse();
        assertThat(missing.message()).startsWith("BATCH_NOT_FOUND: ");
        assertThat(onlineRefusal).endsWith(missing.message());
        assertThat(LedgerReader.reads("batch:Get")).isTrue();
        assertThat(LedgerReader.reads("batch:Register")).isFalse();
        assertThatThrownBy(() -> reader.evaluate(producer.mspId(), producer.certificate(), "batch:Register",
                FairmarkRequests.registerBatch(FairmarkRequests.newLot()).getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a write");
        for (String unknown : List.of("batch:NoSuchThing", "nosuch:Get")) {
            LedgerReader.Answer answered = reader.evaluate(producer.mspId(), producer.certificate(), unknown,
                    "{}".getBytes(UTF_8));
            assertThat(answered.ok()).isFalse();
            assertThat(answered.message()).startsWith("UNKNOWN_TRANSACTION: ");
        }
        assertThat(LedgerReader.open(dataDir).height()).isEqualTo(reader.height());
    }
}
