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
