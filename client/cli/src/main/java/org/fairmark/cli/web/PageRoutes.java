package org.fairmark.cli.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.Map;
import org.fairmark.client.FairmarkException;
import org.fairmark.client.IntegrityBadge;
import org.fairmark.client.OnlineVerification;
import org.fairmark.client.Participant;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.MspId;
import org.fairmark.domain.model.OrgOverview;
import org.fairmark.domain.model.IntegrityPoint;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Page;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Scan;
import org.fairmark.domain.model.Trace;
import org.fairmark.presentation.ErrorPresentation;

/**
 * The HTML routes: the verify page at the GS1 Digital Link path of a package, and the dashboard. Both pick their
 * language from {@code ?lang=} or {@code Accept-Language}, never need JavaScript, and load nothing from elsewhere.
 */
final class PageRoutes {
    private static final Logger LOGGER = Logger.getLogger(PageRoutes.class.getName());

    private final String resolver;
    private final IntSupplier port;
    private final ScanGate scanGate;
    private final String scanCounty;
    private final Clock clock;
    private final OrgNames.Cache names;

    PageRoutes(String resolver, IntSupplier port, ScanGate scanGate, String scanCounty, Clock clock) {
        this.resolver = resolver;
        this.port = port;
        this.scanGate = scanGate;
        this.scanCounty = scanCounty;
        this.clock = clock;
        this.names = new OrgNames.Cache(clock);
    }

    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("GET", "/01/{gtin}/10/{lot}/21/{serial}", Route.Access.PUBLIC, true, this::verifyPage));
        routes.add(new Route("GET", "/01/{gtin}/10/{lot}", Route.Access.PUBLIC, true, (call, caller) -> Response.redirect(
                "/dashboard?gtin=" + Html.url(call.path("gtin")) + "&lot=" + Html.url(call.path("lot")))));
        routes.add(new Route("GET", "/dashboard", Route.Access.PUBLIC, true, this::dashboard));
        routes.add(new Route("GET", "/o/{org}", Route.Access.PUBLIC, true, this::orgPage));
        routes.add(new Route("GET", "/badge/{file}", Route.Access.PUBLIC, false, this::badge));
        routes.add(new Route("GET", "/", Route.Access.PUBLIC, true, (call, caller) -> Response.redirect("/dashboard")));
        return routes;
    }

    static Lang lang(Call call) {
        return Lang.negotiate(call.query("lang"), call.header("Accept-Language"));
    }

    /** The label URI the page was opened with: the resolver, the path as sent, the query without {@code lang}. */
    String labelUri(Call call) {
        String base = resolver != null ? resolver : "http://localhost:" + port.getAsInt();
        StringBuilder uri = new StringBuilder(base).append(call.rawPath());
        String raw = call.rawQuery();
        if (raw != null) {
            List<String> kept = new ArrayList<>();
            for (String pair : raw.split("&")) {
                if (!pair.isEmpty() && !pair.equals("lang") && !pair.startsWith("lang=")) {
                    kept.add(pair);
                }
            }
            if (!kept.isEmpty()) {
                uri.append('?').append(String.join("&", kept));
            }
        }
        return uri.toString();
    }

    private Response verifyPage(Call call, Caller caller) {
        Lang lang = lang(call);
        String toggle = Html.withLang(call.queryParameters(), lang.other());
        ScanGate.Decision precheck = scanGate.precheck(call.method().equals("HEAD") ? "HEAD" : "GET",
                call.queryParameters(), call::header);
        Participant reader = caller.client().participant();
        OnlineVerification verification;
        try {
            verification = reader.verifyLabel(labelUri(call));
        } catch (FairmarkException e) {
            return ledgerError(e, lang, toggle);
        }
        Verdict verdict = Verdict.of(verification);
        Trace trace = verification.trace();
        Scan scan = null;
        if (trace != null && trace.pkg() != null) {
            PackageRecord pkg = trace.pkg();
            String key = pkg.gtin() + "/" + pkg.serial();
            ScanGate.Decision decision = scanGate.decide(precheck, verdict, call.remoteAddress(), key);
            if (decision == ScanGate.Decision.RECORD) {
                try {
                    scan = reader.recordScan(new Requests.RecordScan(null, pkg.gtin(), pkg.lot(), pkg.serial(), scanCounty, null));
                } catch (FairmarkException e) {
                    scanGate.forget(call.remoteAddress(), key);
                    LOGGER.log(Level.WARNING, "cannot record a scan of " + key + ": " + e.getMessage());
                }
            }
        }
        IntegrityRecord integrity = null;
        if (trace != null && trace.batch() != null && trace.batch().batch().producerOrg() != null) {
            try {
                integrity = reader.integrity(trace.batch().batch().producerOrg(), null);
            } catch (FairmarkException e) {
                LOGGER.log(Level.WARNING, "cannot read the integrity record: " + e.getMessage());
            }
        }
        VerifyPage.Model model = new VerifyPage.Model(verdict, verification.rejection(), verification.label(), trace, integrity,
                scan, clock.instant());
        OrgNames known = names.get(reader);
        return Response.html(verdict == Verdict.UNKNOWN ? 404 : 200, OrgNames.using(known, () -> VerifyPage.render(model, lang, toggle)))
                .withHeader("Content-Language", lang.tag())
                .withHeader("Vary", "Accept-Language");
    }

    private Response dashboard(Call call, Caller caller) {
        Lang lang = lang(call);
        String toggle = Html.withLang(call.queryParameters(), lang.other());
        String gtin = strip(call.query("gtin"));
        String lot = strip(call.query("lot"));
        String org = strip(call.query("org"));
        Trace trace = null;
        Page<PackageRecord> packages = null;
        IntegrityRecord integrity = null;
        List<IntegrityPoint> history = null;
        String error = null;
        int status = 200;
        Participant reader = caller.client().participant();
        try {
            if (!gtin.isEmpty() || !lot.isEmpty()) {
                if (gtin.isEmpty() || lot.isEmpty()) {
                    error = Messages.get(lang, "dashboard.both");
                    status = 422;
                } else {
                    trace = reader.traceBatch(gtin, lot);
                    packages = reader.packages(gtin, lot, (long) DashboardPage.MAX_PACKAGES, null);
                    if (org.isEmpty()) {
                        org = trace.batch().batch().producerOrg();
                    }
                }
            }
            if (!org.isEmpty()) {
                integrity = reader.integrity(org, null);
                history = reader.integrityHistory(org, null);
            }
        } catch (FairmarkException e) {
            if (e.isUnavailable() || e.code() == ErrorCode.INTERNAL_ERROR) {
                return ledgerError(e, lang, toggle);
            }
            status = ErrorPresentation.httpStatus(e.code());
            error = Messages.has(lang, "error." + e.code()) ? Messages.get(lang, "error." + e.code())
                    : Messages.get(lang, "error.refused", e.code().name());
        }
        DashboardPage.Model model = new DashboardPage.Model(gtin, lot, trace, packages, integrity, history, error,
                clock.instant());
        OrgNames known = names.get(reader);
        return Response.html(status, OrgNames.using(known, () -> DashboardPage.render(model, lang, toggle)))
                .withHeader("Content-Language", lang.tag())
                .withHeader("Vary", "Accept-Language");
    }

    /** {@code /o/{org}}: the organization's public page. */
    private Response orgPage(Call call, Caller caller) {
        Lang lang = lang(call);
        String toggle = Html.withLang(call.queryParameters(), lang.other());
        String org = call.path("org");
        if (!MspId.isValid(org)) {
            return Response.html(404, Pages.error(lang, Messages.get(lang, "org.notFound"), toggle));
        }
        Participant reader = caller.client().participant();
        OrgOverview overview;
        List<IntegrityPoint> history;
        try {
            overview = reader.overview(org, (long) OrgPage.MAX_ROWS);
            history = reader.integrityHistory(org, null);
        } catch (FairmarkException e) {
            if (e.code() == ErrorCode.INVALID_ARGUMENT) {
                return Response.html(404, Pages.error(lang, Messages.get(lang, "org.notFound"), toggle));
            }
            return ledgerError(e, lang, toggle);
        }
        if (overview.profile() == null && overview.batches().isEmpty()
                && Formats.nonNull(overview.integrity().batches()) == 0) {
            return Response.html(404, Pages.error(lang, Messages.get(lang, "org.notFound"), toggle));
        }
        OrgNames known = names.get(reader);
        OrgPage.Model model = new OrgPage.Model(overview, history, clock.instant());
        return Response.html(200, OrgNames.using(known, () -> OrgPage.render(model, lang, toggle)))
                .withHeader("Content-Language", lang.tag())
                .withHeader("Vary", "Accept-Language");
    }

    /**
     * {@code /badge/{org}.svg} (or {@code .png}): the producer's integrity badge, signed by this server's reader identity, valid 24 hours,
     * with a QR code of {@code /o/{org}}. Served with a restrictive CSP of its own; shops embed it as an image.
     */
    private Response badge(Call call, Caller caller) {
        String file = call.path("file");
        boolean png = file.endsWith(".png");
        if (!(png || file.endsWith(".svg")) || !MspId.isValid(file.substring(0, file.length() - 4))) {
            return badgeError(404, ErrorCode.INVALID_ARGUMENT, "no such badge; the path is /badge/{org}.svg or .png");
        }
        String org = file.substring(0, file.length() - 4);
        String langCode = call.query("lang") == null ? Lang.negotiate(null, call.header("Accept-Language")).code() : call.query("lang");
        if (!langCode.equals("zh") && !langCode.equals("en")) {
            return badgeError(422, ErrorCode.INVALID_ARGUMENT, "lang must be zh or en");
        }
        String base = resolver != null ? resolver : "http://localhost:" + port.getAsInt();
        IntegrityBadge badge;
        try {
            badge = IntegrityBadge.issue(caller.client(), org, langCode, base + "/o/" + org, IntegrityBadge.DEFAULT_VALIDITY);
        } catch (FairmarkException e) {
            if (e.isUnavailable()) {
                return badgeError(503, e.code(), "the ledger cannot be reached").withHeader("Retry-After", "10");
            }
            return badgeError(ErrorPresentation.httpStatus(e.code()), e.code(), e.getMessage());
        }
        if (png) {
            return new Response(200, "image/png", badge.png(), Map.of(
                    "Content-Language", langCode.equals("zh") ? "zh-CN" : "en", "Vary", "Accept-Language"));
        }
        return new Response(200, "image/svg+xml; charset=utf-8", badge.bytes(), Map.of(
                "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'",
                "Content-Language", langCode.equals("zh") ? "zh-CN" : "en",
                "Vary", "Accept-Language"));
    }

    private static Response badgeError(int status, ErrorCode code, String detail) {
        return new Response(status, "text/plain; charset=utf-8",
                (code.name() + ": " + detail + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
    }

    private static Response ledgerError(FairmarkException e, Lang lang, String toggle) {
        if (e.isUnavailable()) {
            return Response.html(503, Pages.error(lang, Messages.get(lang, "error.unavailable"), toggle))
                    .withHeader("Retry-After", "10");
        }
        String reference = WebServer.reference();
        LOGGER.log(Level.SEVERE, "ledger read failed (reference " + reference + ")", e);
        return Response.html(500, Pages.error(lang, Messages.get(lang, "error.internal", reference), toggle));
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }
}
