package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedNetworkMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void bad_usage_is_a_usage_error() {
        assertThatThrownBy(() -> run("start")).hasMessage("--data-dir is required");
        assertThatThrownBy(() -> run("--data-dir", dir.toString(), "--port", "x"))
                .hasMessage("--port needs a number, not 'x'");
        assertThatThrownBy(() -> run("frobnicate", "--data-dir", dir.toString()))
                .hasMessage("unknown command 'frobnicate'");
        assertThatThrownBy(() -> run("--data-dir", dir.toString(), "--colour", "red"))
                .hasMessage("unknown option --colour");
        assertThatThrownBy(() -> run("--data-dir", dir.toString(), "--port", "70000"))
                .hasMessage("port must be -1..65535: 70000");
        assertThatThrownBy(() -> run("--data-dir", dir.toString(), "--endorsement-policy", "OutOf(2,"))
                .isInstanceOf(EmbeddedNetworkMain.UsageException.class)
                .hasMessageStartingWith("--endorsement-policy: ");
    }

    @Test
    void help_prints_usage() throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: EmbeddedNetworkMain");
    }

    @Test
    void verify_of_a_directory_without_a_ledger_fails() throws Exception {
        assertThat(run("verify", "--data-dir", dir.resolve("none").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot verify");
    }

    private int run(String... args) throws EmbeddedNetworkMain.UsageException {
        return EmbeddedNetworkMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
