package org.fairmark.contract.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded service jar ({@code java -jar}) as a child JVM, as a Dockerfile or deploy.sh does. */
class ChaincodeServiceIT {
    private static Path jar;

    @BeforeAll
    static void findJar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("fairmark-contract-.*-service\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/fairmark-contract-*-service.jar: run mvn verify"));
        }
    }

    private static ProcessBuilder java(Path log) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBin, "-jar", jar.toString()));
        builder.environment().keySet().removeIf(name -> name.startsWith("CORE_") || name.startsWith("CHAINCODE_"));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder;
    }

    @Test
    void listens_on_the_configured_address(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path log = dir.resolve("service.log");
        ProcessBuilder builder = java(log);
        builder.environment().put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port);
        builder.environment().put("CORE_CHAINCODE_ID_NAME", "fairmark_1.0:0123abcd");
        builder.environment().put("CORE_CHAINCODE_LOGGING_LEVEL", "WARNING");
        Process process = builder.start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            boolean listening = false;
            while (!listening && Instant.now().isBefore(deadline) && process.isAlive()) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    listening = socket.isConnected();
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertThat(listening).as("listening on port %d; log:%n%s", port, read(log)).isTrue();
            assertThat(read(log)).contains("fairmark chaincode service fairmark_1.0:0123abcd listening on 127.0.0.1:" + port);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void missing_variables_end_with_exit_2_and_a_clear_message(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("service.log");
        ProcessBuilder builder = java(log);
        builder.environment().put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:1");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(ChaincodeService.CONFIGURATION_ERROR);
        assertThat(read(log))
                .contains("fairmark chaincode service: cannot start")
                .contains("CORE_CHAINCODE_ID_NAME is not set")
                .doesNotContain("CHAINCODE_SERVER_ADDRESS is not set");
    }

    @Test
    void the_jar_also_builds_packages(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("fairmark.tar.gz");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBin, "-cp", jar.toString(), CcaasPackage.class.getName(),
                        "--label", "fairmark_1.0", "--address", "127.0.0.1:9999", "--out", out.toString())
                .redirectError(new File(dir.resolve("err.log").toString()))
                .start();
        String id = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isZero();
        CcaasPackage expected = CcaasPackage.builder("fairmark_1.0", "127.0.0.1:9999").build();
        assertThat(Files.readAllBytes(out)).isEqualTo(expected.bytes());
        assertThat(id).isEqualTo(expected.packageId());
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
