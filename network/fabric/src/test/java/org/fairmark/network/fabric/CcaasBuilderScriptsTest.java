package org.fairmark.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs builders/ccaas/bin/{detect,build,release} the way a peer does (arguments are directories). */
class CcaasBuilderScriptsTest {
    private static final Path BIN = Path.of("builders", "ccaas", "bin").toAbsolutePath();
    private static final String CONNECTION = "{\"address\":\"127.0.0.1:9999\",\"dial_timeout\":\"10s\",\"tls_required\":false}";

    @Test
    void detect_accepts_ccaas_and_refuses_other_types(@TempDir Path dir) throws Exception {
        Path source = Files.createDirectories(dir.resolve("src"));
        Path metadata = Files.createDirectories(dir.resolve("meta"));
        Files.writeString(metadata.resolve("metadata.json"), "{\"type\":\"ccaas\",\"label\":\"fairmark_1.0\"}");
        assertThat(run("detect", source, metadata)).isZero();
        Files.writeString(metadata.resolve("metadata.json"), "{\"type\":\"java\",\"label\":\"fairmark_1.0\"}");
        assertThat(run("detect", source, metadata)).isNotZero();
    }

    @Test
    void build_and_release_hand_connection_json_to_the_peer(@TempDir Path dir) throws Exception {
        Path source = Files.createDirectories(dir.resolve("src"));
        Path metadata = Files.createDirectories(dir.resolve("meta"));
        Path build = Files.createDirectories(dir.resolve("build"));
        Path release = Files.createDirectories(dir.resolve("release"));
        Files.writeString(source.resolve("connection.json"), CONNECTION);

        assertThat(run("build", source, metadata, build)).isZero();
        assertThat(run("release", build, release)).isZero();
        assertThat(Files.readString(release.resolve("chaincode/server/connection.json"))).isEqualTo(CONNECTION);
    }

    @Test
    void build_fails_without_connection_json(@TempDir Path dir) throws Exception {
        Path source = Files.createDirectories(dir.resolve("src"));
        assertThat(run("build", source, Files.createDirectories(dir.resolve("m")), Files.createDirectories(dir.resolve("b"))))
                .isNotZero();
    }

    private static int run(String script, Path... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BIN.resolve(script).toString()));
        for (Path arg : args) {
            command.add(arg.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
