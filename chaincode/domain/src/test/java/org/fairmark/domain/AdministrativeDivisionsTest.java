package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AdministrativeDivisionsTest {
    private final AdministrativeDivisions table = AdministrativeDivisions.table();

    @Test
    void names_the_source_and_its_version() throws IOException {
        assertThat(table.version()).isEqualTo("2024");
        assertThat(table.source()).contains("yescallop/areacodes").contains("eed219a0678d36bacaa717f62443b10e869f0291");
        try (InputStream in = AdministrativeDivisions.class.getResourceAsStream("gbt2260.tsv")) {
            String header = new String(in.readNBytes(2000), StandardCharsets.UTF_8);
            assertThat(header).contains("# licence: CC0 1.0").contains("regenerate.sh");
        }
    }

    @Test
    void holds_every_division_in_use_at_each_level() {
        // MCA's 2024 list: 34 province-level, 333 prefecture-level and 2846 county-level divisions
        assertThat(table.inUse(Division.Level.PROVINCE)).hasSize(34);
        assertThat(table.inUse(Division.Level.PREFECTURE)).hasSize(333);
        assertThat(table.inUse(Division.Level.COUNTY)).hasSize(2846);
        assertThat(table.size()).isGreaterThan(6000);
    }

    @Test
    void full_names_run_from_province_to_county() {
        assertThat(table.displayName("130227")).isEqualTo("河北省 唐山市 迁西县");
        assertThat(table.displayName("441900")).isEqualTo("广东省 东莞市");
        assertThat(table.displayName("110101")).isEqualTo("北京市 东城区");
        assertThat(table.displayName("429004")).isEqualTo("湖北省 仙桃市");
        assertThat(table.displayName("330000")).isEqualTo("浙江省");
        assertThat(table.find("130227").orElseThrow().fullNameWithCode()).isEqualTo("河北省 唐山市 迁西县 (130227)");
    }

    @Test
    void retired_codes_keep_the_name_they_had() {
        Division chongwen = table.find("110103").orElseThrow();
        assertThat(chongwen.fullName()).isEqualTo("北京市 崇文区");
        assertThat(chongwen.retiredYear()).isEqualTo(2010);
        assertThat(chongwen.successors()).containsExactly("110101");
        assertThat(table.displayName("110103")).isEqualTo("北京市 崇文区");
    }

    @Test
    void unknown_codes_are_shown_as_they_are() {
        assertThat(table.displayName("999999")).isEqualTo("999999");
        assertThat(table.find(null)).isEmpty();
    }

    @Test
    void every_successor_is_in_use() {
        int retired = 0;
        for (int code = 110000; code <= 829999; code++) {
            var d = table.find(Integer.toString(code));
            if (d.isPresent() && !d.get().inUse()) {
                retired++;
                for (String s : d.get().successors()) {
                    assertThat(table.find(s)).as("successor %s of %s", s, code).get().matches(Division::inUse);
                }
            }
        }
        assertThat(retired).isGreaterThan(3000);
    }

    @Test
    void the_table_is_small_and_reads_back_whole() throws IOException {
        byte[] bytes;
        try (InputStream in = AdministrativeDivisions.class.getResourceAsStream("gbt2260.tsv")) {
            bytes = in.readAllBytes();
        }
        // measured load time is in docs/en/divisions.md; a wall-clock bound here would fail on a busy machine
        assertThat(bytes.length).isLessThan(300_000);
        AdministrativeDivisions read = AdministrativeDivisions.read(new java.io.ByteArrayInputStream(bytes));
        assertThat(read.size()).isEqualTo(table.size());
        assertThat(read.version()).isEqualTo(table.version());
    }
}
