package org.fairmark.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.OrgOverview;
import org.fairmark.domain.model.OrgProfile;

/**
 * A producer's integrity badge for shop listings: a small SVG of its rating, latest inspection and short-weight findings,
 * dated, with a QR code of its public page, signed so that a shop cannot paste an edited or a stale badge.
 *
 * <p>Design (see {@code docs/en/web.md}, "Integrity badge"): the badge is signed by the identity of the node that serves
 * it, never by the producer: a producer (or its shop) holding the signing key could sign any rating it likes. The
 * signature is ECDSA P-256 with SHA-256 over every byte of the SVG before its final
 * {@code <desc id="fairmark-signature">} element, so no visible text, colour or date can change without breaking it; the
 * signer's certificate travels in the signed {@code <metadata>} and must be issued by the CA of an organization in the
 * verifier's trust bundle, other than the badge's own organization. The badge is valid for a short window (default 24
 * hours, at most 72), so an old good badge pasted after a bad ruling stops verifying once its window ends; within the
 * window the page behind the QR code shows the live record.
 *
 * <pre>{@code
 * IntegrityBadge badge = IntegrityBadge.issue(client, "CoopMSP", "zh", "https://id.fairmark.cn/o/CoopMSP", Duration.ofHours(24));
 * Files.writeString(Path.of("badge.svg"), badge.svg());
 * BadgeClaim claim = IntegrityBadge.verify(Files.readAllBytes(Path.of("badge.svg")), bundle, Instant.now(), List.of());
 * }</pre>
 */
public final class IntegrityBadge {
    /** The claim format. */
    public static final String FORMAT = "fairmark-badge/1";
    /** A badge has at most this many bytes. */
    public static final int MAX_BYTES = 8 * 1024;
    /** A PNG badge has at most this many bytes. */
    public static final int MAX_PNG_BYTES = 32 * 1024;
    /** The default validity window. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
    /** The longest validity window a badge may claim. */
    public static final Duration MAX_VALIDITY = Duration.ofHours(72);
    /** How far a verifier's clock may lag the signer's. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    static final String METADATA_START = "<metadata id=\"fairmark-badge\">";
    static final String METADATA_END = "</metadata>";
    static final String SIGNATURE_START = "<desc id=\"fairmark-signature\">";
    static final String SIGNATURE_END = "</desc></svg>";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.ofHours(8));
    private static final int NAME_LIMIT = 20;

    private final BadgeClaim claim;
    private final String svg;
    private final byte[] png;

    private IntegrityBadge(BadgeClaim claim, String svg, byte[] png) {
        this.claim = claim;
        this.svg = svg;
        this.png = png;
    }

    /** The signed claim. */
    public BadgeClaim claim() {
        return claim;
    }

    /** The signed SVG document. */
    public String svg() {
        return svg;
    }

    /**
     * The same badge as a signed PNG (360 × 148 pixels): the claim in an {@code iTXt} chunk before the image data, the
     * signature over every byte before it in an {@code iTXt} chunk just before {@code IEND}. Verified by {@link #verify}
     * like the SVG. Chinese text needs a CJK font on the signing machine (Debian: fonts-wqy-microhei).
     */
    public byte[] png() {
        return png;
    }

    /** The SVG as UTF-8 bytes, as served. */
    public byte[] bytes() {
        return svg.getBytes(UTF_8);
    }

    /**
     * Reads the producer's overview from the ledger and signs its badge with the client's identity.
     *
     * @param lang {@code zh} or {@code en}
     * @param pageUrl the org's public page (http or https), put in the QR code
     * @param validity 1 minute..72 hours
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} for a bad language, page URL or validity,
     *     {@link ErrorCode#BADGE_UNTRUSTED} when the client's identity belongs to {@code org} itself (its badge would not
     *     verify), or the ledger's code when the org cannot be read
     */
    public static IntegrityBadge issue(FairmarkClient client, String org, String lang, String pageUrl, Duration validity) {
        Objects.requireNonNull(client, "client == null");
        Objects.requireNonNull(org, "org == null");
        Objects.requireNonNull(validity, "validity == null");
        if (!"zh".equals(lang) && !"en".equals(lang)) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "lang must be zh or en");
        }
        if (pageUrl == null || !pageUrl.matches("https?://[\\x21-\\x7e]{1,200}")) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "pageUrl must be an http(s) URL of at most 200 characters");
        }
        if (validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "validity must be 1 minute..72 hours");
        }
        FairmarkIdentity signer = client.identity();
        if (signer.mspId().equals(org)) {
            throw FairmarkException.client(ErrorCode.BADGE_UNTRUSTED, "identity " + signer.name() + " belongs to " + org
                    + ": an organization's own badge would not verify; issue it from a node of another organization");
        }
        OrgOverview overview = client.participant().overview(org, 20L);
        IntegrityRecord record = overview.integrity();
        Inspection latest = overview.inspections().isEmpty() ? null : overview.inspections().get(0);
        OrgProfile profile = overview.profile();
        String signerName = signer.mspId();
        try {
            OrgProfile signerProfile = client.participant().profile(signer.mspId());
            signerName = lang.equals("zh") ? signerProfile.nameZh() : signerProfile.nameEn();
        } catch (FairmarkException e) {
            if (e.code() != ErrorCode.PROFILE_NOT_FOUND) {
                throw e;
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BadgeClaim claim = new BadgeClaim(FORMAT, org, profile == null ? org : profile.nameZh(),
                profile == null ? org : profile.nameEn(), record.rating() == null ? "NEW" : record.rating(),
                latest == null ? null : latest.grade(), latest == null || latest.verdict() == null ? null : latest.verdict().name(),
                latest == null ? null : latest.inspectedAt(), nonNull(record.packagesWeighed()), nonNull(record.t1Findings()),
                nonNull(record.t2Findings()), nonNull(record.disputesUpheld()), nonNull(record.recalls()), lang, pageUrl,
                now.toString(), now.plus(validity).toString(), signer.mspId(), signerName, signer.certificatePem());
        return sign(claim, signer);
    }

    /** Renders and signs {@code claim} with {@code signer} (package-private: tests forge badges with it). */
    static IntegrityBadge sign(BadgeClaim claim, FairmarkIdentity signer) {
        String body = render(claim);
        byte[] signature = signer.sign(body.getBytes(UTF_8));
        String svg = body + SIGNATURE_START + Base64.getEncoder().encodeToString(signature) + SIGNATURE_END + "\n";
        if (svg.getBytes(UTF_8).length > MAX_BYTES) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "the badge would exceed " + MAX_BYTES
                    + " bytes; shorten the page URL");
        }
        byte[] png = BadgePng.sign(BadgePng.render(claim, lines(claim), QrCodes.modules(claim.pageUrl()), colour(claim.rating())),
                new String(Json.canonical(Json.MAPPER.valueToTree(claim)), UTF_8), signer);
        return new IntegrityBadge(claim, svg, png);
    }

    /**
     * Verifies a badge, SVG or PNG, offline: its size and shape, the signature over the document, the signer's certificate against the
     * trust bundle, that the signer is not the badge's organization, and the validity window at {@code now}.
     *
     * @param allowedSignerOrgs the organizations whose badges this verifier accepts; empty for any organization of the
     *     bundle other than the badge's own
     * @return the verified claim
     * @throws FairmarkException {@link ErrorCode#BADGE_INVALID} for a malformed, edited or forged badge,
     *     {@link ErrorCode#BADGE_UNTRUSTED} for a signer the bundle does not vouch for (or the org itself, or one not
     *     allowed), {@link ErrorCode#BADGE_EXPIRED} outside the validity window
     */
    public static BadgeClaim verify(byte[] svg, TrustBundle bundle, Instant now, Collection<String> allowedSignerOrgs) {
        Objects.requireNonNull(svg, "svg == null");
        Objects.requireNonNull(bundle, "bundle == null");
        Objects.requireNonNull(now, "now == null");
        Objects.requireNonNull(allowedSignerOrgs, "allowedSignerOrgs == null");
        if (BadgePng.isPng(svg)) {
            if (svg.length > MAX_PNG_BYTES) {
                throw invalid("a PNG badge has at most " + MAX_PNG_BYTES + " bytes, this file has " + svg.length);
            }
            BadgePng.Parts parts = BadgePng.parts(svg);
            BadgeClaim claim;
            try {
                claim = Json.MAPPER.readValue(parts.claimJson(), BadgeClaim.class);
            } catch (IOException | IllegalArgumentException e) {
                throw invalid("the PNG badge's claim is not a badge claim");
            }
            return check(claim, parts.signedBytes(), parts.signature(), bundle, now, allowedSignerOrgs);
        }
        if (svg.length > MAX_BYTES) {
            throw invalid("a badge has at most " + MAX_BYTES + " bytes, this file has " + svg.length);
        }
        String text = new String(svg, UTF_8);
        String trimmed = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        int signatureAt = trimmed.lastIndexOf(SIGNATURE_START);
        if (!trimmed.startsWith("<svg ") || signatureAt < 0 || !trimmed.endsWith(SIGNATURE_END)) {
            throw invalid("not a Fairmark badge: no signature element at the end of an <svg> document");
        }
        String body = trimmed.substring(0, signatureAt);
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(trimmed.substring(signatureAt + SIGNATURE_START.length(),
                    trimmed.length() - SIGNATURE_END.length()));
        } catch (IllegalArgumentException e) {
            throw invalid("the badge's signature is not base64");
        }
        int metaStart = body.indexOf(METADATA_START);
        int metaEnd = metaStart < 0 ? -1 : body.indexOf(METADATA_END, metaStart);
        if (metaStart < 0 || metaEnd < 0 || body.indexOf(METADATA_START, metaStart + 1) >= 0) {
            throw invalid("the badge has no (or more than one) fairmark-badge metadata element");
        }
        BadgeClaim claim;
        try {
            claim = Json.MAPPER.readValue(unescape(body.substring(metaStart + METADATA_START.length(), metaEnd)), BadgeClaim.class);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("the badge's metadata is not a badge claim");
        }
        return check(claim, body.getBytes(UTF_8), signature, bundle, now, allowedSignerOrgs);
    }

    /** The checks shared by the SVG and the PNG form, once the claim, the signed bytes and the signature are read. */
    private static BadgeClaim check(BadgeClaim claim, byte[] message, byte[] signature, TrustBundle bundle, Instant now,
            Collection<String> allowedSignerOrgs) {
        if (!FORMAT.equals(claim.format()) || claim.org() == null || claim.signerOrg() == null
                || claim.signerCertificate() == null) {
            throw invalid("the badge's claim is not of format " + FORMAT + " or lacks org, signerOrg or signerCertificate");
        }
        X509Certificate certificate;
        try {
            certificate = FairmarkIdentity.readCertificate(claim.signerCertificate(), "badge signer");
        } catch (FairmarkException e) {
            throw invalid("the badge's signer certificate cannot be read");
        }
        if (!verifies(certificate, message, signature)) {
            throw invalid("the badge's signature does not verify with its signer's certificate: it was edited or forged");
        }
        Instant issuedAt = instant(claim.issuedAt(), "issuedAt");
        Instant validUntil = instant(claim.validUntil(), "validUntil");
        if (!validUntil.isAfter(issuedAt) || Duration.between(issuedAt, validUntil).compareTo(MAX_VALIDITY) > 0) {
            throw invalid("the badge claims a validity window of more than " + MAX_VALIDITY.toHours() + " hours");
        }
        if (claim.signerOrg().equals(claim.org())) {
            throw untrusted("the badge of " + claim.org() + " is signed by " + claim.org()
                    + " itself: an organization cannot vouch for its own record");
        }
        if (!allowedSignerOrgs.isEmpty() && !allowedSignerOrgs.contains(claim.signerOrg())) {
            throw untrusted("the badge is signed by " + claim.signerOrg() + ", not one of " + allowedSignerOrgs);
        }
        List<X509Certificate> authorities = bundle.organizations().get(claim.signerOrg());
        if (authorities == null || !issuedBy(certificate, authorities, issuedAt)) {
            throw untrusted("the badge's signer " + certificate.getSubjectX500Principal().getName() + " is not issued by a CA of "
                    + claim.signerOrg() + " in the trust bundle");
        }
        if (now.isBefore(issuedAt.minus(CLOCK_SKEW))) {
            throw expired("the badge is dated " + issuedAt + ", later than now (" + now + ")");
        }
        if (now.isAfter(validUntil)) {
            throw expired("the badge was valid until " + validUntil + " (issued " + issuedAt + "): it is stale; fetch a fresh one"
                    + " from " + claim.pageUrl());
        }
        return claim;
    }

    // ---- rendering ------------------------------------------------------------------------------------------

    /** The visible lines: name, rating, inspection, findings, dates, signer. */
    static List<String> lines(BadgeClaim c) {
        boolean zh = c.lang().equals("zh");
        String inspection = c.inspectionVerdict() == null
                ? (zh ? "尚无检验记录" : "not inspected yet")
                : (zh ? "最近检验：" : "Last inspection: ") + grade(c.inspectionGrade(), zh) + " "
                        + verdict(c.inspectionVerdict(), zh) + " (" + day(c.inspectedAt()) + ")";
        String findings = zh
                ? "复秤 " + c.packagesWeighed() + " 件 · 短缺 T1 " + c.t1Findings() + " · T2 " + c.t2Findings()
                        + " · 裁定成立 " + c.disputesUpheld()
                : "Weighed " + c.packagesWeighed() + " · short T1 " + c.t1Findings() + " · T2 " + c.t2Findings()
                        + " · upheld " + c.disputesUpheld();
        String dated = (zh ? "签发 " : "Issued ") + shown(c.issuedAt()) + (zh ? " · 有效至 " : " · valid until ")
                + shown(c.validUntil()) + (zh ? "（北京时间）" : " (UTC+8)");
        String signed = (zh ? "签名：" : "Signed by ") + shorten(c.signerName()) + " · fairmark badge verify";
        return List.of(shorten(zh ? c.nameZh() : c.nameEn()), zh ? "诚信评级 " + c.rating() : "Integrity rating " + c.rating(),
                inspection, findings, dated, signed, c.rating().equals("NEW") ? (zh ? "新" : "NEW") : c.rating(),
                zh ? "徽章 · 扫码查看实时记录" : "Scan for the live record");
    }

    static String render(BadgeClaim c) {
        boolean zh = c.lang().equals("zh");
        String name = shorten(zh ? c.nameZh() : c.nameEn());
        String title = (zh ? "诚信记录 " : "Integrity ") + c.rating() + " · " + (zh ? c.nameZh() : c.nameEn());
        String inspection = c.inspectionVerdict() == null
                ? (zh ? "尚无检验记录" : "not inspected yet")
                : (zh ? "最近检验：" : "Last inspection: ") + grade(c.inspectionGrade(), zh) + " "
                        + verdict(c.inspectionVerdict(), zh) + " (" + day(c.inspectedAt()) + ")";
        String findings = zh
                ? "复秤 " + c.packagesWeighed() + " 件 · 短缺 T1 " + c.t1Findings() + " · T2 " + c.t2Findings()
                        + " · 裁定成立 " + c.disputesUpheld()
                : "Weighed " + c.packagesWeighed() + " · short T1 " + c.t1Findings() + " · T2 " + c.t2Findings()
                        + " · upheld " + c.disputesUpheld();
        String dated = (zh ? "签发 " : "Issued ") + shown(c.issuedAt()) + (zh ? " · 有效至 " : " · valid until ")
                + shown(c.validUntil()) + (zh ? "（北京时间）" : " (UTC+8)");
        String signed = (zh ? "签名：" : "Signed by ") + shorten(c.signerName()) + " · fairmark badge verify";
        boolean[][] modules = QrCodes.modules(c.pageUrl());
        int qrSize = modules.length + 8;
        StringBuilder out = new StringBuilder(6000);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" height=\"148\" viewBox=\"0 0 360 148\" role=\"img\" lang=\"")
                .append(zh ? "zh-CN" : "en").append("\" aria-label=\"").append(escape(title)).append("\">")
                .append(METADATA_START).append(escape(new String(Json.canonical(Json.MAPPER.valueToTree(c)), UTF_8)))
                .append(METADATA_END).append("<title>").append(escape(title)).append("</title>")
                .append("<style>text{font-family:system-ui,\"PingFang SC\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;fill:#1b1b1b}</style>")
                .append("<rect x=\".5\" y=\".5\" width=\"359\" height=\"147\" rx=\"8\" fill=\"#fff\" stroke=\"#9bbfa8\"/>")
                .append("<circle cx=\"38\" cy=\"40\" r=\"28\" fill=\"").append(colour(c.rating())).append("\"/>")
                .append("<text x=\"38\" y=\"50\" font-size=\"").append(c.rating().length() > 1 ? 16 : 28)
                .append("\" font-weight=\"700\" text-anchor=\"middle\" style=\"fill:#fff\">")
                .append(escape(c.rating().equals("NEW") ? (zh ? "新" : "NEW") : c.rating())).append("</text>")
                .append(text(76, 28, 15, true, name, 200))
                .append(text(76, 48, 12, false, zh ? "诚信评级 " + c.rating() : "Integrity rating " + c.rating(), 200))
                .append(text(76, 66, 12, false, zh ? "徽章 · 扫码查看实时记录" : "Scan for the live record", 200))
                .append(text(12, 92, 12, false, inspection, 336))
                .append(text(12, 110, 12, false, findings, 336))
                .append(text(12, 126, 10, false, dated, 336))
                .append(text(12, 140, 10, false, signed, 336))
                .append("<a href=\"").append(escape(c.pageUrl())).append("\"><svg x=\"284\" y=\"8\" width=\"68\" height=\"68\" viewBox=\"0 0 ")
                .append(qrSize).append(' ').append(qrSize).append("\" shape-rendering=\"crispEdges\"><rect width=\"").append(qrSize)
                .append("\" height=\"").append(qrSize).append("\" fill=\"#fff\"/><path d=\"");
        for (int y = 0; y < modules.length; y++) {
            int x = 0;
            while (x < modules.length) {
                if (!modules[y][x]) {
                    x++;
                    continue;
                }
                int run = 1;
                while (x + run < modules.length && modules[y][x + run]) {
                    run++;
                }
                out.append('M').append(x + 4).append(' ').append(y + 4).append('h').append(run).append("v1h-").append(run).append('z');
                x += run;
            }
        }
        out.append("\"/></svg></a>");
        return out.toString();
    }

    /**
     * One line of text; when its estimated width (a wide character 1 em, others 0.6 em) exceeds {@code maxWidth}, it is
     * squeezed to fit with {@code textLength}, so nothing is cut and nothing runs under the QR code.
     */
    static String text(int x, int y, int size, boolean bold, String text, int maxWidth) {
        double width = 0;
        for (int i = 0; i < text.length(); i++) {
            width += text.charAt(i) >= 0x2e80 ? size : size * 0.6;
        }
        StringBuilder out = new StringBuilder("<text x=\"").append(x).append("\" y=\"").append(y).append("\" font-size=\"")
                .append(size).append('"');
        if (bold) {
            out.append(" font-weight=\"700\"");
        }
        if (width > maxWidth) {
            out.append(" textLength=\"").append(maxWidth).append("\" lengthAdjust=\"spacingAndGlyphs\"");
        }
        return out.append('>').append(escape(text)).append("</text>").toString();
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        int points = text.codePointCount(0, text.length());
        return points <= NAME_LIMIT ? text : text.substring(0, text.offsetByCodePoints(0, NAME_LIMIT - 1)) + "…";
    }

    private static String grade(String grade, boolean zh) {
        if (grade == null) {
            return "";
        }
        if (!zh) {
            return switch (grade) {
                case "SPECIAL" -> "special grade";
                case "FIRST" -> "first grade";
                case "SECOND" -> "second grade";
                case "THIRD" -> "third grade";
                case "OUT_OF_GRADE" -> "out of grade";
                default -> grade;
            };
        }
        return switch (grade) {
            case "SPECIAL" -> "特级";
            case "FIRST" -> "一级";
            case "SECOND" -> "二级";
            case "THIRD" -> "三级";
            case "OUT_OF_GRADE" -> "等外";
            default -> grade;
        };
    }

    private static String verdict(String verdict, boolean zh) {
        return switch (verdict) {
            case "PASS" -> zh ? "合格" : "pass";
            case "FAIL" -> zh ? "不合格" : "fail";
            default -> verdict;
        };
    }

    private static String colour(String rating) {
        return switch (rating) {
            case "A" -> "#0a6b37";
            case "B" -> "#3d7a00";
            case "C" -> "#9a4a00";
            case "D" -> "#b0001a";
            default -> "#4b4b4b";
        };
    }

    private static String day(String instant) {
        try {
            return SHOWN.format(Instant.parse(instant)).substring(0, 10);
        } catch (DateTimeParseException | NullPointerException e) {
            return "";
        }
    }

    private static String shown(String instant) {
        return SHOWN.format(Instant.parse(instant));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    // ---- verification helpers -------------------------------------------------------------------------------

    private static boolean verifies(X509Certificate certificate, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean issuedBy(X509Certificate certificate, List<X509Certificate> authorities, Instant at) {
        for (X509Certificate authority : authorities) {
            if (!authority.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(authority.getPublicKey());
                certificate.checkValidity(Date.from(at));
                return true;
            } catch (GeneralSecurityException e) {
                // not this authority
            }
        }
        return false;
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw invalid("the badge's " + field + " is not an ISO-8601 instant");
        }
    }

    private static long nonNull(Long value) {
        return value == null ? 0 : value;
    }

    private static FairmarkException invalid(String detail) {
        return FairmarkException.client(ErrorCode.BADGE_INVALID, detail);
    }

    private static FairmarkException untrusted(String detail) {
        return FairmarkException.client(ErrorCode.BADGE_UNTRUSTED, detail);
    }

    private static FairmarkException expired(String detail) {
        return FairmarkException.client(ErrorCode.BADGE_EXPIRED, detail);
    }
}
