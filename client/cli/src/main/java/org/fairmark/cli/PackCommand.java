package org.fairmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkException;
import org.fairmark.client.LabelSheet;
import org.fairmark.client.SignedLabel;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Limits;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.Requests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fairmark pack}: packs a certified batch into packages under the mass balance, optionally printing labels. */
@Command(name = "pack", description = {
    "Pack a certified batch into packages (packer). 装箱（包装方）。",
    "%nPackages come from --package, from --file (CSV with header serial,nominal,grade,sscc, or a JSON array of"
        + " {serial, nominalMassGrams, grade, sscc}) or from --count with --serial-prefix and --nominal. The ledger"
        + " keeps the mass balance: packed nominal mass never exceeds the declared mass less the loss allowance.",
    "%nExample:",
    "  fairmark pack 06901234567892 QX-2024-001 --count 20 --serial-prefix P \\",
    "      --nominal 500g --labels labels.pdf"})
final class PackCommand extends FairmarkCommand {
    @Mixin
    BatchKeyMixin key;

    @Option(names = "--package", paramLabel = "SERIAL:MASS[:GRADE[:SSCC]]",
            description = "A package, repeatable: P0001:500g:FIRST.")
    List<String> packageSpecs;

    @Option(names = "--file", paramLabel = "FILE", description = "Packages from a CSV or JSON file.")
    Path file;

    @Option(names = "--count", paramLabel = "N", description = "Generate N packages (with --serial-prefix, --nominal).")
    Integer count;

    @Option(names = "--serial-prefix", paramLabel = "TEXT", description = "Serials PREFIX0001, PREFIX0002, ...")
    String serialPrefix;

    @Option(names = "--first", paramLabel = "N", defaultValue = "1", description = "First generated number (default 1).")
    int first;

    @Option(names = "--nominal", paramLabel = "MASS", description = "Nominal net mass of generated packages, e.g. 500g.")
    String nominal;

    @Option(names = "--grade", paramLabel = "GRADE", description = "Grade of generated packages (default: certified).")
    String grade;

    @Option(names = "--packing-date", paramLabel = "DATE", description = "yyyy-MM-dd (default today, China time).")
    String packingDate;

    @Option(names = "--label-key", paramLabel = "KEY_ID", description = "Label key (default the newest held here).")
    String labelKey;

    @Option(names = "--labels", paramLabel = "FILE.pdf", description = "Also sign the labels and write a PDF sheet.")
    Path labelsPdf;

    @Option(names = "--resolver", paramLabel = "URL", description = "Label URI base (default " + Labels.DEFAULT_RESOLVER + ").")
    String resolver;

    @Mixin
    WriteOptions write;

    @Override
    int execute() {
        List<Requests.PackageSpec> packages = packages();
        if (packages.isEmpty()) {
            throw new UsageException("give packages with --package, --file or --count");
        }
        if (packages.size() > Limits.MAX_PACKAGES_PER_TRANSACTION) {
            throw new CliException(ErrorCode.TOO_MANY_PACKAGES, packages.size() + " packages; at most "
                    + Limits.MAX_PACKAGES_PER_TRANSACTION + " per packing run");
        }
        LabelKeyStore store = new LabelKeyStore(root().dataDirectory());
        FairmarkClient client = client(Role.PACKER);
        String keyId = labelKey != null ? labelKey : defaultKey(client, store);
        PackResult result = client.packer().pack(new Requests.Pack(write.requestId, key.gtin, key.lot,
                Quantities.date(packingDate), keyId, packages));
        ObjectNode json = CliJson.object();
        json.set("result", CliJson.tree(result));
        out().say("pack.packed", result.serials().size(), result.run().grade(),
                Quantities.formatGrams(result.run().nominalTotalGrams()), key.gtin, key.lot,
                Quantities.formatGrams(result.remainingGrams()));
        if (labelsPdf != null) {
            List<SignedLabel> labels = Labels.sign(client, store, key.gtin, key.lot, result.serials(),
                    Labels.resolver(root(), resolver));
            Path pdf = root().context.workingDirectory().resolve(labelsPdf);
            LabelSheet.Result sheet = Labels.writePdf(pdf, labels, client.participant().batch(key.gtin, key.lot).batch().product(), client.participant());
            json.put("labels", pdf.toString());
            json.put("labelPages", sheet.pages());
            out().say("label.sheet", sheet.labels(), sheet.pages(), pdf);
            if (sheet.notice() != null) {
                out().note(sheet.notice());
            }
        }
        out().json(json);
        return 0;
    }

    /** The newest label key held here that the ledger knows as the packer's organization's and not revoked. */
    static String defaultKey(FairmarkClient client, LabelKeyStore store) {
        for (String candidate : store.keyIds()) {
            try {
                LabelKey key = client.participant().labelKey(candidate);
                if (!Boolean.TRUE.equals(key.revoked()) && key.ownerOrg().equals(client.identity().mspId())) {
                    return candidate;
                }
            } catch (FairmarkException e) {
                if (e.code() != ErrorCode.LABEL_KEY_NOT_FOUND) {
                    throw e;
                }
            }
        }
        throw new CliException(ErrorCode.LABEL_KEY_NOT_FOUND, "no usable label key of " + client.identity().mspId()
                + " held in " + store.directory() + "; register one with 'fairmark label key register' or give --label-key");
    }

    private List<Requests.PackageSpec> packages() {
        List<Requests.PackageSpec> packages = new ArrayList<>();
        if (packageSpecs != null) {
            for (String spec : packageSpecs) {
                String[] parts = spec.split(":", -1);
                if (parts.length < 2 || parts.length > 4 || parts[0].isBlank()) {
                    throw new UsageException("--package wants SERIAL:MASS[:GRADE[:SSCC]], not '" + spec + "'");
                }
                packages.add(new Requests.PackageSpec(parts[0].strip(),
                        parts.length > 3 && !parts[3].isBlank() ? parts[3].strip() : null,
                        Quantities.grams(parts[1]), parts.length > 2 && !parts[2].isBlank() ? parts[2].strip() : null));
            }
        }
        if (file != null) {
            packages.addAll(readFile(root().context.workingDirectory().resolve(file)));
        }
        if (count != null) {
            if (serialPrefix == null || nominal == null) {
                throw new UsageException("--count needs --serial-prefix and --nominal");
            }
            if (count < 1 || count > Limits.MAX_PACKAGES_PER_TRANSACTION) {
                throw new CliException(ErrorCode.TOO_MANY_PACKAGES, "--count must be 1.." + Limits.MAX_PACKAGES_PER_TRANSACTION);
            }
            long grams = Quantities.grams(nominal);
            int width = Math.max(4, Integer.toString(first + count - 1).length());
            for (int i = 0; i < count; i++) {
                packages.add(new Requests.PackageSpec(serialPrefix + String.format(Locale.ROOT, "%0" + width + "d", first + i),
                        null, grams, grade));
            }
        } else if (serialPrefix != null || nominal != null) {
            throw new UsageException("--serial-prefix and --nominal go with --count");
        }
        return packages;
    }

    static List<Requests.PackageSpec> readFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, file + " does not exist");
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Requests.PackageSpec> packages = new ArrayList<>();
        if (text.stripLeading().startsWith("[") || text.stripLeading().startsWith("{")) {
            try {
                JsonNode tree = CanonicalJson.tree(text.getBytes(StandardCharsets.UTF_8));
                JsonNode array = tree.isArray() ? tree : tree.path("packages");
                if (!array.isArray()) {
                    throw new CliException(ErrorCode.MALFORMED_REQUEST, file + ": expected an array of packages");
                }
                for (JsonNode node : array) {
                    packages.add(CanonicalJson.read(node.toString(), Requests.PackageSpec.class));
                }
            } catch (DomainException e) {
                throw new CliException(e.code(), file.getFileName() + ": " + e.detail());
            }
            return packages;
        }
        Csv csv = Csv.parse(file, text);
        List<String> known = List.of("serial", "nominal", "grade", "sscc");
        List<String> unknown = csv.unknownColumns(known);
        if (!unknown.isEmpty()) {
            throw Csv.unknownColumnsError(file, unknown, known, "nothing was packed");
        }
        for (Csv.Row row : csv.rows()) {
            String serial = row.get("serial");
            String mass = row.get("nominal");
            if (serial == null || serial.isBlank() || mass == null || mass.isBlank()) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, file.getFileName() + " line " + row.line()
                        + ": serial and nominal are required");
            }
            try {
                packages.add(new Requests.PackageSpec(serial.strip(), blankToNull(row.get("sscc")), Quantities.grams(mass),
                        blankToNull(row.get("grade"))));
            } catch (CliException e) {
                throw new CliException(e.code(), file.getFileName() + " line " + row.line() + ": " + e.detail());
            }
        }
        return packages;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
