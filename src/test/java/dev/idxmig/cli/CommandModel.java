package dev.idxmig.cli;

import dev.idxmig.config.Environment;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The command model as {@code idxmig --help}, the man pages and completion see it (every subcommand, each with
 * its help options and own formats), built by {@link Cli}'s factory, for tests outside this package (the
 * documentation tests compare it with docs/commands/).
 */
public final class CommandModel {
    private CommandModel() {
    }

    public static CommandLine all() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        RootCommand root = new RootCommand(new Console(sink, sink, false, false),
                new Environment(Map.of(), Path.of("").toAbsolutePath()));
        return Cli.commandLine(root, RootCommand.SUBCOMMANDS);
    }
}
