package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairmark demo}: the README's first command walks a batch from registration to a verified label. */
class DemoIT {
    @TempDir
    Path dataDir;

    @Test
    void narrates_the_chestnut_batch_from_registration_to_an_upheld_short_weight_dispute_and_a_verified_label()
            throws Exception {
        CliRun.Result result = new CliRun(dataDir).run("demo").ok();

        assertThat(result.out())
                .contains("[ 1/13] Development network up: 4 organizations (Qianxi County Produce Inspection Station (demo)"
                        + " (BureauMSP), Tangshan Liyun Logistics Co., Ltd. (demo) (CarrierMSP), Qianxi Lixiang Chestnut Growers'"
                        + " Cooperative (demo) (CoopMSP), Jingjiao Select Farm Produce Shop (demo) (MarketMSP))")
                .contains("from 河北省 唐山市 迁西县 (130227)")
                .contains("the ledger derived grade FIRST, PASS")
                .containsPattern("holds 478\\.0 g of 500 g -> T1 short weight \\(T = 15\\.0 g\\)")
                .contains("opened a SHORT_WEIGHT dispute D-")
                .contains("took it and ruled UPHELD")
                .contains("Inspected by Qianxi County Produce Inspection Station (demo) (BureauMSP)")
                .containsPattern("Integrity of Qianxi Lixiang Chestnut Growers' Cooperative \\(demo\\) \\(CoopMSP\\): rating C \\(batches 1, packages 6, weighed 6, T1 1, T2 0, disputes upheld 1\\)")
                .contains("verified: offline GENUINE, online GENUINE")
                .contains("[13/13]")
                .contains("Done in");
        Path pdf = Files.list(dataDir.resolve("demo")).filter(file -> file.toString().endsWith(".pdf")).findFirst()
                .orElseThrow();
        byte[] bytes = Files.readAllBytes(pdf);
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(result.out()).contains(pdf.toString());
        assertThat(dataDir.resolve("demo/trust-bundle.json")).isRegularFile();
    }

    @Test
    void runs_again_on_the_same_directory_with_machine_output_and_in_chinese() {
        CliRun.Result first = new CliRun(dataDir).run("--json", "demo").ok();
        CliRun.Result second = new CliRun(dataDir, Map.of("FAIRMARK_LANG", "zh")).run("--lang", "zh", "--json", "demo").ok();

        for (JsonNode json : new JsonNode[] {first.json(), second.json()}) {
            assertThat(json.get("dataDir").asText()).isEqualTo(dataDir.toString());
            assertThat(json.get("finding").asText()).isIn("T1", "T2");
            assertThat(json.get("outcome").asText()).isEqualTo("UPHELD");
            assertThat(json.get("offlineGenuine").asBoolean()).isTrue();
            assertThat(json.get("onlineStatus").asText()).isEqualTo("GENUINE");
            assertThat(json.get("serials")).hasSize(6);
            assertThat(Path.of(json.get("labelsPdf").asText())).isRegularFile();
        }
        assertThat(second.json().get("lot").asText()).isNotEqualTo(first.json().get("lot").asText());
        assertThat(second.json().at("/integrity/batches").asLong()).isEqualTo(2);
        assertThat(second.json().at("/integrity/disputesUpheld").asLong()).isEqualTo(2);
    }

    @Test
    void narrates_in_chinese_only_when_asked() {
        CliRun.Result result = new CliRun(dataDir).run("--lang", "zh", "demo").ok();

        assertThat(result.out()).contains("合作社登记河北省 唐山市 迁西县 (130227)的板栗批次").contains("裁定 UPHELD")
                .doesNotContain("Cooperative registered");
    }
}
