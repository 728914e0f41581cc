package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import org.fairmark.domain.model.LabelKey;

/** A ledger brought to a known state: a registered chestnut batch, a published standard, an inspection, a label key. */
final class Scenario {
    final Chain chain;
    KeyPair labelKeyPair;
    String labelKeyId;

    private Scenario(Chain chain) {
        this.chain = chain;
    }

    static Scenario registered() {
        Scenario s = new Scenario(new Chain());
        s.expectOk(s.chain.submit(Parties.producer(), "batch:Register", Fixtures.batch()));
        s.expectOk(s.chain.submit(Parties.inspector(), "standard:Publish", Fixtures.standard()));
        return s;
    }

    static Scenario certified() {
        Scenario s = registered();
        s.expectOk(s.chain.submit(Parties.inspector(), "inspection:Record", Fixtures.inspection()));
        return s.withLabelKey();
    }

    Scenario withLabelKey() {
        labelKeyPair = Fixtures.labelKeyPair();
        Outcome key = expectOk(chain.submit(Parties.packer(), "labelkey:Register", Fixtures.labelKey(labelKeyPair)));
        labelKeyId = key.as(LabelKey.class).keyId();
        return this;
    }

    Outcome expectOk(Outcome outcome) {
        assertThat(outcome.ok()).as(outcome.toString()).isTrue();
        assertThat(outcome.committed()).as("committed").isTrue();
        return outcome;
    }
}
