package org.fairmark.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Roster;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.SocialCreditCode;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.OrgKind;
import org.fairmark.domain.model.OrgOverview;
import org.fairmark.domain.model.OrgProfile;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.ProfileRequests;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.network.EmbeddedNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Organization profiles through the client library, and the integrity badge: issued from the ledger by a node of another
 * organization, verified offline with the trust bundle; an edited, re-dated, re-signed or stale badge is refused with a
 * code.
 */
class IntegrityBadgeIT {
    static final String PAGE = "https://id.fairmark.test/o/CoopMSP";

    @TempDir
    static Path dataDir;

    static TestLedger ledger;
    static FairmarkClient coopAdmin;
    static TrustBundle bundle;

    static String code(String organization) {
        String first17 = "93" + TestLedger.COUNTY + organization + SocialCreditCode.organizationCheckCharacter(organization);
        return first17 + SocialCreditCode.checkCharacter(first17);
    }

    @BeforeAll
    static void start() throws Exception {
        ledger = new TestLedger(dataDir);
        coopAdmin = ledger.producer.withIdentity(ledger.identity("admin@coop"));
        coopAdmin.admin().setProfile(new ProfileRequests.SetProfile(null, "迁西县栗乡板栗专业合作社（示例）",
                "Qianxi Chestnut Growers' Cooperative (demo)", code("FM000001"), TestLedger.COUNTY, OrgKind.COOPERATIVE));
        ledger.producer.withIdentity(ledger.identity("admin@bureau")).admin().setProfile(new ProfileRequests.SetProfile(
                null, "迁西县农产品质量检验站（示例）", "Qianxi Produce Inspection Station (demo)", code("FM000002"),
                TestLedger.COUNTY, OrgKind.INSPECTION_BUREAU));
        String lot = ledger.certifiedBatch();
        LabelSigner signer = ledger.registeredSigner();
        ledger.pack(lot, signer, 2);
        Map<String, List<X509Certificate>> cas = TrustBundle.caCertificatesFrom(dataDir.resolve("orgs"));
        bundle = TrustBundle.read(TrustBundle.export(ledger.auditor, cas, Map.of("CoopMSP", List.of("6901234")),
                Duration.ofDays(30)).toJson(), cas.get("BureauMSP"));
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Nested
    class Profiles {
        @Test
        void anyone_reads_the_profile_the_admin_wrote() {
            OrgProfile profile = ledger.buyer.participant().profile("CoopMSP");
            assertThat(profile.nameZh()).isEqualTo("迁西县栗乡板栗专业合作社（示例）");
            assertThat(profile.kind()).isEqualTo(OrgKind.COOPERATIVE);
            assertThat(ledger.buyer.participant().profiles()).extracting(OrgProfile::mspId).contains("BureauMSP", "CoopMSP");
        }

        @Test
        void a_producer_identity_may_not_write_its_orgs_profile() {
            FairmarkException refused = catchThrowableOfType(FairmarkException.class, () -> ledger.producer.admin()
                    .setProfile(new ProfileRequests.SetProfile(null, "别名", "Alias", code("FM000001"), TestLedger.COUNTY,
                            OrgKind.COOPERATIVE)));
            assertThat(refused.code()).isEqualTo(ErrorCode.NOT_ORG_ADMIN);
            assertThat(ledger.buyer.participant().profile("CoopMSP").nameEn()).startsWith("Qianxi Chestnut Growers");
        }

        @Test
        void a_mutated_credit_code_is_refused_with_its_code() {
            String valid = code("FM000001");
            String mutated = valid.substring(0, 10) + (valid.charAt(10) == '7' ? '8' : '7') + valid.substring(11);
            FairmarkException refused = catchThrowableOfType(FairmarkException.class, () -> coopAdmin.admin().setProfile(
                    new ProfileRequests.SetProfile(null, "合作社", "Coop", mutated, TestLedger.COUNTY, OrgKind.COOPERATIVE)));
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_SOCIAL_CREDIT_CODE);
        }

        @Test
        void the_overview_names_the_org_and_lists_its_batches() {
            OrgOverview overview = ledger.buyer.participant().overview("CoopMSP", 5L);
            assertThat(overview.profile().nameEn()).startsWith("Qianxi");
            assertThat(overview.batches()).isNotEmpty();
            assertThat(overview.inspections()).isNotEmpty();
        }
    }

    @Nested
    class Badges {
        IntegrityBadge issue() {
            return IntegrityBadge.issue(ledger.auditor, "CoopMSP", "zh", PAGE, Duration.ofHours(24));
        }

        @Test
        void a_fresh_badge_verifies_offline_and_shows_the_names_and_record() {
            IntegrityBadge badge = issue();
            assertThat(badge.bytes().length).isLessThan(IntegrityBadge.MAX_BYTES);
            assertThat(badge.svg()).startsWith("<svg ").contains("迁西县栗乡板栗专业合作社", "诚信评级", "最近检验", "北京时间",
                    "迁西县农产品质量检验站").doesNotContain("<script", "href=\"http://www.w3.org/1999/xlink", "<image");
            BadgeClaim claim = IntegrityBadge.verify(badge.bytes(), bundle, Instant.now(), List.of());
            assertThat(claim.org()).isEqualTo("CoopMSP");
            assertThat(claim.signerOrg()).isEqualTo("BureauMSP");
            assertThat(claim.inspectionVerdict()).isEqualTo("PASS");
            assertThat(IntegrityBadge.verify(badge.bytes(), bundle, Instant.now(), List.of("BureauMSP")).rating())
                    .isEqualTo(claim.rating());
            IntegrityBadge english = IntegrityBadge.issue(ledger.auditor, "CoopMSP", "en", PAGE, Duration.ofHours(1));
            assertThat(english.svg()).contains("Qianxi Chestnut Growers", "Integrity rating", "Last inspection", "UTC+8");
        }

        @Test
        void the_png_form_verifies_and_an_edited_pixel_does_not() {
            IntegrityBadge badge = issue();
            byte[] png = badge.png();
            assertThat(png.length).isLessThan(IntegrityBadge.MAX_PNG_BYTES);
            assertThat(IntegrityBadge.verify(png, bundle, Instant.now(), List.of()).org()).isEqualTo("CoopMSP");
            byte[] edited = png.clone();
            edited[edited.length / 2] ^= 0x01;
            FairmarkException refused = catchThrowableOfType(FairmarkException.class,
                    () -> IntegrityBadge.verify(edited, bundle, Instant.now(), List.of()));
            assertThat(refused.code()).isEqualTo(ErrorCode.BADGE_INVALID);
            byte[] truncated = java.util.Arrays.copyOf(png, png.length - 20);
            assertThat(catchThrowableOfType(FairmarkException.class,
                    () -> IntegrityBadge.verify(truncated, bundle, Instant.now(), List.of())).code()).isEqualTo(ErrorCode.BADGE_INVALID);
        }

        @Test
        void an_edited_rating_text_breaks_the_signature() {
            IntegrityBadge badge = issue();
            String rating = badge.claim().rating();
            String edited = badge.svg().replace("诚信评级 " + rating, "诚信评级 " + (rating.equals("A") ? "B" : "A"));
            assertThat(edited).isNotEqualTo(badge.svg());
            assertRefused(edited, ErrorCode.BADGE_INVALID);
        }

        @Test
        void a_changed_date_breaks_the_signature() {
            IntegrityBadge badge = issue();
            String later = Instant.parse(badge.claim().validUntil()).plus(Duration.ofDays(30)).toString();
            String edited = badge.svg().replace(badge.claim().validUntil(), later);
            assertThat(edited).isNotEqualTo(badge.svg());
            assertRefused(edited, ErrorCode.BADGE_INVALID);
        }

        @Test
        void a_badge_re_signed_by_a_key_the_bundle_does_not_know_is_untrusted() {
            IntegrityBadge badge = issue();
            Identity impostor = CertificateAuthority.create("BureauMSP", "bureau.example.com").issue(Roster.AUDITOR,
                    Map.of("fairmark.role", "auditor"));
            FairmarkIdentity forger = FairmarkIdentity.of("BureauMSP", impostor.certificate(), impostor.privateKey());
            BadgeClaim c = badge.claim();
            BadgeClaim better = new BadgeClaim(c.format(), c.org(), c.nameZh(), c.nameEn(), "A", c.inspectionGrade(),
                    c.inspectionVerdict(), c.inspectedAt(), c.packagesWeighed(), 0L, 0L, 0L, 0L, c.lang(), c.pageUrl(),
                    c.issuedAt(), c.validUntil(), c.signerOrg(), c.signerName(), forger.certificatePem());
            assertRefused(IntegrityBadge.sign(better, forger).svg(), ErrorCode.BADGE_UNTRUSTED);

            // the genuine signer's certificate kept, the forger's key used: the signature fails
            BadgeClaim kept = new BadgeClaim(c.format(), c.org(), c.nameZh(), c.nameEn(), "A", c.inspectionGrade(),
                    c.inspectionVerdict(), c.inspectedAt(), c.packagesWeighed(), 0L, 0L, 0L, 0L, c.lang(), c.pageUrl(),
                    c.issuedAt(), c.validUntil(), c.signerOrg(), c.signerName(), c.signerCertificate());
            assertRefused(IntegrityBadge.sign(kept, forger).svg(), ErrorCode.BADGE_INVALID);
        }

        @Test
        void a_badge_signed_by_the_producers_own_org_is_untrusted() {
            FairmarkException refused = catchThrowableOfType(FairmarkException.class,
                    () -> IntegrityBadge.issue(ledger.producer, "CoopMSP", "zh", PAGE, Duration.ofHours(1)));
            assertThat(refused.code()).isEqualTo(ErrorCode.BADGE_UNTRUSTED);
            BadgeClaim c = issue().claim();
            FairmarkIdentity self = ledger.identity(EmbeddedNetwork.PRODUCER);
            BadgeClaim own = new BadgeClaim(c.format(), c.org(), c.nameZh(), c.nameEn(), "A", null, null, null, 0L, 0L, 0L,
                    0L, 0L, c.lang(), c.pageUrl(), c.issuedAt(), c.validUntil(), "CoopMSP", c.nameZh(), self.certificatePem());
            assertRefused(IntegrityBadge.sign(own, self).svg(), ErrorCode.BADGE_UNTRUSTED);
            assertThat(catchThrowableOfType(FairmarkException.class, () -> IntegrityBadge.verify(issue().bytes(), bundle,
                    Instant.now(), List.of("MarketMSP"))).code()).isEqualTo(ErrorCode.BADGE_UNTRUSTED);
        }

        @Test
        void an_old_good_badge_replayed_after_a_bad_ruling_is_stale() {
            IntegrityBadge old = IntegrityBadge.issue(ledger.auditor, "CoopMSP", "en", PAGE, Duration.ofHours(1));
            String lot = ledger.certifiedBatch();
            LabelSigner signer = ledger.registeredSigner();
            PackResult packed = ledger.pack(lot, signer, 1);
            List<Requests.PackageRef> refs = TestLedger.refs(lot, packed.serials());
            ledger.packer.packer().handOver(new Requests.HandOver(null, refs, "MarketMSP", null));
            ledger.buyer.buyer().accept(new Requests.Accept(null, refs));
            String disputeId = ledger.buyer.buyer().openDispute(new Requests.OpenDispute(null, DisputeType.INFERIOR_QUALITY,
                    TestLedger.GTIN, lot, packed.serials(), null, "mould", List.of())).disputeId();
            ledger.inspector.inspector().takeDispute(new Requests.TakeDispute(null, disputeId));
            ledger.inspector.inspector().resolveDispute(new Requests.ResolveDispute(null, disputeId, DisputeOutcome.UPHELD,
                    Remedy.REFUND, null, "mould confirmed", null, null));

            IntegrityBadge fresh = IntegrityBadge.issue(ledger.auditor, "CoopMSP", "en", PAGE, Duration.ofHours(1));
            assertThat(fresh.claim().disputesUpheld()).isGreaterThan(old.claim().disputesUpheld());
            // within its window the old badge still verifies (the page behind its QR code shows the ruling) ...
            IntegrityBadge.verify(old.bytes(), bundle, Instant.now(), List.of());
            // ... after it, it is stale
            Instant later = Instant.parse(old.claim().validUntil()).plusSeconds(1);
            assertThat(catchThrowableOfType(FairmarkException.class,
                    () -> IntegrityBadge.verify(old.bytes(), bundle, later, List.of())).code()).isEqualTo(ErrorCode.BADGE_EXPIRED);
            Instant before = Instant.parse(old.claim().issuedAt()).minus(Duration.ofHours(1));
            assertThat(catchThrowableOfType(FairmarkException.class,
                    () -> IntegrityBadge.verify(old.bytes(), bundle, before, List.of())).code()).isEqualTo(ErrorCode.BADGE_EXPIRED);
        }

        @Test
        void malformed_files_and_bad_arguments_are_coded() {
            assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", ErrorCode.BADGE_INVALID);
            assertRefused("not a badge", ErrorCode.BADGE_INVALID);
            assertThat(catchThrowableOfType(FairmarkException.class, () -> IntegrityBadge.verify(new byte[9000], bundle,
                    Instant.now(), List.of())).code()).isEqualTo(ErrorCode.BADGE_INVALID);
            assertThat(catchThrowableOfType(FairmarkException.class, () -> IntegrityBadge.issue(ledger.auditor, "CoopMSP",
                    "fr", PAGE, Duration.ofHours(1))).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(catchThrowableOfType(FairmarkException.class, () -> IntegrityBadge.issue(ledger.auditor, "CoopMSP",
                    "zh", PAGE, Duration.ofDays(4))).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(catchThrowableOfType(FairmarkException.class, () -> IntegrityBadge.issue(ledger.auditor, "CoopMSP",
                    "zh", "javascript:alert(1)", Duration.ofHours(1))).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }

        void assertRefused(String svg, ErrorCode code) {
            FairmarkException refused = catchThrowableOfType(FairmarkException.class,
                    () -> IntegrityBadge.verify(svg.getBytes(UTF_8), bundle, Instant.now(), List.of()));
            assertThat(refused).as("refused").isNotNull();
            assertThat(refused.code()).as(refused.getMessage()).isEqualTo(code);
        }
    }
}
