package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Role;
import org.fairmark.domain.SocialCreditCode;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.OrgKind;
import org.fairmark.domain.model.OrgOverview;
import org.fairmark.domain.model.OrgProfile;
import org.fairmark.domain.model.ProfileRequests;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Organization profiles: written by the org's administrator only, validated, bound to the org, read by anyone. */
class ProfileContractTest {
    

    static ProfileRequests.SetProfile coop(String code) {
        return new ProfileRequests.SetProfile(Fixtures.requestId(), "迁西县栗乡板栗专业合作社（示例）",
                "Qianxi Chestnut Growers' Cooperative (demo)", code, Parties.QIANXI, OrgKind.COOPERATIVE);
    }

    /** A fictional code (registration authority 9, category 3: a farmers' cooperative) with both check characters. */
    static String validCode() {
        String organization = "FM000001";
        String first17 = "93" + Parties.QIANXI + organization + SocialCreditCode.organizationCheckCharacter(organization);
        return first17 + SocialCreditCode.checkCharacter(first17);
    }

    @Test
    void the_org_admin_writes_its_profile_and_anyone_reads_it() {
        Chain chain = new Chain();
        Outcome written = chain.submit(Parties.admin(Parties.COOP), "profile:Set", coop(validCode()));
        assertThat(written.ok()).as(written.toString()).isTrue();
        assertThat(written.committed()).isTrue();
        OrgProfile profile = chain.evaluate(Parties.buyer(), "profile:Get", new ProfileRequests.OrgRef(Parties.COOP))
                .as(OrgProfile.class);
        assertThat(profile.mspId()).isEqualTo(Parties.COOP);
        assertThat(profile.nameZh()).isEqualTo("迁西县栗乡板栗专业合作社（示例）");
        assertThat(profile.kind()).isEqualTo(OrgKind.COOPERATIVE);
        assertThat(profile.socialCreditCode()).isEqualTo(validCode());
        assertThat(profile.updatedBy()).contains("admin");
        assertThat(profile.createdAt()).isEqualTo(profile.updatedAt());
    }

    @Test
    void a_change_keeps_the_creation_time_and_the_owner_binding() {
        Chain chain = new Chain();
        chain.submit(Parties.admin(Parties.COOP), "profile:Set", coop(validCode()));
        chain.advance(java.time.Duration.ofDays(1));
        ProfileRequests.SetProfile renamed = new ProfileRequests.SetProfile(Fixtures.requestId(), "迁西县栗乡合作社",
                "Qianxi Chestnut Cooperative", validCode(), Parties.QIANXI, OrgKind.COOPERATIVE);
        Outcome changed = chain.submit(Parties.admin(Parties.COOP), "profile:Set", renamed);
        assertThat(changed.ok()).as(changed.toString()).isTrue();
        OrgProfile profile = changed.as(OrgProfile.class);
        assertThat(profile.nameEn()).isEqualTo("Qianxi Chestnut Cooperative");
        assertThat(profile.createdAt()).isNotEqualTo(profile.updatedAt());
        assertThat(changed.result().event().name()).isEqualTo("ProfileUpdated");
    }

    @Test
    void another_orgs_admin_writes_only_its_own_profile() {
        Chain chain = new Chain();
        chain.submit(Parties.admin(Parties.COOP), "profile:Set", coop(validCode()));
        Outcome market = chain.submit(Parties.admin(Parties.MARKET), "profile:Set", new ProfileRequests.SetProfile(
                Fixtures.requestId(), "冒名合作社", "Impostor", validCode(), Parties.QIANXI, OrgKind.MARKET));
        assertThat(market.ok()).isTrue();
        assertThat(market.as(OrgProfile.class).mspId()).isEqualTo(Parties.MARKET);
        assertThat(chain.evaluate(Parties.buyer(), "profile:Get", new ProfileRequests.OrgRef(Parties.COOP))
                .as(OrgProfile.class).nameEn()).startsWith("Qianxi");
    }

    @Test
    void an_unknown_profile_is_a_coded_not_found() {
        Outcome missing = new Chain().evaluate(Parties.buyer(), "profile:Get", new ProfileRequests.OrgRef(Parties.CARRIER));
        assertThat(missing.code()).isEqualTo(ErrorCode.PROFILE_NOT_FOUND);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PRODUCER", "PACKER", "INSPECTOR", "AUDITOR", "NONE"})
    void identities_that_are_not_admins_are_refused(String roleName) {
        Role role = roleName.equals("NONE") ? null : Role.valueOf(roleName);
        Chain chain = new Chain();
        Outcome refused = chain.submit(Parties.of(Parties.COOP, role), "profile:Set", coop(validCode()));
        assertThat(refused.code()).isEqualTo(ErrorCode.NOT_ORG_ADMIN);
        assertThat(refused.committed()).isFalse();
    }

    @Nested
    class Refuses_bad_input_and_writes_nothing {
        void refused(ProfileRequests.SetProfile request, ErrorCode code, String message) {
            Chain chain = new Chain();
            Outcome outcome = chain.submit(Parties.admin(Parties.COOP), "profile:Set", request);
            assertThat(outcome.code()).as(outcome.toString()).isEqualTo(code);
            assertThat(outcome.message()).contains(message);
            assertThat(outcome.committed()).isFalse();
            assertThat(chain.evaluate(Parties.buyer(), "profile:Get", new ProfileRequests.OrgRef(Parties.COOP)).code())
                    .isEqualTo(ErrorCode.PROFILE_NOT_FOUND);
        }

        @Test
        void a_credit_code_with_a_wrong_check_character() {
            String valid = validCode();
            String mutated = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
            refused(coop(mutated), ErrorCode.INVALID_SOCIAL_CREDIT_CODE, "check character");
        }

        @Test
        void a_county_that_is_not_a_county() {
            refused(new ProfileRequests.SetProfile(Fixtures.requestId(), "合作社", "Coop", validCode(), "130200",
                    OrgKind.COOPERATIVE), ErrorCode.INVALID_COUNTY_CODE, "prefecture");
        }

        @Test
        void a_blank_name_or_a_bidi_override() {
            refused(new ProfileRequests.SetProfile(Fixtures.requestId(), " ", "Coop", validCode(), Parties.QIANXI,
                    OrgKind.COOPERATIVE), ErrorCode.INVALID_ARGUMENT, "nameZh");
            refused(new ProfileRequests.SetProfile(Fixtures.requestId(), "合作社", "Coop\u202Egpj", validCode(),
                    Parties.QIANXI, OrgKind.COOPERATIVE), ErrorCode.INVALID_ARGUMENT, "nameEn");
        }

        @Test
        void a_missing_kind() {
            refused(new ProfileRequests.SetProfile(Fixtures.requestId(), "合作社", "Coop", validCode(), Parties.QIANXI,
                    null), ErrorCode.INVALID_ARGUMENT, "kind");
        }
    }

    @Test
    void the_overview_shows_profile_record_batches_inspections_and_rulings() {
        Scenario s = Scenario.certified();
        s.expectOk(s.chain.submit(Parties.admin(Parties.COOP), "profile:Set", coop(validCode())));
        String disputeId = s.takenDispute();
        s.expectOk(s.chain.submit(Parties.inspector(), "dispute:Resolve", new Requests.ResolveDispute(Fixtures.requestId(),
                disputeId, DisputeOutcome.UPHELD, Remedy.REFUND, null, "mould confirmed", null, null)));
        Outcome read = s.chain.evaluate(Parties.buyer(), "profile:Overview", new ProfileRequests.OverviewRef(Parties.COOP, null));
        assertThat(read.ok()).as(read.toString()).isTrue();
        OrgOverview overview = read.as(OrgOverview.class);
        assertThat(overview.profile().nameZh()).startsWith("迁西县");
        assertThat(overview.integrity().disputesUpheld()).isEqualTo(1L);
        assertThat(overview.batches()).extracting(b -> b.batch().lot()).containsExactly(Fixtures.LOT);
        assertThat(overview.inspections()).hasSize(1);
        assertThat(overview.rulings()).extracting(d -> d.disputeId()).containsExactly(disputeId);

        assertThat(s.chain.evaluate(Parties.buyer(), "profile:Overview",
                new ProfileRequests.OverviewRef(Parties.COOP, 51L)).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        OrgOverview none = s.chain.evaluate(Parties.buyer(), "profile:Overview",
                new ProfileRequests.OverviewRef(Parties.CARRIER, 5L)).as(OrgOverview.class);
        assertThat(none.profile()).isNull();
        assertThat(none.batches()).isEmpty();
    }
}
