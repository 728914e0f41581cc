package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.Requests;
import org.junit.jupiter.api.Test;

class BatchRulesTest {
    static final String GTIN = "0690123456789" + Gtin.checkDigit("0690123456789");
    static final String HASH = "a".repeat(64);
    static final LocalDate TODAY = LocalDate.parse("2026-10-08");

    static Requests.RegisterBatch request(String harvest, Long loss, List<String> packers, List<String> hashes) {
        return new Requests.RegisterBatch("r-1", GTIN, "L1", "chestnut", null,
                new Origin("130227", "Xingcheng", "Dongzhuang", null, null), harvest, 100_000L, loss, packers, hashes);
    }

    @Test
    void business_date_changes_at_midnight_UTC_plus_8_whatever_the_default_zone() {
        assertThat(BusinessDates.of(Instant.parse("2026-10-08T15:59:59.999Z"))).isEqualTo("2026-10-08");
        assertThat(BusinessDates.of(Instant.parse("2026-10-08T16:00:00Z"))).isEqualTo("2026-10-09");
        Clock elsewhere = Clock.fixed(Instant.parse("2026-10-08T16:00:00Z"), ZoneId.of("America/Los_Angeles"));
        assertThat(BusinessDates.today(elsewhere)).isEqualTo("2026-10-09");
    }

    @Test
    void harvest_date_may_be_today_but_not_tomorrow() {
        assertThat(BatchRules.requireHarvestDate("2026-10-08", TODAY)).isEqualTo("2026-10-08");
        assertRejected(() -> BatchRules.requireHarvestDate("2026-10-09", TODAY), ErrorCode.INVALID_DATE)
                .hasMessageContaining("2026-10-09 is in the future");
        assertRejected(() -> BatchRules.requireHarvestDate("2026-2-1", TODAY), ErrorCode.INVALID_DATE);
    }

    @Test
    void loss_allowance_is_zero_when_absent_and_less_than_the_declared_mass() {
        assertThat(BatchRules.requireLossAllowance(100_000, null)).isZero();
        assertThat(BatchRules.requireLossAllowance(100_000, 99_999L)).isEqualTo(99_999);
        assertRejected(() -> BatchRules.requireLossAllowance(100_000, 100_000L), ErrorCode.INVALID_MASS);
        assertRejected(() -> BatchRules.requireLossAllowance(100_000, -1L), ErrorCode.INVALID_MASS);
    }

    @Test
    void evidence_hashes_are_distinct_sha256_at_most_twenty() {
        assertThat(BatchRules.requireEvidenceHashes(null)).isEmpty();
        assertRejected(() -> BatchRules.requireEvidenceHashes(List.of(HASH, HASH)), ErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("duplicate");
        assertRejected(() -> BatchRules.requireEvidenceHashes(List.of("A".repeat(64))), ErrorCode.INVALID_HASH);
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= Limits.MAX_EVIDENCE_HASHES; i++) {
            many.add(String.format("%064x", i));
        }
        assertThat(BatchRules.requireEvidenceHashes(many.subList(0, Limits.MAX_EVIDENCE_HASHES)))
                .hasSize(Limits.MAX_EVIDENCE_HASHES);
        assertRejected(() -> BatchRules.requireEvidenceHashes(many), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void packer_orgs_are_sorted_without_repeats_and_at_most_ten() {
        assertThat(BatchRules.requirePackerOrgs(null)).isEmpty();
        assertThat(BatchRules.requirePackerOrgs(List.of("PackMSP", "CoopMSP", "PackMSP")))
                .containsExactly("CoopMSP", "PackMSP");
        assertRejected(() -> BatchRules.requirePackerOrgs(List.of("-bad")), ErrorCode.INVALID_ARGUMENT);
        assertRejected(() -> BatchRules.requirePackerOrgs(Collections.nCopies(11, "CoopMSP")), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void a_valid_request_comes_back_normalized() {
        Requests.RegisterBatch checked =
                BatchRules.requireValid(request("2026-10-08", null, List.of("PackMSP", "CoopMSP"), null), TODAY);
        assertThat(checked.packingLossAllowanceGrams()).isZero();
        assertThat(checked.packerOrgs()).containsExactly("CoopMSP", "PackMSP");
        assertThat(checked.evidenceHashes()).isEmpty();
        assertThat(checked.requestId()).isEqualTo("r-1");
        assertRejected(() -> BatchRules.requireValid(request("2026-10-09", null, null, null), TODAY), ErrorCode.INVALID_DATE);
    }
}
