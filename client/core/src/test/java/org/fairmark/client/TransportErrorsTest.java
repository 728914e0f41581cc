package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.security.cert.CertificateException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.fairmark.domain.ErrorCode;
import org.junit.jupiter.api.Test;

/** Transport failures of a channel the caller built (no address known) are still explained from the status cause. */
class TransportErrorsTest {
    @Test
    void a_handshake_failure_on_a_callers_own_channel_names_the_mismatch() {
        SSLHandshakeException handshake = new SSLHandshakeException("General OpenSslEngine problem");
        handshake.initCause(new CertificateException("No subject alternative DNS name matching peer0.x found."));
        Status status = Status.UNAVAILABLE.withDescription("io exception").withCause(handshake);

        FairmarkException e = Errors.fromStatus("batch:Get", status, List.of(), FairmarkException.Stage.EVALUATE,
                null, null);

        assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE);
        assertThat(e.getMessage()).contains("TLS: the certificate of the gateway does not match the host name")
                .contains("peer0.x");
    }

    @Test
    void an_unrelated_outage_keeps_its_own_words() {
        Status status = Status.UNAVAILABLE.withDescription("Connection refused");

        assertThat(Errors.transportFailure(status, true, "127.0.0.1:1")).isNull();
        assertThat(Errors.transportFailure(Status.UNAVAILABLE.withDescription("Network closed for unknown reason"),
                        true, "127.0.0.1:1"))
                .as("a TLS client seeing a close is not told to use TLS")
                .isNull();
        assertThat(Errors.fromStatus("batch:Get", status, List.of(), FairmarkException.Stage.EVALUATE, null, null)
                        .getMessage())
                .endsWith("Connection refused");
    }
}
