package org.fairmark.cli.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decides whether opening the verify page records a scan ({@code scan:Record}). A scan feeds the ledger's clone check
 * (a serial scanned more often, or in more distant places, than a real package can be is flagged), so only a person
 * looking at a real package should count. The page records a scan when all of these hold:
 *
 * <ul>
 *   <li>the request is a {@code GET} (not {@code HEAD}, which link checkers and proxies send);
 *   <li>the label is genuine (verdict genuine, recalled or under dispute): a forged label names no package to count;
 *   <li>it is not the language toggle ({@code lang} in the query): that is the same person on the same visit;
 *   <li>the {@code User-Agent} is a browser's ({@code Mozilla/…}) and not a crawler, link preview, headless or
 *       automated browser, or a command-line tool;
 *   <li>it is not a prefetch ({@code Purpose}, {@code Sec-Purpose}, {@code X-Purpose} or {@code X-Moz} headers);
 *   <li>the same address has not had the same serial recorded within the last ten minutes (reloads and the back
 *       button are not new scans). The addresses live in memory only, at most 10,000, and never reach the ledger.
 * </ul>
 *
 * <p>Thread-safe.
 */
final class ScanGate {
    /** Why a page view is, or is not, recorded. */
    enum Decision {
        RECORD,
        DISABLED,
        NOT_GET,
        NOT_GENUINE,
        LANGUAGE_SWITCH,
        NOT_A_BROWSER,
        PREFETCH,
        REPEATED
    }

    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    static final int DEFAULT_CAPACITY = 10_000;

    private static final Pattern AUTOMATION = Pattern.compile(
            "bot\\b|bot/|crawl|spider|slurp|preview|facebookexternalhit|whatsapp|telegram|discord|skype|headless|phantomjs"
                    + "|selenium|webdriver|puppeteer|playwright|lighthouse|pagespeed|curl|wget|python|java/|okhttp|go-http"
                    + "|libwww|httpclient|postman|insomnia");

    private final boolean enabled;
    private final Duration window;
    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<String, Instant> recent = new LinkedHashMap<>(64, 0.75f, true);

    ScanGate(boolean enabled, Duration window, int capacity, Clock clock) {
        this.enabled = enabled;
        this.window = Objects.requireNonNull(window, "window == null");
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** What a request is, before the ledger is asked. {@link Decision#RECORD} means "record if genuine". */
    Decision precheck(String method, Map<String, String> query, HeaderSource headers) {
        if (!enabled) {
            return Decision.DISABLED;
        }
        if (!"GET".equals(method)) {
            return Decision.NOT_GET;
        }
        if (query.containsKey("lang")) {
            return Decision.LANGUAGE_SWITCH;
        }
        for (String name : new String[] {"Purpose", "Sec-Purpose", "X-Purpose", "X-Moz"}) {
            String value = headers.header(name);
            if (value != null) {
                String lower = value.toLowerCase(Locale.ROOT);
                if (lower.contains("prefetch") || lower.contains("preview") || lower.contains("prerender")) {
                    return Decision.PREFETCH;
                }
            }
        }
        if (!isPersonsBrowser(headers.header("User-Agent"))) {
            return Decision.NOT_A_BROWSER;
        }
        return Decision.RECORD;
    }

    /**
     * The final decision once the verdict is known; a {@link Decision#RECORD} also remembers the address and serial so
     * that a reload is not counted again.
     */
    Decision decide(Decision precheck, Verdict verdict, String remoteAddress, String packageKey) {
        if (precheck != Decision.RECORD) {
            return precheck;
        }
        if (verdict != Verdict.GENUINE && verdict != Verdict.RECALLED && verdict != Verdict.UNDER_DISPUTE) {
            return Decision.NOT_GENUINE;
        }
        String key = remoteAddress + " " + packageKey;
        Instant now = clock.instant();
        synchronized (recent) {
            Instant last = recent.get(key);
            if (last != null && last.plus(window).isAfter(now)) {
                return Decision.REPEATED;
            }
            recent.put(key, now);
            while (recent.size() > capacity) {
                recent.remove(recent.keySet().iterator().next());
            }
        }
        return Decision.RECORD;
    }

    /** Forgets a remembered scan whose recording failed, so the next view tries again. */
    void forget(String remoteAddress, String packageKey) {
        synchronized (recent) {
            recent.remove(remoteAddress + " " + packageKey);
        }
    }

    static boolean isPersonsBrowser(String userAgent) {
        if (userAgent == null || !userAgent.startsWith("Mozilla/")) {
            return false;
        }
        return !AUTOMATION.matcher(userAgent.toLowerCase(Locale.ROOT)).find();
    }

    /** Request headers by name. */
    @FunctionalInterface
    interface HeaderSource {
        String header(String name);
    }
}
