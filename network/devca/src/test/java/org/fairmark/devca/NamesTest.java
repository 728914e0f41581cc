package org.fairmark.devca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fairmark.domain.MspId;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void the_dev_ca_accepts_the_msp_ids_the_contract_accepts() {
        List<String> samples = List.of("CoopMSP", "market-1.MSP", "Pack_MSP", "1", "-Coop", "Coop MSP", "coop@msp",
                "../etc", "合作社MSP", "x".repeat(64), "x".repeat(65), "CoopMSP\n", "");
        for (String id : samples) {
            if (MspId.isValid(id)) {
                assertThat(Names.mspId(id)).isEqualTo(id);
            } else {
                assertThatThrownBy(() -> Names.mspId(id))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("MSP id must match " + MspId.SYNTAX + ": '" + id + "'");
            }
        }
        assertThat(samples.stream().filter(MspId::isValid)).hasSize(5);
        assertThatThrownBy(() -> Names.mspId(null)).hasMessage("mspId == null");
    }
}
