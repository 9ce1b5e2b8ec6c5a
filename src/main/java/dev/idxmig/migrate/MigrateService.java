package dev.idxmig.migrate;

import dev.idxmig.verify.VerifyOptions;
import dev.idxmig.verify.VerifyService;

import dev.idxmig.base.Problem;

import dev.idxmig.safebuild.SafeDataSource;
import dev.idxmig.safebuild.StatementJournal;
import dev.idxmig.safebuild.SafeBuildFailure;
import dev.idxmig.ledger.PendingMigrations;
import dev.idxmig.ledger.MigrationRun;
import dev.idxmig.ledger.LedgerRecorder;
import dev.idxmig.ledger.IndexLedger;
import dev.idxmig.ledger.IntentLog;
import dev.idxmig.base.Interruption;
import dev.idxmig.ledger.HistoryRow;
import dev.idxmig.ledger.FlywayHistory;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.backup.BackupScope;
import dev.idxmig.backup.BackupService;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.db.RunnerLock;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.script.MigrationLocations;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.StatementSplitter;
import dev.idxmig.script.Version;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies pending migrations through Flyway, under idxmig's runner lock, recording the index ledger as it goes.
 */
public final class MigrateService {
    private final Database database;
    private final ProjectSettings settings;
    private final Diagnostics diagnostics;

    private final BuildSettings build;


    public MigrateService(Database database, ProjectSettings settings, BuildSettings build, Diagnostics diagnostics) {
        this.database = database;
        this.settings = settings;
        this.build = build;
        this.diagnostics = diagnostics;
    }

    /** Applies what is pending (or plans it, on a dry run), then verifies the result when the options ask. */
    public MigrateReport migrate(MigrateOptions options) {
        MigrateReport report = apply(options);
        if (options.verify() && report.succeeded() && !options.dryRun()) {
            // A migration that "succeeded" with an invalid index (the CONCURRENTLY IF NOT EXISTS trap) must not
            // look like a success.
            report = report.withVerification(new VerifyService(database, settings, diagnostics)
                    .verify(VerifyOptions.afterChange()));
        }
        return report;
    }

    private MigrateReport apply(MigrateOptions options) {
        MigrationLocations locations = MigrationLocations.of(settings, database.dialect().id());
        List<MigrationScript> scripts = locations.versioned();
        SchemaAdoption adoption = new SchemaAdoption(database, settings, diagnostics);
        boolean adopt = adoptionNeeded(adoption, options.dryRun());
        Optional<MigrateReport> dryRun = checkPending(scripts, options);
        if (dryRun.isPresent()) {
            if (build.finishSoftDrops()) {
                new SoftDropFinisher(database, build, diagnostics).plan(new IntentLog(database));
            }
            return dryRun.get();
        }
        try (RunnerLock ignored = database.dialect().lockRunners(database, settings.lockWait());
             Interruption.Registration guard = Interruption.guard()) {
            IntentLog intents = new IntentLog(database);
            Resumption resumption = new Resumption(database, intents, scripts, diagnostics);
            resumption.prepare();
            DataSource dataSource = SafeDataSource.around(database, build, diagnostics,
                    StatementJournal.of(intents::statementDone,
                            () -> intents.current().filter(IntentLog.Intent::resumed).map(IntentLog.Intent::before)));
            IndexLedger ledger = new IndexLedger(database.dialect(), database.schema());
            LedgerRecorder recorder = new LedgerRecorder(database, ledger, intents, diagnostics);
            Flyway flyway = FlywaySetup.create(database, dataSource, locations, settings.placeholders(),
                    options.target(), diagnostics, recorder);
            List<String> backup = backupFirst(flyway, options.backup());
            if (adopt) {
                adoptUnderLock(adoption);
            }
            Optional<Problem> problem = Optional.empty();
            try {
                flyway.migrate();
            } catch (FlywayException e) {
                problem = Optional.of(stopped(e, resumption, recorder, scripts, options));
            } finally {
                resumption.finishApplied();
            }
            if (problem.isEmpty() && build.finishSoftDrops()) {
                intents.release();
                problem = new SoftDropFinisher(database, build, diagnostics).finish(intents);
            }
            return new MigrateReport(database.productVersion(), database.schema(), false, recorder.runs(), List.of(),
                    currentVersion(), problem, Optional.empty(), backup);
        }
    }

    /**
     * Checks the pending migrations before anything runs: their placeholders have values, and (a dry run too, so CI
     * can apply --require-concurrent without migrating) their index builds' risks. A dry run's report, if it is one.
     */
    private Optional<MigrateReport> checkPending(List<MigrationScript> scripts, MigrateOptions options) {
        // Index statements run through SafeBuild where the database has online builds (see SafeDataSource).
        Optional<IndexBuilds> builds = database.dialect().indexBuilds();
        PlaceholderValues.require(PendingMigrations.of(scripts, history(),
                options.target().filter(Version::isVersion).map(Version::parse)),
                database.placeholders(settings.placeholders()));
        // where the dialect refuses some statements (MariaDB: a forced table copy), before anything runs
        boolean refusals = !build.allowTableCopy() && database.dialect().statementGuard().isPresent();
        if (!options.dryRun() && builds.isEmpty() && !refusals) {
            return Optional.empty();
        }
        MigrateReport pending = plan(scripts, options);
        if (refusals) {
            refuseBeforeRunning(pending.planned());
        }
        builds.ifPresent(b -> new BuildRisks(database, b, build, diagnostics).check(pending.planned()));
        if (!options.dryRun()) {
            return Optional.empty();
        }
        builds.ifPresent(b -> new BuildRisks(database, b, build, diagnostics).showPartitionRecipes(pending.planned()));
        return Optional.of(pending);
    }

    /** The first pending statement the dialect refuses, as a failure before anything ran (exit 4). */
    private void refuseBeforeRunning(List<PlannedMigration> planned) {
        for (PlannedMigration migration : planned) {
            for (dev.idxmig.script.SqlStatement s : migration.statements()) {
                Optional<String> why = database.dialect().refusedStatement(s.sql());
                if (why.isPresent()) {
                    String first = s.sql().strip().lines().map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("--")).findFirst().orElse("");
                    throw IdxmigException.operation(migration.script() + ":" + s.line() + ": refused before anything "
                                    + "ran: " + first + " — " + why.get(),
                            "leave ALGORITHM and LOCK out (idxmig adds ALGORITHM=INPLACE, LOCK=NONE); a statement "
                                    + "that needs a table copy runs in a maintenance window, with --allow-table-copy",
                            null);
                }
            }
        }
    }

    /** Adopts the schema, if it still needs it: inspected again under the lock, as another runner may have. */
    private void adoptUnderLock(SchemaAdoption adoption) {
        SchemaAdoption.State state = adoption.inspect();
        if (state.needsAdoption()) {
            diagnostics.info(adoption.adopt(baselineVersion(), SchemaAdoption.DEFAULT_DESCRIPTION,
                    state.tables()).line());
        }
    }

    /** What stopped Flyway: an interruption, or a failure recorded in the ledger with what it left. */
    private Problem stopped(FlywayException e, Resumption resumption, LedgerRecorder recorder,
                            List<MigrationScript> scripts, MigrateOptions options) {
        if (Interruption.requested()) {
            return resumption.interrupted(recorder.runs(), recorder.interrupted(), options.target());
        }
        Optional<MigrationRun> leftover = recorder.recordFailure(MigrationFailures.brief(e, database.masker()));
        boolean resumable = recorder.lastWasNonTransactional();
        return SafeBuildFailure.problem(e).orElseGet(() -> MigrationFailures.describe(e, scripts, database.masker(),
                leftover, resumable));
    }

    /**
     * Whether the schema must be adopted before migrating: it holds tables but no history. Without
     * {@code baseline_on_migrate} that stops the run here, before anything is touched (Flyway would stop later,
     * with its own words, after the backup).
     */
    private boolean adoptionNeeded(SchemaAdoption adoption, boolean dryRun) {
        SchemaAdoption.State state = adoption.inspect();
        if (!state.needsAdoption()) {
            return false;
        }
        if (!settings.flyway().baselineOnMigrate() || !state.otherHistories().isEmpty()) {
            throw SchemaAdoption.notAdopted(state);
        }
        String version = SchemaAdoption.checkVersion(baselineVersion());
        if (dryRun) {
            diagnostics.info("schema " + state.schema() + " (" + state.tables() + " tables, no history) would be "
                    + "adopted at baseline " + version + " first");
        }
        return true;
    }

    private String baselineVersion() {
        return settings.flyway().baselineVersion().orElse(SchemaAdoption.DEFAULT_VERSION);
    }

    /** A verified backup before anything changes, when something is pending; a failed backup stops the run. */
    private List<String> backupFirst(Flyway flyway, BackupScope scope) {
        if (scope == BackupScope.NONE || flyway.info().pending().length == 0) {
            return List.of();
        }
        return new BackupService(database, settings, diagnostics).backup(scope, Optional.empty()).paths();
    }

    /** The pending migrations and their statements, read from the history table: touches nothing. */
    private MigrateReport plan(List<MigrationScript> scripts, MigrateOptions options) {
        List<HistoryRow> history = history();
        Optional<Version> target = options.target().filter(Version::isVersion).map(Version::parse);
        List<PlannedMigration> planned = new ArrayList<>();
        for (MigrationScript script : PendingMigrations.of(scripts, history, target)) {
            try {
                planned.add(new PlannedMigration(script.version().toString(), script.description(),
                        script.fileName(), StatementSplitter.split(database.placeholders(settings.placeholders())
                                .apply(Files.readString(script.path()), script.path()))));
            } catch (IOException e) {
                throw IdxmigException.usage("cannot read " + script.path() + ": " + e.getMessage(),
                        "check the file's permissions");
            }
        }
        return new MigrateReport(database.productVersion(), database.schema(), true, List.of(), planned,
                PendingMigrations.current(history).map(Version::toString), Optional.empty(), Optional.empty(),
                List.of());
    }


    private List<HistoryRow> history() {
        try (Connection c = database.connect()) {
            return new FlywayHistory(database).read(c);
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read Flyway's history: " + database.masker().mask(e.getMessage()),
                    null, e);
        }
    }

    private Optional<String> currentVersion() {
        return PendingMigrations.current(history()).map(Version::toString);
    }
}
