package org.fairmark.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fairmark.devca.Identity;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.InMemoryCheckpointer;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submit, evaluate and chaincode events of the real Fairmark contract through the unchanged fabric-gateway client. */
class GatewayRoundTripIT {
    @TempDir
    static Path dataDir;

    static EmbeddedNetwork network;
    static Identity producer;

    @BeforeAll
    static void start() throws Exception {
        network = EmbeddedNetwork.builder()
                .dataDir(DevNetworkTemplate.copyTo(dataDir))
                .port(0)
                .blockSize(10)
                .blockTimeout(Duration.ofMillis(20))
                .start();
        producer = network.wallet().get(EmbeddedNetwork.PRODUCER);
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    @Test
    void registers_a_batch_over_tcp_and_reads_it_back() throws Exception {
        ManagedChannel channel = Clients.tcp(network);
        try (Gateway gateway = Clients.connect(channel, producer)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
            String lot = FairmarkRequests.newLot();

            byte[] registered = contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(lot));
            byte[] read = contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef(lot));

            assertThat(new String(registered, UTF_8)).contains("\"lot\":\"" + lot + "\"");
            assertThat(new String(read, UTF_8))
                    .contains("\"lot\":\"" + lot + "\"")
                    .contains("\"producerOrg\":\"CoopMSP\"");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void counts_the_contract_cpu_time_of_each_function_endorsed_or_evaluated() throws Exception {
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
            EmbeddedNetwork.ContractCalls registersBefore = network.contractCpu()
                    .getOrDefault("batch:Register", new EmbeddedNetwork.ContractCalls(0, 0));
            EmbeddedNetwork.ContractCalls getsBefore = network.contractCpu()
                    .getOrDefault("batch:Get", new EmbeddedNetwork.ContractCalls(0, 0));
            String lot = FairmarkRequests.newLot();

            contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(lot));
            contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef(lot));
            contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef(lot));

            EmbeddedNetwork.ContractCalls registers = network.contractCpu().get("batch:Register");
            EmbeddedNetwork.ContractCalls gets = network.contractCpu().get("batch:Get");
            assertThat(registers.calls() - registersBefore.calls()).isEqualTo(1);
            assertThat(registers.cpuNanos()).isGreaterThan(registersBefore.cpuNanos());
            assertThat(gets.calls() - getsBefore.calls()).isEqualTo(2);
            assertThat(gets.cpuNanos()).isGreaterThan(getsBefore.cpuNanos());
        }
    }

    @Test
    void reports_the_block_and_validation_code_of_a_commit() throws Exception {
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
            long heightBefore = network.height();

            SubmittedTransaction submitted = contract.newProposal("batch:Register")
                    .addArguments(FairmarkRequests.registerBatch(FairmarkRequests.newLot()))
                    .build()
                    .endorse()
                    .submitAsync();
            org.hyperledger.fabric.client.Status status = submitted.getStatus();

            assertThat(status.getCode()).isEqualTo(org.hyperledger.fabric.protos.peer.TxValidationCode.VALID);
            assertThat(status.isSuccessful()).isTrue();
            assertThat(status.getBlockNumber()).isGreaterThanOrEqualTo(heightBefore);
            assertThat(status.getTransactionId()).isEqualTo(submitted.getTransactionId());
            assertThat(submitted.getTransactionId()).matches("[0-9a-f]{64}");
        }
    }

    @Test
    void chaincode_error_on_endorse_carries_the_fairmark_code() throws Exception {
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
            String lot = FairmarkRequests.newLot();
            contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(lot));
            long height = network.height();

            EndorseException error = catchThrowableOfType(EndorseException.class,
                    () -> contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(lot)));

            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
            assertThat(error.getMessage()).contains("failed to endorse transaction");
            assertThat(error.getDetails()).hasSize(1);
            ErrorDetail detail = error.getDetails().get(0);
            assertThat(detail.getMspId()).isEqualTo("CoopMSP");
            assertThat(detail.getAddress()).isEqualTo("peer0.coop.example.com:" + network.port());
            assertThat(detail.getMessage()).startsWith("chaincode response 500, BATCH_EXISTS: ");
            assertThat(error.getTransactionId()).matches("[0-9a-f]{64}");
            assertThat(network.height()).isEqualTo(height);
        }
    }

    @Test
    void role_check_of_the_contract_rejects_a_buyer_registering_a_batch() throws Exception {
        Identity buyer = network.wallet().get(EmbeddedNetwork.BUYER);
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), buyer)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());

            EndorseException error = catchThrowableOfType(EndorseException.class, () -> contract.submitTransaction(
                    "batch:Register", FairmarkRequests.registerBatch(FairmarkRequests.newLot())));

            assertThat(error.getDetails().get(0).getMessage()).contains("ROLE_NOT_ALLOWED: ");
            assertThat(error.getDetails().get(0).getMspId()).isEqualTo("MarketMSP");
        }
    }

    @Test
    void chaincode_error_on_evaluate_is_a_gateway_exception_with_the_code() throws Exception {
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());

            GatewayException error = catchThrowableOfType(GatewayException.class,
                    () -> contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef("NO-SUCH-LOT")));

            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
            assertThat(error.getMessage()).contains("evaluate call to endorser returned error: chaincode response 500,"
                    + " BATCH_NOT_FOUND: ");
            assertThat(error.getDetails()).singleElement()
                    .satisfies(detail -> assertThat(detail.getMessage()).contains("BATCH_NOT_FOUND: "));
        }
    }

    @Test
    void unknown_chaincode_is_reported_like_fabric() throws Exception {
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract("no-such-chaincode");

            GatewayException evaluate = catchThrowableOfType(GatewayException.class,
                    () -> contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef("X")));
            EndorseException endorse = catchThrowableOfType(EndorseException.class,
                    () -> contract.submitTransaction("batch:Get", FairmarkRequests.batchRef("X")));
            EndorseException endorseByOrg = catchThrowableOfType(EndorseException.class,
                    () -> contract.newProposal("batch:Get")
                            .addArguments(FairmarkRequests.batchRef("X"))
                            .setEndorsingOrganizations("CoopMSP")
                            .build()
                            .endorse());

            assertThat(evaluate.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(evaluate.getStatus().getDescription()).isEqualTo(
                    "no peers available to evaluate chaincode no-such-chaincode in channel " + network.channelName());
            assertThat(endorse.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(endorse.getStatus().getDescription()).isEqualTo(
                    "no combination of peers can be derived which satisfy the endorsement policy: No metadata was"
                            + " found for chaincode no-such-chaincode in channel " + network.channelName());
            assertThat(endorseByOrg.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(endorseByOrg.getStatus().getDescription())
                    .isEqualTo("failed to find any endorsing peers for org(s): CoopMSP");
        }
    }

    @Test
    void unknown_channel_is_reported_like_fabric() throws Exception {
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer)) {
            Contract contract = gateway.getNetwork("no-such-channel").getContract(network.chaincodeName());

            GatewayException evaluate = catchThrowableOfType(GatewayException.class,
                    () -> contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef("X")));
            EndorseException endorse = catchThrowableOfType(EndorseException.class,
                    () -> contract.submitTransaction("batch:Get", FairmarkRequests.batchRef("X")));

            assertThat(evaluate.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(evaluate.getStatus().getDescription()).isEqualTo("failed to get config for channel"
                    + " [no-such-channel]: could not get last config for channel no-such-channel");
            assertThat(endorse.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(endorse.getStatus().getDescription()).isEqualTo(
                    "no combination of peers can be derived which satisfy the endorsement policy: No metadata was"
                            + " found for chaincode " + network.chaincodeName() + " in channel no-such-channel");
        }
    }

    @Test
    void streams_the_event_of_a_new_batch() throws Exception {
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer)) {
            Network channel = gateway.getNetwork(network.channelName());
            Contract contract = channel.getContract(network.chaincodeName());
            String lot = FairmarkRequests.newLot();
            try (CloseableIterator<ChaincodeEvent> events = channel.getChaincodeEvents(network.chaincodeName())) {
                SubmittedTransaction submitted = contract.newProposal("batch:Register")
                        .addArguments(FairmarkRequests.registerBatch(lot))
                        .build()
                        .endorse()
                        .submitAsync();
                long block = submitted.getStatus().getBlockNumber();

                ChaincodeEvent event = nextEventOf(events, submitted.getTransactionId());

                assertThat(event.getEventName()).isEqualTo("BatchRegistered");
                assertThat(event.getChaincodeName()).isEqualTo(network.chaincodeName());
                assertThat(event.getBlockNumber()).isEqualTo(block);
                assertThat(new String(event.getPayload(), UTF_8))
                        .contains("\"lot\":\"" + lot + "\"")
                        .contains("\"txId\":\"" + submitted.getTransactionId() + "\"");
            }
        }
    }

    @Test
    void replays_events_from_block_0_and_resumes_after_a_checkpoint_on_a_new_connection() throws Exception {
        List<String> txIds = new ArrayList<>();
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
            for (int i = 0; i < 3; i++) {
                SubmittedTransaction submitted = contract.newProposal("batch:Register")
                        .addArguments(FairmarkRequests.registerBatch(FairmarkRequests.newLot()))
                        .build()
                        .endorse()
                        .submitAsync();
                assertThat(submitted.getStatus().isSuccessful()).isTrue();
                txIds.add(submitted.getTransactionId());
            }
        }

        InMemoryCheckpointer checkpointer = new InMemoryCheckpointer();
        List<String> firstPass = new ArrayList<>();
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer);
                CloseableIterator<ChaincodeEvent> events = gateway.getNetwork(network.channelName())
                        .newChaincodeEventsRequest(network.chaincodeName())
                        .startBlock(0)
                        .build()
                        .getEvents()) {
            while (!firstPass.contains(txIds.get(0))) {
                ChaincodeEvent event = events.next();
                firstPass.add(event.getTransactionId());
                checkpointer.checkpointChaincodeEvent(event);
            }
        }
        assertThat(checkpointer.getTransactionId()).contains(txIds.get(0));

        ManagedChannel tcp = Clients.tcp(network);
        try (Gateway gateway = Clients.connect(tcp, producer);
                CloseableIterator<ChaincodeEvent> events = gateway.getNetwork(network.channelName())
                        .newChaincodeEventsRequest(network.chaincodeName())
                        .checkpoint(checkpointer)
                        .build()
                        .getEvents()) {
            assertThat(events.next().getTransactionId()).isEqualTo(txIds.get(1));
            assertThat(events.next().getTransactionId()).isEqualTo(txIds.get(2));
        } finally {
            tcp.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void refuses_events_of_an_unknown_channel() throws Exception {
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer);
                CloseableIterator<ChaincodeEvent> events = gateway.getNetwork("other-channel")
                        .getChaincodeEvents(network.chaincodeName())) {
            GatewayRuntimeException error = catchThrowableOfType(GatewayRuntimeException.class, events::next);
            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    private static ChaincodeEvent nextEventOf(CloseableIterator<ChaincodeEvent> events, String txId) {
        while (true) {
            ChaincodeEvent event = events.next();
            if (event.getTransactionId().equals(txId)) {
                return event;
            }
        }
    }
}
