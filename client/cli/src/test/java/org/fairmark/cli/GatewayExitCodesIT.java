package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.file.Path;
import java.util.Arrays;
import org.fairmark.client.FaultyGateway;
import org.fairmark.domain.ErrorCode;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.presentation.ErrorPresentation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every gRPC status of a gateway (given by {@code --gateway}) ends the command with its documented code and exit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayExitCodesIT {
    @TempDir
    static Path dataDir;

    EmbeddedNetwork network;
    FaultyGateway gateway;
    CliRun cli;

    @BeforeAll
    void start() throws Exception {
        network = EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start();
        gateway = new FaultyGateway(network.inProcessChannel());
        cli = new CliRun(dataDir);
    }

    @AfterAll
    void stop() {
        gateway.close();
        network.close();
    }

    static ErrorCode documented(Status.Code code) {
        return switch (code) {
            case PERMISSION_DENIED, UNAUTHENTICATED -> ErrorCode.IDENTITY_INVALID;
            case NOT_FOUND -> ErrorCode.CHAINCODE_NOT_FOUND;
            case INVALID_ARGUMENT -> ErrorCode.MALFORMED_REQUEST;
            case OUT_OF_RANGE -> ErrorCode.INVALID_ARGUMENT;
            case ALREADY_EXISTS -> ErrorCode.TRANSACTION_INVALIDATED;
            case OK -> throw new IllegalArgumentException("OK is no failure");
            default -> ErrorCode.GATEWAY_UNAVAILABLE;
        };
    }

    CliRun.Result read() {
        return cli.run("--gateway", gateway.address(), "batch", "get", LedgerFixture.GTIN, "NO-SUCH-LOT");
    }

    CliRun.Result write(String lot) {
        return cli.run("--gateway", gateway.address(), "batch", "register", LedgerFixture.GTIN, lot, "--product",
                "chestnut", "--county", "130227", "--township", "Xingcheng", "--village", "Dongzhuang",
                "--harvest-date", Quantities.today().minusDays(3).toString(), "--declared", "10kg");
    }

    @Test
    void every_status_of_a_read_and_of_a_write_exits_with_its_documented_code() {
        int lot = 0;
        for (Status.Code code : Arrays.stream(Status.Code.values()).filter(c -> c != Status.Code.OK).toList()) {
            ErrorCode expected = documented(code);
            gateway.fail(FaultyGateway.Step.EVALUATE, Status.fromCode(code).withDescription("peer says " + code));
            CliRun.Result read = read();
            assertThat(read.exit()).as("%s: %s", code, read).isEqualTo(ErrorPresentation.exitCode(expected));
            assertThat(read.err()).as("%s", code).startsWith("error: " + expected.name() + ": ");
            for (FaultyGateway.Step step : new FaultyGateway.Step[] {FaultyGateway.Step.ENDORSE, FaultyGateway.Step.SUBMIT}) {
                gateway.fail(step, Status.fromCode(code).withDescription("peer says " + code));
                CliRun.Result write = write("GW-" + ++lot);
                assertThat(write.exit()).as("%s at %s: %s", code, step, write).isEqualTo(ErrorPresentation.exitCode(expected));
                assertThat(write.err()).as("%s at %s", code, step).startsWith("error: " + expected.name() + ": ");
                assertThat(write.err()).doesNotContain("INTERNAL_ERROR");
            }
        }
        gateway.fail(null, null);
        assertThat(read().err()).startsWith("error: BATCH_NOT_FOUND: ");
    }

    @Test
    void a_gateway_closing_mid_submit_exits_69_and_a_policy_denial_4() {
        gateway.fail(FaultyGateway.Step.SUBMIT, Status.UNKNOWN.withDescription("channel closed"));
        CliRun.Result closed = write("GW-CLOSED");
        assertThat(closed.exit()).as("%s", closed).isEqualTo(69);
        assertThat(closed.err()).startsWith("error: GATEWAY_UNAVAILABLE: ").contains("channel closed");

        gateway.fail(FaultyGateway.Step.ENDORSE, Status.FAILED_PRECONDITION.withDescription("access denied: channel"
                + " [fairmark] creator org [CoopMSP]: Failed evaluating policy on signed data during check policy on"
                + " channel [fairmark] with policy [/Channel/Application/Writers]"));
        CliRun.Result denied = write("GW-DENIED");
        assertThat(denied.exit()).as("%s", denied).isEqualTo(4);
        assertThat(denied.err()).startsWith("error: IDENTITY_INVALID: ");
        gateway.fail(null, null);
    }
}
