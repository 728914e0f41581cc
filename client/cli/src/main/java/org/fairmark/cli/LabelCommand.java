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

/** {@code fairmark label print} and {@code fairmark label key register|revoke|list}. */
@Command(name = "label", description = "Package labels and label keys. 标签与标签密钥。",
        subcommands = {LabelCommand.Print.class, LabelCommand.Key.class})
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
                LabelSheet.Result sheet = Labels.writePdf(file, labels, client.participant().batch(key.gtin, key.lot).batch().product());
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
            out().say("labelkey.registered", key.keyId(), key.ownerOrg(), saved);
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
                out().line(String.format("%s  %-12s %-8s %s", key.keyId(), key.ownerOrg(),
                        Boolean.TRUE.equals(key.revoked()) ? "REVOKED" : "active", held.contains(key.keyId()) ? "*" : ""));
            }
            out().json(json);
            return 0;
        }
    }
}
