package org.fairmark.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairmark completion}: prints a bash/zsh completion script. */
@Command(name = "completion", description = {
    "Print a completion script for bash and zsh. 生成命令补全脚本。",
    "%nExamples:",
    "  source <(fairmark completion)",
    "  fairmark completion > /etc/bash_completion.d/fairmark"})
final class CompletionCommand extends FairmarkCommand {
    @Option(names = "--shell", paramLabel = "bash|zsh", defaultValue = "bash",
            description = "Target shell; the script works in both (default ${DEFAULT-VALUE}).")
    String shell;

    @Override
    int execute() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new UsageException("--shell must be bash or zsh");
        }
        CommandLine full = RootCommand.commandLine(new RootCommand(root().context));
        root().context.out().print(AutoComplete.bash("fairmark", full));
        root().context.out().flush();
        return 0;
    }
}
