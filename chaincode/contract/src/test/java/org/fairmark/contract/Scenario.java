package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.List;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.Requests;

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

    private boolean packed;

    /** Packs T00001..T00004 (2.5 kg each, FIRST) from the certified batch, once. */
    Scenario packed() {
        if (!packed) {
            expectOk(chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, labelKeyId, Fixtures.packages("T", 4, 2_500, null))));
            packed = true;
        }
        return this;
    }

    /** The role that receives packages in an org of the tests. */
    static Role receiverRole(String org) {
        return switch (org) {
            case Parties.CARRIER -> Role.CARRIER;
            case Parties.MARKET -> Role.BUYER;
            default -> Role.PACKER;
        };
    }

    /** The packer hands the packages over to {@code org} (no acceptance yet). */
    Scenario handOver(String org, Requests.PackageRef... packages) {
        expectOk(chain.submit(Parties.packer(), "custody:HandOver",
                new Requests.HandOver(Fixtures.requestId(), List.of(packages), org, null)));
        return this;
    }

    /** The packer hands the packages over to {@code org}, which accepts them. */
    Scenario moveTo(String org, Requests.PackageRef... packages) {
        handOver(org, packages);
        expectOk(chain.submit(Parties.of(org, receiverRole(org)), "custody:Accept",
                new Requests.Accept(Fixtures.requestId(), List.of(packages))));
        return this;
    }

    Requests.RecordReceipt weighing(Requests.PackageRef ref, long measuredDecigrams) {
        return new Requests.RecordReceipt(Fixtures.requestId(), "SCALE-01", null, List.of(
                new Requests.Weighing(ref.gtin(), ref.lot(), ref.serial(), measuredDecigrams)));
    }

    /** The market's buyer weighs a package it holds; returns the receipt id. */
    String receive(Requests.PackageRef ref, long measuredDecigrams) {
        return expectOk(chain.submit(Parties.buyer(), "receipt:Record", weighing(ref, measuredDecigrams)))
                .json().get("receiptId").asText();
    }

    Requests.OpenDispute qualityClaim(List<String> serials) {
        return new Requests.OpenDispute(Fixtures.requestId(), DisputeType.INFERIOR_QUALITY, Fixtures.GTIN, Fixtures.LOT,
                serials, null, "nuts mouldy inside, sold as FIRST grade", List.of());
    }

    /** Packed, T00001 moved to the market, whose buyer opens a quality dispute on it. */
    String openedDispute() {
        packed();
        Requests.PackageRef first = new Requests.PackageRef(Fixtures.GTIN, Fixtures.LOT, "T00001");
        moveTo(Parties.MARKET, first);
        return expectOk(chain.submit(Parties.buyer(), "dispute:Open", qualityClaim(List.of("T00001"))))
                .json().get("disputeId").asText();
    }

    /** An opened dispute taken for review by the county bureau's inspector. */
    String takenDispute() {
        String disputeId = openedDispute();
        expectOk(chain.submit(Parties.inspector(), "dispute:Take", new Requests.TakeDispute(Fixtures.requestId(), disputeId)));
        return disputeId;
    }

    Outcome expectOk(Outcome outcome) {
        assertThat(outcome.ok()).as(outcome.toString()).isTrue();
        assertThat(outcome.committed()).as("committed").isTrue();
        return outcome;
    }
}
