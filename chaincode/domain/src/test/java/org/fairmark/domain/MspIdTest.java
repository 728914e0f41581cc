package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one MSP-id syntax that the contract, the client library, the CLI and the dev CA check against. */
class MspIdTest {
    /** Accepted: a letter or digit, then up to 63 letters, digits, dots, dashes or underscores. */
    static final List<String> ACCEPTED = List.of(
            "CoopMSP", "Org1MSP", "1", "a", "market-1.MSP", "Pack_MSP", "x" + "y".repeat(63), "0.-_");

    /** Refused: empty, a leading punctuation mark, spaces, '@', '/', non-ASCII, 65 characters, a line end. */
    static final List<String> REFUSED = Arrays.asList(
            null, "", "-Coop", ".Coop", "_Coop", "Coop MSP", " CoopMSP", "CoopMSP ", "coop@msp", "../etc", "Coop/MSP",
            "合作社MSP", "ＣoopMSP", "x".repeat(65), "CoopMSP\n", "Coop:MSP");

    /** Every string that {@code check} accepts, of {@link #ACCEPTED} and {@link #REFUSED}. */
    public static List<String> acceptedBy(java.util.function.Predicate<String> check) {
        List<String> accepted = new ArrayList<>();
        for (List<String> list : List.of(ACCEPTED, REFUSED)) {
            for (String id : list) {
                if (check.test(id)) {
                    accepted.add(id);
                }
            }
        }
        return accepted;
    }

    @Test
    void accepts_exactly_the_fabric_style_ids() {
        assertThat(acceptedBy(MspId::isValid)).isEqualTo(ACCEPTED);
    }

    @Test
    void require_returns_the_id_or_names_the_field() {
        assertThat(MspId.require("org", "CoopMSP")).isEqualTo("CoopMSP");
        for (String id : REFUSED) {
            assertRejected(() -> MspId.require("packerOrgs", id), ErrorCode.INVALID_ARGUMENT)
                    .hasMessageContaining("packerOrgs must be an MSP id");
        }
    }
}
