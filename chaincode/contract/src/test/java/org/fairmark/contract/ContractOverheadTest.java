package org.fairmark.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fairmark.devca.Identity;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.PublicKeys;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Requests;
import org.fairmark.simulator.Invocation;
import org.fairmark.simulator.MemoryStateStore;
import org.fairmark.simulator.SimulatedStub;
import org.fairmark.testkit.Property;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;

/**
 * The contract's own shortcuts past the shim's per-call costs (bench/results/contract-cpu.md) change nothing the shim
 * would have produced: composite keys are the shim's strings and fail where the shim fails, and a context copied from
 * a creator's template has the identity a fresh parse gives and no state of an earlier transaction.
 */
class ContractOverheadTest {
    private static final String MAX = new String(Character.toChars(Character.MAX_CODE_POINT));

    private static SimulatedStub stub(byte[] creator, String txId) {
        return new SimulatedStub(new MemoryStateStore(), Chain.CHAINCODE, new Invocation(Chain.CHANNEL, txId,
                Instant.parse("2026-10-08T02:00:00Z"), creator,
                List.of("batch:Register".getBytes(UTF_8), "{}".getBytes(UTF_8)), Map.of(), null, new byte[0], "PeerMSP"));
    }

    private static String segment(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0 -> text.append('\u0000');
                case 1 -> text.append(MAX);
                case 2 -> text.append('\uDBFF'); // half of U+10FFFF alone is allowed by the shim
                case 3 -> text.append('\uDFFF');
                case 4 -> text.appendCodePoint(0x10000 + random.nextInt(0xFFFFF));
                case 5 -> text.append("栗");
                default -> text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }

    @Test
    void composite_keys_are_the_shims_strings_and_fail_where_the_shim_fails() {
        FairmarkContext ctx = FairmarkContext.of(stub(Parties.producer().serialized(), "tx-keys"));
        assertThat(ctx.key(Keys.BATCH, "06901234567892", "QX-1"))
                .isEqualTo("\u0000batch\u000006901234567892\u0000QX-1\u0000")
                .isEqualTo(new CompositeKey(Keys.BATCH, "06901234567892", "QX-1").toString());
        assertThat(ctx.key(Keys.CONFIG)).isEqualTo(new CompositeKey(Keys.CONFIG).toString());
        CompositeKey partial = ctx.partialKey(Keys.INSPECTION, "06901234567892", "QX-1");
        CompositeKey shims = new CompositeKey(Keys.INSPECTION, "06901234567892", "QX-1");
        assertThat(partial.toString()).isEqualTo(shims.toString());
        assertThat(partial.getObjectType()).isEqualTo(shims.getObjectType());
        assertThat(partial.getAttributes()).isEqualTo(shims.getAttributes());
        Class<? extends Throwable> shimFailure = null;
        try {
            new CompositeKey(Keys.INSPECTION, "a\u0000b");
        } catch (RuntimeException e) {
            shimFailure = e.getClass();
        }
        assertThat(shimFailure).isNotNull();
        assertThatThrownBy(() -> ctx.partialKey(Keys.INSPECTION, "a\u0000b")).isInstanceOf(shimFailure);
        int invalid = 0;
        List<String> cases = new ArrayList<>();
        Random random = new Random(20_261_207L);
        for (int i = 0; i < 3000; i++) {
            String type = random.nextInt(10) == 0 ? segment(random) : "t" + segment(random);
            String[] attributes = new String[random.nextInt(5)];
            for (int a = 0; a < attributes.length; a++) {
                attributes[a] = random.nextInt(40) == 0 ? null : segment(random);
            }
            String expected;
            try {
                expected = new CompositeKey(type, attributes).toString();
            } catch (RuntimeException e) {
                invalid++;
                assertThatThrownBy(() -> ctx.key(type, attributes)).as(String.join("|", cases)).isInstanceOf(e.getClass());
                continue;
            }
            assertThat(ctx.key(type, attributes)).isEqualTo(expected);
        }
        assertThat(invalid).as("the generator makes invalid segments too").isBetween(300, 2700);
        Property.forAll(r -> segment(r), s -> assertThat(FairmarkContext.validSegment(s))
                .isEqualTo(!s.contains("\u0000") && !s.contains(MAX)));
    }

    @Test
    void a_context_copied_from_a_template_has_the_identity_a_fresh_parse_gives_and_no_earlier_state() throws Exception {
        Identity producer = Parties.producer();
        Identity inspector = Parties.inspector();
        FairmarkContext first = FairmarkContext.of(stub(producer.serialized(), "tx-1"));
        first.fact(org.fairmark.domain.model.FactKind.BATCH_REGISTERED, Parties.COOP, "id", "06901234567892", "L", 1);
        first.emit("BatchRegistered", Map.of("lot", "L"));
        assertThat(first.submitter().role()).isEqualTo(Role.PRODUCER);

        SimulatedStub secondStub = stub(producer.serialized(), "tx-2");
        FairmarkContext second = FairmarkContext.of(secondStub);
        FairmarkContext other = FairmarkContext.of(stub(inspector.serialized(), "tx-3"));
        FairmarkContext againOther = FairmarkContext.of(stub(inspector.serialized(), "tx-4"));

        assertThat(second).isNotSameAs(first);
        assertThat(second.getStub()).isSameAs(secondStub);
        assertThat(second.txId()).isEqualTo("tx-2");
        for (FairmarkContext ctx : List.of(second, other, againOther)) {
            ClientIdentity parsed = new ClientIdentity(ctx.getStub());
            ClientIdentity kept = ctx.getClientIdentity();
            assertThat(kept.getId()).isEqualTo(parsed.getId());
            assertThat(kept.getMSPID()).isEqualTo(parsed.getMSPID());
            assertThat(kept.getX509Certificate()).isEqualTo(parsed.getX509Certificate());
            for (String attribute : List.of(Role.ATTRIBUTE, Role.JURISDICTION_ATTRIBUTE, "hf.EnrollmentID")) {
                assertThat(kept.getAttributeValue(attribute)).as(attribute).isEqualTo(parsed.getAttributeValue(attribute));
            }
        }
        assertThat(other.submitter().role()).isEqualTo(Role.INSPECTOR);
        assertThat(againOther.submitter().mspId()).isEqualTo(Parties.BUREAU);
        // the second transaction of the producer starts empty: no fact of the first one
        second.flushFacts();
        assertThat(secondStub.readWriteSet().writtenKeys()).isEmpty();
    }

    @Test
    void consecutive_registrations_of_one_producer_write_only_their_own_records_and_event() {
        Chain chain = new Chain();
        for (String lot : List.of("LOT-CTX-1", "LOT-CTX-2", "LOT-CTX-3")) {
            Outcome outcome = chain.submit(Parties.producer(), "batch:Register",
                    Fixtures.batch(lot, Parties.QIANXI, Fixtures.DECLARED_GRAMS));
            assertThat(outcome.ok()).as(outcome.message()).isTrue();
            List<String> written = new ArrayList<>(outcome.rwset().writtenKeys());
            assertThat(written).hasSize(3);
            assertThat(written).filteredOn(k -> k.startsWith("\u0000batch\u0000") || k.startsWith("\u0000fact\u0000"))
                    .hasSize(2).allMatch(k -> k.contains(lot));
            assertThat(new String(outcome.event().payload(), UTF_8)).contains("\"lot\":\"" + lot + "\"");
        }
    }

    @Test
    void a_creator_that_cannot_be_parsed_is_refused_every_time_and_never_kept() {
        byte[] bad = SerializedIdentity.newBuilder().setMspid(Parties.COOP)
                .setIdBytes(com.google.protobuf.ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----\nnot\n")).build()
                .toByteArray();
        for (int i = 0; i < 2; i++) {
            Outcome outcome = new Chain().rawCreator(bad, "batch:Register", "{}");
            assertThat(outcome.code()).isEqualTo(ErrorCode.IDENTITY_INVALID);
        }
    }

    @Test
    void a_registration_reads_only_its_own_keys_and_answers_what_batch_get_answers() {
        Chain chain = new Chain();
        Requests.RegisterBatch request = Fixtures.batch("LOT-VIEW-1", Parties.QIANXI, Fixtures.DECLARED_GRAMS);
        Outcome registered = chain.submit(Parties.producer(), "batch:Register", request);
        assertThat(registered.ok()).as(registered.message()).isTrue();
        // the batch and the request id, both absent before: no range of inspections or packing runs, no recall read
        assertThat(registered.rwset().reads().keySet()).hasSize(2).allMatch(
                k -> k.equals("\u0000batch\u0000" + request.gtin() + "\u0000LOT-VIEW-1\u0000")
                        || k.startsWith("\u0000request\u0000" + Parties.COOP + "\u0000"));
        assertThat(registered.rwset().reads().values()).containsOnlyNulls();
        assertThat(registered.rwset().rangeQueries()).isEmpty();
        Outcome got = chain.evaluate(Parties.buyer(), "batch:Get", new Requests.BatchRef(request.gtin(), "LOT-VIEW-1"));
        assertThat(got.ok()).as(got.message()).isTrue();
        assertThat(registered.payload()).isEqualTo(got.payload());
        // one timestamp text for the record, its fact and its event
        String at = registered.json().get("batch").get("registeredAt").asText();
        assertThat(new String(registered.event().payload(), UTF_8)).contains("\"timestamp\":\"" + at + "\"");
        assertThat(registered.rwset().writes().entrySet()).filteredOn(e -> e.getKey().startsWith("\u0000fact\u0000"))
                .singleElement().satisfies(e -> assertThat(new String(e.getValue(), UTF_8)).contains("\"at\":\"" + at + "\""));
    }

    @Test
    void the_request_hash_is_the_sha256_of_the_function_and_the_canonical_json_text() {
        Requests.RegisterBatch base = Fixtures.batch();
        Property.forAll(r -> segment(r) + "板栗\"\\\n" + new String(Character.toChars(0x20000 + r.nextInt(0xA000))), product -> {
            Requests.RegisterBatch request = new Requests.RegisterBatch(base.requestId(), base.gtin(), base.lot(),
                    product, base.variety(), base.origin(), base.harvestDate(), base.declaredMassGrams(),
                    base.packingLossAllowanceGrams(), base.packerOrgs(), base.evidenceHashes());
            assertThat(FairmarkContract.requestHash("batch:Register", request))
                    .isEqualTo(PublicKeys.sha256Hex("batch:Register\n" + CanonicalJson.toJson(request)));
        });
    }
}
