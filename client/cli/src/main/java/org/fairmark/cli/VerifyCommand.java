package org.fairmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.fairmark.client.CryptoProvider;
import org.fairmark.client.LabelFormatException;
import org.fairmark.client.LabelRejection;
import org.fairmark.client.LabelVerdict;
import org.fairmark.client.LabelVerifier;
import org.fairmark.client.LiveStatus;
import org.fairmark.client.OnlineVerification;
import org.fairmark.client.ScanPlace;
import org.fairmark.client.SignedLabel;
import org.fairmark.client.TrustBundle;
import org.fairmark.domain.model.GeoPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fairmark verify}: checks a label offline with a trust bundle, or online against the ledger. */
@Command(name = "verify", description = {
    "Verify a label, offline or online. 验证标签（离线或在线）。",
    "%nLABEL is the label's URI or a photo/PNG of its QR code. With --trust: offline, the signature is checked"
        + " against a trust bundle ('fairmark trust export') without a network. Without: online, the ledger adds"
        + " the package record and its live status (recalled, under dispute, clone suspicion). Exit 0 when GENUINE,"
        + " 1 otherwise.",
    "%nExamples:",
    "  fairmark verify 'https://id.fairmark.cn/01/06901234567892/10/QX-2024-001/21/P0001?...'",
    "  fairmark verify label.png --trust trust-bundle.json"})
final class VerifyCommand extends FairmarkCommand {
    @Parameters(paramLabel = "LABEL", description = "Label URI, or an image file of its QR code.")
    String label;

    @Option(names = "--trust", paramLabel = "FILE", description = "Verify offline with this trust bundle.")
    Path trust;

    @Option(names = "--trust-ca", paramLabel = "PEM", split = ",",
            description = "CA certificates trusted to issue the bundle's signer (default: the data directory's org CAs).")
    List<Path> trustCa;

    @Option(names = "--record", description = "Online: record the scan (with --county or --lat/--lon) for the clone check.")
    boolean record;

    @Option(names = "--county", paramLabel = "CODE", description = "County where the label was scanned.")
    String county;

    @Option(names = "--lat", paramLabel = "DEGREES")
    String latitude;

    @Option(names = "--lon", paramLabel = "DEGREES")
    String longitude;

    @Override
    int execute() {
        String text = LabelInput.text(root().context.workingDirectory(), label);
        return trust != null ? offline(text) : online(text);
    }

    /**
     * The verifier of {@code fairmark verify --trust}: on the fastest provider (Conscrypt, else Bouncy Castle), chosen
     * by a fixed order and a self-test of a few milliseconds, never by a measurement at start.
     */
    static LabelVerifier offlineVerifier(TrustBundle bundle) {
        return LabelVerifier.builder(bundle).cryptoProvider(CryptoProvider.fastest()).build();
    }

    private int offline(String text) {
        if (record) {
            throw new UsageException("--record needs the ledger; it does not go with --trust");
        }
        TrustBundle bundle = TrustFiles.read(root(), trust, trustCa);
        LabelVerdict verdict = offlineVerifier(bundle).verify(text);
        ObjectNode json = CliJson.object();
        json.put("mode", "offline");
        json.put("genuine", verdict.isGenuine());
        SignedLabel read;
        if (verdict instanceof LabelVerdict.Genuine genuine) {
            json.put("status", LiveStatus.GENUINE.name());
            json.put("detail", "the signature verifies with label key " + genuine.key().keyId() + " of "
                    + genuine.key().ownerOrg());
            json.put("keyOwner", genuine.key().ownerOrg());
            read = genuine.label();
        } else {
            LabelVerdict.Rejected rejected = (LabelVerdict.Rejected) verdict;
            boolean unreadable = rejected.reason() == LabelRejection.MALFORMED
                    || rejected.reason() == LabelRejection.TRUNCATED
                    || rejected.reason() == LabelRejection.BUNDLE_EXPIRED;
            json.put("status", (unreadable ? LiveStatus.UNKNOWN : LiveStatus.FORGED).name());
            json.put("rejection", rejected.reason().name());
            json.put("detail", rejected.detail());
            read = rejected.label();
        }
        json.put("bundleIssuedAt", bundle.issuedAt().toString());
        json.put("bundleValidUntil", bundle.validUntil().toString());
        if (read != null) {
            json.set("label", LabelInput.json(read));
        }
        return report(json, read, List.of());
    }

    private int online(String text) {
        if (trustCa != null) {
            throw new UsageException("--trust-ca goes with --trust");
        }
        ScanPlace place = null;
        if (record) {
            GeoPoint point = null;
            if ((latitude == null) != (longitude == null)) {
                throw new UsageException("--lat and --lon go together");
            }
            if (latitude != null) {
                point = new GeoPoint(Quantities.microdegrees(latitude, 90, "--lat"),
                        Quantities.microdegrees(longitude, 180, "--lon"));
            }
            if (county == null && point == null) {
                throw new UsageException("--record needs --county or --lat/--lon");
            }
            place = new ScanPlace(county, point);
        } else if (county != null || latitude != null || longitude != null) {
            throw new UsageException("--county, --lat and --lon go with --record");
        }
        OnlineVerification check;
        try {
            // without --record the check only reads: on a stopped network it reads the ledger files
            var participant = (place == null ? readClient(null) : client(null)).participant();
            check = place == null ? participant.verifyLabel(text) : participant.verifyLabel(text, place);
        } catch (LabelFormatException e) {
            check = new OnlineVerification(LiveStatus.UNKNOWN, e.reason(), e.detail(), null, null, null, List.of());
        }
        ObjectNode json = CliJson.object();
        json.put("mode", "online");
        json.put("genuine", check.isGenuine());
        json.put("status", check.status().name());
        if (check.rejection() != null) {
            json.put("rejection", check.rejection().name());
        }
        json.put("detail", check.detail());
        json.put("cloneSuspected", check.cloneSuspected());
        ArrayNode warnings = json.putArray("warnings");
        check.warnings().forEach(warnings::add);
        if (check.label() != null) {
            json.set("label", LabelInput.json(check.label()));
        }
        if (check.trace() != null) {
            json.set("trace", CliJson.tree(check.trace()));
        }
        if (check.scan() != null) {
            json.set("scan", CliJson.tree(check.scan()));
        }
        return report(json, check.label(), check.warnings());
    }

    private int report(ObjectNode json, SignedLabel read, List<String> warnings) {
        out().json(json);
        String status = json.get("status").asText();
        out().say("verify.status." + status);
        if (read != null) {
            out().say("verify.label", read.claim().gtin(), read.claim().lot(), read.claim().serial(), read.claim().grade(),
                    Quantities.formatGrams(read.claim().netMassGrams()), read.claim().packingDate(),
                    Output.county(read.claim().countyCode()));
        }
        JsonNode trace = json.get("trace");
        if (trace != null && trace.at("/batch/batch/producerOrg").isTextual()) {
            JsonNode packer = trace.at("/pkg/packerOrg");
            out().say("verify.parties", out().org(trace.at("/batch/batch/producerOrg").asText()),
                    packer.isTextual() ? out().org(packer.asText()) : "-");
        }
        out().line("  " + json.get("detail").asText());
        warnings.forEach(warning -> out().line("  ! " + warning));
        return json.get("genuine").asBoolean() ? 0 : Fairmark.EXIT_NEGATIVE;
    }
}
