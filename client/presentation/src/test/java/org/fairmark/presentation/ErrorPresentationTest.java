package org.fairmark.presentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.ErrorCode.Kind;
import org.junit.jupiter.api.Test;

/** docs/error-codes.md lists every code with its meaning, HTTP status and exit code, and nothing else. */
class ErrorPresentationTest {

    @Test
    void the_documented_table_matches_the_enum_and_the_presentation() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("..", "..", "docs", "error-codes.md")).stream()
                .filter(line -> line.startsWith("| `"))
                .toList();
        assertThat(rows).hasSize(ErrorCode.values().length);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(rows).as(code.name()).contains("| `" + code.name() + "` | " + code.meaning() + " | "
                    + ErrorPresentation.httpStatus(code) + " | " + ErrorPresentation.exitCode(code) + " |");
        }
    }

    @Test
    void each_kind_keeps_the_status_and_exit_code_it_had_in_the_domain_enum() {
        assertThat(List.of(Kind.values())).extracting(
                kind -> kind + " " + ErrorPresentation.httpStatus(kind) + " " + ErrorPresentation.exitCode(kind))
                .containsExactly("INVALID 422 3", "TOO_LARGE 413 3", "UNAUTHENTICATED 401 4", "FORBIDDEN 403 4",
                        "NOT_FOUND 404 5", "CONFLICT 409 6", "UNAVAILABLE 503 69", "STORAGE 500 74",
                        "INTERNAL 500 70");
    }

    @Test
    void a_code_is_shown_as_its_kind() {
        assertThat(ErrorPresentation.httpStatus(ErrorCode.ROLE_NOT_ALLOWED)).isEqualTo(403);
        assertThat(ErrorPresentation.exitCode(ErrorCode.LEDGER_CORRUPT)).isEqualTo(74);
        assertThat(ErrorPresentation.exitCode(ErrorCode.GATEWAY_UNAVAILABLE)).isEqualTo(69);
        assertThat(ErrorPresentation.httpStatus(ErrorCode.PAYLOAD_TOO_LARGE)).isEqualTo(413);
    }
}
