package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.ContractFunctions;
import org.fairmark.domain.model.Requests;
import org.fairmark.samples.Samples;
import org.junit.jupiter.api.Test;

/** {@link FairmarkClient#reading}: reads and simulated writes against the local ledger; submits refused. */
class LocalReadClientTest {
    static final Identity PRODUCER = CertificateAuthority.create("CoopMSP", "coop")
            .issue("producer.CoopMSP", Map.of(Role.ATTRIBUTE, Role.PRODUCER.attributeValue()));

    record Call(String function, String argument) {}

    final List<Call> calls = new ArrayList<>();

    FairmarkClient client(LocalReads.Answer answer) {
        LocalReads reads = (identity, function, argument) -> {
            calls.add(new Call(function, new String(argument, StandardCharsets.UTF_8)));
            return answer;
        };
        return FairmarkClient.reading(
                FairmarkIdentity.of("CoopMSP", PRODUCER.certificate(), PRODUCER.privateKey()), "fairmark", "fairmark", reads);
    }

    @Test
    void a_simulated_write_runs_the_requests_transaction_with_a_request_id_and_returns_its_answer() {
        FairmarkClient client = client(new LocalReads.Answer(200, "", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8)));

        String answer = client.simulate(Samples.registration(null, "LOCAL-1", "2026-09-20", 1_000L, 0L));

        assertThat(answer).isEqualTo("{\"ok\":true}");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).function()).isEqualTo(ContractFunctions.BATCH_REGISTER);
        Requests.RegisterBatch sent = CanonicalJson.read(calls.get(0).argument(), Requests.RegisterBatch.class);
        assertThat(sent.lot()).isEqualTo("LOCAL-1");
        assertThat(sent.requestId()).isNotBlank();
    }

    @Test
    void a_refusal_of_the_simulated_write_carries_the_contracts_code() {
        FairmarkClient client = client(new LocalReads.Answer(500, "BATCH_EXISTS: batch 06901234567892 lot LOCAL-2 is already"
                + " registered", null));

        FairmarkException refused = catchThrowableOfType(FairmarkException.class,
                () -> client.simulate(Samples.registration(null, "LOCAL-2", "2026-09-20", 1_000L, 0L)));

        assertThat(refused.code()).isEqualTo(ErrorCode.BATCH_EXISTS);
        assertThat(refused.stage()).isEqualTo(FairmarkException.Stage.EVALUATE);
    }

    @Test
    void a_submit_is_refused_without_calling_the_ledger() {
        FairmarkClient client = client(new LocalReads.Answer(200, "", new byte[0]));

        FairmarkException refused = catchThrowableOfType(FairmarkException.class,
                () -> client.producer().registerBatch(Samples.registration(null, "LOCAL-3", "2026-09-20", 1_000L, 0L)));

        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(calls).isEmpty();
    }
}
