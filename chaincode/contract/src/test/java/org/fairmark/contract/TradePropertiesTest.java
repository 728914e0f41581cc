package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fairmark.devca.Identity;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeStatus;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.testkit.Property;
import org.junit.jupiter.api.Test;

/** Invariants over random sequences of operations, each run on a fresh ledger. */
class TradePropertiesTest {

    @Test
    void no_sequence_of_packing_lets_packed_mass_exceed_declared_mass_less_the_loss() {
        Property.forAll(40, random -> random.nextLong(), seed -> {
            Random random = new Random(seed);
            Scenario s = Scenario.certified();
            long limit = Fixtures.DECLARED_GRAMS - Fixtures.DECLARED_GRAMS / 100;
            long packed = 0;
            for (int op = 0; op < 12; op++) {
                int count = random.nextInt(1, 120);
                long nominal = Property.longBetween(random, 1, 50_000);
                Outcome outcome = s.chain.submit(Parties.packer(), "packaging:Pack", Fixtures.pack(Fixtures.LOT,
                        s.labelKeyId, Fixtures.packages("P" + op + "-", count, nominal, null)));
                if (outcome.ok()) {
                    packed += count * nominal;
                }
                BatchView view = s.chain.evaluate(Parties.buyer(), "batch:Get",
                        new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT)).as(BatchView.class);
                assertThat(view.packedNominalGrams()).isEqualTo(packed).isLessThanOrEqualTo(limit);
                assertThat(view.remainingGrams()).isGreaterThanOrEqualTo(0);
            }
        });
    }

    @Test
    void dispute_states_only_move_along_the_allowed_graph() {
        List<Identity> actors = List.of(Parties.buyer(), Parties.inspector(), Parties.of(Parties.CARRIER, Role.INSPECTOR),
                Parties.of(Parties.COOP2, Role.BUYER), Parties.of(Parties.MARKET, Role.INSPECTOR), Parties.producer());
        Property.forAll(30, random -> random.nextLong(), seed -> {
            Random random = new Random(seed);
            Scenario s = Scenario.certified();
            String id = s.openedDispute();
            DisputeStatus status = DisputeStatus.OPEN;
            for (int op = 0; op < 10; op++) {
                Identity who = actors.get(random.nextInt(actors.size()));
                int choice = random.nextInt(3);
                String function = List.of("dispute:Take", "dispute:Withdraw", "dispute:Resolve").get(choice);
                Object request = switch (choice) {
                    case 0 -> new Requests.TakeDispute(Fixtures.requestId(), id);
                    case 1 -> new Requests.WithdrawDispute(Fixtures.requestId(), id, "withdrawn");
                    default -> new Requests.ResolveDispute(Fixtures.requestId(), id,
                            DisputeOutcome.values()[random.nextInt(3)], random.nextBoolean() ? Remedy.NONE : Remedy.REFUND,
                            null, "ruled", null, null);
                };
                Outcome outcome = s.chain.submit(who, function, request);
                DisputeStatus now = DisputeStatus.valueOf(s.chain.evaluate(Parties.buyer(), "dispute:Get",
                        new Requests.DisputeRef(id)).json().get("status").asText());
                if (outcome.ok()) {
                    assertThat(status.canMoveTo(now)).as(status + " → " + now + " by " + function).isTrue();
                } else {
                    assertThat(now).as("a refused " + function + " changes nothing").isEqualTo(status);
                }
                status = now;
            }
        });
    }

    @Test
    void a_package_has_exactly_one_holder_whatever_hands_it_over() {
        List<String> orgs = List.of(Parties.COOP, Parties.CARRIER, Parties.MARKET, Parties.COOP2);
        List<Requests.PackageRef> packages = List.of(TradeRulesTest.T1, TradeRulesTest.T2, TradeRulesTest.T3);
        Property.forAll(30, random -> random.nextLong(), seed -> {
            Random random = new Random(seed);
            Scenario s = Scenario.certified().packed();
            Map<String, String> holder = new HashMap<>();
            Map<String, String> pending = new HashMap<>();
            packages.forEach(p -> holder.put(p.serial(), Parties.COOP));
            for (int op = 0; op < 15; op++) {
                String org = orgs.get(random.nextInt(orgs.size()));
                Identity who = Parties.of(org, Scenario.receiverRole(org));
                List<Requests.PackageRef> some = new ArrayList<>();
                for (Requests.PackageRef p : packages) {
                    if (random.nextBoolean()) {
                        some.add(p);
                    }
                }
                if (some.isEmpty()) {
                    some.add(packages.get(0));
                }
                if (random.nextBoolean()) {
                    String to = orgs.get(random.nextInt(orgs.size()));
                    Outcome outcome = s.chain.submit(who, "custody:HandOver",
                            new Requests.HandOver(Fixtures.requestId(), some, to, null));
                    boolean allowed = !to.equals(org) && some.stream().allMatch(
                            p -> holder.get(p.serial()).equals(org) && !pending.containsKey(p.serial()));
                    assertThat(outcome.ok()).as("hand-over " + org + "→" + to + " " + outcome).isEqualTo(allowed);
                    if (allowed) {
                        some.forEach(p -> pending.put(p.serial(), to));
                    }
                } else {
                    Outcome outcome = s.chain.submit(who, "custody:Accept", new Requests.Accept(Fixtures.requestId(), some));
                    boolean allowed = some.stream().allMatch(p -> org.equals(pending.get(p.serial())));
                    assertThat(outcome.ok()).as("accept by " + org + " " + outcome).isEqualTo(allowed);
                    if (allowed) {
                        some.forEach(p -> {
                            holder.put(p.serial(), org);
                            pending.remove(p.serial());
                        });
                    }
                }
                for (Requests.PackageRef p : packages) {
                    Custody custody = TradeRulesTest.custody(s, p);
                    assertThat(custody.holderOrg()).isEqualTo(holder.get(p.serial()));
                    assertThat(custody.pendingOrg()).isEqualTo(pending.get(p.serial()));
                    assertThat(custody.status()).isEqualTo(pending.containsKey(p.serial())
                            ? Custody.CustodyStatus.IN_TRANSIT : Custody.CustodyStatus.HELD);
                }
            }
        });
    }
}
