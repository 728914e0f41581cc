package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Human output names organizations by their ledger profiles (MSP id as the detail; an org without a profile by its
 * MSP id alone) and divisions by their full GB/T 2260 names; {@code --json} keeps the raw fields.
 */
class OrgNamesIT {
    static final String GTIN = LedgerFixture.GTIN;
    static final String COOP = "迁西县栗香板栗专业合作社（演示） (CoopMSP)";
    static final String COOP_EN = "Qianxi Lixiang Chestnut Growers' Cooperative (demo) (CoopMSP)";
    static final String BUREAU = "迁西县农产品质量检验检测站（演示） (BureauMSP)";
    static final String QIANXI = "河北省 唐山市 迁西县 (130227)";

    @TempDir
    static Path dataDir;

    static LedgerFixture ledger;
    static CliRun cli;
    static String lot;
    static List<String> serials;
    static String disputeId;

    @BeforeAll
    static void story() {
        ledger = LedgerFixture.create(dataDir);
        cli = ledger.cli;
        // the coop and the bureau write profiles; the carrier and the market do not
        DemoProfiles.BY_ADMIN.entrySet().stream().filter(e -> e.getKey().equals("admin@coop") || e.getKey().equals("admin@bureau"))
                .forEach(e -> cli.run("--as", e.getKey(), "profile", "set", "--name-zh", e.getValue().nameZh(), "--name-en",
                        e.getValue().nameEn(), "--credit-code", e.getValue().socialCreditCode(), "--county",
                        e.getValue().countyCode(), "--kind", e.getValue().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).ok());
        lot = ledger.certified();
        serials = ledger.packed(lot, 2);
        cli.run("lot", "inspect", GTIN, lot, "--nominal", "500g", "--tare", "INDIVIDUAL",
                "--weigh", serials.get(0) + "=503.0", "--weigh", serials.get(1) + "=502.0").ok();
        ledger.deliverToMarket(lot);
        disputeId = cli.run("--json", "dispute", "open", GTIN, lot, "--type", "INFERIOR_QUALITY", "--serial",
                serials.get(1), "--description", "mouldy")
                .ok().json().get("disputeId").asText();
    }

    @Test
    void batch_trace_and_history_name_the_orgs_and_the_county() {
        CliRun.Result batch = cli.run("--lang", "zh", "batch", "get", GTIN, lot).ok();
        assertThat(batch.out()).contains("生产者：" + COOP, QIANXI, BUREAU);

        CliRun.Result trace = cli.run("--lang", "en", "trace", GTIN, lot, serials.get(0)).ok();
        assertThat(trace.out()).contains("producer: " + COOP_EN, "origin: " + QIANXI,
                "by Qianxi County Produce Inspection Station (demo) (BureauMSP)",
                "custody " + COOP_EN + " -> CarrierMSP", "custody CarrierMSP -> MarketMSP", "held by MarketMSP");

        CliRun.Result history = cli.run("--lang", "zh", "history", GTIN, lot).ok();
        assertThat(history.out()).contains(BUREAU, COOP);
    }

    @Test
    void lot_inspections_disputes_and_receipts_name_the_orgs() {
        assertThat(cli.run("--lang", "zh", "lot", "show", GTIN, lot, "--nominal", "500g").ok().out()).contains(BUREAU);
        assertThat(cli.run("--lang", "zh", "dispute", "get", disputeId).ok().out()).contains("MarketMSP", COOP);
        CliRun.Result receipt = cli.run("--lang", "en", "receive", GTIN, lot, "--scale", "scale-9",
                "--weigh", serials.get(0) + "=501.0").ok();
        assertThat(receipt.out()).contains("by MarketMSP");
    }

    @Test
    void json_output_keeps_the_raw_fields() {
        JsonNode trace = cli.run("--json", "trace", GTIN, lot, serials.get(0)).ok().json();
        assertThat(trace.at("/batch/batch/producerOrg").asText()).isEqualTo("CoopMSP");
        assertThat(trace.at("/batch/batch/origin/countyCode").asText()).isEqualTo("130227");
        assertThat(trace.toString()).doesNotContain("迁西县栗香");
    }

    @Test
    void online_verification_and_the_label_sheet_name_the_producer_packer_and_origin() throws Exception {
        Path pdf = dataDir.resolve("sheet.pdf");
        JsonNode printed = cli.run("--json", "label", "print", GTIN, lot, "--pdf", pdf.toString()).ok().json();
        String uri = null;
        for (JsonNode label : printed.get("labels")) {
            if (label.get("serial").asText().equals(serials.get(0))) {
                uri = label.get("uri").asText();   // not the disputed package: it verifies GENUINE
            }
        }

        CliRun.Result verify = cli.run("--lang", "zh", "verify", uri).ok();
        assertThat(verify.out()).contains("产地 " + QIANXI, "生产者 " + COOP, "包装 " + COOP);
        JsonNode json = cli.run("--json", "verify", uri).ok().json();
        assertThat(json.at("/label/countyCode").asText()).isEqualTo("130227");
        assertThat(json.at("/label/countyName").asText()).isEqualTo("河北省 唐山市 迁西县");

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document);
            if (text.contains("包装")) {   // a CJK font was found
                assertThat(text).contains("包装 Packer: 迁西县栗香板栗专业合作社（演示）", "河北省 唐山市 迁西县 (130227)");
            } else {
                assertThat(text).contains("Packer: Qianxi Lixiang Chestnut Growers' Cooperative (demo)");
            }
        }
    }

    @Test
    void recall_and_profile_show_name_the_org_and_the_county() {
        String recalled = ledger.certified();
        assertThat(cli.run("--lang", "en", "recall", GTIN, recalled, "--reason", "test").ok().out())
                .contains("RECALLED by " + COOP_EN);
        assertThat(cli.run("--lang", "zh", "profile", "show", "CoopMSP").ok().out()).contains(QIANXI);
        assertThat(cli.run("--lang", "en", "integrity", "CarrierMSP").ok().out())
                .contains("Integrity of CarrierMSP:");
    }
}
