package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import java.nio.charset.StandardCharsets;
import org.fairmark.domain.model.Receipt;
import org.junit.jupiter.api.Test;

/** The typed finding of a weighing: canonical JSON writes and reads exactly the strings the ledger already holds. */
class PackageWeighingJsonTest {
    /** A weighing record as the contract wrote it while the finding was a string. */
    static final String LEDGER_JSON = "{\"finding\":\"T1\",\"gtin\":\"06901234567892\",\"lot\":\"QX-1\","
            + "\"measuredNetDecigrams\":4800,\"nominalMassGrams\":500,\"producerOrg\":\"CoopMSP\","
            + "\"receiptId\":\"r-1\",\"receivedAt\":\"2026-10-08T02:00:00Z\",\"receiverOrg\":\"MarketMSP\","
            + "\"serial\":\"P00001\",\"tolerableDeficiencyDecigrams\":150}";

    static Receipt.PackageWeighing weighing(ShortWeight.Finding finding) {
        return new Receipt.PackageWeighing("06901234567892", "QX-1", "P00001", 500L, 4_800L, 150L, finding, "CoopMSP",
                "r-1", "MarketMSP", "2026-10-08T02:00:00Z");
    }

    @Test
    void writes_the_same_bytes_as_the_string_finding_did() {
        assertThat(CanonicalJson.toJson(weighing(ShortWeight.Finding.T1))).isEqualTo(LEDGER_JSON);
        assertThat(CanonicalJson.toBytes(weighing(ShortWeight.Finding.T1)))
                .isEqualTo(LEDGER_JSON.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void every_finding_round_trips_by_its_name() {
        for (ShortWeight.Finding finding : ShortWeight.Finding.values()) {
            String json = LEDGER_JSON.replace("\"T1\"", "\"" + finding.name() + "\"");
            Receipt.PackageWeighing read = CanonicalJson.read(json, Receipt.PackageWeighing.class);
            assertThat(read.finding()).isEqualTo(finding);
            assertThat(CanonicalJson.toJson(read)).isEqualTo(json);
        }
    }

    @Test
    void an_unknown_finding_is_refused_when_read() {
        assertRejected(() -> CanonicalJson.read(LEDGER_JSON.replace("\"T1\"", "\"T3\""), Receipt.PackageWeighing.class),
                ErrorCode.MALFORMED_REQUEST);
    }
}
