package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import java.util.ArrayList;
import java.util.List;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.RulingOrder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The dispute rules that need no ledger state; the contract's verdict on every ruling is pinned in the contract's tests. */
class DisputeRulesTest {
    static final String GTIN = "0690123456789" + Gtin.checkDigit("0690123456789");
    static final String HASH = "a".repeat(64);

    static Requests.ResolveDispute ruling(DisputeOutcome outcome, Remedy remedy, Long amount, RulingOrder order,
            String downgradeTo) {
        return new Requests.ResolveDispute("r-1", "D-" + "0".repeat(24), outcome, remedy, amount, "weighed short",
                order, downgradeTo);
    }

    @Nested
    class Rulings {
        @Test
        void outcome_and_remedy_must_fit() {
            assertRejected(() -> DisputeRules.requireRuling(ruling(null, Remedy.NONE, null, null, null)),
                    ErrorCode.INVALID_ARGUMENT).hasMessageEndingWith("outcome and remedy are required");
            assertRejected(() -> DisputeRules.requireRuling(ruling(DisputeOutcome.REJECTED, Remedy.REFUND, null, null, null)),
                    ErrorCode.INVALID_ARGUMENT).hasMessageEndingWith("a rejected claim carries remedy NONE");
            assertRejected(() -> DisputeRules.requireRuling(ruling(DisputeOutcome.UPHELD, Remedy.NONE, null, null, null)),
                    ErrorCode.INVALID_ARGUMENT).hasMessageEndingWith("an upheld claim names a remedy");
            assertThat(DisputeRules.requireRuling(ruling(DisputeOutcome.SETTLED, Remedy.NONE, null, null, null)).remedy())
                    .isEqualTo(Remedy.NONE);
        }

        @Test
        void an_amount_goes_with_a_refund_only_and_within_bounds() {
            assertRejected(() -> DisputeRules.requireRuling(
                    ruling(DisputeOutcome.UPHELD, Remedy.PARTIAL_REFUND, null, null, null)), ErrorCode.INVALID_ARGUMENT)
                    .hasMessageEndingWith("PARTIAL_REFUND needs amountFen");
            for (Long bad : List.of(0L, DisputeRules.MAX_AMOUNT_FEN + 1)) {
                assertRejected(() -> DisputeRules.requireRuling(ruling(DisputeOutcome.UPHELD, Remedy.REFUND, bad, null, null)),
                        ErrorCode.INVALID_ARGUMENT).hasMessageContaining("amountFen (1..10000000000)");
            }
            assertRejected(() -> DisputeRules.requireRuling(ruling(DisputeOutcome.UPHELD, Remedy.REPLACE, 1L, null, null)),
                    ErrorCode.INVALID_ARGUMENT).hasMessageEndingWith("goes with REFUND or PARTIAL_REFUND only");
            assertThat(DisputeRules.requireRuling(
                    ruling(DisputeOutcome.UPHELD, Remedy.PARTIAL_REFUND, DisputeRules.MAX_AMOUNT_FEN, null, null)).amountFen())
                    .isEqualTo(DisputeRules.MAX_AMOUNT_FEN);
        }

        @Test
        void only_an_upheld_quality_ruling_orders_and_a_downgrade_names_its_grade() {
            Requests.ResolveDispute downgrade = ruling(DisputeOutcome.UPHELD, Remedy.REPLACE, null, RulingOrder.DOWNGRADE, "SECOND");
            assertThat(DisputeRules.requireRuling(downgrade, DisputeType.INFERIOR_QUALITY))
                    .isEqualTo(new DisputeRules.Ruling(DisputeOutcome.UPHELD, Remedy.REPLACE, null, "weighed short",
                            RulingOrder.DOWNGRADE, "SECOND"));
            for (DisputeType other : List.of(DisputeType.SHORT_WEIGHT, DisputeType.COUNTERFEIT_LABEL, DisputeType.OTHER)) {
                assertRejected(() -> DisputeRules.requireRuling(downgrade, other), ErrorCode.INVALID_ARGUMENT)
                        .hasMessageEndingWith("only an upheld INFERIOR_QUALITY ruling orders a re-inspection or downgrade");
            }
            assertRejected(() -> DisputeRules.requireRuling(
                    ruling(DisputeOutcome.SETTLED, Remedy.REFUND, null, RulingOrder.REINSPECTION, null)),
                    ErrorCode.INVALID_ARGUMENT).hasMessageContaining("only an upheld INFERIOR_QUALITY ruling");
            assertRejected(() -> DisputeRules.requireRuling(
                    ruling(DisputeOutcome.UPHELD, Remedy.REFUND, null, RulingOrder.REINSPECTION, "SECOND")),
                    ErrorCode.INVALID_ARGUMENT).hasMessageEndingWith("downgradeTo goes with order DOWNGRADE");
            assertRejected(() -> DisputeRules.requireRuling(
                    ruling(DisputeOutcome.UPHELD, Remedy.REFUND, null, RulingOrder.DOWNGRADE, null)),
                    ErrorCode.INVALID_ARGUMENT).hasMessageEndingWith("order DOWNGRADE needs downgradeTo");
        }

        @Test
        void without_the_claim_type_an_upheld_order_passes_and_a_missing_order_reads_none() {
            Requests.ResolveDispute reinspect = ruling(DisputeOutcome.UPHELD, Remedy.REFUND, null, RulingOrder.REINSPECTION, null);
            assertThat(DisputeRules.requireRuling(reinspect).order()).isEqualTo(RulingOrder.REINSPECTION);
            assertThat(DisputeRules.requireRuling(ruling(DisputeOutcome.UPHELD, Remedy.REFUND, null, null, null)).order())
                    .isEqualTo(RulingOrder.NONE);
        }

        @Test
        void reasons_are_text_of_at_most_2000_code_points() {
            Requests.ResolveDispute blank = new Requests.ResolveDispute("r-1", "D-x", DisputeOutcome.REJECTED, Remedy.NONE,
                    null, " ", null, null);
            assertRejected(() -> DisputeRules.requireRuling(blank), ErrorCode.INVALID_ARGUMENT)
                    .hasMessageEndingWith("reasons is blank");
        }
    }

    @Nested
    class Claims {
        @Test
        void a_claim_has_a_type_a_description_and_a_short_weight_claim_its_receipt() {
            assertRejected(() -> DisputeRules.requireClaim(claim(null, List.of(), null, "d")), ErrorCode.INVALID_ARGUMENT)
                    .hasMessageEndingWith("type is required");
            assertRejected(() -> DisputeRules.requireClaim(claim(DisputeType.OTHER, List.of(), null, "")),
                    ErrorCode.INVALID_ARGUMENT).hasMessageEndingWith("description is blank");
            assertRejected(() -> DisputeRules.requireClaim(claim(DisputeType.SHORT_WEIGHT, List.of(), null, "d")),
                    ErrorCode.INVALID_ARGUMENT).hasMessageEndingWith("a SHORT_WEIGHT claim links its receipt");
            DisputeRules.requireClaim(claim(DisputeType.OTHER, List.of("P1"), null, "d"));
        }

        @Test
        void serials_are_gs1_serials_without_repeats() {
            assertThat(DisputeRules.requireSerials(null)).isEmpty();
            assertRejected(() -> DisputeRules.requireSerials(List.of("P1", "P1")), ErrorCode.INVALID_ARGUMENT)
                    .hasMessageEndingWith("serial P1 is listed twice");
            List<String> many = new ArrayList<>();
            for (int i = 0; i <= Limits.MAX_PACKAGES_PER_TRANSACTION; i++) {
                many.add("P" + i);
            }
            assertRejected(() -> DisputeRules.requireSerials(many), ErrorCode.TOO_MANY_PACKAGES);
        }

        @Test
        void evidence_hashes_are_sha256_at_most_twenty_and_a_repeat_is_kept() {
            assertThat(DisputeRules.requireEvidenceHashes(List.of(HASH, HASH))).containsExactly(HASH, HASH);
            assertRejected(() -> DisputeRules.requireEvidenceHashes(List.of("A".repeat(64))), ErrorCode.INVALID_HASH);
            assertRejected(() -> DisputeRules.requireEvidenceHashes(java.util.Collections.nCopies(21, HASH)),
                    ErrorCode.INVALID_ARGUMENT).hasMessageEndingWith("at most 20 evidenceHashes");
        }

        @Test
        void a_dispute_id_is_D_and_24_hex_digits() {
            assertThat(DisputeRules.requireDisputeId("D-" + "0a".repeat(12))).isEqualTo("D-" + "0a".repeat(12));
            for (String bad : new String[] {null, "D-" + "0A".repeat(12), "D-123", "X-" + "0".repeat(24)}) {
                assertRejected(() -> DisputeRules.requireDisputeId(bad), ErrorCode.INVALID_ARGUMENT);
            }
        }

        private Requests.OpenDispute claim(DisputeType type, List<String> serials, String receiptId, String description) {
            return new Requests.OpenDispute("r-1", type, GTIN, "L1", serials, receiptId, description, List.of());
        }
    }

    @Nested
    class ShortWeightShown {
        Receipt.PackageWeighing weighing(String lot, String serial, long nominal, ShortWeight.Finding finding) {
            return new Receipt.PackageWeighing(GTIN, lot, serial, nominal, nominal * 10, 150L, finding, "CoopMSP", "R-1",
                    "MarketMSP", "2026-10-08T02:00:00Z");
        }

        Receipt receipt(List<Receipt.PackageWeighing> weighings, Receipt.GroupVerdict... groups) {
            return new Receipt("R-1", "SCALE-1", null, weighings, List.of(groups), 0L, 0L, true, "MarketMSP",
                    "buyer@market", "2026-10-08T02:00:00Z");
        }

        @Test
        void a_finding_in_a_claimed_package_founds_the_claim() {
            Receipt r = receipt(List.of(weighing("L1", "P1", 500, ShortWeight.Finding.WITHIN_TOLERANCE),
                    weighing("L1", "P2", 500, ShortWeight.Finding.T1)));
            DisputeRules.requireShortWeightShown(r, GTIN, "L1", List.of("P2"));
            DisputeRules.requireShortWeightShown(r, GTIN, "L1", List.of());
            assertRejected(() -> DisputeRules.requireShortWeightShown(r, GTIN, "L1", List.of("P1")),
                    ErrorCode.INVALID_ARGUMENT).hasMessageEndingWith("the receipt shows no short weight for these packages");
        }

        @Test
        void the_receipt_must_have_weighed_the_batch_and_each_claimed_package() {
            Receipt r = receipt(List.of(weighing("L1", "P1", 500, ShortWeight.Finding.T2)));
            assertRejected(() -> DisputeRules.requireShortWeightShown(r, GTIN, "L2", List.of()), ErrorCode.INVALID_ARGUMENT)
                    .hasMessageEndingWith("the receipt weighed no package of this batch");
            assertRejected(() -> DisputeRules.requireShortWeightShown(r, GTIN, "L1", List.of("P1", "P9")),
                    ErrorCode.INVALID_ARGUMENT).hasMessageEndingWith("the receipt did not weigh package P9");
        }

        @Test
        void a_failed_average_of_several_packages_of_the_batch_founds_the_claim_a_single_light_package_does_not() {
            List<Receipt.PackageWeighing> fine = List.of(weighing("L1", "P1", 500, ShortWeight.Finding.WITHIN_TOLERANCE),
                    weighing("L1", "P2", 500, ShortWeight.Finding.WITHIN_TOLERANCE));
            Receipt failedAverage = receipt(fine, new Receipt.GroupVerdict(500L, 2L, 4_990L, false, true));
            DisputeRules.requireShortWeightShown(failedAverage, GTIN, "L1", List.of("P1"));
            assertThat(failedAverage.averageFailedFor(GTIN, "L1")).isTrue();
            assertThat(failedAverage.averageFailedFor(GTIN, "L2")).isFalse();
            Receipt single = receipt(List.of(fine.get(0)), new Receipt.GroupVerdict(500L, 1L, 4_990L, false, false));
            assertThat(single.averageFailedFor(GTIN, "L1")).isFalse();
            assertRejected(() -> DisputeRules.requireShortWeightShown(single, GTIN, "L1", List.of()),
                    ErrorCode.INVALID_ARGUMENT);
            Receipt otherNominal = receipt(fine, new Receipt.GroupVerdict(1_000L, 2L, 9_990L, false, true));
            assertThat(otherNominal.averageFailedFor(GTIN, "L1")).isFalse();
        }
    }
}
