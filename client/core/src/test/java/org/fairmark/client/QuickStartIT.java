package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairmark.client.example.QuickStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example runs as written. */
class QuickStartIT {
    @TempDir
    Path dir;

    @Test
    void the_readme_example_inspects_packs_prints_and_verifies() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuickStart.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("inspected: FIRST PASS", "offline: true", "online: GENUINE");
        assertThat(Files.size(dir.resolve("labels.pdf"))).isPositive();
    }
}
