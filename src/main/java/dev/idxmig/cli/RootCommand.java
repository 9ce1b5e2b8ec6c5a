package dev.idxmig.cli;

import dev.idxmig.config.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.AutoComplete;

import java.util.List;

/** {@code idxmig}: the root command, holding the global flags every subcommand accepts. */
@Command(name = "idxmig",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs database index migrations (Flyway, PostgreSQL and SQLite) and proves they did "
                + "what they promised.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:success, nothing wrong",
            " 1:problems found (verify, plan-check, lint, doctor, bench target missed)",
            " 2:usage error (bad flags, bad config, unreadable migrations)",
            " 3:cannot connect or authenticate",
            " 4:operation failed (migration, rollback, backup, restore) and was stopped safely",
            " 5:lock not acquired in time (another runner, or a blocking session)",
            " 6:partial: part of the run could not be done (audit --replica: a standby unreachable or not one of the target)",
            "70:internal error (a bug: report it with the output of --stacktrace)",
            "130:interrupted (Ctrl-C, SIGTERM): stopped after the running statement; run it again to resume",
        },
        footerHeading = "%nSee also:%n",
        footer = "  idxmig COMMAND --help    options of one command")
public final class RootCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. {@link Cli} adds only the one a run names (picocli builds each
     * command's model by reflection, a good part of start-up), and all of them for help, completion or a typo.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            InitCommand.class,
            NewCommand.class,
            BaselineCommand.class,
            MigrateCommand.class,
            StatusCommand.class,
            VerifyCommand.class,
            DoctorCommand.class,
            AuditCommand.class,
            LintCommand.class,
            RepairCommand.class,
            BackupCommand.class, RestoreCommand.class, RollbackCommand.class,
            PlanCheckCommand.class,
            BenchCommand.class,
            AdviseCommand.class,
            ReportCommand.class,
            AutoComplete.GenerateCompletion.class);

    private final Console console;
    private final Environment environment;

    private boolean verbose;
    private boolean quiet;
    private boolean stacktrace;
    private boolean noColor;

    RootCommand(Console console, Environment environment) {
        this.console = console;
        this.environment = environment;
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print details to stderr.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose) {
            LibraryLogging.verbose();
        }
        applyConsoleFlags();
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only warnings and errors to stderr.")
    void setQuiet(boolean quiet) {
        this.quiet = quiet;
        applyConsoleFlags();
    }

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    void setStacktrace(boolean stacktrace) {
        this.stacktrace = stacktrace;
    }

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colors (also when NO_COLOR is set).")
    void setNoColor(boolean noColor) {
        this.noColor = noColor;
        applyConsoleFlags();
    }

    private void applyConsoleFlags() {
        console.configure(verbose, quiet, noColor);
    }

    boolean stacktrace() {
        return stacktrace;
    }

    Console console() {
        return console;
    }

    Environment environment() {
        return environment;
    }

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing COMMAND");
    }
}
