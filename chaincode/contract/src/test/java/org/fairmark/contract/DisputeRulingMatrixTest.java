package org.fairmark.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.RulingOrder;
import org.junit.jupiter.api.Test;

/**
 * Pins the contract's verdict on every combination of a ruling's outcome, remedy, amount, order and downgrade grade,
 * for a quality claim and a short-weight claim under review: {@code OK} or the refusal's code and message, one line a
 * combination, compared with {@code dispute-rulings.golden} (recorded from the contract before the rules moved into
 * {@code DisputeRules}). Each combination is evaluated, so none changes the dispute.
 */
class DisputeRulingMatrixTest {
    private static final Long[] AMOUNTS = {null, 0L, 1L, 10_000_000_000L, 10_000_000_001L};
    private static final String[] GRADES = {null, "SECOND"};

    @Test
    void every_ruling_combination_gets_the_recorded_verdict() throws IOException {
        List<String> actual = new ArrayList<>();
        verdicts(actual, DisputeType.INFERIOR_QUALITY, qualityDisputeUnderReview());
        verdicts(actual, DisputeType.SHORT_WEIGHT, shortWeightDisputeUnderReview());
        List<String> expected = golden();
        if (!actual.equals(expected)) {
            Path out = Path.of("target", "dispute-rulings.actual");
            Files.createDirectories(out.getParent());
            Files.write(out, actual, UTF_8);
            assertThat(actual).as("verdicts (actual written to " + out.toAbsolutePath() + ")").isEqualTo(expected);
        }
    }

    /**
     * For the quality claim every outcome, remedy, amount (missing, the bounds and one past each), order and downgrade
     * grade; for the short-weight claim, where only the order's fit to the claim type differs, every outcome, order and
     * grade. Then a missing outcome and remedy, and the reasons' text rule.
     */
    private static void verdicts(List<String> out, DisputeType type, Disputed d) {
        List<Remedy> remedies = type == DisputeType.INFERIOR_QUALITY ? List.of(Remedy.values()) : List.of(Remedy.REFUND);
        List<Long> amounts = type == DisputeType.INFERIOR_QUALITY ? Arrays.asList(AMOUNTS) : Arrays.asList((Long) null);
        for (DisputeOutcome outcome : DisputeOutcome.values()) {
            for (Remedy remedy : remedies) {
                for (Long amount : amounts) {
                    for (RulingOrder order : withNull(RulingOrder.values())) {
                        for (String grade : GRADES) {
                            out.add(line(d, type, outcome, remedy, amount, "reasons", order, grade));
                        }
                    }
                }
            }
        }
        out.add(line(d, type, null, Remedy.NONE, null, "reasons", null, null));
        out.add(line(d, type, DisputeOutcome.REJECTED, null, null, "reasons", null, null));
        for (String reasons : Arrays.asList(null, "", " ", "x".repeat(2000), "x".repeat(2001))) {
            out.add(line(d, type, DisputeOutcome.REJECTED, Remedy.NONE, null, reasons, null, null));
        }
    }

    private static String line(Disputed d, DisputeType type, DisputeOutcome outcome, Remedy remedy, Long amount,
            String reasons, RulingOrder order, String grade) {
        Outcome result = d.scenario.chain.evaluate(Parties.inspector(), "dispute:Resolve", new Requests.ResolveDispute(
                Fixtures.requestId(), d.disputeId, outcome, remedy, amount, reasons, order, grade));
        String reasonsShown = reasons == null ? "null" : reasons.length() > 8 ? "x*" + reasons.length() : "'" + reasons + "'";
        return type + " " + outcome + " " + remedy + " " + amount + " " + reasonsShown + " " + order + " " + grade
                + " -> " + (result.ok() ? "OK" : result.message());
    }

    private static <T> List<T> withNull(T[] values) {
        List<T> all = new ArrayList<>();
        all.add(null);
        all.addAll(List.of(values));
        return all;
    }

    private record Disputed(Scenario scenario, String disputeId) {}

    private static Disputed qualityDisputeUnderReview() {
        Scenario s = Scenario.certified();
        return new Disputed(s, s.takenDispute());
    }

    private static Disputed shortWeightDisputeUnderReview() {
        Scenario s = Scenario.certified().packed();
        Requests.PackageRef first = new Requests.PackageRef(Fixtures.GTIN, Fixtures.LOT, "T00001");
        s.moveTo(Parties.MARKET, first);
        String receiptId = s.receive(first, 24_000);
        String disputeId = s.expectOk(s.chain.submit(Parties.buyer(), "dispute:Open", new Requests.OpenDispute(
                Fixtures.requestId(), DisputeType.SHORT_WEIGHT, Fixtures.GTIN, Fixtures.LOT, List.of("T00001"),
                receiptId, "100 g short", List.of()))).json().get("disputeId").asText();
        s.expectOk(s.chain.submit(Parties.inspector(), "dispute:Take", new Requests.TakeDispute(Fixtures.requestId(), disputeId)));
        return new Disputed(s, disputeId);
    }

    private static List<String> golden() throws IOException {
        try (InputStream in = DisputeRulingMatrixTest.class.getResourceAsStream("dispute-rulings.golden")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), UTF_8).lines().toList();
        }
    }
}
