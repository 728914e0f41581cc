package org.fairmark.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanGateTest {
    static final String PHONE = WebApiIT.PHONE;
    static final String WECHAT = "Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, "
            + "like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47";

    final MutableClock clock = new MutableClock();
    final ScanGate gate = new ScanGate(true, Duration.ofMinutes(10), 3, clock);

    static ScanGate.HeaderSource headers(Map<String, String> headers) {
        return headers::get;
    }

    ScanGate.Decision view(String method, Map<String, String> query, Map<String, String> headers, Verdict verdict, String address) {
        return gate.decide(gate.precheck(method, query, headers(headers)), verdict, address, "06901234567892/P00001");
    }

    @Test
    void a_phone_opening_a_genuine_label_is_recorded_once_per_ten_minutes() {
        assertThat(view("GET", Map.of(), Map.of("User-Agent", PHONE), Verdict.GENUINE, "10.0.0.1")).isEqualTo(ScanGate.Decision.RECORD);
        assertThat(view("GET", Map.of(), Map.of("User-Agent", PHONE), Verdict.GENUINE, "10.0.0.1")).isEqualTo(ScanGate.Decision.REPEATED);
        assertThat(view("GET", Map.of(), Map.of("User-Agent", WECHAT), Verdict.RECALLED, "10.0.0.2")).isEqualTo(ScanGate.Decision.RECORD);
        clock.advance(Duration.ofMinutes(10));
        assertThat(view("GET", Map.of(), Map.of("User-Agent", PHONE), Verdict.UNDER_DISPUTE, "10.0.0.1")).isEqualTo(ScanGate.Decision.RECORD);
    }

    @Test
    void head_requests_language_switches_prefetches_and_machines_are_not_scans() {
        assertThat(view("HEAD", Map.of(), Map.of("User-Agent", PHONE), Verdict.GENUINE, "a")).isEqualTo(ScanGate.Decision.NOT_GET);
        assertThat(view("GET", Map.of("lang", "en"), Map.of("User-Agent", PHONE), Verdict.GENUINE, "a"))
                .isEqualTo(ScanGate.Decision.LANGUAGE_SWITCH);
        assertThat(view("GET", Map.of(), Map.of("User-Agent", PHONE, "Sec-Purpose", "prefetch;prerender"), Verdict.GENUINE, "a"))
                .isEqualTo(ScanGate.Decision.PREFETCH);
        for (String agent : new String[] {
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Mozilla/5.0 (compatible; bingbot/2.0)",
                "facebookexternalhit/1.1",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36",
                "Mozilla/5.0 (compatible; Baiduspider/2.0)",
                "Slackbot-LinkExpanding 1.0",
                "curl/8.5.0",
                "Java-http-client/17.0.15",
                "python-requests/2.31",
                ""}) {
            assertThat(view("GET", Map.of(), Map.of("User-Agent", agent), Verdict.GENUINE, "a")).as(agent)
                    .isEqualTo(ScanGate.Decision.NOT_A_BROWSER);
        }
        assertThat(view("GET", Map.of(), Map.of(), Verdict.GENUINE, "a")).isEqualTo(ScanGate.Decision.NOT_A_BROWSER);
    }

    @Test
    void forged_and_unknown_labels_are_not_scans() {
        assertThat(view("GET", Map.of(), Map.of("User-Agent", PHONE), Verdict.FORGED, "a")).isEqualTo(ScanGate.Decision.NOT_GENUINE);
        assertThat(view("GET", Map.of(), Map.of("User-Agent", PHONE), Verdict.UNKNOWN, "a")).isEqualTo(ScanGate.Decision.NOT_GENUINE);
    }

    @Test
    void a_disabled_gate_records_nothing() {
        ScanGate off = new ScanGate(false, Duration.ofMinutes(10), 3, clock);
        assertThat(off.precheck("GET", Map.of(), headers(Map.of("User-Agent", PHONE)))).isEqualTo(ScanGate.Decision.DISABLED);
    }

    @Test
    void remembers_a_bounded_number_of_addresses_and_forgets_failed_recordings() {
        for (int i = 0; i < 5; i++) {
            assertThat(view("GET", Map.of(), Map.of("User-Agent", PHONE), Verdict.GENUINE, "10.0.0." + i)).isEqualTo(ScanGate.Decision.RECORD);
        }
        assertThat(view("GET", Map.of(), Map.of("User-Agent", PHONE), Verdict.GENUINE, "10.0.0.0"))
                .as("evicted: capacity 3").isEqualTo(ScanGate.Decision.RECORD);
        gate.forget("10.0.0.0", "06901234567892/P00001");
        assertThat(view("GET", Map.of(), Map.of("User-Agent", PHONE), Verdict.GENUINE, "10.0.0.0")).isEqualTo(ScanGate.Decision.RECORD);
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-10-01T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
