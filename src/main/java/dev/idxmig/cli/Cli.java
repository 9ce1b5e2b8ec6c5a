package dev.idxmig.cli;

import dev.idxmig.config.Environment;
import picocli.AutoComplete;
import picocli.CommandLine;

import dev.idxmig.output.ReportFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import dev.idxmig.db.Dialect;
import dev.idxmig.db.Dialects;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
            if (ex.getArgSpec() instanceof OptionSpec && ((OptionSpec) ex.getArgSpec()).longestName().equals("-D")
                    && ex.getValue() != null && !ex.getValue().contains("=")) {
                console.error("-D " + ex.getValue() + " sets no value: a placeholder needs NAME=VALUE");
                console.hint("write -D NAME=VALUE, e.g. -D" + ex.getValue() + "=1000; -D NAME= sets it empty");
                return ExitCodes.USAGE;
            }
            console.error(ex.getMessage());
            Optional<String> flywayWord = flywayWord(ex);
            if (flywayWord.isPresent()) {
                console.hint(flywayWord.get());
                return ExitCodes.USAGE;
            }
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
        // Every subcommand, nested ones too (backup list), answers --help (the error hints point there) and lists
        // the exit codes.
        withHelp(cmd, cmd.getSubcommands().values());
        return cmd;
    }

    private static void withHelp(CommandLine root, Collection<CommandLine> subcommands) {
        for (CommandLine sub : subcommands) {
            if (sub.getCommandSpec().optionsMap().get("--help") == null) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            sub.getCommandSpec().usageMessage()
                    .exitCodeListHeading(root.getCommandSpec().usageMessage().exitCodeListHeading())
                    .exitCodeList(root.getCommandSpec().usageMessage().exitCodeList());
            listOwnFormats(sub.getCommandSpec());
            listDatabases(sub.getCommandSpec());
            withHelp(root, sub.getSubcommands().values());
        }
    }

    /** Flyway's commands people type out of habit, and idxmig's command that does that job. */
    private static final Map<String, String> FLYWAY_WORDS = Map.of(
            "validate", "idxmig verify checks what Flyway's validate does (checksums, pending, failed) and the indexes",
            "info", "idxmig status lists the migrations as Flyway's info does, with each one's indexes",
            "undo", "idxmig rollback undoes migrations (--to VERSION or --steps N)",
            "clean", "idxmig has no clean: it never drops a whole schema; see 'idxmig rollback --to 0'");

    /** For a Flyway word where a command was expected, the hint that names idxmig's command. */
    private static Optional<String> flywayWord(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException)
                || ex.getCommandLine().getCommandSpec().parent() != null) {
            return Optional.empty();
        }
        List<String> unmatched = ((CommandLine.UnmatchedArgumentException) ex).getUnmatched();
        return unmatched.isEmpty() ? Optional.empty() : Optional.ofNullable(FLYWAY_WORDS.get(unmatched.get(0)));
    }

    /**
     * {@code --format} is one mixin for every command, but each writes only some formats: help and completion
     * list the command's own ({@link BaseCommand#reportFormats()}), which it also checks before connecting.
     */
    private static void listOwnFormats(CommandSpec spec) {
        OptionSpec format = spec.findOption("--format");
        if (format == null || !(spec.userObject() instanceof BaseCommand)) {
            return;
        }
        BaseCommand command = (BaseCommand) spec.userObject();
        List<String> own = command.reportFormats().stream().sorted().map(ReportFormat::label).toList();
        OptionSpec listed = format.toBuilder()
                .completionCandidates(own)
                .description("Report format: " + String.join(", ", own) + command.formatNote() + " (default: text).")
                .build();
        spec.remove(format);
        spec.addOption(listed);
    }

    /**
     * Help says which databases a command works on, from the dialects themselves ({@code unsupportedCommand}, the
     * same answer a run gets before it connects), so no command class keeps a list of databases.
     */
    private static void listDatabases(CommandSpec spec) {
        if (!(spec.userObject() instanceof BaseCommand)) {
            return;
        }
        List<String> works = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (Dialect dialect : Dialects.all()) {
            Optional<String> why = dialect.unsupportedCommand(spec.name());
            if (why.isPresent()) {
                not.add(why.get());
            } else {
                works.add(dialect.displayName());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("%nDatabases: " + String.join(", ", works) + ".");
        not.forEach(why -> lines.add("  " + why.replace("%", "%%")));
        lines.addAll(List.of(spec.usageMessage().footer()));
        spec.usageMessage().footer(lines.toArray(new String[0]));
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
