package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.domain.ErrorCode;
import org.fairmark.presentation.ErrorPresentation;
import org.junit.jupiter.api.Test;

/** The exit status tables of docs/en/cli.md and docs/zh-CN/cli.md list every error code under its exit status. */
class DocsTest {
    static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\|(.*)$", Pattern.MULTILINE);
    static final Pattern CODE = Pattern.compile("`([A-Z_*]+)`");

    static Map<Integer, List<String>> exitTable(Path file) throws IOException {
        String text = Files.readString(file);
        String section = text.substring(text.lastIndexOf("| 0 |"));
        Map<Integer, List<String>> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            Matcher code = CODE.matcher(row.group(2));
            List<String> codes = new java.util.ArrayList<>();
            while (code.find()) {
                codes.add(code.group(1));
            }
            rows.put(Integer.parseInt(row.group(1)), codes);
        }
        return rows;
    }

    @Test
    void every_error_code_is_documented_under_its_exit_status_in_both_languages() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent().getParent();
        for (Path doc : List.of(root.resolve("docs/en/cli.md"), root.resolve("docs/zh-CN/cli.md"))) {
            Map<Integer, List<String>> table = exitTable(doc);

            assertThat(table.keySet()).as(doc.toString()).contains(0, 1, 2, 3, 4, 5, 6, 69, 70, 130);
            for (ErrorCode code : ErrorCode.values()) {
                List<String> patterns = table.get(ErrorPresentation.exitCode(code));
                assertThat(patterns).as(doc + ": exit " + ErrorPresentation.exitCode(code)).isNotNull();
                assertThat(patterns.stream().anyMatch(pattern -> code.name().matches(pattern.replace("*", "[A-Z_]*"))))
                        .as(doc + ": " + code + " under exit " + ErrorPresentation.exitCode(code) + " " + patterns).isTrue();
            }
        }
        assertThat(exitTable(root.resolve("docs/zh-CN/cli.md"))).isEqualTo(exitTable(root.resolve("docs/en/cli.md")));
    }
}
