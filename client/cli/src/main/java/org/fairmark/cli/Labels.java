package org.fairmark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.LabelClaim;
import org.fairmark.client.LabelSheet;
import org.fairmark.client.OrgDirectory;
import org.fairmark.client.Participant;
import org.fairmark.client.LabelSigner;
import org.fairmark.client.QrCodes;
import org.fairmark.client.SignedLabel;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.BatchStatus;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.PackageRecord;

/** Signing labels of packed packages with the station's label keys, and writing them as a PDF sheet or PNG files. */
final class Labels {
    /** The label URI base unless {@code --resolver} or {@code $FAIRMARK_RESOLVER} says otherwise. */
    static final String DEFAULT_RESOLVER = "https://id.fairmark.cn";

    private Labels() {}

    /**
     * Signs the labels of {@code serials} of a batch (every package when empty) with the private keys this station
     * holds for the packages' label keys. Checks the ledger first: a recalled batch, or a package whose label key is
     * revoked, gets no label at all.
     *
     * @throws CliException {@link ErrorCode#BATCH_RECALLED}, {@link ErrorCode#LABEL_KEY_REVOKED}
     */
    static List<SignedLabel> sign(FairmarkClient client, LabelKeyStore store, String gtin, String lot,
            List<String> serials, String resolver) {
        BatchView view = client.participant().batch(gtin, lot);
        if (view.status() == BatchStatus.RECALLED) {
            throw new CliException(ErrorCode.BATCH_RECALLED, "batch " + gtin + "/" + lot
                    + " is recalled: its packages may not be labelled");
        }
        Batch batch = view.batch();
        List<PackageRecord> packages = new ArrayList<>();
        if (serials == null || serials.isEmpty()) {
            packages.addAll(client.participant().allPackages(gtin, lot));
        } else {
            for (String serial : serials) {
                packages.add(client.participant().packageRecord(gtin, lot, serial));
            }
        }
        if (packages.isEmpty()) {
            throw new CliException(ErrorCode.PACKAGE_NOT_FOUND, "batch " + gtin + "/" + lot + " has no packages");
        }
        for (String keyId : packages.stream().map(PackageRecord::labelKeyId).distinct().toList()) {
            LabelKey key = client.participant().labelKey(keyId);
            if (Boolean.TRUE.equals(key.revoked())) {
                throw new CliException(ErrorCode.LABEL_KEY_REVOKED, "label key " + keyId + " of " + key.ownerOrg()
                        + " was revoked at " + key.revokedAt() + (key.revocationReason() == null ? ""
                        : " (" + key.revocationReason() + ")") + ": its labels would not verify; no label was signed");
            }
        }
        Map<String, LabelSigner> signers = new LinkedHashMap<>();
        List<SignedLabel> labels = new ArrayList<>();
        for (PackageRecord pkg : packages) {
            LabelSigner signer = signers.computeIfAbsent(pkg.labelKeyId(), store::load);
            labels.add(signer.sign(LabelClaim.of(pkg, batch), resolver));
        }
        return labels;
    }

    /**
     * Writes an A4 PDF sheet of {@code labels}, each naming its packer (the owner of its label key) by the packer's
     * profile; returns what the sheet holds.
     */
    static LabelSheet.Result writePdf(Path file, List<SignedLabel> labels, String product, Participant reader) {
        String[] names = splitProduct(product);
        OrgDirectory orgs = OrgDirectory.of(reader);
        Map<String, String> packerOf = new LinkedHashMap<>();
        LabelSheet.Builder sheet = LabelSheet.builder();
        for (SignedLabel label : labels) {
            String packer = packerOf.computeIfAbsent(label.claim().keyId(), keyId -> reader.labelKey(keyId).ownerOrg());
            sheet.add(label, names[0], names[1], orgs.name(packer, Locale.CHINESE), orgs.name(packer, Locale.ENGLISH));
        }
        createParent(file);
        return sheet.write(file);
    }

    /** Writes one PNG QR code per label into {@code directory}: {@code <gtin>-<lot>-<serial>.png}. */
    static List<Path> writePngs(Path directory, List<SignedLabel> labels, int sizePixels) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (SignedLabel label : labels) {
                Path file = directory.resolve(fileName(label.claim().gtin() + "-" + label.claim().lot() + "-"
                        + label.claim().serial()) + ".png");
                Files.write(file, QrCodes.png(label.uri(), sizePixels));
                files.add(file);
            }
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot write into " + directory + ": " + e.getMessage(), e);
        }
        return files;
    }

    /** A product name split into its Chinese and its other part: {@code 板栗 chestnut} → {@code 板栗}, {@code chestnut}. */
    static String[] splitProduct(String product) {
        StringBuilder chinese = new StringBuilder();
        StringBuilder other = new StringBuilder();
        product.codePoints().forEach(codePoint -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
            if (script == Character.UnicodeScript.HAN) {
                chinese.appendCodePoint(codePoint);
            } else if (script != Character.UnicodeScript.COMMON || chinese.length() == 0 || other.length() > 0) {
                other.appendCodePoint(codePoint);
            }
        });
        String english = other.toString().strip();
        return new String[] {chinese.toString().strip(), english.isEmpty() ? product : english};
    }

    private static String fileName(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void createParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot create " + parent + ": " + e.getMessage(), e);
        }
    }

    /** The resolver of {@code --resolver}, else {@code $FAIRMARK_RESOLVER}, else {@link #DEFAULT_RESOLVER}. */
    static String resolver(RootCommand root, String option) {
        if (option != null) {
            return option;
        }
        String fromEnvironment = root.context.environment().get("FAIRMARK_RESOLVER");
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : DEFAULT_RESOLVER;
    }
}
