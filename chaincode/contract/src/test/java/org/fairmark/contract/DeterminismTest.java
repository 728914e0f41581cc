package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.fairmark.devca.Identity;
import org.fairmark.domain.model.Requests;
import org.junit.jupiter.api.Test;

/**
 * Every endorser must compute identical read/write sets: each transaction of a full scenario is executed on two fresh,
 * identically built ledgers, and the two KVRWSets, events and responses are compared byte for byte.
 */
class DeterminismTest {

    record Step(Identity who, String function, Function<String, Object> request) {}

    @Test
    void every_transaction_produces_identical_read_write_sets_on_two_fresh_ledgers() {
        List<Step> steps = new ArrayList<>();
        java.security.KeyPair labelKey = Fixtures.labelKeyPair();
        Requests.RegisterBatch batch = Fixtures.batch();
        Requests.PublishStandard standard = Fixtures.standard();
        Requests.RecordInspection inspection = Fixtures.inspection();
        Requests.RegisterLabelKey key = Fixtures.labelKey(labelKey);
        String keyId = org.fairmark.domain.PublicKeys.keyId(labelKey.getPublic());
        Requests.Pack pack = Fixtures.pack(Fixtures.LOT, keyId, Fixtures.packages("D", 40, 2_000, null));
        Requests.Pack pack2 = Fixtures.pack(Fixtures.LOT, keyId, Fixtures.packages("E", 3, 1_000, "SECOND"));
        steps.add(new Step(Parties.producer(), "batch:Register", id -> batch));
        steps.add(new Step(Parties.inspector(), "standard:Publish", id -> standard));
        steps.add(new Step(Parties.inspector(), "inspection:Record", id -> inspection));
        steps.add(new Step(Parties.packer(), "labelkey:Register", id -> key));
        steps.add(new Step(Parties.packer(), "packaging:Pack", id -> pack));
        steps.add(new Step(Parties.packer(), "packaging:Pack", id -> pack2));
        steps.add(new Step(Parties.buyer(), "batch:Get", id -> new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT)));
        steps.add(new Step(Parties.buyer(), "batch:ListPackages",
                id -> new Requests.BatchPage(Fixtures.GTIN, Fixtures.LOT, 7L, null)));
        steps.add(new Step(Parties.buyer(), "batch:History", id -> new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT)));
        steps.add(new Step(Parties.packer(), "labelkey:Revoke",
                id -> new Requests.RevokeLabelKey("revoke-0001", keyId, "rotated")));

        Chain left = new Chain();
        Chain right = new Chain();
        for (Step step : steps) {
            Object request = step.request().apply(null);
            Outcome a = left.submit(step.who(), step.function(), request);
            Outcome b = right.submit(step.who(), step.function(), request);
            assertThat(a.ok()).as(step.function() + ": " + a).isTrue();
            assertThat(b.rwset().toKvRwSetBytes()).as(step.function()).isEqualTo(a.rwset().toKvRwSetBytes());
            assertThat(b.payload()).isEqualTo(a.payload());
            if (a.event() != null) {
                assertThat(b.event().name()).isEqualTo(a.event().name());
                assertThat(b.event().payload()).isEqualTo(a.event().payload());
            }
        }
    }
}
