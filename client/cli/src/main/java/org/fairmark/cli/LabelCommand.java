package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkException;
import org.fairmark.client.LabelSheet;
import org.fairmark.client.LabelSigner;
import org.fairmark.client.SignedLabel;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.Page;
import org.fairmark.domain.model.Requests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fairmark label print|verify} and {@code fairmark label key register|revoke|list}. */
@Command(name = "label", description = "Package labels and label keys. 标签与标签密钥。",
        subcommands = {LabelCommand.Print.class, LabelCommand.VerifyFile.class, LabelCommand.Key.class})
final class LabelCommand extends GroupCommand {

    @Command(name = "print", description = {
        "Sign and print the labels of packed packages. 打印标签（PDF 或 PNG 二维码）。",
        "%nThe labels are signed with this station's label keys and written as an A4 PDF sheet (--pdf) and/or one"
            + " QR code PNG per package (--png); each label URI is printed.",
        "%nExample:",
        "  fairmark label print 06901234567892 QX-2024-001 --pdf labels.pdf"})
    static final class Print extends FairmarkCommand {
        @Mixin
        BatchKeyMixin key;

        @Option(names = "--serial", paramLabel = "SERIAL", split = ",", description = "Only these packages (default all).")
        List<String> serials;

        @Option(names = "--pdf", paramLabel = "FILE", description = "Write an A4 label sheet.")
        Path pdf;

        @Option(names = "--png", paramLabel = "DIR", description = "Write one QR code PNG per package into DIR.")
        Path pngDirectory;

        @Option(names = "--size", paramLabel = "PIXELS", defaultValue = "400", description = "PNG size (default ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--resolver", paramLabel = "URL", description = "Label URI base (default " + Labels.DEFAULT_RESOLVER + ").")
        String resolver;

        @Override
        int execute() {
            FairmarkClient client = client(Role.PACKER);
            LabelKeyStore store = new LabelKeyStore(root().dataDirectory());
            List<SignedLabel> labels = Labels.sign(client, store, key.gtin, key.lot, serials, Labels.resolver(root(), resolver));
            ObjectNode json = CliJson.object();
            ArrayNode uris = json.putArray("labels");
            labels.forEach(label -> {
                ObjectNode entry = uris.addObject();
                entry.put("serial", label.claim().serial());
                entry.put("uri", label.uri());
            });
            labels.forEach(label -> out().line(label.claim().serial() + "  " + label.uri()));
            if (pdf != null) {
                Path file = root().context.workingDirectory().resolve(pdf);
                LabelSheet.Result sheet = Labels.writePdf(file, labels, client.participant().batch(key.gtin, key.lot).batch().product(), client.participant());
                json.put("pdf", file.toString());
                json.put("pages", sheet.pages());
                out().say("label.sheet", sheet.labels(), sheet.pages(), file);
                if (sheet.notice() != null) {
                    out().note(sheet.notice());
                }
            }
            if (pngDirectory != null) {
                Path directory = root().context.workingDirectory().resolve(pngDirectory);
                List<Path> files = Labels.writePngs(directory, labels, size);
                ArrayNode pngs = json.putArray("png");
                files.forEach(file -> pngs.add(file.toString()));
                out().say("label.pngs", files.size(), directory);
            }
            out().json(json);
            return 0;
        }
    }

    @Command(name = "verify", description = {
        "Verify a file of labels offline with a trust bundle, one label URI a line. 离线批量验证标签。",
        "%nEvery line is checked as 'fairmark verify URI --trust FILE' checks one label (blank lines and lines"
            + " starting with # are skipped); prints each label that is not genuine with its line number and"
            + " rejection, then a summary: labels, genuine, rejections by reason, labels per second and the"
            + " signature provider. Exit 0 when every label is genuine, 1 otherwise.",
        "%nExample:",
        "  fairmark label verify --file labels.txt --trust trust-bundle.json"})
    static final class VerifyFile extends FairmarkCommand {
        /** Rejected labels listed one by one (and in --json); the summary counts them all. */
        static final int LISTED = 100;

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "Label URIs, one a line (UTF-8).")
        Path file;

        @Option(names = "--trust", required = true, paramLabel = "FILE", description = "The trust bundle.")
        Path trust;

        @Option(names = "--trust-ca", paramLabel = "PEM", split = ",",
                description = "CA certificates trusted to issue the bundle's signer (default: the data directory's org CAs).")
        List<Path> trustCa;

        @Override
        int execute() throws Exception {
            Path labels = root().context.workingDirectory().resolve(file);
            if (!Files.isRegularFile(labels)) {
                throw new CliException(org.fairmark.domain.ErrorCode.INVALID_ARGUMENT, labels
                        + (Files.exists(labels) ? " is not a file" : " does not exist"));
            }
            org.fairmark.client.TrustBundle bundle = TrustFiles.read(root(), trust, trustCa);
            org.fairmark.client.LabelVerifier verifier = VerifyCommand.offlineVerifier(bundle);
            java.util.Map<String, Integer> rejections = new java.util.TreeMap<>();
            ArrayNode listed = CliJson.MAPPER.createArrayNode();
            int count = 0;
            int genuine = 0;
            int lineNumber = 0;
            long started = System.nanoTime();
            try (java.io.BufferedReader reader = Files.newBufferedReader(labels, java.nio.charset.StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNumber++;
                    String uri = line.strip();
                    if (uri.isEmpty() || uri.startsWith("#")) {
                        continue;
                    }
                    count++;
                    org.fairmark.client.LabelVerdict verdict = verifier.verify(uri);
                    if (verdict.isGenuine()) {
                        genuine++;
                        continue;
                    }
                    org.fairmark.client.LabelVerdict.Rejected rejected = (org.fairmark.client.LabelVerdict.Rejected) verdict;
                    rejections.merge(rejected.reason().name(), 1, Integer::sum);
                    if (listed.size() < LISTED) {
                        ObjectNode entry = listed.addObject();
                        entry.put("line", lineNumber);
                        entry.put("rejection", rejected.reason().name());
                        entry.put("detail", rejected.detail());
                        out().line("line " + lineNumber + ": " + rejected.reason().name() + ": " + rejected.detail());
                    }
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new CliException(org.fairmark.domain.ErrorCode.INVALID_ARGUMENT, labels + " line " + (lineNumber + 1)
                        + " is not UTF-8 text");
            } catch (java.io.IOException e) {
                throw new CliException(org.fairmark.domain.ErrorCode.INVALID_ARGUMENT, "cannot read " + labels + ": "
                        + e.getMessage(), e);
            }
            if (count == 0) {
                throw new CliException(org.fairmark.domain.ErrorCode.INVALID_ARGUMENT, labels + " holds no label URI");
            }
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            String provider = CryptoInfo.summary(verifier.cryptoProvider());
            ObjectNode json = CliJson.object();
            json.put("mode", "offline");
            json.put("labels", count);
            json.put("genuine", genuine);
            json.put("rejected", count - genuine);
            ObjectNode byReason = json.putObject("rejections");
            rejections.forEach(byReason::put);
            json.set("notGenuine", listed);
            json.put("seconds", seconds);
            json.put("labelsPerSecond", Math.round(count / seconds));
            json.put("provider", provider);
            out().json(json);
            StringBuilder summary = new StringBuilder()
                    .append(count).append(count == 1 ? " label: " : " labels: ").append(genuine).append(" genuine, ")
                    .append(count - genuine).append(" rejected");
            if (!rejections.isEmpty()) {
                summary.append(" (");
                rejections.forEach((reason, n) -> summary.append(reason).append(' ').append(n).append(", "));
                summary.setLength(summary.length() - 2);
                summary.append(')');
            }
            summary.append(String.format(java.util.Locale.ROOT, "; %.3f s, %d labels/s, %s", seconds,
                    Math.round(count / seconds), provider));
            out().line(summary.toString());
            return genuine == count ? 0 : Fairmark.EXIT_NEGATIVE;
        }
    }

    @Command(name = "key", description = "Label keys: register, revoke, list. 标签密钥。",
            subcommands = {Register.class, Revoke.class, ListKeys.class})
    static final class Key extends GroupCommand {}

    @Command(name = "register", description = {
        "Generate and register a label key (packer). 生成并登记标签密钥。",
        "%nA P-256 key (or --key-file): its private half stays in <data-dir>/label-keys, its public half is"
            + " registered on the ledger."})
    static final class Register extends FairmarkCommand {
        @Option(names = "--key-file", paramLabel = "FILE",
                description = "An existing key written by this tool (PRIVATE KEY and PUBLIC KEY PEM blocks).")
        Path keyFile;

        @Mixin
        WriteOptions write;

        @Override
        int execute() throws Exception {
            LabelSigner signer = keyFile == null ? LabelSigner.generate()
                    : LabelKeyStore.read(root().context.workingDirectory().resolve(keyFile));
            LabelKeyStore store = new LabelKeyStore(root().dataDirectory());
            // the private half becomes a key of this station only once the ledger accepted its public half
            Path pending = store.holds(signer.keyId()) ? null : store.savePending(signer);
            LabelKey key;
            try {
                key = client(Role.PACKER).packer()
                        .registerLabelKey(new Requests.RegisterLabelKey(write.requestId, signer.publicKeyBase64()));
            } catch (FairmarkException e) {
                if (pending != null && e.isUnavailable()) {
                    throw new CliException(e.code(), e.detail() + "; the outcome is unknown, so the private key is kept in "
                            + pending + ": run 'fairmark label key register --key-file " + pending + "' again", e);
                }
                discard(store, pending);
                throw e;
            } catch (RuntimeException e) {
                discard(store, pending);
                throw e;
            }
            Path saved = pending != null ? store.keep(pending) : store.file(signer.keyId());
            Files.setLastModifiedTime(saved, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            ObjectNode json = (ObjectNode) CliJson.tree(key);
            json.put("privateKeyFile", saved.toString());
            out().json(json);
            out().say("labelkey.registered", key.keyId(), out().org(key.ownerOrg()), saved);
            return 0;
        }

        private static void discard(LabelKeyStore store, Path pending) {
            if (pending != null) {
                store.discard(pending);
            }
        }
    }

    @Command(name = "revoke", description = "Revoke a label key of your organization: its labels stop verifying. 吊销标签密钥。")
    static final class Revoke extends FairmarkCommand {
        @Parameters(paramLabel = "KEY_ID")
        String keyId;

        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        @Mixin
        WriteOptions write;

        @Override
        int execute() {
            LabelKey key = client(Role.PACKER).packer()
                    .revokeLabelKey(new Requests.RevokeLabelKey(write.requestId, keyId, reason));
            out().json(key);
            out().say("labelkey.revoked", key.keyId(), key.revokedAt());
            return 0;
        }
    }

    @Command(name = "list", description = "Every label key on the ledger, and whether this station holds it. 列出标签密钥。")
    static final class ListKeys extends FairmarkCommand {
        @Override
        int execute() {
            FairmarkClient client = client(null);
            LabelKeyStore store = new LabelKeyStore(root().dataDirectory());
            List<String> held = store.keyIds();
            List<LabelKey> keys = new ArrayList<>();
            String bookmark = null;
            do {
                Page<LabelKey> page = client.participant().labelKeys(1000L, bookmark);
                keys.addAll(page.records());
                bookmark = page.bookmark();
            } while (bookmark != null && !bookmark.isEmpty());
            ArrayNode json = CliJson.MAPPER.createArrayNode();
            for (LabelKey key : keys) {
                ObjectNode entry = (ObjectNode) CliJson.tree(key);
                entry.put("heldHere", held.contains(key.keyId()));
                json.add(entry);
                out().line(String.format("%s  %-12s %-8s %s", key.keyId(), out().org(key.ownerOrg()),
                        Boolean.TRUE.equals(key.revoked()) ? "REVOKED" : "active", held.contains(key.keyId()) ? "*" : ""));
            }
            out().json(json);
            return 0;
        }
    }
}
