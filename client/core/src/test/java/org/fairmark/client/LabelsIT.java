package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.GeoPoint;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels signed by a packer, verified offline with an exported trust bundle and online against the ledger. */
class LabelsIT {
    /** The bureau attests the cooperative's GS1 company prefix; TestLedger.GTIN is one of its products. */
    static final Map<String, List<String>> PREFIXES = Map.of("CoopMSP", List.of("6901234"));

    @TempDir
    static Path dataDir;

    static TestLedger ledger;
    static LabelSigner signer;
    static String lot;
    static List<SignedLabel> labels;
    static List<X509Certificate> trustedIssuers;
    static TrustBundle bundle;
    static LabelVerifier verifier;

    @BeforeAll
    static void start() throws Exception {
        ledger = new TestLedger(dataDir);
        signer = ledger.registeredSigner();
        lot = ledger.certifiedBatch();
        PackResult packed = ledger.pack(lot, signer, 6, "P");
        labels = ledger.packer.packer().signLabels(packed, signer, TestLedger.RESOLVER);
        // the verifier trusts the bureau's CA, obtained out of band; the auditor of the bureau exports
        Map<String, List<X509Certificate>> cas = TrustBundle.caCertificatesFrom(dataDir.resolve("orgs"));
        trustedIssuers = cas.get("BureauMSP");
        bundle = TrustBundle.export(ledger.auditor, cas, PREFIXES, Duration.ofDays(30));
        verifier = LabelVerifier.builder(TrustBundle.read(bundle.toJson(), trustedIssuers)).build();
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    static SignedLabel label(int index) {
        return labels.get(index);
    }

    /** The URI with one parameter's value replaced. */
    static String withParameter(String uri, String name, String value) {
        return uri.replaceFirst("([?&]" + name + "=)[^&]*", "$1" + value);
    }

    /** A packer of another organization with a label key registered on the ledger under its own org. */
    static LabelSigner carrierPackerKey() {
        return registerCarrierPackerKey(ledger, dataDir);
    }

    /** Registers a fresh label key of {@code packer@carrier} (issued on first use) and returns it. */
    static LabelSigner registerCarrierPackerKey(TestLedger ledger, Path dataDir) {
        org.fairmark.devca.CertificateAuthority ca =
                org.fairmark.devca.CertificateAuthority.load(dataDir.resolve("orgs").resolve("CarrierMSP").resolve("ca"));
        org.fairmark.devca.Wallet wallet = org.fairmark.devca.Wallet.open(ledger.network.wallet().directory());
        if (!wallet.contains("packer@carrier")) {
            wallet.put(ca.issue("packer@carrier", Map.of("fairmark.role", "packer")));
        }
        LabelSigner key = LabelSigner.generate();
        try (FairmarkClient carrierPacker = ledger.producer.withIdentity(ledger.identity("packer@carrier"))) {
            assertThat(carrierPacker.packer().registerLabelKey(key).ownerOrg()).isEqualTo("CarrierMSP");
        }
        return key;
    }

    @Nested
    class Binding {
        @Test
        void a_label_of_a_coop_product_signed_by_another_orgs_registered_key_is_rejected_offline() {
            LabelSigner carrierKey = carrierPackerKey();
            LabelClaim genuine = label(1).claim();
            LabelClaim forgedClaim = new LabelClaim(genuine.gtin(), genuine.lot(), genuine.serial(), genuine.grade(),
                    genuine.netMassGrams(), genuine.packingDate(), genuine.countyCode(), carrierKey.keyId());
            SignedLabel forged = carrierKey.sign(forgedClaim, TestLedger.RESOLVER);
            TrustBundle fresh = TrustBundle.read(TrustBundle.export(ledger.auditor,
                    TrustBundle.caCertificatesFrom(dataDir.resolve("orgs")), PREFIXES, Duration.ofDays(1)).toJson(),
                    trustedIssuers);

            LabelVerdict offline = LabelVerifier.builder(fresh).build().verify(forged.uri());
            LabelVerdict own = LabelVerifier.builder(fresh).build().verify(label(1).uri());
            OnlineVerification online = ledger.buyer.participant().verifyLabel(forged.uri());

            assertThat(fresh.labelKey(carrierKey.keyId()).orElseThrow().ownerOrg()).isEqualTo("CarrierMSP");
            assertThat(offline).isInstanceOf(LabelVerdict.Rejected.class);
            LabelVerdict.Rejected rejected = (LabelVerdict.Rejected) offline;
            assertThat(rejected.reason()).isEqualTo(LabelRejection.KEY_NOT_BOUND_TO_GTIN);
            assertThat(rejected.detail()).contains("CarrierMSP").contains(genuine.gtin())
                    .contains("no GS1 company prefix");
            assertThat(own.isGenuine()).isTrue();
            assertThat(online.rejection()).isEqualTo(LabelRejection.KEY_MISMATCH);
        }

        @Test
        void the_bundle_binds_each_organization_to_its_prefixes_and_checks_them() {
            assertThat(bundle.gtinPrefixes()).containsEntry("CoopMSP", List.of("6901234"))
                    .containsEntry("CarrierMSP", List.of());
            assertThat(bundle.mayLabel("CoopMSP", TestLedger.GTIN)).isTrue();
            assertThat(bundle.mayLabel("CarrierMSP", TestLedger.GTIN)).isFalse();
            assertThat(bundle.mayLabel("CoopMSP", "06911234567898")).isFalse();
            Map<String, List<X509Certificate>> cas = TrustBundle.caCertificatesFrom(dataDir.resolve("orgs"));
            FairmarkException badPrefix = catchThrowableOfType(FairmarkException.class,
                    () -> TrustBundle.export(ledger.auditor, cas, Map.of("CoopMSP", List.of("69x")), Duration.ofDays(1)));
            FairmarkException unknownOrg = catchThrowableOfType(FairmarkException.class,
                    () -> TrustBundle.export(ledger.auditor, cas, Map.of("NoSuchMSP", List.of("6901234")), Duration.ofDays(1)));
            assertThat(badPrefix.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(unknownOrg.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(unknownOrg.detail()).contains("NoSuchMSP");
        }

        @Test
        void a_bundle_of_the_old_unbound_format_is_refused_with_its_reason() throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode envelope = (ObjectNode) mapper.readTree(bundle.toJson());
            ObjectNode body = (ObjectNode) envelope.get("bundle");
            body.put("format", "fairmark-trust-bundle/1");
            body.withArray("organizations").forEach(org -> ((ObjectNode) org).remove("gtinPrefixes"));
            FairmarkException refused = catchThrowableOfType(FairmarkException.class,
                    () -> TrustBundle.read(mapper.writeValueAsBytes(envelope), trustedIssuers));
            assertThat(refused.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
            assertThat(refused.detail()).contains("does not bind label keys").contains("export a fresh bundle");
        }
    }

    @Nested
    class Offline {
        @Test
        void a_packers_label_is_genuine_and_names_its_key() {
            LabelVerdict verdict = verifier.verify(label(0).uri());
            assertThat(verdict).isInstanceOf(LabelVerdict.Genuine.class);
            assertThat(((LabelVerdict.Genuine) verdict).key().ownerOrg()).isEqualTo("CoopMSP");
            assertThat(label(0).uri()).startsWith(TestLedger.RESOLVER + "/01/" + TestLedger.GTIN + "/10/" + lot + "/21/P0001?13=");
        }

        @Test
        void the_label_uri_fits_a_version_11_qr_code() {
            // 24-character resolver, 11-character lot: about 220 characters, QR version 11 (61 modules) at level M
            assertThat(label(0).uri().length()).isLessThan(230);
            assertThat(QrCodes.version(label(0).uri())).isLessThanOrEqualTo(11);
        }

        @Test
        void an_altered_grade_mass_date_county_or_serial_is_a_bad_signature() {
            String uri = label(0).uri();
            for (String altered : List.of(
                    withParameter(uri, "g", "SPECIAL"),
                    withParameter(uri, "3103", "000600"),
                    withParameter(uri, "13", "200101"),
                    withParameter(uri, "c", "130203"),
                    uri.replace("/21/P0001", "/21/P0009"))) {
                assertThat(verifier.verify(altered)).isEqualTo(rejected(LabelRejection.BAD_SIGNATURE, altered));
            }
        }

        @Test
        void a_forged_signature_is_rejected() {
            String forged = withParameter(label(0).uri(), "s", "A".repeat(86));
            assertThat(reason(verifier.verify(forged))).isEqualTo(LabelRejection.BAD_SIGNATURE);
            String other = withParameter(label(0).uri(), "s", label(1).uri().replaceAll(".*&s=", ""));
            assertThat(reason(verifier.verify(other))).isEqualTo(LabelRejection.BAD_SIGNATURE);
        }

        @Test
        void a_label_resigned_by_another_key_is_rejected_whether_or_not_it_names_that_key() throws Exception {
            LabelSigner forger = LabelSigner.generate();
            LabelClaim genuine = label(0).claim();
            LabelClaim claimOfForger = new LabelClaim(genuine.gtin(), genuine.lot(), genuine.serial(), "FIRST",
                    genuine.netMassGrams(), genuine.packingDate(), genuine.countyCode(), forger.keyId());
            assertThat(reason(verifier.verify(forger.sign(claimOfForger, TestLedger.RESOLVER).uri())))
                    .isEqualTo(LabelRejection.UNKNOWN_KEY);

            // keeping the packer's key id, signing with the forger's key
            var pair = KeyPairGenerator.getInstance("EC");
            pair.initialize(new ECGenParameterSpec("secp256r1"));
            var keys = pair.generateKeyPair();
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(keys.getPrivate());
            signature.update(genuine.canonicalBytes());
            String resigned = withParameter(label(0).uri(), "s",
                    Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign()));
            assertThat(reason(verifier.verify(resigned))).isEqualTo(LabelRejection.BAD_SIGNATURE);
        }

        @Test
        void truncated_labels_are_rejected_as_truncated_or_malformed_never_genuine() {
            String uri = label(0).uri();
            for (int length = 0; length < uri.length(); length++) {
                LabelVerdict verdict = verifier.verify(uri.substring(0, length));
                assertThat(verdict.isGenuine()).as("prefix of length %d", length).isFalse();
                assertThat(reason(verdict)).as("prefix of length %d", length)
                        .isIn(LabelRejection.TRUNCATED, LabelRejection.MALFORMED);
            }
            assertThat(reason(verifier.verify(uri.substring(0, uri.length() - 10)))).isEqualTo(LabelRejection.TRUNCATED);
            assertThat(reason(verifier.verify(uri.substring(0, uri.indexOf("&k="))))).isEqualTo(LabelRejection.TRUNCATED);
        }

        @Test
        void a_revoked_key_rejects_its_labels_once_the_bundle_knows() {
            LabelSigner doomed = ledger.registeredSigner();
            String lotOfDoomed = ledger.certifiedBatch();
            SignedLabel doomedLabel = ledger.packer.packer()
                    .signLabels(ledger.pack(lotOfDoomed, doomed, 1), doomed, TestLedger.RESOLVER).get(0);
            ledger.packer.packer().revokeLabelKey(new Requests.RevokeLabelKey(null, doomed.keyId(), "station laptop stolen"));
            TrustBundle fresh = TrustBundle.export(ledger.auditor, TrustBundle.caCertificatesFrom(dataDir.resolve("orgs")), PREFIXES,
                    Duration.ofDays(1));
            LabelVerdict verdict = LabelVerifier.builder(fresh).build().verify(doomedLabel.uri());
            assertThat(reason(verdict)).isEqualTo(LabelRejection.KEY_REVOKED);
            assertThat(ledger.buyer.participant().verifyLabel(doomedLabel.uri()).rejection()).isEqualTo(LabelRejection.KEY_REVOKED);
        }

        @Test
        void an_expired_bundle_rejects_every_label() {
            Clock later = Clock.fixed(bundle.validUntil().plusSeconds(1), ZoneOffset.UTC);
            LabelVerdict verdict = LabelVerifier.builder(bundle).clock(later).build().verify(label(0).uri());
            assertThat(reason(verdict)).isEqualTo(LabelRejection.BUNDLE_EXPIRED);
        }

        @Test
        void a_qr_png_of_the_label_verifies_and_a_truncated_png_is_rejected() {
            byte[] png = QrCodes.png(label(2).uri(), 400);
            assertThat(verifier.verifyImage(png).isGenuine()).isTrue();
            LabelFormatException e = catchThrowableOfType(LabelFormatException.class,
                    () -> verifier.verifyImage(java.util.Arrays.copyOf(png, png.length / 2)));
            assertThat(e.reason()).isEqualTo(LabelRejection.TRUNCATED);
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class Trust_bundle {
        @Test
        void a_tampered_bundle_is_refused() throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode json = (ObjectNode) mapper.readTree(bundle.toJson());
            ((ObjectNode) json.get("bundle")).put("validUntil", "2099-01-01T00:00:00Z");
            FairmarkException e = catchThrowableOfType(FairmarkException.class,
                    () -> TrustBundle.read(mapper.writeValueAsBytes(json), trustedIssuers));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.detail()).contains("signature");
        }

        @Test
        void a_bundle_from_an_untrusted_issuer_is_refused() {
            List<X509Certificate> marketOnly = TrustBundle.caCertificatesFrom(dataDir.resolve("orgs")).get("MarketMSP");
            FairmarkException e = catchThrowableOfType(FairmarkException.class,
                    () -> TrustBundle.read(bundle.toJson(), marketOnly));
            assertThat(e.detail()).contains("not one of the trusted issuers");
        }

        @Test
        void a_truncated_bundle_file_is_malformed() {
            byte[] json = bundle.toJson();
            FairmarkException e = catchThrowableOfType(FairmarkException.class,
                    () -> TrustBundle.read(java.util.Arrays.copyOf(json, json.length - 20), trustedIssuers));
            assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        }

        @Test
        void the_bundle_holds_the_keys_and_cas_of_the_ledger() {
            assertThat(bundle.labelKey(signer.keyId())).isPresent();
            assertThat(bundle.organizations().keySet()).contains("CoopMSP", "BureauMSP", "CarrierMSP", "MarketMSP");
            assertThat(bundle.issuerMspId()).isEqualTo("BureauMSP");
            assertThat(new String(bundle.toJson(), StandardCharsets.UTF_8)).contains("\"format\":\"fairmark-trust-bundle/2\"");
        }
    }

    @Nested
    class Online {
        @Test
        void a_genuine_label_shows_its_provenance() {
            OnlineVerification check = ledger.buyer.participant().verifyLabel(label(3).uri());
            assertThat(check.status()).isEqualTo(LiveStatus.GENUINE);
            assertThat(check.trace().pkg().serial()).isEqualTo("P0004");
            assertThat(check.trace().batch().batch().origin().countyCode()).isEqualTo(TestLedger.COUNTY);
            assertThat(check.warnings()).isEmpty();
        }

        @Test
        void an_unreadable_text_is_unknown_and_a_forged_one_forged() {
            assertThat(ledger.buyer.participant().verifyLabel("hello").status()).isEqualTo(LiveStatus.UNKNOWN);
            OnlineVerification forged = ledger.buyer.participant().verifyLabel(withParameter(label(3).uri(), "g", "SPECIAL"));
            assertThat(forged.status()).isEqualTo(LiveStatus.FORGED);
            assertThat(forged.rejection()).isEqualTo(LabelRejection.BAD_SIGNATURE);
        }

        @Test
        void a_correctly_signed_label_for_a_package_never_packed_is_forged() {
            LabelClaim genuine = label(0).claim();
            LabelClaim phantom = new LabelClaim(genuine.gtin(), genuine.lot(), "P9999", genuine.grade(),
                    genuine.netMassGrams(), genuine.packingDate(), genuine.countyCode(), signer.keyId());
            OnlineVerification check = ledger.buyer.participant().verifyLabel(signer.sign(phantom, TestLedger.RESOLVER).uri());
            assertThat(check.rejection()).isEqualTo(LabelRejection.PACKAGE_UNKNOWN);
            // offline cannot know: the signature is the packer's
            assertThat(verifier.verify(signer.sign(phantom, TestLedger.RESOLVER).uri()).isGenuine()).isTrue();
        }

        @Test
        void a_signed_claim_that_contradicts_the_ledger_is_a_claim_mismatch() {
            LabelClaim genuine = label(4).claim();
            LabelClaim upgraded = new LabelClaim(genuine.gtin(), genuine.lot(), genuine.serial(), "SPECIAL",
                    genuine.netMassGrams(), genuine.packingDate(), genuine.countyCode(), signer.keyId());
            OnlineVerification check = ledger.buyer.participant().verifyLabel(signer.sign(upgraded, TestLedger.RESOLVER).uri());
            assertThat(check.rejection()).isEqualTo(LabelRejection.CLAIM_MISMATCH);
            assertThat(check.detail()).contains("grade SPECIAL");
        }

        @Test
        void another_packers_valid_key_on_this_package_is_a_key_mismatch() {
            LabelSigner other = ledger.registeredSigner();
            LabelClaim genuine = label(4).claim();
            LabelClaim claim = new LabelClaim(genuine.gtin(), genuine.lot(), genuine.serial(), genuine.grade(),
                    genuine.netMassGrams(), genuine.packingDate(), genuine.countyCode(), other.keyId());
            OnlineVerification check = ledger.buyer.participant().verifyLabel(other.sign(claim, TestLedger.RESOLVER).uri());
            assertThat(check.rejection()).isEqualTo(LabelRejection.KEY_MISMATCH);
        }

        @Test
        void a_recalled_batch_and_a_disputed_one_show_their_status() {
            String recalledLot = ledger.certifiedBatch();
            SignedLabel recalled = ledger.packer.packer()
                    .signLabels(ledger.pack(recalledLot, signer, 1), signer, TestLedger.RESOLVER).get(0);
            ledger.producer.producer().recallBatch(new Requests.Recall(null, TestLedger.GTIN, recalledLot, "mould"));
            assertThat(ledger.buyer.participant().verifyLabel(recalled.uri()).status()).isEqualTo(LiveStatus.RECALLED);

            String disputedLot = ledger.certifiedBatch();
            PackResult packed = ledger.pack(disputedLot, signer, 1);
            SignedLabel disputed = ledger.packer.packer().signLabels(packed, signer, TestLedger.RESOLVER).get(0);
            List<Requests.PackageRef> refs = TestLedger.refs(disputedLot, packed.serials());
            ledger.packer.packer().handOver(new Requests.HandOver(null, refs, "MarketMSP", null));
            ledger.buyer.buyer().accept(new Requests.Accept(null, refs));
            ledger.buyer.buyer().openDispute(new Requests.OpenDispute(null, DisputeType.INFERIOR_QUALITY,
                    TestLedger.GTIN, disputedLot, packed.serials(), null, "worm holes", List.of()));
            OnlineVerification check = ledger.buyer.participant().verifyLabel(disputed.uri());
            assertThat(check.status()).isEqualTo(LiveStatus.UNDER_DISPUTE);
            assertThat(check.label()).isEqualTo(disputed);
        }

        @Test
        void scans_in_implausible_places_raise_a_clone_warning() {
            SignedLabel label = label(5);
            ScanPlace beijing = new ScanPlace("110105", new GeoPoint(39_900_000L, 116_400_000L));
            ScanPlace urumqi = new ScanPlace("650102", new GeoPoint(43_800_000L, 87_600_000L));
            OnlineVerification first = ledger.buyer.participant().verifyLabel(label.uri(), beijing);
            assertThat(first.scan().scanCount()).isEqualTo(1L);
            assertThat(first.cloneSuspected()).isFalse();
            OnlineVerification second = ledger.buyer.participant().verifyLabel(label.uri(), urumqi);
            assertThat(second.cloneSuspected()).isTrue();
            assertThat(second.warnings()).anyMatch(warning -> warning.startsWith("clone suspected"));
            assertThat(second.status()).isEqualTo(LiveStatus.GENUINE);
        }
    }

    static LabelVerdict rejected(LabelRejection reason, String uri) {
        LabelVerdict verdict = verifier.verify(uri);
        return verdict instanceof LabelVerdict.Rejected r && r.reason() == reason ? verdict : null;
    }

    static LabelRejection reason(LabelVerdict verdict) {
        return verdict instanceof LabelVerdict.Rejected rejected ? rejected.reason() : null;
    }
}
