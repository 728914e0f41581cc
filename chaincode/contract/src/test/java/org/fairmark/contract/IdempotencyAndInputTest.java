package org.fairmark.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Limits;
import org.fairmark.domain.model.Requests;
import org.junit.jupiter.api.Test;

class IdempotencyAndInputTest {

    @Test
    void repeating_a_request_returns_the_first_result_and_writes_nothing() {
        Chain chain = new Chain();
        Requests.RegisterBatch request = Fixtures.batch();
        Outcome first = chain.submit(Parties.producer(), "batch:Register", request);
        Outcome again = chain.submit(Parties.producer(), "batch:Register", request);

        assertThat(first.ok()).isTrue();
        assertThat(again.ok()).as(again.toString()).isTrue();
        assertThat(again.payload()).isEqualTo(first.payload());
        assertThat(again.rwset().writtenKeys()).isEmpty();
        assertThat(again.event()).isNull();
    }

    @Test
    void reusing_a_request_id_for_different_content_is_REQUEST_ID_REUSED() {
        Chain chain = new Chain();
        Requests.RegisterBatch request = Fixtures.batch();
        chain.submit(Parties.producer(), "batch:Register", request);
        Requests.RegisterBatch other = Fixtures.batch("OTHER-LOT", Parties.QIANXI, 5000);
        Requests.RegisterBatch sameId = new Requests.RegisterBatch(request.requestId(), other.gtin(), other.lot(),
                other.product(), other.variety(), other.origin(), other.harvestDate(), other.declaredMassGrams(),
                other.packingLossAllowanceGrams(), null, null);
        RulesTest.assertRefused(chain.submit(Parties.producer(), "batch:Register", sameId), ErrorCode.REQUEST_ID_REUSED);
    }

    @Test
    void request_ids_are_scoped_to_the_submitter() {
        Chain chain = new Chain();
        Requests.RegisterBatch request = Fixtures.batch();
        assertThat(chain.submit(Parties.producer(), "batch:Register", request).ok()).isTrue();
        Requests.RegisterBatch byOther = new Requests.RegisterBatch(request.requestId(), request.gtin(), "LOT-B",
                request.product(), request.variety(), request.origin(), request.harvestDate(),
                request.declaredMassGrams(), 0L, null, null);
        Outcome other = chain.submit(Parties.of(Parties.COOP2, org.fairmark.domain.Role.PRODUCER), "batch:Register", byOther);
        assertThat(other.ok()).as(other.toString()).isTrue();
        assertThat(other.committed()).isTrue();
    }

    @Test
    void rejects_a_missing_or_malformed_request_id() {
        Requests.RegisterBatch g = Fixtures.batch();
        for (String id : new String[] {null, "", "short", "has space in it", "x".repeat(65)}) {
            Requests.RegisterBatch r = new Requests.RegisterBatch(id, g.gtin(), g.lot(), g.product(), g.variety(),
                    g.origin(), g.harvestDate(), g.declaredMassGrams(), 0L, null, null);
            RulesTest.assertRefused(new Chain().submit(Parties.producer(), "batch:Register", r),
                    ErrorCode.INVALID_REQUEST_ID);
        }
    }

    @Test
    void rejects_malformed_json_unknown_fields_and_wrong_types() {
        Chain chain = new Chain();
        for (String json : new String[] {"", "{", "[]", "null", "{\"requestId\":\"abcdefgh\",\"bogus\":1}",
                "{\"requestId\":\"abcdefgh\",\"declaredMassGrams\":\"heavy\"}", "{\"a\":1}{\"b\":2}",
                "{\"requestId\":\"abcdefgh\",\"declaredMassGrams\":1.5}"}) {
            Outcome outcome = chain.submit(Parties.producer(), "batch:Register", json);
            assertThat(outcome.code()).as(json + " → " + outcome).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        }
    }

    @Test
    void rejects_an_oversize_payload_before_parsing() {
        String huge = "{\"requestId\":\"abcdefgh\",\"product\":\"" + "x".repeat(Limits.MAX_REQUEST_BYTES) + "\"}";
        RulesTest.assertRefused(new Chain().submit(Parties.producer(), "batch:Register", huge), ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void rejects_a_wrong_argument_count_and_an_unknown_transaction() {
        Chain chain = new Chain();
        Outcome none = chain.raw(Parties.producer(), List.of("batch:Register".getBytes(UTF_8)));
        assertThat(none.code()).as(none.toString()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        Outcome two = chain.raw(Parties.producer(),
                List.of("batch:Register".getBytes(UTF_8), "{}".getBytes(UTF_8), "{}".getBytes(UTF_8)));
        assertThat(two.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        Outcome unknown = chain.raw(Parties.producer(), List.of("batch:Explode".getBytes(UTF_8), "{}".getBytes(UTF_8)));
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(ErrorCode.UNKNOWN_TRANSACTION);
    }

    @Test
    void rejects_a_creator_that_is_not_a_certificate() {
        Outcome outcome = new Chain().rawCreator(
                org.hyperledger.fabric.protos.msp.SerializedIdentity.newBuilder()
                        .setMspid("CoopMSP")
                        .setIdBytes(com.google.protobuf.ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----\ngarbage"))
                        .build()
                        .toByteArray(),
                "batch:Get",
                "{}");
        assertThat(outcome.code()).as(outcome.toString()).isEqualTo(ErrorCode.IDENTITY_INVALID);
    }
}
