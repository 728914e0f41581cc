package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule of DOMAIN.md that the contract core enforces: a coded error, and nothing written. */
class RulesTest {

    static void assertRefused(Outcome outcome, ErrorCode code) {
        assertThat(outcome.code()).as(outcome.toString()).isEqualTo(code);
        assertThat(outcome.committed()).isFalse();
        assertThat(outcome.event()).isNull();
    }

    @Nested
    class Registering {
        @Test
        void rejects_a_duplicate_batch() {
            Chain chain = new Chain();
            assertThat(chain.submit(Parties.producer(), "batch:Register", Fixtures.batch()).ok()).isTrue();
            assertRefused(chain.submit(Parties.producer(), "batch:Register", Fixtures.batch()), ErrorCode.BATCH_EXISTS);
        }

        @Test
        void judges_a_harvest_date_in_the_future_by_the_China_Standard_Time_date_of_the_transaction() {
            Requests.RegisterBatch good = Fixtures.batch();
            Requests.RegisterBatch r = new Requests.RegisterBatch(good.requestId(), good.gtin(), good.lot(),
                    good.product(), good.variety(), good.origin(), "2026-10-09", good.declaredMassGrams(),
                    good.packingLossAllowanceGrams(), null, null);
            // 2026-10-08T16:00Z is midnight of 2026-10-09 at UTC+08:00
            assertRefused(new Chain(Instant.parse("2026-10-08T15:59:59Z")).submit(Parties.producer(), "batch:Register", r),
                    ErrorCode.INVALID_DATE);
            assertThat(new Chain(Instant.parse("2026-10-08T16:00:00Z")).submit(Parties.producer(), "batch:Register", r)
                    .ok()).isTrue();
        }

        @Test
        void rejects_a_gtin_with_a_wrong_check_digit() {
            Requests.RegisterBatch good = Fixtures.batch();
            String bad = good.gtin().substring(0, 13) + ((good.gtin().charAt(13) - '0' + 1) % 10);
            Requests.RegisterBatch r = new Requests.RegisterBatch(good.requestId(), bad, good.lot(), good.product(),
                    good.variety(), good.origin(), good.harvestDate(), good.declaredMassGrams(), 0L, null, null);
            assertRefused(new Chain().submit(Parties.producer(), "batch:Register", r), ErrorCode.INVALID_GTIN);
        }

        @Test
        void rejects_a_lot_outside_GS1_character_set_82() {
            assertRefused(new Chain().submit(Parties.producer(), "batch:Register",
                    Fixtures.batch("LOT 1", Parties.QIANXI, 1000)), ErrorCode.INVALID_LOT);
            assertRefused(new Chain().submit(Parties.producer(), "batch:Register",
                    Fixtures.batch("L".repeat(21), Parties.QIANXI, 1000)), ErrorCode.INVALID_LOT);
        }

        @Test
        void rejects_a_province_code_as_county() {
            assertRefused(new Chain().submit(Parties.producer(), "batch:Register",
                    Fixtures.batch(Fixtures.LOT, "130000", 1000)), ErrorCode.INVALID_COUNTY_CODE);
        }

        @Test
        void rejects_zero_negative_and_absurd_masses() {
            for (long grams : new long[] {0, -5, 500_000_001L, Long.MAX_VALUE}) {
                assertRefused(new Chain().submit(Parties.producer(), "batch:Register",
                        Fixtures.batch(Fixtures.LOT, Parties.QIANXI, grams)), ErrorCode.INVALID_MASS);
            }
        }

        @Test
        void rejects_a_loss_allowance_not_below_the_declared_mass_or_negative() {
            Requests.RegisterBatch g = Fixtures.batch();
            for (long loss : new long[] {1000, 1001, -1, Long.MIN_VALUE}) {
                Requests.RegisterBatch r = new Requests.RegisterBatch(g.requestId(), g.gtin(), g.lot(), g.product(),
                        g.variety(), g.origin(), g.harvestDate(), 1000L, loss, null, null);
                Outcome refused = new Chain().submit(Parties.producer(), "batch:Register", r);
                assertRefused(refused, ErrorCode.INVALID_MASS);
                assertThat(refused.message()).contains("got " + loss + " g");
            }
        }

        @Test
        void rejects_a_harvest_date_in_the_future() {
            Requests.RegisterBatch g = Fixtures.batch();
            Requests.RegisterBatch r = new Requests.RegisterBatch(g.requestId(), g.gtin(), g.lot(), g.product(),
                    g.variety(), g.origin(), "2026-12-01", g.declaredMassGrams(), 0L, null, null);
            assertRefused(new Chain().submit(Parties.producer(), "batch:Register", r), ErrorCode.INVALID_DATE);
        }

        @Test
        void rejects_a_missing_origin_and_control_characters_in_names() {
            Requests.RegisterBatch g = Fixtures.batch();
            Requests.RegisterBatch noOrigin = new Requests.RegisterBatch(g.requestId(), g.gtin(), g.lot(), g.product(),
                    g.variety(), null, g.harvestDate(), g.declaredMassGrams(), 0L, null, null);
            assertRefused(new Chain().submit(Parties.producer(), "batch:Register", noOrigin), ErrorCode.INVALID_ARGUMENT);
            Requests.RegisterBatch control = new Requests.RegisterBatch(g.requestId(), g.gtin(), g.lot(), g.product(),
                    g.variety(), new Origin(Parties.QIANXI, "Han\u0000", "Yuhu", null, null), g.harvestDate(),
                    g.declaredMassGrams(), 0L, null, null);
            assertRefused(new Chain().submit(Parties.producer(), "batch:Register", control), ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class Standards {
        @Test
        void a_published_version_is_immutable_and_a_new_version_supersedes() {
            Scenario s = Scenario.registered();
            assertRefused(s.chain.submit(Parties.inspector(), "standard:Publish", Fixtures.standard()),
                    ErrorCode.STANDARD_EXISTS);
            s.chain.advance(java.time.Duration.ofDays(1));
            s.expectOk(s.chain.submit(Parties.inspector(), "standard:Publish",
                    new Requests.PublishStandard(Fixtures.requestId(), Fixtures.chestnutStandard("2026"))));
            Outcome latest = s.chain.evaluate(Parties.buyer(), "standard:Get",
                    new Requests.StandardRef(Fixtures.STANDARD_CODE, null));
            assertThat(latest.json().get("standard").get("version").asText()).isEqualTo("2026");
        }

        @Test
        void rejects_a_standard_without_grades() {
            String noGrades = "{\"requestId\":\"" + Fixtures.requestId() + "\",\"standard\":{\"code\":\"X\","
                    + "\"version\":\"1\",\"product\":\"chestnut\",\"title\":\"t\",\"grades\":[]}}";
            assertRefused(new Chain().submit(Parties.inspector(), "standard:Publish", noGrades), ErrorCode.STANDARD_INVALID);
        }
    }

    @Nested
    class Inspecting {
        @Test
        void refuses_measurement_names_outside_the_domain_syntax() {
            Scenario s = Scenario.registered();
            Requests.RecordInspection g = Fixtures.inspection();
            for (String name : new String[] {"Count_per_kg", "1st", "defect-rate", "a".repeat(41)}) {
                Map<String, Long> measurements = new TreeMap<>(g.measurements());
                measurements.put(name, 1L);
                Requests.RecordInspection r = new Requests.RecordInspection(Fixtures.requestId(), g.gtin(), g.lot(),
                        g.standardCode(), g.standardVersion(), g.sampleSize(), g.sampledMassGrams(), measurements,
                        null, null, g.validDays(), null, null);
                assertRefused(s.chain.submit(Parties.inspector(), "inspection:Record", r), ErrorCode.INVALID_ARGUMENT);
            }
        }

        @Test
        void refuses_a_sampled_mass_that_is_not_positive_or_exceeds_the_declared_mass() {
            Scenario s = Scenario.registered();
            Requests.RecordInspection g = Fixtures.inspection();
            for (long sampled : new long[] {0, -1, Fixtures.DECLARED_GRAMS + 1, Long.MAX_VALUE}) {
                Requests.RecordInspection r = new Requests.RecordInspection(Fixtures.requestId(), g.gtin(), g.lot(),
                        g.standardCode(), g.standardVersion(), g.sampleSize(), sampled, g.measurements(),
                        g.requestedGrade(), g.verdict(), g.validDays(), g.labReportHash(), g.notes());
                Outcome refused = s.chain.submit(Parties.inspector(), "inspection:Record", r);
                assertRefused(refused, ErrorCode.INVALID_MASS);
                assertThat(refused.message()).contains("1.." + Fixtures.DECLARED_GRAMS + " g, got " + sampled + " g");
            }
            Requests.RecordInspection whole = new Requests.RecordInspection(Fixtures.requestId(), g.gtin(), g.lot(),
                    g.standardCode(), g.standardVersion(), g.sampleSize(), Fixtures.DECLARED_GRAMS, g.measurements(),
                    g.requestedGrade(), g.verdict(), g.validDays(), g.labReportHash(), g.notes());
            s.expectOk(s.chain.submit(Parties.inspector(), "inspection:Record", whole));
        }

        @Test
        void refuses_an_inspector_outside_the_jurisdiction() {
            Scenario s = Scenario.registered();
            assertRefused(s.chain.submit(Parties.of(Parties.BUREAU, Role.INSPECTOR, "4412"), "inspection:Record",
                    Fixtures.inspection()), ErrorCode.OUT_OF_JURISDICTION);
        }

        @Test
        void refuses_an_inspector_without_a_jurisdiction_attribute() {
            Scenario s = Scenario.registered();
            assertRefused(s.chain.submit(Parties.of(Parties.CARRIER, Role.INSPECTOR, null), "inspection:Record",
                    Fixtures.inspection()), ErrorCode.OUT_OF_JURISDICTION);
        }

        @Test
        void refuses_an_inspector_of_the_producers_org() {
            Scenario s = Scenario.registered();
            assertRefused(s.chain.submit(Parties.of(Parties.COOP, Role.INSPECTOR), "inspection:Record",
                    Fixtures.inspection()), ErrorCode.CONFLICT_OF_INTEREST);
        }

        @Test
        void allows_a_downgrade_and_refuses_an_upgrade() {
            Scenario s = Scenario.registered();
            assertRefused(s.chain.submit(Parties.inspector(), "inspection:Record",
                    Fixtures.inspection(Fixtures.LOT, 90, 30, "SPECIAL")), ErrorCode.GRADE_UPGRADE_REFUSED);
            Inspection downgraded = s.expectOk(s.chain.submit(Parties.inspector(), "inspection:Record",
                    Fixtures.inspection(Fixtures.LOT, 90, 30, "SECOND"))).as(Inspection.class);
            assertThat(downgraded.derivedGrade()).isEqualTo("FIRST");
            assertThat(downgraded.grade()).isEqualTo("SECOND");
            assertThat(downgraded.verdict()).isEqualTo(Verdict.PASS);
        }

        @Test
        void measurements_meeting_no_grade_fail_the_batch() {
            Scenario s = Scenario.registered();
            Inspection failed = s.expectOk(s.chain.submit(Parties.inspector(), "inspection:Record",
                    Fixtures.inspection(Fixtures.LOT, 150, 30, null))).as(Inspection.class);
            assertThat(failed.grade()).isEqualTo("OUT_OF_GRADE");
            assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);
        }

        @Test
        void refuses_a_missing_measurement_and_an_unknown_standard() {
            Scenario s = Scenario.registered();
            Requests.RecordInspection g = Fixtures.inspection();
            Requests.RecordInspection missing = new Requests.RecordInspection(g.requestId(), g.gtin(), g.lot(),
                    g.standardCode(), g.standardVersion(), 10L, 100L, Map.of("count_per_kg", 80L), null, null, null,
                    null, null);
            assertRefused(s.chain.submit(Parties.inspector(), "inspection:Record", missing), ErrorCode.MEASUREMENT_MISSING);
            Requests.RecordInspection unknown = new Requests.RecordInspection(Fixtures.requestId(), g.gtin(), g.lot(),
                    "GB-T-0", "1", 10L, 100L, g.measurements(), null, null, null, null, null);
            assertRefused(s.chain.submit(Parties.inspector(), "inspection:Record", unknown), ErrorCode.STANDARD_NOT_FOUND);
        }
    }

    @Nested
    class Packing {
        @Test
        void requires_a_pass_inspection() {
            Scenario s = Scenario.registered().withLabelKey();
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 1, 1000, null))),
                    ErrorCode.INSPECTION_REQUIRED);
            s.expectOk(s.chain.submit(Parties.inspector(), "inspection:Record",
                    Fixtures.inspection(Fixtures.LOT, 150, 30, null)));
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 1, 1000, null))),
                    ErrorCode.INSPECTION_REQUIRED);
        }

        @Test
        void refuses_packing_after_the_certificate_expires() {
            Scenario s = Scenario.certified();
            s.chain.advance(java.time.Duration.ofDays(91));
            Requests.Pack g = Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 1, 1000, null));
            Requests.Pack late = new Requests.Pack(g.requestId(), g.gtin(), g.lot(), "2027-01-07", g.labelKeyId(), g.packages());
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack", late), ErrorCode.INSPECTION_REQUIRED);
        }

        @Test
        void refuses_a_grade_better_than_certified_and_an_unknown_grade() {
            Scenario s = Scenario.certified();
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 1, 1000, "SPECIAL"))),
                    ErrorCode.GRADE_EXCEEDS_CERTIFIED);
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 1, 1000, "PREMIUM"))),
                    ErrorCode.UNKNOWN_GRADE);
            s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 1, 1000, "SECOND"))));
        }

        @Test
        void rejects_packing_beyond_declared_mass_less_the_loss_allowance() {
            Scenario s = Scenario.certified();
            // 1,000,000 g declared, 10,000 g loss allowance: 990,000 g may be packed, 198 packages of 5 kg at most.
            s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 190, 5_000, null))));
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("B", 9, 5_000, null))),
                    ErrorCode.MASS_BALANCE_EXCEEDED);
            s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("B", 8, 5_000, null))));
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("C", 1, 1, null))),
                    ErrorCode.MASS_BALANCE_EXCEEDED);
        }

        @Test
        void refuses_a_serial_packed_before_or_repeated_in_one_request() {
            Scenario s = Scenario.certified();
            s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 3, 1000, null))));
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 1, 1000, null))),
                    ErrorCode.PACKAGE_EXISTS);
            List<Requests.PackageSpec> twice = List.of(
                    new Requests.PackageSpec("Z1", null, 1000L, null), new Requests.PackageSpec("Z1", null, 1000L, null));
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack", Fixtures.pack(Fixtures.LOT, s.labelKeyId, twice)),
                    ErrorCode.PACKAGE_EXISTS);
        }

        @Test
        void limits_packages_per_transaction_and_nominal_mass() {
            Scenario s = Scenario.certified();
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 501, 100, null))),
                    ErrorCode.TOO_MANY_PACKAGES);
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 1, 50_001, null))),
                    ErrorCode.INVALID_MASS);
            for (long nominal : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
                Outcome refused = s.chain.submit(Parties.packer(), "packaging:Pack",
                        Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 1, nominal, null)));
                assertRefused(refused, ErrorCode.INVALID_MASS);
                assertThat(refused.message()).contains("1..50000 g, got " + nominal + " g");
            }
        }

        @Test
        void refuses_a_revoked_or_foreign_label_key() {
            Scenario s = Scenario.certified();
            s.expectOk(s.chain.submit(Parties.packer(), "labelkey:Revoke",
                    new Requests.RevokeLabelKey(Fixtures.requestId(), s.labelKeyId, "key leaked")));
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("A", 1, 1000, null))),
                    ErrorCode.LABEL_KEY_REVOKED);
            Outcome foreign = s.chain.submit(Parties.of(Parties.COOP2, Role.PACKER), "labelkey:Register",
                    Fixtures.labelKey(Fixtures.labelKeyPair()));
            String foreignKey = s.expectOk(foreign).as(LabelKey.class).keyId();
            assertRefused(s.chain.submit(Parties.packer(), "packaging:Pack",
                    Fixtures.pack(Fixtures.LOT, foreignKey, Fixtures.packages("A", 1, 1000, null))),
                    ErrorCode.WRONG_ORG);
        }
    }

    @Nested
    class LabelKeys {
        @Test
        void a_key_registers_once_and_revokes_once() {
            Scenario s = Scenario.registered().withLabelKey();
            assertRefused(s.chain.submit(Parties.packer(), "labelkey:Register", Fixtures.labelKey(s.labelKeyPair)),
                    ErrorCode.LABEL_KEY_EXISTS);
            LabelKey revoked = s.expectOk(s.chain.submit(Parties.packer(), "labelkey:Revoke",
                    new Requests.RevokeLabelKey(Fixtures.requestId(), s.labelKeyId, "lost printer"))).as(LabelKey.class);
            assertThat(revoked.revoked()).isTrue();
            assertThat(revoked.revocationReason()).isEqualTo("lost printer");
            assertRefused(s.chain.submit(Parties.packer(), "labelkey:Revoke",
                    new Requests.RevokeLabelKey(Fixtures.requestId(), s.labelKeyId, "again")), ErrorCode.LABEL_KEY_REVOKED);
        }

        @Test
        void rejects_a_key_that_is_not_P256() throws Exception {
            java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
            rsa.initialize(1024);
            String rsaKey = org.fairmark.domain.PublicKeys.toBase64(rsa.generateKeyPair().getPublic());
            assertRefused(new Chain().submit(Parties.packer(), "labelkey:Register",
                    new Requests.RegisterLabelKey(Fixtures.requestId(), rsaKey)), ErrorCode.INVALID_PUBLIC_KEY);
            assertRefused(new Chain().submit(Parties.packer(), "labelkey:Register",
                    new Requests.RegisterLabelKey(Fixtures.requestId(), "not base64!")), ErrorCode.INVALID_PUBLIC_KEY);
        }
    }
}
