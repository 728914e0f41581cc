package org.fairmark.client;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairmark.domain.model.LabelKey;

/**
 * Verifies labels offline, with a {@link TrustBundle} and no network: reads the label, finds its key in the bundle,
 * refuses revoked keys, keys of organizations the bundle does not list and keys whose organization the bundle does
 * not bind to the label's GTIN (its GS1 company prefix), and checks the ES256 signature over the canonical claim. Every rejection carries a {@link LabelRejection}.
 *
 * <pre>{@code
 * LabelVerifier verifier = LabelVerifier.builder(bundle).build();
 * LabelVerdict verdict = verifier.verify("https://id.fairmark.cn/01/06901234567892/10/QX-2024-001/21/P0001?13=...");
 * if (verdict instanceof LabelVerdict.Rejected rejected) {
 *     System.out.println("not genuine: " + rejected.reason());
 * }
 * }</pre>
 *
 * <p>Public keys are decoded once when the verifier is built, so a verification costs one parse and one ECDSA check.
 * Instances are thread-safe.
 */
public final class LabelVerifier {
    private final TrustBundle bundle;
    private final CryptoProvider crypto;
    private final Clock clock;
    private final Map<String, PublicKey> publicKeys;

    private LabelVerifier(Builder builder) {
        this.bundle = builder.bundle;
        this.crypto = builder.crypto != null ? builder.crypto : CryptoProvider.fastest();
        this.clock = builder.clock;
        Map<String, PublicKey> keys = new HashMap<>();
        for (LabelKey key : bundle.labelKeys()) {
            try {
                keys.put(key.keyId(), crypto.publicKey(Base64.getDecoder().decode(key.publicKey())));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // a key that cannot be decoded verifies nothing; its labels are rejected as BAD_SIGNATURE
            }
        }
        this.publicKeys = Map.copyOf(keys);
    }

    /** A builder for a verifier of {@code bundle}. */
    public static Builder builder(TrustBundle bundle) {
        return new Builder(bundle);
    }

    /** The bundle this verifier trusts. */
    public TrustBundle bundle() {
        return bundle;
    }

    /** The provider that checks signatures. */
    public CryptoProvider cryptoProvider() {
        return crypto;
    }

    /** Verifies the text of a label's QR code. Never throws for bad input: it is a {@link LabelVerdict.Rejected}. */
    public LabelVerdict verify(String labelUri) {
        SignedLabel label;
        try {
            label = SignedLabel.parse(labelUri);
        } catch (LabelFormatException e) {
            return new LabelVerdict.Rejected(e.reason(), e.detail(), null);
        } catch (FairmarkException e) {
            return new LabelVerdict.Rejected(LabelRejection.MALFORMED, e.detail(), null);
        }
        return verify(label);
    }

    /**
     * Verifies the QR code in a PNG (or other image {@code javax.imageio} reads).
     *
     * @throws LabelFormatException when the bytes are not an image or hold no readable QR code
     */
    public LabelVerdict verifyImage(byte[] image) {
        return verify(QrCodes.decode(image));
    }

    /** Verifies a label already read. */
    public LabelVerdict verify(SignedLabel label) {
        Objects.requireNonNull(label, "label == null");
        if (!bundle.isValidAt(clock.instant())) {
            return new LabelVerdict.Rejected(LabelRejection.BUNDLE_EXPIRED,
                    "the trust bundle is valid from " + bundle.issuedAt() + " until " + bundle.validUntil(), label);
        }
        String keyId = label.claim().keyId();
        LabelKey key = bundle.labelKey(keyId).orElse(null);
        if (key == null) {
            return new LabelVerdict.Rejected(LabelRejection.UNKNOWN_KEY, "no label key " + keyId + " in the trust bundle", label);
        }
        if (Boolean.TRUE.equals(key.revoked())) {
            return new LabelVerdict.Rejected(LabelRejection.KEY_REVOKED,
                    "label key " + keyId + " of " + key.ownerOrg() + " was revoked at " + key.revokedAt(), label);
        }
        if (!bundle.organizations().isEmpty() && !bundle.organizations().containsKey(key.ownerOrg())) {
            return new LabelVerdict.Rejected(LabelRejection.UNTRUSTED_ORGANIZATION,
                    "label key " + keyId + " belongs to " + key.ownerOrg() + ", which the trust bundle does not list", label);
        }
        if (!bundle.mayLabel(key.ownerOrg(), label.claim().gtin())) {
            List<String> prefixes = bundle.gtinPrefixes().getOrDefault(key.ownerOrg(), List.of());
            return new LabelVerdict.Rejected(LabelRejection.KEY_NOT_BOUND_TO_GTIN, "label key " + keyId + " belongs to "
                    + key.ownerOrg() + ", which the trust bundle does not bind to GTIN " + label.claim().gtin() + " ("
                    + key.ownerOrg() + " may label " + (prefixes.isEmpty() ? "no GS1 company prefix"
                    : "company prefixes " + String.join(", ", prefixes)) + ")", label);
        }
        PublicKey publicKey = publicKeys.get(keyId);
        if (publicKey == null || !crypto.verify(publicKey, label.claim().canonicalBytes(), label.signatureBytes())) {
            return new LabelVerdict.Rejected(LabelRejection.BAD_SIGNATURE,
                    "the signature does not verify with label key " + keyId + ": the label was altered or forged", label);
        }
        return new LabelVerdict.Genuine(label, key);
    }

    /** Settings of a {@link LabelVerifier}. */
    public static final class Builder {
        private final TrustBundle bundle;
        private CryptoProvider crypto;
        private Clock clock = Clock.systemUTC();

        private Builder(TrustBundle bundle) {
            this.bundle = Objects.requireNonNull(bundle, "bundle == null");
        }

        /** The provider that checks signatures; default {@link CryptoProvider#fastest()}. */
        public Builder cryptoProvider(CryptoProvider crypto) {
            this.crypto = Objects.requireNonNull(crypto, "crypto == null");
            return this;
        }

        /** The clock the bundle's validity is checked against; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** The verifier. */
        public LabelVerifier build() {
            return new LabelVerifier(this);
        }
    }
}
