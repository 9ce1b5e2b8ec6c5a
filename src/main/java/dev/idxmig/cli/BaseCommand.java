package dev.idxmig.cli;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.Environment;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.config.SettingsResolver;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialects;
import dev.idxmig.output.ReportFormat;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * What every database command shares: the target options, settings resolution (which also teaches the console
 * the password to mask), and opening the database. Subcommands only parse their own flags and call a service.
 */
abstract class BaseCommand implements Callable<Integer> {
    /** What a command that reports data (not check results) writes. */
    static final Set<ReportFormat> DATA_FORMATS = EnumSet.of(ReportFormat.TEXT, ReportFormat.JSON);
    /** What a command that reports check results writes: also a JUnit suite and a Markdown summary. */
    static final Set<ReportFormat> CHECK_FORMATS = EnumSet.of(ReportFormat.TEXT, ReportFormat.JSON,
            ReportFormat.JUNIT, ReportFormat.MARKDOWN);

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    /** The settings the command resolved last, to name its target in a report that does not. */
    private ProjectSettings resolved;

    /** The target as a fleet run names it: the schema when one is set, else the database's name. */
    String targetName() {
        if (resolved == null) {
            return "default";
        }
        return resolved.schema().orElseGet(() -> resolved.connection().url().lastSegment());
    }

    RootCommand root() {
        return (RootCommand) spec.root().userObject();
    }

    Console console() {
        return root().console();
    }

    Environment environment() {
        return root().environment();
    }

    ProjectSettings settings() {
        return settings(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The report formats {@code --format} accepts on one target; help and completion list these. */
    Set<ReportFormat> reportFormats() {
        return DATA_FORMATS;
    }

    /**
     * The formats this run accepts: {@link #reportFormats()}, and over many targets also JUnit and Markdown (a
     * suite or a table row per target). Commands with a mode of their own that writes check results widen it.
     */
    Set<ReportFormat> formatsForThisRun() {
        if (fleetRun()) {
            Set<ReportFormat> all = EnumSet.copyOf(reportFormats());
            all.addAll(CHECK_FORMATS);
            return all;
        }
        return reportFormats();
    }

    /** What --help says after the list of formats, for those a mode of the command adds. */
    String formatNote() {
        return hasMixin(FleetOptions.class) && !reportFormats().containsAll(CHECK_FORMATS)
                ? "; over many targets (--schemas, --targets) also junit and markdown" : "";
    }

    /** Checks of the command's own option combinations; run before settings are resolved or anything connects. */
    void validateOptions() {
    }

    /**
     * Whether this command may create its target (a SQLite file that does not exist yet). Read-only commands
     * never do: a missing file is reported, not created empty and then found "OK".
     */
    boolean createsTarget() {
        return false;
    }

    /** Whether this run may connect to its target; one that never does needs no URL, so none is refused. */
    boolean mayConnect() {
        return true;
    }

    boolean fleetRun() {
        return mixins(spec).stream().anyMatch(m -> m instanceof FleetOptions && ((FleetOptions) m).active());
    }

    private boolean hasMixin(Class<?> type) {
        return mixins(spec).stream().anyMatch(type::isInstance);
    }

    private static java.util.List<Object> mixins(CommandSpec spec) {
        java.util.List<Object> all = new java.util.ArrayList<>();
        for (CommandSpec mixin : spec.mixins().values()) {
            all.add(mixin.userObject());
            all.addAll(mixins(mixin));
        }
        return all;
    }

    /**
     * Every option checked before the first connection: the report format, the output file's folder, the values
     * of the option mixins and the command's own combinations. Nothing is migrated, backed up or created first.
     */
    void checkOptions() {
        OptionSpec formatOption = spec.findOption("--format");
        if (formatOption != null) {
            ReportFormat format = formatOption.getValue();
            Set<ReportFormat> accepted = formatsForThisRun();
            if (!accepted.contains(format)) {
                throw IdxmigException.usage(spec.name() + " writes " + labels(accepted, " or ") + " reports, not "
                        + format.label(), format == ReportFormat.SARIF ? "--format sarif is for lint results"
                        : "--format " + format.label() + " is for check results (verify, plan-check, lint, doctor, "
                        + "bench" + (spec.name().equals("migrate") ? ", migrate --benchmark" : "")
                        + "); use --format json for a machine-readable report");
            }
        }
        OptionSpec outputOption = spec.findOption("--output");
        if (outputOption != null && outputOption.getValue() != null) {
            BenchFlags.writable(environment().workDir(), outputOption.getValue(), "--output");
        }
        for (Object mixin : mixins(spec)) {
            if (mixin instanceof ValidatedOptions) {
                ((ValidatedOptions) mixin).validate();
            }
        }
        validateOptions();
    }

    /** A version flag's value, parsed once here where it enters; a usage error when it is not a version. */
    static dev.idxmig.script.Version version(String value, String flag) {
        checkVersion(value, flag);
        return dev.idxmig.script.Version.parse(value);
    }

    /** A version flag's value: digits and dots (3, 1.2), or one of the words it also takes. */
    static void checkVersion(String value, String flag, String... words) {
        if (dev.idxmig.script.Version.isVersion(value) || java.util.Arrays.asList(words).contains(value)) {
            return;
        }
        throw IdxmigException.usage(flag + " " + value + " is not a version", "write a version such as 3 or 1.2"
                + (words.length == 0 ? "" : ", or " + String.join(", ", words)));
    }

    static String labels(Set<ReportFormat> formats, String lastSeparator) {
        java.util.List<String> names = formats.stream().sorted().map(ReportFormat::label)
                .collect(Collectors.toList());
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + lastSeparator + names.get(names.size() - 1);
    }

    ProjectSettings settings(Optional<Path> checks, Optional<String> lockTimeout, Optional<String> statementTimeout) {
        checkOptions();
        ProjectSettings settings = SettingsResolver.resolve(target.overrides(checks, lockTimeout, statementTimeout),
                environment(), mayConnect(), Dialects::passwordVariables);
        resolved = settings;
        if (mayConnect()) {
            // the one place a command learns that its database cannot do it yet: before anything connects
            Dialects.forUrl(settings.connection().jdbcUrl()).unsupportedCommand(spec.name()).ifPresent(why -> {
                throw IdxmigException.usage(why, "README.md's database line links what works on each database");
            });
        }
        console().useMasker(settings.connection().masker());
        console().detail("config: " + settings.source());
        if (!settings.flyway().defaultTable()) {
            console().detail("history table: " + settings.flyway().table());
        }
        console().detail("target: " + settings.connection().jdbcUrl()
                + settings.connection().user().map(u -> " as " + u).orElse(""));
        return settings;
    }

    /**
     * Whether a target that does not exist yet is planned against as an empty database (a dry run of the command
     * that would create it), instead of being reported missing or created.
     */
    boolean plansOnMissingTarget() {
        return false;
    }

    Database open(ProjectSettings settings) {
        if (!createsTarget() && !Dialects.forUrl(settings.connection().jdbcUrl()).targetExists(settings.connection())) {
            if (plansOnMissingTarget()) {
                console().info(settings.connection().masker().mask(settings.connection().jdbcUrl())
                        + " does not exist yet: planned as an empty database, and not created");
                return Database.openEmptyStandIn(settings.connection(), settings.schema())
                        .withHistoryTable(settings.flyway().table());
            }
            throw noTarget(settings);
        }
        return Database.open(settings.connection(), settings.schema()).withHistoryTable(settings.flyway().table());
    }

    /** A read-only command met a SQLite file that does not exist: say so, and where a URL can come from. */
    private IdxmigException noTarget(ProjectSettings settings) {
        String url = settings.connection().jdbcUrl();
        if (SettingsResolver.isDefaultTarget(settings.connection(), environment())) {
            return IdxmigException.usage("no database given, and the default "
                    + environment().resolve(SettingsResolver.DEFAULT_SQLITE_FILE) + " does not exist; " + spec.name()
                    + " never creates one",
                    SettingsResolver.WHERE_URLS_COME_FROM + "; or run 'idxmig migrate' first to create the default");
        }
        return IdxmigException.connection("no database at " + settings.connection().masker().mask(url)
                + ": the file does not exist, and " + spec.name() + " never creates one",
                "check the path, or run 'idxmig migrate' first to create it", null);
    }
}
