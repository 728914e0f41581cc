package org.fairmark.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./fairmark} launcher at the root of the checkout, run as a user runs it: in a checkout without a built
 * command line it builds one (here a stand-in {@code mvn} on the PATH copies the jar this build made, so the test
 * does not rebuild the project), writes the class-data-sharing archive on that first run and uses it afterwards; a
 * damaged or stale archive never shows in the output and is rewritten after a build.
 */
class LauncherIT {
    private static final Path SCRIPT = Path.of("../../fairmark").toAbsolutePath().normalize();
    private static final Path BUILT_JAR = Path.of("target/fairmark-cli-" + Fairmark.class.getPackage()
            .getImplementationVersion() + "-all.jar");

    @TempDir
    Path checkout;

    @Test
    void a_checkout_without_a_build_is_built_and_the_archive_written_then_used_silently() throws Exception {
        Path jar = builtJar();
        Path bin = fakeCheckout(jar);

        Result first = run(bin, "--version");
        Result second = run(bin, "--version");

        assertThat(first.exit()).isZero();
        assertThat(first.out()).startsWith("fairmark ");
        assertThat(first.err()).contains("fairmark: building the command line");
        assertThat(Files.readString(checkout.resolve("mvn-args.txt"))).contains("-pl client/cli -am package");
        assertThat(archives()).hasSize(1);
        assertThat(second.exit()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.err()).isEmpty();
    }

    @Test
    void a_damaged_or_stale_archive_does_not_break_the_command_nor_leak_a_warning() throws Exception {
        Path jar = builtJar();
        Path bin = fakeCheckout(jar);
        run(bin, "--version");
        Path archive = archives().get(0);

        // damaged, but newer than the jar: used as it is, the JVM refuses it silently
        Files.writeString(archive, "not a CDS archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        Result damaged = run(bin, "--version");
        // a rebuilt jar (same path, new time and size): the old archive is stale and replaced
        Path target = checkout.resolve("client/cli/target");
        Path cliJar = target.resolve("fairmark-cli-all.jar");
        Files.write(cliJar, new byte[0], java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(cliJar, FileTime.from(Instant.now().plusSeconds(120)));
        Result rebuilt = run(bin, "--version");
        Result usage = run(bin, "--help");

        assertThat(damaged.exit()).isZero();
        assertThat(damaged.out()).startsWith("fairmark ");
        assertThat(damaged.err()).isEmpty();
        assertThat(rebuilt.exit()).isZero();
        assertThat(rebuilt.err()).isEmpty();
        assertThat(archives()).singleElement().satisfies(file ->
                assertThat(Files.size(file)).isGreaterThan(1000));
        assertThat(usage.exit()).isZero();
        assertThat(usage.err()).isEmpty();
        assertThat(usage.out()).contains("Usage: fairmark");
    }

    @Test
    void the_archive_holds_the_read_path_whatever_command_wrote_it() throws Exception {
        Path jar = builtJar();
        Path bin = fakeCheckout(jar);
        run(bin, "--version");
        Path archive = archives().get(0);

        // the JVM lists the classes of an archive it can map (same class path and collector as when written)
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:SharedArchiveFile=" + archive, "-XX:+PrintSharedArchiveAndExit", "-XX:+UseSerialGC", "-jar",
                checkout.toRealPath().resolve("client/cli/target/fairmark-cli-all.jar").toString())
                .directory(checkout.toFile()).redirectErrorStream(true);
        Path listing = checkout.resolve("archive.txt");
        builder.redirectOutput(listing.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(Files.readString(listing, UTF_8))
                .contains("org.fairmark.network.LedgerReader app_loader",
                        "org.fairmark.simulator.ContractReader app_loader",
                        "org.fairmark.client.LocalReadClient app_loader",
                        "org.fairmark.contract.BatchContract app_loader");
    }

    private Path builtJar() {
        Path jar = BUILT_JAR.toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            try (Stream<Path> files = Files.list(Path.of("target"))) {
                jar = files.filter(file -> file.getFileName().toString().matches("fairmark-cli-.*-all\\.jar"))
                        .findFirst().orElseThrow().toAbsolutePath();
            } catch (IOException e) {
                throw new IllegalStateException("the shaded jar is built in the package phase", e);
            }
        }
        return jar;
    }

    /** A checkout holding only the launcher and a pom, and a {@code bin} with an mvn that "builds" the jar. */
    private Path fakeCheckout(Path jar) throws IOException {
        Files.copy(SCRIPT, checkout.resolve("fairmark"));
        executable(checkout.resolve("fairmark"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(checkout.resolve("client/cli/src/main/java"));
        Path bin = Files.createDirectories(checkout.resolve("bin"));
        Files.writeString(bin.resolve("mvn"), String.join("\n",
                "#!/usr/bin/env bash",
                "echo \"$@\" > '" + checkout.resolve("mvn-args.txt") + "'",
                "mkdir -p client/cli/target",
                "cp '" + jar + "' client/cli/target/fairmark-cli-all.jar",
                ""));
        executable(bin.resolve("mvn"));
        return bin;
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(checkout.resolve("client/cli/target"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    record Result(int exit, String out, String err) {}

    private Result run(Path bin, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", checkout.resolve("fairmark").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile());
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        builder.environment().put("PATH", bin + ":" + javaBin + ":" + System.getenv("PATH"));
        builder.environment().remove("FAIRMARK_JAVA_OPTS");
        builder.environment().remove("FAIRMARK_CDS");
        Path out = checkout.resolve("out.txt");
        Path err = checkout.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
