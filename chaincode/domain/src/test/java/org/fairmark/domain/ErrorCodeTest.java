package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Codes travel as the prefix of a chaincode message; how they are shown (HTTP, exit) is fairmark-presentation's. */
class ErrorCodeTest {

    @Test
    void codes_are_read_back_from_chaincode_messages() {
        assertThat(ErrorCode.fromMessage("MASS_BALANCE_EXCEEDED: 10 g over")).isEqualTo(ErrorCode.MASS_BALANCE_EXCEEDED);
        assertThat(ErrorCode.fromMessage("chaincode response 500, BATCH_EXISTS: lot")).isNull();
        assertThat(ErrorCode.fromMessage(null)).isNull();
        assertThat(ErrorCode.fromMessage("Unexpected error")).isNull();
    }

    @Test
    void the_enum_carries_no_presentation() {
        assertThat(ErrorCode.class.getMethods()).extracting(java.lang.reflect.Method::getName)
                .doesNotContain("httpStatus", "exitCode");
        assertThat(ErrorCode.Kind.class.getMethods()).extracting(java.lang.reflect.Method::getName)
                .doesNotContain("httpStatus", "exitCode");
    }
}
