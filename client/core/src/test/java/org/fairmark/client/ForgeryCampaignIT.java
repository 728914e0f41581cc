package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Roster;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.Requests;
import org.fairmark.testkit.Campaign;
import org.fairmark.testkit.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forgery campaign of {@code docs/reliability.md}: mutated, truncated, re-encoded and re-signed labels and trust
 * bundles, and labels under revoked keys, keys of another org and keys of non-packers. A label is <em>accepted</em>
 * when a verifier calls it genuine although its claim was never signed by a live label key of the claim's org; a
 * bundle is accepted when it reads although its content differs from the one the trusted issuer signed. Both must stay
 * 0, offline and online; every refusal must be coded. Quick slice by default, {@code -Dreliability.cases=100000} for
 * the campaign ({@code reliability/hostile.sh}).
 */
class ForgeryCampaignIT {
    static final Map<String, List<String>> PREFIXES = Map.of("CoopMSP", List.of("6901234"));
    static final int QUICK = 200;

    /** How many cases of each label class also go online (each reads the ledger): {@code -Dreliability.online.cases}. */
    static int onlineCases(int cases) {
        return Math.min(cases, Integer.getInteger("reliability.online.cases", cases));
    }

    @TempDir
    static Path dataDir;

    static TestLedger ledger;
    static LabelSigner signer;
    static LabelSigner revokedSigner;
    static LabelSigner otherOrgSigner;
    static LabelSigner nonPackerSigner;
    static final LabelSigner attacker = LabelSigner.generate();
    static List<SignedLabel> genuine;
    static SignedLabel revokedLabel;
    static final Set<String> signedClaims = new HashSet<>();
    static List<X509Certificate> trustedIssuers;
    static TrustBundle bundle;
    static LabelVerifier verifier;
    static Identity untrustedIssuer;
    static Identity otherOrgIssuer;

    @BeforeAll
    static void start() throws Exception {
        ledger = new TestLedger(dataDir);
        signer = ledger.registeredSigner();
        revokedSigner = ledger.registeredSigner();
        String lot = ledger.certifiedBatch();
        genuine = ledger.packer.packer().signLabels(ledger.pack(lot, signer, 3, "G"), signer, TestLedger.RESOLVER);
        genuine.forEach(label -> signedClaims.add(claimKey(label)));
        String revokedLot = ledger.certifiedBatch();
        revokedLabel = ledger.packer.packer().signLabels(ledger.pack(revokedLot, revokedSigner, 1, "V"), revokedSigner,
                TestLedger.RESOLVER).get(0);
        ledger.packer.packer().revokeLabelKey(new Requests.RevokeLabelKey(null, revokedSigner.keyId(), "key stolen"));
        otherOrgSigner = LabelsIT.registerCarrierPackerKey(ledger, dataDir);
        nonPackerSigner = LabelSigner.generate();
        FairmarkException refused = org.assertj.core.api.Assertions.catchThrowableOfType(FairmarkException.class,
                () -> ledger.producer.packer().registerLabelKey(nonPackerSigner));
        assertThat(refused.code()).as("a producer cannot register a label key").isEqualTo(ErrorCode.ROLE_NOT_ALLOWED);

        Map<String, List<X509Certificate>> cas = TrustBundle.caCertificatesFrom(dataDir.resolve("orgs"));
        trustedIssuers = cas.get("BureauMSP");
        bundle = TrustBundle.export(ledger.auditor, cas, PREFIXES, Duration.ofDays(30));
        verifier = LabelVerifier.builder(TrustBundle.read(bundle.toJson(), trustedIssuers)).build();
        untrustedIssuer = CertificateAuthority.create("BureauMSP", "bureau.example").issue(Roster.AUDITOR,
                Map.of("fairmark.role", "auditor"));
        otherOrgIssuer = CertificateAuthority.load(dataDir.resolve("orgs").resolve("CoopMSP").resolve("ca"))
                .issue("auditor@coop-" + System.nanoTime(), Map.of("fairmark.role", "auditor"));
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    static String claimKey(SignedLabel label) {
        return HexFormat.of().formatHex(label.claim().canonicalBytes());
    }

    // ---- labels ---------------------------------------------------------------------------------------------------

    static SignedLabel someGenuine(Random random) {
        return genuine.get(random.nextInt(genuine.size()));
    }

    static String mutated(Random random) {
        String uri = someGenuine(random).uri();
        for (int i = random.nextInt(1, 5); i > 0; i--) {
            uri = Property.mutate(random, uri);
        }
        return uri;
    }

    static String truncated(Random random) {
        String uri = (random.nextInt(8) == 0 ? revokedLabel : someGenuine(random)).uri();
        return uri.substring(0, random.nextInt(uri.length()));
    }

    /** The same label written differently: escapes, case, order, duplicated or extra parameters, another base64. */
    static String reEncoded(Random random) {
        String uri = someGenuine(random).uri();
        int question = uri.indexOf('?');
        String path = uri.substring(0, question);
        List<String> parameters = new ArrayList<>(List.of(uri.substring(question + 1).split("&")));
        switch (random.nextInt(9)) {
            case 0 -> java.util.Collections.shuffle(parameters, random);
            case 1 -> parameters.add(parameters.get(random.nextInt(parameters.size())));
            case 2 -> parameters.add(random.nextInt(parameters.size() + 1), Property.from(random, "abcxyz0123", 1, 4) + "=1");
            case 3 -> {
                int at = random.nextInt(parameters.size());
                parameters.set(at, percentEncode(random, parameters.get(at)));
            }
            case 4 -> path = percentEncode(random, path);
            case 5 -> {
                int at = random.nextInt(parameters.size());
                parameters.set(at, parameters.get(at).toUpperCase(java.util.Locale.ROOT));
            }
            case 6 -> parameters.replaceAll(p -> p.startsWith("s=") ? "s=" + otherBase64(random, p.substring(2)) : p);
            case 7 -> parameters.replaceAll(p -> p.startsWith("3103=") ? "3103=" + (random.nextBoolean() ? "0" : "")
                    + p.substring(5) + (random.nextBoolean() ? "0" : "") : p);
            default -> path = path.replace("https://", random.nextBoolean() ? "http://" : "HTTPS://").replace("/01/",
                    random.nextBoolean() ? "//01/" : "/01/");
        }
        return path + "?" + String.join("&", parameters);
    }

    static String percentEncode(Random random, String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            boolean encode = c != '=' && random.nextInt(4) == 0;
            out.append(encode ? String.format(random.nextBoolean() ? "%%%02X" : "%%%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    static String otherBase64(Random random, String signature) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return signature + "=";
        }
        return switch (random.nextInt(3)) {
            case 0 -> Base64.getEncoder().encodeToString(bytes);
            case 1 -> Base64.getUrlEncoder().encodeToString(bytes);
            default -> Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(bytes, bytes.length
                    + random.nextInt(1, 3)));
        };
    }

    /** A claim changed the way a forger wants it, signed by a key that may not vouch for it. */
    static String reSigned(Random random) {
        LabelClaim c = someGenuine(random).claim();
        LabelClaim changed = switch (random.nextInt(7)) {
            case 0 -> new LabelClaim(c.gtin(), c.lot(), c.serial(), "SPECIAL", c.netMassGrams(), c.packingDate(), c.countyCode(), c.keyId());
            case 1 -> new LabelClaim(c.gtin(), c.lot(), c.serial(), c.grade(), c.netMassGrams() + random.nextInt(1, 1000),
                    c.packingDate(), c.countyCode(), c.keyId());
            case 2 -> new LabelClaim(c.gtin(), c.lot(), "C" + Property.digits(random, 5), c.grade(), c.netMassGrams(),
                    c.packingDate(), c.countyCode(), c.keyId());
            case 3 -> new LabelClaim(c.gtin(), TestLedger.newLot(), c.serial(), c.grade(), c.netMassGrams(), c.packingDate(),
                    c.countyCode(), c.keyId());
            case 4 -> new LabelClaim(c.gtin(), c.lot(), c.serial(), c.grade(), c.netMassGrams(), c.packingDate().plusDays(1),
                    c.countyCode(), c.keyId());
            case 5 -> new LabelClaim(c.gtin(), c.lot(), c.serial(), c.grade(), c.netMassGrams(), c.packingDate(), "110101", c.keyId());
            default -> c;
        };
        LabelSigner by = switch (random.nextInt(4)) {
            case 0 -> attacker;
            case 1 -> revokedSigner;
            case 2 -> otherOrgSigner;
            default -> nonPackerSigner;
        };
        // half claim the forging key's own id, half the genuine key's id (a signature by another key)
        String keyId = random.nextBoolean() ? by.keyId() : c.keyId();
        LabelClaim claimed = new LabelClaim(changed.gtin(), changed.lot(), changed.serial(), changed.grade(),
                changed.netMassGrams(), changed.packingDate(), changed.countyCode(), keyId);
        return signLoosely(by, claimed);
    }

    /** Labels of the revoked key, of another org's registered key and of a non-packer's key, for any claim. */
    static String wrongKey(Random random) {
        if (random.nextInt(4) == 0) {
            return revokedLabel.uri();
        }
        LabelClaim c = someGenuine(random).claim();
        LabelSigner by = List.of(revokedSigner, otherOrgSigner, nonPackerSigner).get(random.nextInt(3));
        return signLoosely(by, new LabelClaim(c.gtin(), c.lot(), c.serial(), c.grade(), c.netMassGrams(), c.packingDate(),
                c.countyCode(), by.keyId()));
    }

    /** {@link LabelSigner#sign} refuses a claim naming another key; a forger is not so polite: sign the claim as it is. */
    static String signLoosely(LabelSigner by, LabelClaim claim) {
        return new SignedLabel(claim, by.signRaw(claim.canonicalBytes()), TestLedger.RESOLVER).uri();
    }

    /** Runs one class offline and online; returns the campaign with its counts. */
    static Campaign labels(String name, Function<Random, String> generator) {
        Campaign campaign = Campaign.of("forgery." + name, QUICK);
        Campaign online = Campaign.of("forgery." + name + ".online", QUICK);
        int onlineEvery = Math.max(1, campaign.cases() / onlineCases(campaign.cases()));
        Random random = new Random(Long.getLong("fairmark.seed", 20_261_206L) ^ name.hashCode());
        for (int i = 0; i < campaign.cases(); i++) {
            String uri = generator.apply(random);
            campaign.ran();
            LabelVerdict offline = verifier.verify(uri);
            if (offline.isGenuine() && !signedClaims.contains(claimKey(((LabelVerdict.Genuine) offline).label()))) {
                campaign.accepted();
            }
            if (offline instanceof LabelVerdict.Rejected rejected && rejected.reason() == null) {
                campaign.uncoded();
            }
            if (i % onlineEvery == 0) {
                online.ran();
                verifyOnline(uri, online);
            }
        }
        System.out.println(online.report());
        assertThat(online.acceptedCount()).as(online.name() + " accepted").isZero();
        assertThat(online.uncodedCount()).as(online.name() + " uncoded").isZero();
        System.out.println(campaign.report());
        return campaign;
    }

    static void verifyOnline(String uri, Campaign campaign) {
        try {
            OnlineVerification verification = ledger.buyer.participant().verifyLabel(uri);
            if (verification.isGenuine() && !signedClaims.contains(claimKey(SignedLabel.parse(uri)))) {
                campaign.accepted();
            }
            if (!verification.isGenuine() && verification.rejection() == null) {
                campaign.uncoded();
            }
        } catch (FairmarkException e) {
            if (e.code() == null || e.code() == ErrorCode.INTERNAL_ERROR) {
                campaign.uncoded();
            }
        } catch (RuntimeException e) {
            campaign.uncoded();
            throw new AssertionError("online verification of " + uri + " threw " + e, e);
        }
    }

    static void assertClean(Campaign campaign) {
        assertThat(campaign.ranCount()).isEqualTo(campaign.cases());
        assertThat(campaign.acceptedCount()).as(campaign.name() + " accepted").isZero();
        assertThat(campaign.uncodedCount()).as(campaign.name() + " uncoded").isZero();
    }

    @Nested
    class Labels {
        @Test
        void the_genuine_labels_verify_offline_and_online() {
            for (SignedLabel label : genuine) {
                assertThat(verifier.verify(label.uri()).isGenuine()).isTrue();
                assertThat(ledger.buyer.participant().verifyLabel(label.uri()).isGenuine()).isTrue();
            }
            assertThat(((LabelVerdict.Rejected) verifier.verify(revokedLabel.uri())).reason()).isEqualTo(LabelRejection.KEY_REVOKED);
        }

        @Test
        void mutated_labels_are_never_accepted() {
            assertClean(labels("label.mutated", ForgeryCampaignIT::mutated));
        }

        @Test
        void truncated_labels_are_never_accepted() {
            assertClean(labels("label.truncated", ForgeryCampaignIT::truncated));
        }

        @Test
        void re_encoded_labels_are_never_accepted_for_another_claim() {
            assertClean(labels("label.re-encoded", ForgeryCampaignIT::reEncoded));
        }

        @Test
        void re_signed_labels_are_never_accepted() {
            assertClean(labels("label.re-signed", ForgeryCampaignIT::reSigned));
        }

        @Test
        void labels_under_revoked_other_org_and_non_packer_keys_are_never_accepted() {
            assertClean(labels("label.wrong-key", ForgeryCampaignIT::wrongKey));
        }
    }

    // ---- trust bundles --------------------------------------------------------------------------------------------

    /** What a bundle says, independent of how its JSON is written. */
    static String content(TrustBundle read) {
        StringBuilder out = new StringBuilder();
        out.append(read.issuedAt()).append('|').append(read.validUntil()).append('|').append(read.issuerMspId()).append('|')
                .append(read.channelName()).append('|').append(read.gtinPrefixes()).append('|');
        read.organizations().forEach((org, certificates) -> out.append(org).append(certificates.stream()
                .map(c -> c.getSerialNumber().toString()).toList()));
        read.labelKeys().forEach(key -> out.append(key));
        return out.toString();
    }

    private static final String MUTATIONS = "0123456789abcdefABCDEF\"{}[],:";

    static byte[] mutatedBundle(Random random) {
        byte[] json = bundle.toJson().clone();
        for (int i = random.nextInt(1, 4); i > 0; i--) {
            int at = random.nextInt(json.length);
            json[at] = switch (random.nextInt(3)) {
                case 0 -> (byte) (json[at] ^ (1 << random.nextInt(8)));
                case 1 -> (byte) random.nextInt(0x20, 0x7f);
                default -> (byte) MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
            };
        }
        return json;
    }

    static byte[] truncatedBundle(Random random) {
        byte[] json = bundle.toJson();
        return java.util.Arrays.copyOf(json, random.nextInt(json.length));
    }

    /** The same content written differently: whitespace, key order, escapes. */
    static byte[] reEncodedBundle(Random random) {
        String json = new String(bundle.toJson(), StandardCharsets.UTF_8);
        return switch (random.nextInt(3)) {
            case 0 -> json.replace(",", random.nextBoolean() ? ", " : ",\n").getBytes(StandardCharsets.UTF_8);
            case 1 -> {
                try {
                    yield Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(Json.MAPPER.readTree(json));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            default -> json.replaceFirst("\"format\":\"fairmark", "\"format\":\"\\\\u0066airmark").getBytes(StandardCharsets.UTF_8);
        };
    }

    /** The content changed the way a forger wants it and signed again by an issuer the reader does not trust. */
    static byte[] reSignedBundle(Random random) {
        try {
            ObjectNode envelope = (ObjectNode) Json.MAPPER.readTree(bundle.toJson());
            ObjectNode body = (ObjectNode) envelope.get("bundle");
            switch (random.nextInt(4)) {
                case 0 -> {
                    ObjectNode key = ((ArrayNode) body.get("labelKeys")).addObject();
                    key.put("keyId", attacker.keyId());
                    key.put("ownerOrg", "CoopMSP");
                    key.put("publicKey", attacker.publicKeyBase64());
                    key.put("revoked", false);
                }
                case 1 -> body.put("validUntil", "2099-01-01T00:00:00Z");
                case 2 -> body.get("labelKeys").forEach(key -> ((ObjectNode) key).put("revoked", false));
                default -> body.get("organizations").forEach(org -> ((ArrayNode) org.get("gtinPrefixes")).add("6901234"));
            }
            Identity by = random.nextBoolean() ? untrustedIssuer : otherOrgIssuer;
            if (random.nextInt(3) == 0) {
                // keep the genuine issuer's certificate, sign with another key
                envelope.put("signature", Base64.getEncoder().encodeToString(by.sign(Json.canonical(body))));
            } else {
                ObjectNode issuer = (ObjectNode) body.get("issuer");
                issuer.put("mspId", by.mspId());
                issuer.put("certificate", by.certificatePem());
                envelope.put("signature", Base64.getEncoder().encodeToString(by.sign(Json.canonical(body))));
            }
            return Json.canonical(envelope);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Campaign bundles(String name, Function<Random, byte[]> generator) {
        Campaign campaign = Campaign.of("forgery." + name, QUICK);
        Random random = new Random(Long.getLong("fairmark.seed", 20_261_206L) ^ name.hashCode());
        String original = content(TrustBundle.read(bundle.toJson(), trustedIssuers));
        for (int i = 0; i < campaign.cases(); i++) {
            byte[] json = generator.apply(random);
            campaign.ran();
            try {
                TrustBundle read = TrustBundle.read(json, trustedIssuers);
                if (!content(read).equals(original)) {
                    campaign.accepted();
                }
            } catch (FairmarkException e) {
                if (e.code() == null || e.code() == ErrorCode.INTERNAL_ERROR) {
                    campaign.uncoded();
                }
            } catch (RuntimeException e) {
                campaign.uncoded();
                throw new AssertionError("reading a bundle threw " + e + " for " + new String(json, StandardCharsets.UTF_8), e);
            }
        }
        System.out.println(campaign.report());
        return campaign;
    }

    @Nested
    class Bundles {
        @Test
        void mutated_bundles_are_never_accepted() {
            assertClean(bundles("bundle.mutated", ForgeryCampaignIT::mutatedBundle));
        }

        @Test
        void truncated_bundles_are_never_accepted() {
            assertClean(bundles("bundle.truncated", ForgeryCampaignIT::truncatedBundle));
        }

        @Test
        void re_encoded_bundles_read_with_the_same_content() {
            assertClean(bundles("bundle.re-encoded", ForgeryCampaignIT::reEncodedBundle));
        }

        @Test
        void re_signed_bundles_are_never_accepted() {
            assertClean(bundles("bundle.re-signed", ForgeryCampaignIT::reSignedBundle));
        }

        @Test
        void a_re_signed_bundle_is_refused_as_untrusted_with_its_code() {
            FairmarkException refused = org.assertj.core.api.Assertions.catchThrowableOfType(FairmarkException.class,
                    () -> TrustBundle.read(reSignedBundle(new Random(1)), trustedIssuers));
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
    }
}
