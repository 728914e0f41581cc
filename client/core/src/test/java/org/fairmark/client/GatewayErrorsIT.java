package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.fairmark.domain.ErrorCode;
import org.fairmark.presentation.ErrorPresentation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every gRPC status a gateway can answer, at every step of a read and a write, reaches the caller as a documented
 * code: never a raw gRPC exception, and {@link ErrorCode#INTERNAL_ERROR} only for a defect of Fairmark itself.
 */
class GatewayErrorsIT {
    @TempDir
    static Path dataDir;

    static TestLedger ledger;
    static FaultyGateway gateway;
    static FairmarkClient producer;

    @BeforeAll
    static void start() throws Exception {
        ledger = new TestLedger(dataDir);
        gateway = new FaultyGateway(ledger.network.inProcessChannel());
        producer = FairmarkClient.builder().connection(gateway.channel()).identity(ledger.producer.identity()).connect();
    }

    @AfterAll
    static void stop() {
        producer.close();
        gateway.close();
        ledger.close();
    }

    /** The documented code of a status whose text names no contract code (docs/error-codes.md). */
    static ErrorCode documented(Status.Code code) {
        return switch (code) {
            case PERMISSION_DENIED, UNAUTHENTICATED -> ErrorCode.IDENTITY_INVALID;
            case NOT_FOUND -> ErrorCode.CHAINCODE_NOT_FOUND;
            case INVALID_ARGUMENT -> ErrorCode.MALFORMED_REQUEST;
            case OUT_OF_RANGE -> ErrorCode.INVALID_ARGUMENT;
            case ALREADY_EXISTS -> ErrorCode.TRANSACTION_INVALIDATED;
            case CANCELLED, UNKNOWN, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, UNIMPLEMENTED,
                    INTERNAL, UNAVAILABLE, DATA_LOSS -> ErrorCode.GATEWAY_UNAVAILABLE;
            case OK -> throw new IllegalArgumentException("OK is no failure");
        };
    }

    static FairmarkException write() {
        return catchThrowableOfType(FairmarkException.class,
                () -> producer.producer().registerBatch(TestLedger.registration(TestLedger.newLot(), 1_000L)));
    }

    static FairmarkException read() {
        return catchThrowableOfType(FairmarkException.class,
                () -> producer.participant().batch(TestLedger.GTIN, "NO-SUCH-LOT"));
    }

    @Test
    void every_status_at_every_step_maps_to_its_documented_code() {
        List<Status.Code> codes = Arrays.stream(Status.Code.values()).filter(code -> code != Status.Code.OK).toList();
        assertThat(codes).hasSize(16);
        for (FaultyGateway.Step step : FaultyGateway.Step.values()) {
            for (Status.Code code : codes) {
                gateway.fail(step, Status.fromCode(code).withDescription("the peer says " + code.name().toLowerCase()));
                FairmarkException e = step == FaultyGateway.Step.EVALUATE ? read() : write();
                assertThat(e).as("%s at %s", code, step).isNotNull();
                assertThat(e.code()).as("%s at %s: %s", code, step, e.getMessage()).isEqualTo(documented(code));
                assertThat(e.getCause()).isNotNull();
                assertThat(e.isUnavailable()).as("%s at %s", code, step)
                        .isEqualTo(documented(code) == ErrorCode.GATEWAY_UNAVAILABLE
                                || step == FaultyGateway.Step.COMMIT_STATUS);
                assertThat(e.stage().name()).as("%s at %s", code, step).isEqualTo(step.name());
            }
        }
        gateway.fail(null, null);
    }

    @Test
    void an_event_stream_the_gateway_ends_or_fails_is_unavailable() {
        for (Status status : new Status[] {null, Status.UNKNOWN.withDescription("channel closed"), Status.CANCELLED}) {
            gateway.failEvents(status);
            try (EventStream events = producer.eventStream().startBlock(0).open()) {
                FairmarkException e = catchThrowableOfType(FairmarkException.class, events::take);
                assertThat(e.code()).as("%s", status).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE);
                assertThat(e.stage()).isEqualTo(FairmarkException.Stage.EVENTS);
                assertThat(e.isUnavailable()).isTrue();
            }
        }
    }

    @Test
    void a_gateway_that_goes_away_mid_submit_is_unavailable_not_internal() {
        gateway.fail(FaultyGateway.Step.SUBMIT, Status.UNKNOWN.withDescription("channel closed"));
        try {
            FairmarkException e = write();
            assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE);
            assertThat(e.isUnavailable()).isTrue();
            assertThat(ErrorPresentation.exitCode(e.code())).isEqualTo(69);
            assertThat(e.detail()).contains("channel closed");
            assertThat(e.transactionId()).isNotBlank();
        } finally {
            gateway.fail(null, null);
        }
    }

    @Test
    void a_channel_policy_denial_as_fabric_words_it_is_an_invalid_identity() {
        String fabric = "failed to endorse transaction: access denied: channel [fairmark] creator org [CarrierMSP]:"
                + " Failed evaluating policy on signed data during check policy on channel [fairmark] with policy"
                + " [/Channel/Application/Writers]: [implicit policy evaluation failed - 0 sub-policies were satisfied,"
                + " but this policy requires 1 of the 'Writers' sub-policies to be satisfied]";
        for (FaultyGateway.Step step : FaultyGateway.Step.values()) {
            gateway.fail(step, Status.FAILED_PRECONDITION.withDescription(fabric));
            FairmarkException e = step == FaultyGateway.Step.EVALUATE ? read() : write();
            assertThat(e.code()).as("%s", step).isEqualTo(ErrorCode.IDENTITY_INVALID);
            assertThat(ErrorPresentation.exitCode(e.code())).isEqualTo(4);
            assertThat(e.detail()).contains("/Channel/Application/Writers");
        }
        gateway.fail(null, null);
    }

    @Test
    void an_unknown_channel_or_chaincode_is_named_as_such() {
        gateway.fail(FaultyGateway.Step.ENDORSE, Status.ABORTED.withDescription("failed to endorse transaction: make sure"
                + " the chaincode fairmark has been successfully defined on channel fairmark and try again: chaincode"
                + " definition for 'fairmark' not found"));
        assertThat(write().code()).isEqualTo(ErrorCode.CHAINCODE_NOT_FOUND);
        gateway.fail(FaultyGateway.Step.EVALUATE, Status.NOT_FOUND.withDescription("channel 'nosuch' not found"));
        assertThat(read().code()).isEqualTo(ErrorCode.CHAINCODE_NOT_FOUND);
        assertThat(ErrorPresentation.exitCode(ErrorCode.CHAINCODE_NOT_FOUND)).isEqualTo(5);
        gateway.fail(null, null);
    }

    @Test
    void the_embedded_networks_answer_for_an_unknown_channel_or_chaincode_is_chaincode_not_found() {
        for (boolean wrongChannel : new boolean[] {true, false}) {
            FairmarkClient.Builder builder = FairmarkClient.builder().connection(ledger.network.inProcessChannel())
                    .identity(ledger.producer.identity());
            if (wrongChannel) {
                builder.channelName("nosuch");
            } else {
                builder.chaincodeName("nosuch");
            }
            try (FairmarkClient wrong = builder.connect()) {
                FairmarkException read = catchThrowableOfType(FairmarkException.class,
                        () -> wrong.participant().batch(TestLedger.GTIN, "NO-SUCH-LOT"));
                FairmarkException write = catchThrowableOfType(FairmarkException.class,
                        () -> wrong.producer().registerBatch(TestLedger.registration(TestLedger.newLot(), 1_000L)));
                assertThat(read.code()).as("read, wrong channel %s: %s", wrongChannel, read.getMessage())
                        .isEqualTo(ErrorCode.CHAINCODE_NOT_FOUND);
                assertThat(write.code()).as("write, wrong channel %s: %s", wrongChannel, write.getMessage())
                        .isEqualTo(ErrorCode.CHAINCODE_NOT_FOUND);
            }
        }
    }

    @Test
    void only_a_contract_that_fails_without_a_code_is_an_internal_error() {
        gateway.fail(FaultyGateway.Step.ENDORSE, Status.ABORTED.withDescription(
                "failed to endorse transaction: chaincode response 500, java.lang.NullPointerException"));
        assertThat(write().code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        gateway.fail(FaultyGateway.Step.EVALUATE, Status.UNKNOWN.withDescription(
                "evaluate call to endorser returned error: chaincode response 500, Undefined contract method called"));
        assertThat(read().code()).isEqualTo(ErrorCode.UNKNOWN_TRANSACTION);
        gateway.fail(FaultyGateway.Step.EVALUATE, Status.UNKNOWN.withDescription(
                "evaluate call to endorser returned error: chaincode response 500, BATCH_NOT_FOUND: no batch"));
        assertThat(read().code()).isEqualTo(ErrorCode.BATCH_NOT_FOUND);
        gateway.fail(null, null);
        assertThat(read().code()).isEqualTo(ErrorCode.BATCH_NOT_FOUND);
    }
}
