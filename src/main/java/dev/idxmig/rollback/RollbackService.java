package dev.idxmig.rollback;

import dev.idxmig.verify.VerifyOptions;
import dev.idxmig.verify.VerifyService;

import dev.idxmig.base.Problem;

import dev.idxmig.safebuild.SafeDataSource;
import dev.idxmig.safebuild.StatementJournal;
import dev.idxmig.ledger.IntentLog;
import dev.idxmig.base.Interruption;
import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.ledger.IndexLedger;
import dev.idxmig.ledger.HistoryRow;
import dev.idxmig.ledger.FlywayHistory;
import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.IndexConstraint;
import dev.idxmig.db.RunnerLock;
import dev.idxmig.db.StatementSequence;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.script.MigrationLocations;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.SqlStatement;
import dev.idxmig.script.StatementSplitter;
import dev.idxmig.script.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Undoes applied migrations, newest first. An undo script {@code U<version>__*.sql} in the locations wins;
 * otherwise the inverse comes from the index ledger: drop what the migration created, rebuild what it dropped or
 * changed from the recorded previous definition. A migration that changed tables or columns and has no undo
 * script is refused (idxmig never guesses) unless {@code --force}. After each migration is undone, its rows leave
 * Flyway's history and its ledger rows are marked rolled back, in one transaction, so the history always says
 * what is really applied and a later {@code migrate} applies it again.
 */
public final class RollbackService {
    static final String LEDGER_INVERSE = "inverse from the index ledger";

    private final Database database;
    private final ProjectSettings settings;
    private final Diagnostics diagnostics;

    private final BuildSettings build;

    /** @param build how index statements run on PostgreSQL: through safe builds, as in migrate */
    public RollbackService(Database database, ProjectSettings settings, BuildSettings build, Diagnostics diagnostics) {
        this.build = build;
        this.database = database;
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    /** Undoes the migrations the options name (or plans it, on a dry run), then verifies what remains. */
    public RollbackReport rollback(RollbackOptions options) {
        RollbackReport report = undo(options);
        if (report.succeeded() && !options.dryRun()) {
            // What remains must still hold: the indexes of the versions left applied, and the data.
            report = report.withVerification(new VerifyService(database, settings, diagnostics)
                    .verify(VerifyOptions.afterChange()));
        }
        return report;
    }

    private RollbackReport undo(RollbackOptions options) {
        if (options.dryRun()) {
            return plan(options);
        }
        try (RunnerLock ignored = database.dialect().lockRunners(database, settings.lockWait());
             Interruption.Registration guard = Interruption.guard()) {
            return execute(plan(options));
        }
    }

    /** The steps, read from Flyway's history, the ledger and the undo scripts; refuses bad input. Changes nothing. */
    private RollbackReport plan(RollbackOptions options) {
        Recorded recorded = readRecorded();
        AppliedVersions applied = AppliedVersions.of(recorded.history());
        Optional<FailedLeftover> failed = FailedLeftover.newest(recorded.ledger(), applied.rows().keySet());
        if (applied.isEmpty() && failed.isEmpty()) {
            throw IdxmigException.usage("nothing to roll back: no migration has been applied to schema "
                    + database.schema() + applied.baseline().map(b -> " since it was adopted at baseline " + b)
                    .orElse(""), "run 'idxmig status' to see the history");
        }
        // A migration that failed halfway (or failed and was repaired) left index changes above the last good
        // version: that is what the operator means to undo first, and it counts as the first step.
        List<Version> undo = applied.toUndo(options, failed.isPresent());
        List<RollbackReport.Step> steps = new ArrayList<>();
        failed.ifPresent(f -> steps.add(step(f.version(), f.script(), FailedLeftover.METHOD,
                inverse(f.entries(), database.dialect(), build.allowTableCopy()), f.warnings())));
        steps.addAll(stepsFor(undo, applied, recorded.ledger(), options.force()));
        Optional<String> from = failed.map(FailedLeftover::version)
                .or(() -> applied.newestFirst().stream().findFirst().map(Version::toString));
        return new RollbackReport(database.productVersion(), database.schema(), options.dryRun(),
                from, applied.remainingAfter(undo).map(Version::toString), steps, Optional.empty(), Optional.empty());
    }

    /** Flyway's history and the index ledger, as they stand. */
    private record Recorded(List<HistoryRow> history, List<LedgerEntry> ledger) {
    }

    private Recorded readRecorded() {
        try (Connection c = database.connect()) {
            return new Recorded(new FlywayHistory(database).read(c),
                    new IndexLedger(database.dialect(), database.schema()).read(c));
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read Flyway's history or the index ledger: "
                    + database.masker().mask(e.getMessage()), null, e);
        }
    }

    /**
     * The step of each version to undo, newest first; refuses (changing nothing) when any is refused or a foreign
     * key depends on what an inverse would drop.
     */
    private List<RollbackReport.Step> stepsFor(List<Version> undo, AppliedVersions applied, List<LedgerEntry> ledger,
                                               boolean force) {
        Map<Version, MigrationScript> undoScripts = undoScripts();
        List<RollbackReport.Step> steps = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        List<String> dependencies = new ArrayList<>();
        for (Version v : undo) {
            HistoryRow row = applied.row(v);
            String version = row.version().orElseThrow();
            UndoChoice choice = UndoChoice.of(v, row, ledger, Optional.ofNullable(undoScripts.get(v)), force);
            if (choice instanceof UndoChoice.Script s) {
                steps.add(step(version, row.script(), "undo script " + s.script().fileName(),
                        statementsOf(s.script()), List.of()));
            } else if (choice instanceof UndoChoice.Refused r) {
                refusals.add(r.reason());
            } else if (choice instanceof UndoChoice.Inverse i) {
                steps.add(step(version, row.script(), LEDGER_INVERSE, inverse(i.effect(), database.dialect(),
                        build.allowTableCopy()),
                        i.warnings()));
                dependencies.addAll(foreignKeys(version, i.effect()));
            }
        }
        refuseIfAny(dependencies, refusals);
        return steps;
    }

    private Map<Version, MigrationScript> undoScripts() {
        return MigrationLocations.resolve(settings.locations(), database.dialect().id(), settings.workDir()).undo()
                .stream().collect(Collectors.toMap(MigrationScript::version, Function.identity()));
    }

    private static void refuseIfAny(List<String> dependencies, List<String> refusals) {
        if (!dependencies.isEmpty()) {
            throw IdxmigException.operation("refusing to roll back; nothing was changed: a foreign key depends on "
                            + "what the rollback would drop, and idxmig never drops with CASCADE:\n  "
                            + String.join("\n  ", dependencies),
                    "drop or change the foreign key first (in a migration, or in the undo script "
                            + "U<version>__<description>.sql of the migration that added it), then roll back", null);
        }
        if (!refusals.isEmpty()) {
            throw IdxmigException.usage("refusing to roll back; nothing was changed:\n  "
                            + String.join("\n  ", refusals),
                    "write an undo script U<version>__<description>.sql beside the migration, or pass --force "
                            + "to undo only the index changes and leave the rest as it is");
        }
    }

    /**
     * The inverse of one migration's index changes: first drop what it created (and the new form of what it
     * changed), then rebuild what it dropped or changed from the recorded previous definition.
     */
    static List<String> inverse(List<LedgerEntry> entries, Dialect dialect) {
        return inverse(entries, dialect, false);
    }

    /**
     * The same; a soft drop is undone by making the index used again (instant, any index form), and with
     * {@code allowLocking} ({@code --allow-table-copy}) an index the server cannot build online (MariaDB: FULLTEXT,
     * SPATIAL) is rebuilt under the lock it needs, instead of failing on LOCK=NONE.
     */
    static List<String> inverse(List<LedgerEntry> entries, Dialect dialect, boolean allowLocking) {
        List<String> drops = new ArrayList<>();
        List<String> builds = new ArrayList<>();
        for (LedgerEntry e : entries) {
            if (e.adopted()) {
                continue; // stood before idxmig: never dropped
            }
            if (e.action() == LedgerEntry.Action.SOFT_DROPPED) {
                builds.add(dialect.softDrops().orElseThrow().restore(e.schema(), e.table().orElseThrow(),
                        e.indexName().orElseThrow()));
                continue;
            }
            Optional<String> replacement = e.action() == LedgerEntry.Action.CHANGED && e.constraint().isPresent()
                    && e.previousConstraint().isPresent() ? dialect.replaceConstraint(e.schema(),
                    e.table().orElseThrow(), e.constraint().get(), e.previousConstraint().get()) : Optional.empty();
            if (replacement.isPresent()) {
                builds.add(replacement.get()); // one statement: the table is never without its key
                continue;
            }
            if (e.action() == LedgerEntry.Action.CREATED || e.action() == LedgerEntry.Action.CHANGED) {
                String name = e.indexName().orElseThrow();
                // An index behind a constraint goes with its constraint: DROP INDEX would fail on it.
                drops.add(e.constraint().map(k -> dialect.dropConstraint(e.schema(), e.table().orElseThrow(),
                        k.name())).orElseGet(() -> e.definition().filter(dialect::partitionedIndex).isPresent()
                        ? dialect.dropPartitionedIndex(e.schema(), name)
                        : dialect.onlineDrop(e.schema(), e.table().orElseThrow(), name)));
            }
            if (e.action() == LedgerEntry.Action.DROPPED || e.action() == LedgerEntry.Action.CHANGED) {
                String definition = e.previousDefinition().orElseThrow();
                Optional<IndexConstraint> constraint = e.previousConstraint();
                if (constraint.isEmpty()) {
                    builds.add(allowLocking ? dialect.lockingCreate(definition)
                            .orElseGet(() -> dialect.onlineCreate(definition)) : dialect.onlineCreate(definition));
                } else if (constraint.get().addableUsingIndex() && dialect.buildsConstraintIndexApart()
                        && !dialect.partitionedIndex(definition)) {
                    // The long part online (the unique index, CONCURRENTLY), then the constraint over it: a short lock.
                    builds.add(dialect.onlineCreate(definition));
                    builds.add(dialect.addConstraint(e.schema(), e.table().orElseThrow(), constraint.get(),
                            true /* using the index just built */));
                } else {
                    // Exclusion constraints, and constraints of partitioned tables, cannot take an index built
                    // beforehand: the constraint builds its own, holding its lock while it does.
                    builds.add(dialect.addConstraint(e.schema(), e.table().orElseThrow(), constraint.get(),
                            false /* building its own index */));
                }
            }
        }
        List<String> all = new ArrayList<>(drops);
        all.addAll(builds);
        return all;
    }

    /**
     * The foreign keys that would stop the inverse of these ledger rows: those depending on an index or constraint
     * it drops. Named, never cascaded over.
     */
    private List<String> dependentForeignKeys(Connection c, String version, List<LedgerEntry> entries)
            throws SQLException {
        List<String> found = new ArrayList<>();
        for (LedgerEntry e : entries) {
            if ((e.action() == LedgerEntry.Action.CREATED || e.action() == LedgerEntry.Action.CHANGED)
                    && e.indexName().isPresent()) {
                String what = e.constraint().map(k -> k.kind().label() + " " + k.name())
                        .orElse("index " + e.indexName().get());
                for (String key : database.dialect().foreignKeysOn(c, e.schema(), e.indexName().get())) {
                    found.add(version + ": " + what + " (created by " + e.script() + ") is referenced by foreign key "
                            + key);
                }
            }
        }
        return found;
    }

    private List<String> foreignKeys(String version, List<LedgerEntry> entries) {
        try (Connection c = database.connect()) {
            return dependentForeignKeys(c, version, entries);
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read the foreign keys that depend on the indexes to drop: "
                    + database.masker().mask(e.getMessage()), null, e);
        }
    }

    private List<String> statementsOf(MigrationScript script) {
        try {
            String text = database.placeholders(settings.placeholders()).apply(Files.readString(script.path()),
                    script.path());
            return StatementSplitter.split(text).stream().map(SqlStatement::sql).toList();
        } catch (IOException e) {
            throw IdxmigException.usage("cannot read " + script.path() + ": " + e.getMessage(),
                    "check the file's permissions");
        }
    }

    private static RollbackReport.Step step(String version, String script, String method, List<String> statements,
                                            List<String> warnings) {
        return new RollbackReport.Step(version, script, method, statements, 0, RollbackReport.Outcome.PLANNED,
                warnings, Optional.empty());
    }

    private RollbackReport execute(RollbackReport plan) {
        List<RollbackReport.Step> done = new ArrayList<>();
        Optional<Problem> problem = Optional.empty();
        IntentLog intents = openIntents();
        StatementSequence sequence = new StatementSequence(database,
                SafeDataSource.around(database, build, diagnostics, StatementJournal.of(intents::statementDone,
                        () -> intents.current().filter(IntentLog.Intent::resumed).map(IntentLog.Intent::before))));
        for (RollbackReport.Step step : plan.steps()) {
            if (problem.isPresent()) {
                done.add(with(step, 0, RollbackReport.Outcome.NOT_RUN, Optional.empty()));
                continue;
            }
            diagnostics.info("undoing " + step.script() + " (" + step.method() + ")");
            begin(intents, step);
            StatementSequence.Outcome outcome = sequence.run(step.statements());
            if (!outcome.completed()) {
                String error = outcome.error().orElseThrow();
                intents.stopped(IntentLog.Stop.of(outcome.kind()), error);
                done.add(with(step, outcome.executed(), RollbackReport.Outcome.FAILED, Optional.of(error)));
                problem = Optional.of(stopped(step, outcome));
                continue;
            }
            try {
                forget(step.version());
            } catch (SQLException e) {
                String error = database.masker().mask(e.getMessage());
                done.add(with(step, outcome.executed(), RollbackReport.Outcome.FAILED, Optional.of(error)));
                problem = Optional.of(new Problem(Failure.OPERATION, "version " + step.version()
                        + " was undone but its history row could not be removed: " + error,
                        Optional.of("remove it with 'idxmig repair' or by hand before migrating again")));
                continue;
            }
            finish(intents);
            done.add(with(step, outcome.executed(), RollbackReport.Outcome.UNDONE, Optional.empty()));
        }
        Optional<String> now = currentVersion();
        return new RollbackReport(plan.database(), plan.schema(), false, plan.fromVersion(), now, done, problem,
                Optional.empty());
    }

    /** What stopped a step's statements: an interruption (resumable) or a failure (fix, then resume). */
    private static Problem stopped(RollbackReport.Step step, StatementSequence.Outcome outcome) {
        String error = outcome.error().orElseThrow();
        if (outcome.kind() == Failure.INTERRUPTED) {
            return new Problem(Failure.INTERRUPTED, "interrupted: undoing version " + step.version()
                    + " stopped after statement " + outcome.executed() + " of " + step.statements().size()
                    + " (" + error + "); version " + step.version() + " stays in Flyway's history",
                    Optional.of("run the same rollback again: it resumes from idxmig's intent log, skipping "
                            + "what is done, valid and as asked"));
        }
        return new Problem(outcome.kind(), "undoing version " + step.version()
                + " failed at statement " + (outcome.executed() + 1) + " of " + step.statements().size()
                + ": " + error + "; " + ranBefore(outcome.executed()) + "; version " + step.version()
                + " stays in Flyway's history", outcome.hint().or(() -> Optional.of("fix the cause (or "
                + "the undo script), then run rollback again: it resumes, skipping the indexes already "
                + "rebuilt as asked; statements of an undo script that already ran must tolerate it")));
    }

    /**
     * The intent log, with the rollback intents a killed run finished (its version left the history) closed; the
     * others are resumed by the step of their version.
     */
    private IntentLog openIntents() {
        IntentLog intents = new IntentLog(database);
        try {
            try (Connection c = database.connect()) {
                List<HistoryRow> history = new FlywayHistory(database).read(c);
                for (IntentLog.Intent intent : intents.unfinished(IntentLog.Kind.ROLLBACK)) {
                    boolean applied = history.stream().anyMatch(r -> r.success()
                            && r.version().map(intent.version()::equals).orElse(false));
                    if (!applied) {
                        intents.finish(intent);
                    }
                }
            }
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read or write idxmig's intent log: "
                    + database.masker().mask(e.getMessage()), null, e);
        }
        return intents;
    }

    private void begin(IntentLog intents, RollbackReport.Step step) {
        try {
            IntentLog.Intent intent = intents.begin(IntentLog.Kind.ROLLBACK, step.version(), step.script());
            if (intent.resumed()) {
                diagnostics.info("  resuming the rollback of " + step.script() + " (attempt " + intent.attempt()
                        + "; " + intent.earlierStatements() + " statement(s) completed before)");
            }
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot write idxmig's intent log: "
                    + database.masker().mask(e.getMessage()), null, e);
        }
    }

    private void finish(IntentLog intents) {
        try {
            intents.finished();
        } catch (SQLException e) {
            // the version left the history: the next rollback closes this intent itself
            diagnostics.detail("could not close the intent log's entry: " + e.getMessage());
        }
    }

    private static String ranBefore(int executed) {
        return executed == 0 ? "no statement of it ran" : "statements 1 to " + executed + " of it ran";
    }

    private static RollbackReport.Step with(RollbackReport.Step step, int executed, RollbackReport.Outcome outcome,
                                            Optional<String> error) {
        return new RollbackReport.Step(step.version(), step.script(), step.method(), step.statements(), executed,
                outcome, step.warnings(), error);
    }

    /** Removes the version from Flyway's history and marks its ledger rows rolled back, both or neither. */
    private void forget(String version) throws SQLException {
        database.inTransaction(c -> {
            new FlywayHistory(database).delete(c, version);
            IndexLedger ledger = new IndexLedger(database.dialect(), database.schema());
            if (ledger.exists(c)) {
                ledger.markRolledBack(c, version);
            }
        });
    }

    private Optional<String> currentVersion() {
        try (Connection c = database.connect()) {
            return new FlywayHistory(database).read(c).stream().filter(HistoryRow::success)
                    .flatMap(r -> r.number().stream()).max(Version::compareTo).map(Version::toString);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
