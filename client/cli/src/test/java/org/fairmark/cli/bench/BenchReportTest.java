package org.fairmark.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    @Test
    void the_html_report_escapes_as_the_web_pages_do() {
        BenchReport report = new BenchReport("load <b>\u202etest</b>", "2026-12-07T18:00:00Z", "rounds/o'dd.yaml",
                "embedded \"network\"", "2 cores\u0007", 0.5, 1.5, List.of(), List.of());

        String html = report.html();

        assertThat(html)
                .contains("<title>load &lt;b&gt;\uFFFDtest&lt;/b&gt;</title>")
                .contains("rounds/o&#39;dd.yaml")
                .contains("embedded &quot;network&quot;")
                .contains("2 cores\uFFFD")
                .doesNotContain("\u202e", "\u0007", "<b>");
    }
}
