package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --verbose} prints stack traces of internal errors only, as its help says; a coded refusal stays one line. */
class VerboseTest {
    @TempDir
    Path dir;

    @Test
    void a_coded_refusal_prints_its_code_and_no_stack_trace_with_verbose() throws Exception {
        Path labels = dir.resolve("labels.txt");
        Files.writeString(labels, "not a label\n");
        CliRun cli = new CliRun(dir.resolve("data"));

        CliRun.Result quiet = cli.run("label", "verify", "--file", labels.toString(), "--trust",
                dir.resolve("missing-bundle.json").toString());
        CliRun.Result verbose = cli.run("label", "verify", "--file", labels.toString(), "--trust",
                dir.resolve("missing-bundle.json").toString(), "--verbose");

        assertThat(quiet.exit()).isNotZero().isNotEqualTo(70);
        assertThat(verbose.exit()).isEqualTo(quiet.exit());
        assertThat(verbose.err()).startsWith(quiet.err().lines().findFirst().orElseThrow())
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void an_internal_error_prints_its_stack_trace_only_with_verbose() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RootCommand root = new RootCommand(new Fairmark(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));

        int plain = root.failure(new IllegalStateException("boom"));
        String plainErr = err.toString(StandardCharsets.UTF_8);
        err.reset();
        root.verbose = true;
        int traced = root.failure(new IllegalStateException("boom"));
        String tracedErr = err.toString(StandardCharsets.UTF_8);
        err.reset();
        int coded = root.failure(new DomainException(ErrorCode.INVALID_GTIN, "bad gtin"));
        String codedErr = err.toString(StandardCharsets.UTF_8);

        assertThat(plain).isEqualTo(traced).isEqualTo(70);
        assertThat(plainErr).contains("INTERNAL_ERROR").doesNotContain("\tat ");
        assertThat(tracedErr).contains("INTERNAL_ERROR").contains("java.lang.IllegalStateException: boom").contains("\tat ");
        assertThat(codedErr).contains("INVALID_GTIN").doesNotContain("\tat ");
    }
}
