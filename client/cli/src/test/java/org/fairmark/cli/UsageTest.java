package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command answers {@code --help}; completion scripts name every command. No ledger is touched. */
class UsageTest {
    final CliRun cli = new CliRun(null);

    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(RootCommand.commandLine(new RootCommand(new Fairmark(System.out, System.err))), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine line, List<String> prefix, List<List<String>> paths) {
        paths.add(List.copyOf(prefix));
        line.getSubcommands().forEach((name, sub) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            collect(sub, path, paths);
        });
    }

    @Test
    void every_command_prints_its_help_and_exits_0() {
        List<List<String>> paths = commandPaths();

        assertThat(paths).hasSizeGreaterThan(50);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun.Result result = cli.run(args.toArray(String[]::new));
            assertThat(result.exit()).as(String.join(" ", args)).isZero();
            assertThat(result.out()).as(String.join(" ", args)).startsWith("Usage: fairmark")
                    .contains("--json").contains("--data-dir");
        }
    }

    @Test
    void every_command_on_a_batch_takes_gtin_and_lot_first_from_the_one_mixin() {
        CommandLine root = RootCommand.commandLine(new RootCommand(new Fairmark(System.out, System.err)));
        java.util.Set<Class<?>> onBatch = new java.util.HashSet<>(); // a command may be reachable by two paths
        for (List<String> path : commandPaths()) {
            CommandLine line = root;
            for (String name : path) {
                line = line.getSubcommands().get(name);
            }
            List<String> labels = line.getCommandSpec().positionalParameters().stream()
                    .map(CommandLine.Model.PositionalParamSpec::paramLabel).toList();
            if (labels.contains("GTIN")) {
                onBatch.add(line.getCommand().getClass());
                assertThat(labels.subList(0, 2)).as(String.join(" ", path)).containsExactly("GTIN", "LOT");
                assertThat(line.getCommandSpec().mixins().values()).as(String.join(" ", path))
                        .anyMatch(mixin -> mixin.userObject() instanceof BatchKeyMixin);
            }
        }
        assertThat(onBatch).hasSize(15);

        CommandLine fresh = RootCommand.commandLine(new RootCommand(new Fairmark(System.out, System.err)));
        fresh.parseArgs("trace", "06901234567892", "QX/1", "S1");
        TraceCommand command = fresh.getSubcommands().get("trace").getCommand();
        assertThat(List.of(command.key.gtin, command.key.lot, command.serial)).containsExactly("06901234567892", "QX/1", "S1");
    }

    @Test
    void a_path_with_a_nul_character_is_a_usage_error_that_names_no_java_class() {
        CliRun.Result option = cli.run("label", "key", "revoke", "--cert", "a\u0000b");
        CliRun.Result parameter = cli.run("ledger", "verify", "a\u0000b");

        for (CliRun.Result result : List.of(option, parameter)) {
            assertThat(result.exit()).as(result.toString()).isEqualTo(Fairmark.EXIT_USAGE);
            assertThat(result.err()).as(result.toString()).startsWith("error: USAGE: ").contains("NUL")
                    .doesNotContain("java.").doesNotContain("Exception");
        }
    }

    @Test
    void the_top_command_lists_the_commands_and_its_version() {
        CliRun.Result help = cli.run("--help");
        CliRun.Result nothing = cli.run();
        CliRun.Result version = cli.run("--version");

        assertThat(help.out()).contains("demo", "network", "import", "verify", "serve", "completion");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("Usage: fairmark");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("fairmark ");
    }

    @Test
    void the_version_says_which_ecdsa_provider_signs_and_verifies_in_text_and_json() {
        CliRun.Result text = cli.run("--version");
        CliRun.Result json = cli.run("--json", "--version");

        assertThat(text.exit()).isZero();
        assertThat(text.out()).containsPattern("(?m)^crypto: Conscrypt 2\\.\\d+\\.\\d+ \\(first in the fixed order\\)$");
        assertThat(json.exit()).isZero();
        assertThat(json.json().get("version").asText()).isNotBlank();
        assertThat(json.json().get("cryptoProvider").get("name").asText()).isEqualTo("Conscrypt");
        assertThat(json.json().get("cryptoProvider").get("version").asText()).startsWith("2.");
        assertThat(json.json().get("cryptoProvider").get("choice").asText()).isEqualTo("first in the fixed order");
        assertThat(json.json().get("cryptoProvider").get("unavailable").isEmpty()).isTrue();
    }

    @Test
    void without_conscrypt_the_version_reports_the_bouncy_castle_fallback_and_why() throws Exception {
        // a real JVM whose class path lacks Conscrypt: the way a platform without its native library fails
        String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("conscrypt"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "org.fairmark.cli.Fairmark", "--version").redirectErrorStream(true);
        builder.environment().put("CLASSPATH", classPath);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(out).isZero();
        assertThat(out).containsPattern("(?m)^crypto: BC \\S+ \\(fallback in the fixed order\\); Conscrypt does not load: "
                + "ClassNotFoundException: org.conscrypt.Conscrypt$");
    }

    @Test
    void completion_prints_a_script_for_bash_and_zsh() {
        CliRun.Result bash = cli.run("completion").ok();
        CliRun.Result zsh = cli.run("completion", "--shell", "zsh").ok();
        CliRun.Result fish = cli.run("completion", "--shell", "fish");

        assertThat(bash.out()).contains("complete -F").contains("fairmark").contains("import").contains("weighings");
        assertThat(zsh.out()).contains("ZSH_VERSION");
        assertThat(fish.exit()).isEqualTo(2);
        assertThat(fish.err()).startsWith("error: USAGE: ");
    }
}
