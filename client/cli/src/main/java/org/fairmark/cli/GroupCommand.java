package org.fairmark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups sub-commands: without one it prints its usage and exits 2. */
abstract class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        root.context.err().println("error: USAGE: '" + spec.qualifiedName() + "' needs a sub-command");
        CommandLine.usage(spec.commandLine(), root.context.err());
        return Fairmark.EXIT_USAGE;
    }
}
