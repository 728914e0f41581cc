package org.fairmark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairmark.client.QrCodes;
import org.fairmark.client.SignedLabel;
import org.fairmark.domain.ErrorCode;

/** A label given on the command line: its URI, or an image file holding its QR code. */
final class LabelInput {
    private LabelInput() {}

    /** The label text: decoded from the image when {@code argument} names an existing file, else the argument. */
    static String text(Path workingDirectory, String argument) {
        if (argument.regionMatches(true, 0, "http://", 0, 7) || argument.regionMatches(true, 0, "https://", 0, 8)) {
            return argument;
        }
        Path file;
        try {
            file = workingDirectory.resolve(argument);
        } catch (java.nio.file.InvalidPathException e) {
            return argument;
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "'" + argument
                    + "' is neither a label URI (https://...) nor an image file");
        }
        try {
            if (Files.size(file) > 20L * 1024 * 1024) {
                throw new CliException(ErrorCode.PAYLOAD_TOO_LARGE, file + " is larger than 20 MiB");
            }
            return QrCodes.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The label as JSON fields for machine output. */
    static com.fasterxml.jackson.databind.node.ObjectNode json(SignedLabel label) {
        var node = CliJson.object();
        node.put("uri", label.uri());
        node.put("resolver", label.resolver());
        node.put("gtin", label.claim().gtin());
        node.put("lot", label.claim().lot());
        node.put("serial", label.claim().serial());
        node.put("grade", label.claim().grade());
        node.put("netMassGrams", label.claim().netMassGrams());
        node.put("packingDate", label.claim().packingDate().toString());
        node.put("countyCode", label.claim().countyCode());
        // the division's full name from the shipped GB/T 2260 table (no ledger read); the code when the table lacks it
        node.put("countyName", org.fairmark.domain.AdministrativeDivisions.table().displayName(label.claim().countyCode()));
        node.put("keyId", label.claim().keyId());
        return node;
    }
}
