package dev.idxmig.cli;

import dev.idxmig.base.Problem;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.backup.BackupScope;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.output.BenchChart;
import dev.idxmig.bench.BenchComparison;
import dev.idxmig.bench.MigrationBenchmark;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.config.FlywayOptions;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.migrate.SchemaAdoption;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.Dialects;
import dev.idxmig.migrate.PlaceholderValues;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.MigrationLocations;
import dev.idxmig.migrate.MigrateOptions;
import dev.idxmig.migrate.MigrateReport;
import dev.idxmig.fleet.Target;
import dev.idxmig.fleet.TargetOutcome;
import dev.idxmig.migrate.MigrateService;
import dev.idxmig.base.Diagnostics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.idxmig.output.ReportFormat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@Command(name = "migrate", description = "Apply pending migrations and record what each did to the indexes.")
final class MigrateCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Mixin
    BuildOptions build;

    @Option(names = "--target", paramLabel = "VERSION",
            description = "Migrate up to this version only (a version such as 3 or 1.2, or latest).")
    String targetVersion;

    @Option(names = "--dry-run", description = "List pending migrations and their statements; change nothing.")
    boolean dryRun;

    @Option(names = "--no-verify", description = "Skip the verify that runs after the migrations.")
    boolean noVerify;

    @Option(names = "--backup", paramLabel = "SCOPE", description = "Backup taken first: ${COMPLETION-CANDIDATES} "
            + "(default: a full copy on SQLite, the index snapshot on PostgreSQL).")
    BackupScope backup = BackupScope.DEFAULT;

    @Option(names = "--no-backup", description = "Take no backup first.")
    boolean noBackup;

    @Option(names = "--benchmark", description = "Bench the checks file's queries before and after migrating, and "
            + "show the two side by side (see bench for the other options).")
    boolean benchmark;

    @Option(names = "--baseline-on-migrate", description = "Adopt a schema that holds tables but no migration "
            + "history first (as 'idxmig baseline' does), then migrate; per schema in fleet runs (default: "
            + "baseline_on_migrate in idxmig.yaml, baselineOnMigrate in flyway.toml).")
    boolean baselineOnMigrate;

    @Option(names = "--baseline-version", paramLabel = "VERSION", description = "With --baseline-on-migrate: the "
            + "version the existing schema stands for (default: baseline_version, else 0).")
    String baselineVersion;

    @Option(names = "--shadow", description = "With --dry-run: replay the pending migrations on a schema-only copy "
            + "of the target (PostgreSQL: a scratch database from pg_dump --schema-only; SQLite: a temporary file), "
            + "report each one's outcome, then drop the copy. The target is only read.")
    boolean shadow;

    @Option(names = "--shadow-url", paramLabel = "URL", description = "PostgreSQL: the database idxmig creates for "
            + "the shadow and drops after (default: a new database beside the target, named after it).")
    String shadowUrl;

    @Option(names = "--shadow-template", paramLabel = "NAME", description = "PostgreSQL: make the shadow from this "
            + "database (CREATE DATABASE ... TEMPLATE NAME, e.g. a nightly schema-only copy of production) instead of "
            + "pg_dump --schema-only of the target; the target's history is copied in.")
    String shadowTemplate;

    @Mixin
    BenchFlags bench;

    @Mixin
    FleetOptions fleet;

    @Override
    Set<ReportFormat> reportFormats() {
        return benchmark ? CHECK_FORMATS : DATA_FORMATS;
    }

    @Override
    String formatNote() {
        return "; with --benchmark, or over many targets (--schemas, --targets), also junit and markdown";
    }

    @Override
    boolean createsTarget() {
        return !dryRun;
    }

    @Override
    boolean plansOnMissingTarget() {
        return dryRun;
    }

    @Override
    void validateOptions() {
        if (targetVersion != null) {
            checkVersion(targetVersion, "--target", "latest", "current", "next");
        }
    }

    @Override
    public Integer call() {
        ProjectSettings settings = adoption(settings(Optional.ofNullable(bench.checks), build.lockTimeout(),
                build.statementTimeout()));
        BuildSettings buildSettings = build.resolve(settings, root());
        // The scripts are read before the first connection: a missing folder, a file that is not UTF-8 text or two
        // files with one version stop here, before a database file is created or a backup taken.
        Dialect dialect = Dialects.forUrl(settings.connection().jdbcUrl());
        List<MigrationScript> scripts = MigrationLocations.of(settings, dialect.id()).versioned();
        if (!fleet.active() && !dialect.targetExists(settings.connection())) {
            PlaceholderValues.require(scripts, settings.placeholders()); // all will run: not even the file is made
        }
        MigrateOptions options = new MigrateOptions(Optional.ofNullable(targetVersion), dryRun,
                noBackup ? BackupScope.NONE : backup, !noVerify);
        if (benchmark && dryRun) {
            throw IdxmigException.usage("--benchmark measures a real migration and cannot be a --dry-run",
                    "drop --dry-run, or run bench to measure without migrating");
        }
        if (benchmark && fleet.active()) {
            throw IdxmigException.usage("--benchmark measures one database, not a fleet",
                    "run migrate --benchmark against one target (--url or --schema), then migrate the rest");
        }
        if (shadow || shadowUrl != null || shadowTemplate != null) {
            return ShadowOptions.replay(this, output, settings, buildSettings, dryRun, shadow, shadowUrl,
                    shadowTemplate, Optional.ofNullable(targetVersion), benchmark || fleet.active());
        }
        if (fleet.active()) {
            return fleet.run(this, output, settings, "migrate", !dryRun, (db, s, target, diagnostics) -> {
                MigrateReport report = migrate(db, s, buildSettings, options, diagnostics);
                return report.problem().map(p -> TargetOutcome.failed(target.name(), p.kind(), p.message(),
                        Optional.<Object>of(report))).orElseGet(() -> outcome(target, report));
            });
        }
        try (Database db = open(settings)) {
            if (benchmark) {
                // the plan it asks for first stays quiet: migrate's own run prints the risk warnings once
                return benchmarked(db, settings, options, o -> migrate(db, settings, buildSettings, o,
                        o.dryRun() ? Diagnostics.silent() : console()));
            }
            MigrateReport report = migrate(db, settings, buildSettings, options, console());
            output.write(report, console(), settings.workDir());
            if (report.problem().isPresent()) {
                Problem p = report.problem().get();
                throw p.toException();
            }
            if (report.verification().map(v -> !v.passed()).orElse(false)) {
                console().error("the migrations ran, but verify found problems (see the report above)");
                return ExitCodes.PROBLEMS;
            }
            return ExitCodes.OK;
        }
    }

    /** The settings with this run's --baseline-on-migrate and --baseline-version, checked before connecting. */
    private ProjectSettings adoption(ProjectSettings settings) {
        FlywayOptions flyway = settings.flyway();
        if (baselineVersion != null) {
            SchemaAdoption.checkVersion(baselineVersion);
        }
        flyway.baselineVersion().ifPresent(SchemaAdoption::checkVersion);
        if (!baselineOnMigrate && baselineVersion == null) {
            return settings;
        }
        return settings.withFlyway(new FlywayOptions(flyway.table(),
                Optional.ofNullable(baselineVersion).or(flyway::baselineVersion),
                baselineOnMigrate || flyway.baselineOnMigrate(), flyway.schemas()));
    }

    private MigrateReport migrate(Database db, ProjectSettings settings, BuildSettings buildSettings,
                                  MigrateOptions options, Diagnostics diagnostics) {
        return new MigrateService(db, settings, buildSettings, diagnostics).migrate(options);
    }

    private static TargetOutcome outcome(Target target, MigrateReport report) {
        long changes = report.applied().stream().mapToLong(r -> r.indexChanges().size()).sum();
        String version = report.schemaVersion().map(v -> "version " + v).orElse("no version");
        String headline = report.dryRun() ? report.planned().size() + " pending"
                : report.applied().isEmpty() ? "up to date at " + version
                : "applied " + report.applied().size() + ", " + changes + " index changes, now at " + version;
        boolean verified = report.verification().map(v -> v.passed()).orElse(true);
        return verified ? TargetOutcome.ok(target.name(), headline, report)
                : TargetOutcome.problems(target.name(), headline + "; verify found problems", report);
    }

    private int benchmarked(Database db, ProjectSettings settings, MigrateOptions options,
                            java.util.function.Function<MigrateOptions, MigrateReport> migration) {
        ChecksFile checks = ChecksFile.load(settings.checksFile());
        checks.select(bench.options().only()); // a misspelt --check stops here, before anything is migrated
        Optional<Path> chart = bench.chart(settings.workDir());
        MigrationBenchmark.Result result = new MigrationBenchmark(db, console()).run(checks, bench.options(), options,
                migration);
        if (result.comparison().isEmpty()) {
            output.write(result.migration(), console(), settings.workDir());
            Problem p = result.migration().problem().orElseThrow();
            throw p.toException();
        }
        BenchComparison comparison = result.comparison().get();
        output.write(comparison, console(), settings.workDir());
        chart.ifPresent(p -> {
            BenchChart.write(p, Optional.of(comparison.before()), comparison.after());
            console().info("chart written to " + p);
        });
        return comparison.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
}
