package org.fairmark.cli.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairmark.client.SignedLabel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.WebElement;

/**
 * The verify page and the dashboard as a phone shows them: headless Chromium at 360 × 800. Skipped when Debian's
 * chromium and chromium-driver are not installed ({@code .ci/run} installs them). Screenshots are kept under
 * {@code target/screenshots/}.
 */
class BrowserIT {
    @TempDir
    static Path dataDir;

    static LedgerFixture ledger;
    static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed at /usr/bin");
        ledger = LedgerFixture.start(dataDir.resolve("ledger"));
        browser = Browser.start(dataDir.resolve("profile"), "en-US,en");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    static SignedLabel label(String which) {
        return switch (which) {
            case "genuine" -> ledger.genuine;
            case "ruled" -> ledger.ruled;
            case "disputed" -> ledger.disputed;
            case "recalled" -> ledger.recalled;
            case "unknown" -> ledger.unknown;
            default -> throw new IllegalArgumentException(which);
        };
    }

    static String pageUrl(String which) {
        return which.equals("forged") ? ledger.pageUrl(ledger.forged) : ledger.pageUrl(label(which));
    }

    /** The page fits the phone: the viewport is 360 CSS pixels and nothing makes it scroll sideways. */
    static void assertFitsThePhone() {
        assertThat(browser.viewportWidth()).isEqualTo(Browser.WIDTH);
        assertThat(browser.contentWidth()).as("no sideways scrolling").isLessThanOrEqualTo(Browser.WIDTH);
    }

    @Nested
    class VerifyPage {
        @ParameterizedTest(name = "{0} in {1}: {2}")
        @CsvSource({
            "genuine,  en, Genuine,       'rgba(10, 107, 55, 1)'",
            "genuine,  zh, 正品,          'rgba(10, 107, 55, 1)'",
            "recalled, en, Recalled,      'rgba(176, 0, 26, 1)'",
            "recalled, zh, 已召回,        'rgba(176, 0, 26, 1)'",
            "forged,   en, Forged label,  'rgba(94, 11, 21, 1)'",
            "forged,   zh, 伪造标签,      'rgba(94, 11, 21, 1)'",
            "disputed, en, Under dispute, 'rgba(154, 74, 0, 1)'",
            "disputed, zh, 争议处理中,    'rgba(154, 74, 0, 1)'",
            "unknown,  en, Unknown,       'rgba(75, 75, 75, 1)'",
            "unknown,  zh, 未知,          'rgba(75, 75, 75, 1)'",
            "ruled,    en, Genuine,       'rgba(10, 107, 55, 1)'",
            "ruled,    zh, 正品,          'rgba(10, 107, 55, 1)'"
        })
        void shows_the_verdict_first_in_large_coloured_type_at_phone_width(String which, String lang, String verdict, String colour) {
            browser.open(pageUrl(which) + "&lang=" + lang);
            WebElement heading = browser.find("#verdict");
            assertThat(heading.getText()).isEqualTo(verdict);
            assertThat(heading.isDisplayed()).isTrue();
            assertThat(heading.getLocation().getY()).as("the verdict is the first thing on the screen").isLessThan(150);
            assertThat(Double.parseDouble(heading.getCssValue("font-size").replace("px", ""))).isGreaterThanOrEqualTo(32);
            assertThat(browser.find(".v").getCssValue("background-color")).isEqualTo(colour);
            assertThat(browser.find(".v").getCssValue("color")).isEqualTo("rgba(255, 255, 255, 1)");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo(lang.equals("zh") ? "zh-CN" : "en");
            assertFitsThePhone();
            assertThat(browser.screenshot("verify-" + which + "-" + lang)).satisfies(file ->
                    assertThat(Files.size(file)).isPositive());
        }

        @Test
        void the_language_link_switches_without_script() {
            browser.open(ledger.pageUrl(ledger.genuine) + "&lang=zh");
            assertThat(browser.find("#verdict").getText()).isEqualTo("正品");
            assertThat(browser.find("#lang").getText()).isEqualTo("English");
            browser.clickAndWait("#lang", "lang=en");
            assertThat(browser.find("#verdict").getText()).isEqualTo("Genuine");
            assertThat(browser.currentUrl()).endsWith("&lang=en");
            assertThat(browser.find("#lang").getText()).isEqualTo("中文");
            browser.clickAndWait("#lang", "lang=zh");
            assertThat(browser.find("#verdict").getText()).isEqualTo("正品");
        }

        @Test
        void a_genuine_page_shows_the_facts_a_buyer_checks() {
            browser.open(ledger.pageUrl(ledger.ruled) + "&lang=en");
            assertThat(browser.find("#grade").getText()).isEqualTo("First grade");
            assertThat(browser.find("#mass").getText()).isEqualTo("500 g");
            assertThat(browser.count("#custody li")).isEqualTo(4);
            assertThat(browser.find("#rulings").getText()).contains("Short weight complaint", "Upheld");
            assertThat(browser.find("#integrity").getText()).contains("Qianxi Lixiang Chestnut Growers' Cooperative (demo) (CoopMSP)",
                    "C: significant findings");
            assertThat(browser.find("body").getText()).contains("Packed by Qianxi Lixiang Chestnut Growers' Cooperative (demo)");
            assertFitsThePhone();
        }

        @Test
        void the_browser_language_picks_the_page_language() throws IOException {
            try (Browser chinese = Browser.start(dataDir.resolve("profile-zh"), "zh-CN,zh")) {
                chinese.open(ledger.pageUrl(ledger.genuine));
                assertThat(chinese.find("#verdict").getText()).isEqualTo("正品");
                chinese.open(ledger.pageUrl(ledger.recalled));
                assertThat(chinese.find("#verdict").getText()).isEqualTo("已召回");
            }
            browser.open(ledger.pageUrl(ledger.genuine));
            assertThat(browser.find("#verdict").getText()).isEqualTo("Genuine");
        }
    }

    @Nested
    class Dashboard {
        @ParameterizedTest(name = "in {0}")
        @CsvSource({"en, Search, Provenance", "zh, 查询, 溯源时间线"})
        void searches_a_batch_and_draws_its_timeline_and_the_producer_record(String lang, String button, String timeline) {
            browser.open(ledger.url("/dashboard?lang=" + lang));
            assertThat(browser.find("button").getText()).isEqualTo(button);
            browser.find("#gtin").sendKeys(LedgerFixture.GTIN);
            browser.find("#lot").sendKeys(LedgerFixture.LOT);
            browser.clickAndWait("button", "gtin=");
            assertThat(browser.currentUrl()).contains("gtin=" + LedgerFixture.GTIN, "lot=" + LedgerFixture.LOT, "lang=" + lang);
            assertThat(browser.find("#batch").getText()).contains(LedgerFixture.LOT);
            assertThat(browser.find("body").getText()).contains(timeline);
            assertThat(browser.count("#timeline circle")).as("registered, inspected, packed, 2 disputes, review, ruling").isEqualTo(7);
            assertThat(browser.count("#integrity-chart rect")).isGreaterThanOrEqualTo(6);
            assertThat(browser.count("#integrity-history rect")).isGreaterThanOrEqualTo(1);
            assertThat(browser.count("#packages tr")).isEqualTo(5);
            assertThat(browser.find("#timeline").getSize().getWidth()).isLessThanOrEqualTo(Browser.WIDTH);
            assertFitsThePhone();
            browser.screenshot("dashboard-" + lang);
        }

        @Test
        void says_when_no_batch_matches() {
            browser.open(ledger.url("/dashboard?lang=en&gtin=" + LedgerFixture.GTIN + "&lot=NOPE"));
            assertThat(browser.find("#error").getText()).isEqualTo("No batch with this GTIN and lot.");
            assertFitsThePhone();
        }

        @Test
        void shows_a_recalled_batch_in_red() {
            browser.open(ledger.url("/dashboard?lang=en&gtin=" + LedgerFixture.GTIN + "&lot=" + LedgerFixture.RECALLED_LOT));
            assertThat(browser.find("#status").getText()).isEqualTo("Recalled");
            assertThat(browser.find("#status").getCssValue("background-color")).isEqualTo("rgba(176, 0, 26, 1)");
            browser.screenshot("dashboard-recalled-en");
        }
    }

    @Nested
    class OrganizationPage {
        @ParameterizedTest(name = "in {0}")
        @CsvSource({
            "zh, 迁西县栗香板栗专业合作社（演示）, Qianxi Lixiang Chestnut Growers' Cooperative (demo), 专业合作社, 最近检验",
            "en, Qianxi Lixiang Chestnut Growers' Cooperative (demo), 迁西县栗香板栗专业合作社（演示）, Cooperative, Recent inspections"
        })
        void shows_who_they_are_their_record_inspections_rulings_and_batches_at_phone_width(String lang, String name,
                String otherName, String kind, String inspections) {
            browser.open(ledger.url("/o/CoopMSP?lang=" + lang));
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo(lang.equals("zh") ? "zh-CN" : "en");
            assertThat(browser.find("#org-name").getText()).isEqualTo(name);
            assertThat(browser.find("#org-other-name").getText()).isEqualTo(otherName);
            assertThat(browser.find("#profile").getText()).contains(kind, org.fairmark.cli.DemoProfiles.code("93", "130227", 1),
                    "130227", "CoopMSP");
            assertThat(browser.find("#inspections").getText()).contains(inspections, LedgerFixture.LOT);
            assertThat(browser.find("#inspections").getText()).contains(lang.equals("zh") ? "迁西县农产品质量检验检测站（演示）"
                    : "Qianxi County Produce Inspection Station (demo)");
            assertThat(browser.count("#integrity-chart rect")).isGreaterThanOrEqualTo(6);
            assertThat(browser.count("#integrity-history rect")).isGreaterThanOrEqualTo(1);
            assertThat(browser.find("#rulings").getText()).contains(lang.equals("zh") ? "成立" : "Upheld");
            assertThat(browser.count("#batches tr")).as("header and both lots").isEqualTo(3);
            assertThat(browser.find("#batches").getText()).contains(LedgerFixture.RECALLED_LOT);
            assertThat(browser.count("script")).isZero();
            assertFitsThePhone();
            browser.screenshot("org-" + lang);
        }

        @Test
        void chinese_is_the_default_and_the_language_link_switches() throws Exception {
            java.net.http.HttpResponse<String> plain = get("/o/CoopMSP");
            assertThat(plain.body()).startsWith("<!DOCTYPE html><html lang=\"zh-CN\">").contains("迁西县栗香板栗专业合作社（演示）");
            browser.open(ledger.url("/o/CoopMSP?lang=zh"));
            assertThat(browser.find("#lang").getText()).isEqualTo("English");
            browser.clickAndWait("#lang", "lang=en");
            assertThat(browser.find("#org-name").getText()).isEqualTo("Qianxi Lixiang Chestnut Growers' Cooperative (demo)");
        }

        @Test
        void the_verify_page_links_to_the_producers_page() {
            browser.open(ledger.pageUrl(ledger.genuine) + "&lang=zh");
            browser.clickAndWait("#org-page", "/o/CoopMSP");
            assertThat(browser.find("#org-name").getText()).isEqualTo("迁西县栗香板栗专业合作社（演示）");
            assertFitsThePhone();
        }

        @Test
        void an_unknown_org_is_a_small_not_found_page() throws Exception {
            java.net.http.HttpResponse<String> response = get("/o/NoSuchMSP?lang=en");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("No such organization on the ledger.");
            assertThat(get("/o/%3Cscript%3E").statusCode()).isEqualTo(404);
        }

        @Test
        void the_page_and_the_badge_carry_the_security_headers() throws Exception {
            java.net.http.HttpResponse<String> page = get("/o/CoopMSP");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).contains(Pages.CONTENT_SECURITY_POLICY);
            assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
            java.net.http.HttpResponse<String> badge = get("/badge/CoopMSP.svg?lang=zh");
            assertThat(badge.statusCode()).isEqualTo(200);
            assertThat(badge.headers().firstValue("Content-Type")).contains("image/svg+xml; charset=utf-8");
            assertThat(badge.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; style-src 'unsafe-inline'");
            assertThat(badge.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(badge.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(8 * 1024);
            assertThat(badge.body()).contains("迁西县栗香板栗专业合作社", "诚信评级", "/o/CoopMSP").doesNotContain("<script", "<image");
            java.net.http.HttpResponse<byte[]> png = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(ledger.url("/badge/CoopMSP.png?lang=en"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
            assertThat(new String(png.body(), 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
            assertThat(get("/badge/CoopMSP.gif").statusCode()).isEqualTo(404);
            assertThat(get("/badge/CoopMSP.svg?lang=fr").statusCode()).isEqualTo(422);
        }

        @Test
        void the_badge_renders_at_phone_width() {
            browser.open(ledger.url("/badge/CoopMSP.svg?lang=zh"));
            assertThat(browser.screenshot("badge-zh")).satisfies(file -> assertThat(Files.size(file)).isPositive());
            browser.open(ledger.url("/badge/CoopMSP.svg?lang=en"));
            assertThat(browser.screenshot("badge-en")).satisfies(file -> assertThat(Files.size(file)).isPositive());
        }

        java.net.http.HttpResponse<String> get(String path) throws Exception {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(ledger.url(path))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }
}
