package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fairmark.client.BadgeClaim;
import org.fairmark.client.IntegrityBadge;
import org.fairmark.client.TrustBundle;
import org.fairmark.domain.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fairmark badge}: a producer's signed integrity badge for shop listings, and its offline check. */
@Command(name = "badge", description = {
    "Sign a producer's integrity badge (SVG, or PNG with --png) for shop listings. 生成带签名的诚信徽章。",
    "%nThe badge shows the org's names, rating, latest inspection and short-weight findings, dated, with a QR code of"
        + " its public page; it is signed by the identity you act as (never the producer's own org) and valid for"
        + " --valid-hours (at most 72), in the language of --lang. 'fairmark badge verify' checks one offline.",
    "%nExamples:",
    "  fairmark badge CoopMSP --lang zh --out badge.svg",
    "  fairmark badge verify badge.svg --trust trust-bundle.json"},
        subcommands = BadgeCommand.Verify.class)
final class BadgeCommand extends FairmarkCommand {
    @Parameters(paramLabel = "ORG", arity = "0..1", description = "Producer organization (MSP id).")
    String org;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the SVG (default badge-ORG.svg).")
    Path outFile;

    @Option(names = "--png", description = "Write the signed PNG form instead of the SVG (default file badge-ORG.png).")
    boolean png;

    @Option(names = "--valid-hours", paramLabel = "HOURS", defaultValue = "24",
            description = "How long the badge verifies, 1..72 hours (default ${DEFAULT-VALUE}).")
    int validHours;

    @Option(names = "--page-url", paramLabel = "URL",
            description = "The org's public page for the QR code (default RESOLVER/o/ORG, see 'fairmark label --resolver').")
    String pageUrl;

    @Override
    int execute() throws IOException {
        if (org == null) {
            throw new UsageException("give the producer organization, e.g. 'fairmark badge CoopMSP', or 'fairmark badge verify FILE'");
        }
        if (validHours < 1 || validHours > 72) {
            throw new UsageException("--valid-hours must be 1..72");
        }
        String page = pageUrl != null ? pageUrl : Labels.resolver(root(), null) + "/o/" + org;
        String lang = out().language() == Language.ZH ? "zh" : "en";
        IntegrityBadge badge = IntegrityBadge.issue(client(null), org, lang, page, Duration.ofHours(validHours));
        Path file = root().context.workingDirectory().resolve(outFile != null ? outFile : Path.of("badge-" + org + (png ? ".png" : ".svg")));
        Files.write(file, png ? badge.png() : badge.bytes());
        ObjectNode json = CliJson.object();
        json.put("file", file.toString());
        json.put("bytes", png ? badge.png().length : badge.bytes().length);
        json.set("claim", CliJson.tree(withoutCertificate(badge.claim())));
        out().json(json);
        out().say("badge.written", file, png ? badge.png().length : badge.bytes().length);
        BadgeCommand.show(out(), badge.claim());
        return 0;
    }

    @Command(name = "verify", description = {
        "Verify a badge (SVG or PNG) offline with a trust bundle. 离线验证诚信徽章。",
        "%nChecks the signature over the whole SVG, that the signer's certificate is issued by an org CA of the bundle"
            + " (and is not the badge's own org), and the validity window. A refusal is a coded error: BADGE_INVALID"
            + " (edited, forged, malformed), BADGE_UNTRUSTED (signer not vouched for), BADGE_EXPIRED (stale).",
        "%nExample:",
        "  fairmark badge verify badge.svg --trust trust-bundle.json"})
    static final class Verify extends FairmarkCommand {
        @Parameters(paramLabel = "FILE", description = "The badge, SVG or PNG.")
        Path file;

        @Option(names = "--trust", paramLabel = "FILE", required = true, description = "Trust bundle ('fairmark trust export').")
        Path trust;

        @Option(names = "--trust-ca", paramLabel = "PEM", split = ",",
                description = "CA certificates trusted to issue the bundle's signer (default: the data directory's org CAs).")
        List<Path> trustCa;

        @Option(names = "--signer-org", paramLabel = "MSP", split = ",",
                description = "Accept only badges signed by these organizations (default: any org of the bundle but the badge's).")
        List<String> signerOrgs;

        @Override
        int execute() throws IOException {
            Path path = root().context.workingDirectory().resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "no badge file " + path);
            }
            if (Files.size(path) > IntegrityBadge.MAX_PNG_BYTES) {
                throw new CliException(ErrorCode.BADGE_INVALID, path + " has " + Files.size(path) + " bytes; a badge has at most "
                        + IntegrityBadge.MAX_BYTES + " (SVG) or " + IntegrityBadge.MAX_PNG_BYTES + " (PNG)");
            }
            TrustBundle bundle = TrustFiles.read(root(), trust, trustCa);
            BadgeClaim claim = IntegrityBadge.verify(Files.readAllBytes(path), bundle, Instant.now(),
                    signerOrgs == null ? List.of() : signerOrgs);
            ObjectNode json = CliJson.object();
            json.put("valid", true);
            json.set("claim", CliJson.tree(withoutCertificate(claim)));
            out().json(json);
            out().say("badge.valid", claim.signerName(), claim.signerOrg(), claim.validUntil());
            BadgeCommand.show(out(), claim);
            return 0;
        }
    }

    static BadgeClaim withoutCertificate(BadgeClaim c) {
        return new BadgeClaim(c.format(), c.org(), c.nameZh(), c.nameEn(), c.rating(), c.inspectionGrade(),
                c.inspectionVerdict(), c.inspectedAt(), c.packagesWeighed(), c.t1Findings(), c.t2Findings(),
                c.disputesUpheld(), c.recalls(), c.lang(), c.pageUrl(), c.issuedAt(), c.validUntil(), c.signerOrg(),
                c.signerName(), null);
    }

    static void show(Output out, BadgeClaim claim) {
        out.say("badge.claim", claim.nameZh(), claim.nameEn(), claim.org(), claim.rating(),
                claim.inspectionGrade() == null ? "-" : claim.inspectionGrade() + " " + claim.inspectionVerdict(),
                claim.t1Findings(), claim.t2Findings(), claim.disputesUpheld(), claim.issuedAt(), claim.validUntil());
    }
}
