package org.fairmark.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairmark.client.LabelClaim;
import org.fairmark.client.LabelRejection;
import org.fairmark.client.LabelSigner;
import org.fairmark.client.SignedLabel;
import org.fairmark.devca.Roster;
import org.fairmark.domain.ShortWeight;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.BatchStatus;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.CustodyHop;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeStatus;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.IntegrityPoint;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.PackingRun;
import org.fairmark.domain.model.Page;
import org.fairmark.domain.model.RecallRecord;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.RulingOrder;
import org.fairmark.domain.model.Trace;
import org.junit.jupiter.api.Test;

/** The pages rendered from hand-made ledger records: the worst cases stay small, escaped and script-free. */
class PagesTest {
    static final String HOSTILE = "<script>alert('x')</script>\" onmouseover=\"x ";
    static final String AT = "2025-10-01T08:00:00Z";
    static final LabelSigner SIGNER = LabelSigner.generate();
    static final SignedLabel LABEL = SIGNER.sign(new LabelClaim("06901234567892", "QX-1", "P00001", "FIRST", 500,
            LocalDate.of(2025, 10, 1), "130227", SIGNER.keyId()), "https://id.fairmark.test");

    /** A package with the longest history the pages show, every text at its contract maximum and hostile. */
    static Trace heavyTrace() {
        String text = (HOSTILE + "板栗".repeat(100)).substring(0, 200);
        Batch batch = new Batch("06901234567892", "QX-1", text, text, new Origin("130227", text, text, text, null), "2025-09-20",
                1_000_000L, 10_000L, List.of(), List.of(), Roster.PRODUCER, "CoopMSP", AT, "tx");
        Inspection inspection = new Inspection("i", "06901234567892", "QX-1", "GB-T-22346", "2008", 200L, 2000L,
                Map.of("defect_permille", 30L), "SPECIAL", "FIRST", org.fairmark.domain.model.Verdict.PASS, "2026-01-01", null, text, Roster.INSPECTOR,
                "BureauMSP", AT);
        BatchView view = new BatchView(batch, BatchStatus.RECALLED, inspection, 500L, 250_000L, 740_000L);
        PackageRecord pkg = new PackageRecord("06901234567892", "P00001", "QX-1", null, 500L, "FIRST", "2025-10-01",
                "0123456789abcdef0123456789abcdef", "run", Roster.PACKER, "CoopMSP", AT);
        List<CustodyHop> hops = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            hops.add(new CustodyHop("06901234567892", "P00001", "Org" + i + "MSP", "a", "Org" + (i + 1) + "MSP", "b", AT, "t", AT, "t"));
        }
        List<Dispute> disputes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            disputes.add(new Dispute("D-" + i, DisputeType.INFERIOR_QUALITY, "06901234567892", "QX-1", List.of("P00001"), null, text,
                    List.of(), "MarketMSP", Roster.BUYER, "CoopMSP", AT, DisputeStatus.RESOLVED, null, null,
                    new Dispute.Review("D-" + i, "BureauMSP", Roster.INSPECTOR, AT, DisputeOutcome.UPHELD, Remedy.PARTIAL_REFUND,
                            12_345L, text, RulingOrder.DOWNGRADE, "SECOND", AT)));
        }
        List<Receipt.PackageWeighing> weighings = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            weighings.add(new Receipt.PackageWeighing("06901234567892", "QX-1", "P00001", 500L, 4_700L, 150L, ShortWeight.Finding.T2, "CoopMSP",
                    "0".repeat(64), "MarketMSP", AT));
        }
        List<PackingRun> runs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            runs.add(new PackingRun("run" + i, "06901234567892", "QX-1", 5L, 2500L, "FIRST", "2025-10-01", "k", Roster.PACKER, "CoopMSP", AT));
        }
        return new Trace(view, List.of(inspection, inspection), runs, pkg,
                new Custody("06901234567892", "QX-1", "P00001", "Org200MSP", "x", Custody.CustodyStatus.IN_TRANSIT, "NextMSP", null, 200L, AT, "t"),
                hops, weighings, disputes, new RecallRecord("06901234567892", "QX-1", text, "CoopMSP", Roster.PRODUCER, "producer", AT, "t"),
                new Trace.ScanSummary(9999L, true, AT, List.of("too many scans")));
    }

    static IntegrityRecord integrity() {
        return new IntegrityRecord("CoopMSP", null, 12L, 11L, 1L, 900L, 300L, 4L, 1L, 1L, 6L, 2L, 3L, 1L, 1L, "D");
    }

    @Test
    void the_verify_page_stays_under_30_kb_with_the_heaviest_history_in_both_languages() {
        for (Lang lang : Lang.values()) {
            String page = VerifyPage.render(new VerifyPage.Model(Verdict.RECALLED, null, LABEL, heavyTrace(), integrity(), null,
                    Instant.parse(AT)), lang, "?lang=" + lang.other().code());
            WebApiIT.assertSelfContained(page, 30 * 1024);
            assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;x&#39;)");
        }
    }

    @Test
    void the_verify_page_of_a_forged_label_shows_the_reason_and_what_to_do_but_no_ledger_data() {
        String page = VerifyPage.render(new VerifyPage.Model(Verdict.FORGED, LabelRejection.BAD_SIGNATURE, LABEL, null, null, null,
                Instant.parse(AT)), Lang.EN, "?lang=zh");
        assertThat(page).contains("<h1 id=\"verdict\">Forged label</h1>", "The signature does not match", "12315")
                .doesNotContain("id=\"custody\"", "id=\"integrity\"");
        WebApiIT.assertSelfContained(page, 30 * 1024);
    }

    @Test
    void origins_show_the_full_division_name_in_both_languages() {
        Origin origin = new Origin("130227", "汉儿庄乡", "榆木岭村", null, null);
        assertThat(VerifyPage.origin(origin, Lang.ZH)).isEqualTo("榆木岭村, 汉儿庄乡, 河北省 唐山市 迁西县 (130227)");
        assertThat(VerifyPage.origin(origin, Lang.EN)).endsWith("河北省 唐山市 迁西县 (130227)");
        // a code retired since the batch was registered keeps the name it had
        assertThat(VerifyPage.origin(new Origin("110103", "t", "v", null, null), Lang.EN)).endsWith("北京市 崇文区 (110103)");
        assertThat(VerifyPage.origin(new Origin("441900", "t", "v", null, null), Lang.ZH)).endsWith("广东省 东莞市 (441900)");
    }

    @Test
    void the_verify_page_puts_the_verdict_first() {
        String page = VerifyPage.render(new VerifyPage.Model(Verdict.GENUINE, null, LABEL, heavyTrace(), integrity(), null,
                Instant.parse(AT)), Lang.ZH, "?lang=en");
        int main = page.indexOf("<main>");
        assertThat(page.indexOf("id=\"verdict\"")).isGreaterThan(main);
        assertThat(page.substring(main, page.indexOf("id=\"verdict\""))).doesNotContain("<section", "<p>", "<p ");
    }

    @Test
    void the_dashboard_stays_light_with_a_long_history() {
        List<PackageRecord> packages = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            packages.add(heavyTrace().pkg());
        }
        for (Lang lang : Lang.values()) {
            String page = DashboardPage.render(new DashboardPage.Model("06901234567892", HOSTILE, heavyTrace(),
                    new Page<>(packages, 100L, "next"), integrity(), history(366), null, Instant.parse(AT)), lang,
                    "?lang=en");
            WebApiIT.assertSelfContained(page, 64 * 1024);
            assertThat(page).contains("id=\"timeline\"", "id=\"integrity-chart\"", "id=\"balance\"",
                    "id=\"integrity-history\"");
        }
    }

    /** A year of daily points whose short-weight rate climbs and whose rating falls from A to D. */
    static List<IntegrityPoint> history(int days) {
        List<IntegrityPoint> points = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            long weighed = 100L * (d + 1);
            long t1 = d / 10;
            String rating = t1 == 0 ? "A" : t1 * 100 > weighed * 2 ? "C" : "B";
            points.add(new IntegrityPoint(java.time.LocalDate.parse("2026-01-01").plusDays(d).toString(),
                    new IntegrityRecord("CoopMSP", null, 1L, 1L, 0L, weighed, weighed, t1, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
                            d == days - 1 ? "D" : rating)));
        }
        return points;
    }

    @Test
    void the_history_chart_draws_one_square_per_day_and_the_short_weight_line() {
        StringBuilder out = new StringBuilder();
        DashboardPage.history(out, history(5), Lang.EN);
        assertThat(out).contains("id=\"integrity-history\"", "<polyline", "2026-01-01", "2026-01-05", ">A<", ">D<");
        assertThat(out.toString().split("<rect").length - 1).isEqualTo(5);
        StringBuilder none = new StringBuilder();
        DashboardPage.history(none, List.of(), Lang.ZH);
        assertThat(none).contains("暂无带日期的事实");
        for (Lang lang : Lang.values()) {
            String html = DashboardPage.render(new DashboardPage.Model(null, null, null, null, integrity(), history(3), null,
                    Instant.parse(AT)), lang, "?lang=en");
            assertThat(html).contains("id=\"history\"");
        }
    }

    @Test
    void the_integrity_chart_draws_each_group_in_proportion_and_says_when_there_is_nothing() {
        StringBuilder out = new StringBuilder();
        DashboardPage.integrity(out, new IntegrityRecord("NewMSP", null, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, "NEW"), Lang.EN);
        assertThat(out).contains("nothing recorded yet", "Too little history");
        StringBuilder full = new StringBuilder();
        DashboardPage.integrity(full, integrity(), Lang.EN);
        assertThat(full).contains("11 passed · 1 failed", "295 within tolerance · 4 T1 · 1 T2", "3 rejected · 1 settled · 2 upheld",
                "11 not recalled · 1 recalled");
        assertThat(full.toString().getBytes(StandardCharsets.UTF_8).length).isLessThan(8 * 1024);
    }

    @Test
    void svg_labels_are_cut_to_the_width_wide_characters_count_double() {
        assertThat(Svg.cut("short", 30)).isEqualTo("short");
        assertThat(Svg.cut("x".repeat(30), 30)).isEqualTo("x".repeat(30));
        assertThat(Svg.cut("x".repeat(60), 30)).isEqualTo("x".repeat(29) + "\u2026");
        assertThat(Svg.cut("板".repeat(30), 30)).isEqualTo("板".repeat(14) + "\u2026");
        assertThat(Svg.cut("🌰".repeat(30), 30)).isEqualTo("🌰".repeat(14) + "\u2026");
    }

    @Test
    void formats_masses_money_and_times_for_people() {
        assertThat(Formats.grams(500L)).isEqualTo("500 g");
        assertThat(Formats.grams(2_500L)).isEqualTo("2.5 kg");
        assertThat(Formats.grams(1_000_000L)).isEqualTo("1,000 kg");
        assertThat(Formats.decigrams(4_790L)).isEqualTo("479.0 g");
        assertThat(Formats.fen(500L)).isEqualTo("\u00a55.00");
        assertThat(Formats.time("2025-10-01T08:00:00Z")).isEqualTo("2025-10-01 16:00");
        assertThat(Formats.time("not a time")).isEqualTo("not a time");
    }

    @Test
    void the_org_page_escapes_every_free_text_and_stays_light_in_both_languages() {
        Trace trace = heavyTrace();
        org.fairmark.domain.model.OrgProfile hostile = new org.fairmark.domain.model.OrgProfile("CoopMSP", HOSTILE + "合作社",
                HOSTILE + "Coop", "93130227FM00000178", "130227", org.fairmark.domain.model.OrgKind.COOPERATIVE,
                "2026-10-01T00:00:00Z", "2026-10-02T00:00:00Z", "x509::CN=admin");
        org.fairmark.domain.model.OrgOverview overview = new org.fairmark.domain.model.OrgOverview("CoopMSP", hostile, integrity(),
                List.of(trace.batch()), trace.inspections(), trace.disputes());
        for (Lang lang : Lang.values()) {
            String html = OrgNames.using(new OrgNames(Map.of("CoopMSP", hostile)),
                    () -> OrgPage.render(new OrgPage.Model(overview, history(30), Instant.parse("2026-10-08T02:00:00Z")), lang, "?lang=x"));
            assertThat(html).doesNotContain("<script", "onmouseover=\"x").contains("&lt;script&gt;");
            assertThat(html).contains("id=\"org-name\"", "id=\"integrity-chart\"", "id=\"integrity-history\"", "id=\"inspections\"",
                    "id=\"rulings\"", "id=\"batches\"", "/badge/CoopMSP.svg");
            assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(60_000);
            assertThat(html).as("the profile's county by its full name").contains("河北省 唐山市 迁西县 (130227)");
        }
        String zh = OrgPage.render(new OrgPage.Model(new org.fairmark.domain.model.OrgOverview("NewMSP", null, integrity(),
                List.of(), List.of(), List.of()), List.of(), Instant.parse("2026-10-08T02:00:00Z")), Lang.ZH, "?lang=en");
        assertThat(zh).contains("该组织尚未写入档案", "尚无批次", "NewMSP");
    }

    @Test
    void pages_show_org_names_with_the_msp_id_as_the_detail() {
        org.fairmark.domain.model.OrgProfile coop = new org.fairmark.domain.model.OrgProfile("CoopMSP", "迁西县合作社", "Qianxi Coop",
                "93130227FM00000178", "130227", org.fairmark.domain.model.OrgKind.COOPERATIVE, "2026-10-01T00:00:00Z",
                "2026-10-01T00:00:00Z", "x509::CN=admin");
        OrgNames names = new OrgNames(Map.of("CoopMSP", coop));
        assertThat(names.name("CoopMSP", Lang.ZH)).isEqualTo("迁西县合作社 (CoopMSP)");
        assertThat(names.name("CoopMSP", Lang.EN)).isEqualTo("Qianxi Coop (CoopMSP)");
        assertThat(names.name("MarketMSP", Lang.EN)).isEqualTo("MarketMSP");
        String html = OrgNames.using(names, () -> DashboardPage.render(new DashboardPage.Model("06901234567892", "L1", heavyTrace(),
                null, integrity(), history(2), null, Instant.parse("2026-10-08T02:00:00Z")), Lang.ZH, "?lang=en"));
        assertThat(html).contains("迁西县合作社 (CoopMSP)");
        assertThat(OrgNames.show("CoopMSP", Lang.ZH)).as("the names are in force only while rendering").isEqualTo("CoopMSP");
    }
}
