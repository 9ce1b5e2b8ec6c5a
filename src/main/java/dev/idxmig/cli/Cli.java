package dev.idxmig.cli;

import dev.idxmig.config.Environment;
import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

/**
 * Builds the command line and runs it: the one entry point for {@code main} and for tests, which pass their
 * own environment, working directory and writers and read the exit code.
 */
public final class Cli {
    private Cli() {
    }

    public static int run(String[] args, Environment environment, PrintWriter out, PrintWriter err,
                          boolean terminal) {
        Console console = new Console(out, err, terminal, environment.get("NO_COLOR").isEmpty());
        RootCommand root = new RootCommand(console, environment);
        CommandLine cmd = commandLine(root, subcommandsFor(args));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(new ErrorHandler(console, root));
        cmd.setParameterExceptionHandler((ex, params) -> {
            CommandLine failed = ex.getCommandLine();
            console.error(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            console.hint("see '" + failed.getCommandSpec().qualifiedName() + " --help'");
            return ExitCodes.USAGE;
        });
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command model: the root with these subcommands, each answering --help and listing the exit codes. */
    static CommandLine commandLine(RootCommand root, List<Class<?>> subcommands) {
        CommandLine cmd = new CommandLine(root);
        for (Class<?> sub : subcommands) {
            cmd.addSubcommand(sub);
        }
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // Every subcommand answers --help (the error hints point there) and lists the exit codes.
        for (CommandLine sub : cmd.getSubcommands().values()) {
            if (sub.getCommandSpec().optionsMap().get("--help") == null) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            sub.getCommandSpec().usageMessage()
                    .exitCodeListHeading(cmd.getCommandSpec().usageMessage().exitCodeListHeading())
                    .exitCodeList(cmd.getCommandSpec().usageMessage().exitCodeList());
        }
        return cmd;
    }

    /**
     * The subcommand the arguments name (the first word that is not an option), alone; every subcommand when they
     * name none, an unknown one (picocli then suggests the nearest), or completion, which needs them all.
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue; // a global flag before the subcommand (they take no value)
            }
            for (Class<?> sub : RootCommand.SUBCOMMANDS) {
                if (sub != AutoComplete.GenerateCompletion.class
                        && sub.getAnnotation(CommandLine.Command.class).name().equals(arg)) {
                    return List.of(sub);
                }
            }
            break;
        }
        return RootCommand.SUBCOMMANDS;
    }
}
