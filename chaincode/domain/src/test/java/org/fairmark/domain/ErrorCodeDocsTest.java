package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/error-codes.md lists every code with its meaning, HTTP status and exit code, and nothing else. */
class ErrorCodeDocsTest {

    @Test
    void the_documented_table_matches_the_enum() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("..", "..", "docs", "error-codes.md")).stream()
                .filter(line -> line.startsWith("| `"))
                .toList();
        assertThat(rows).hasSize(ErrorCode.values().length);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(rows).as(code.name()).contains("| `" + code.name() + "` | " + code.meaning() + " | "
                    + code.httpStatus() + " | " + code.exitCode() + " |");
        }
    }

    @Test
    void codes_are_read_back_from_chaincode_messages() {
        assertThat(ErrorCode.fromMessage("MASS_BALANCE_EXCEEDED: 10 g over")).isEqualTo(ErrorCode.MASS_BALANCE_EXCEEDED);
        assertThat(ErrorCode.fromMessage("chaincode response 500, BATCH_EXISTS: lot")).isNull();
        assertThat(ErrorCode.fromMessage(null)).isNull();
        assertThat(ErrorCode.fromMessage("Unexpected error")).isNull();
    }
}
