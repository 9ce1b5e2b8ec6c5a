package dev.idxmig.backup;

import dev.idxmig.base.Problem;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.DefinedIndex;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.RunnerLock;
import dev.idxmig.db.StatementSequence;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.safebuild.SafeDataSource;
import dev.idxmig.safebuild.StatementJournal;
import dev.idxmig.base.Failure;
import dev.idxmig.base.Interruption;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Restores a backup: an index snapshot by building the missing indexes and dropping those not in it (concurrently
 * where the database can), a database copy through the dialect's backup tool.
 */
public final class RestoreService {
    /** A transactional restore stopped by Ctrl-C between statements: thrown to roll the transaction back. */
    private static final class Stopped extends SQLException {
        Stopped() {
            super("interrupted");
        }
    }

    private final Database database;
    private final ProjectSettings settings;
    private final Diagnostics diagnostics;
    private final BuildSettings build;

    /** @param build how an index snapshot's statements are built: through safe builds where the database has them */
    public RestoreService(Database database, ProjectSettings settings, BuildSettings build, Diagnostics diagnostics) {
        this.build = build;
        this.database = database;
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    public RestoreReport restore(Path from, boolean dryRun) {
        Path file = settings.workDir().resolve(from).normalize();
        if (!Files.isRegularFile(file)) {
            throw IdxmigException.usage("backup file not found: " + file, "check the --from path");
        }
        if (IndexSnapshotFile.isSnapshot(file)) {
            return restoreIndexes(file, dryRun);
        }
        try (RunnerLock ignored = dryRun ? () -> { } : database.dialect().lockRunners(database, settings.lockWait())) {
            List<String> actions = database.dialect().backupTool().restoreCopy(database, file, dryRun);
            return new RestoreReport(database.productVersion(), database.schema(), file.toString(), "database copy",
                    dryRun, List.of(), 0, actions, List.of(), List.of(), Optional.empty(), Optional.empty());
        }
    }

    private RestoreReport restoreIndexes(Path file, boolean dryRun) {
        IndexSnapshot snapshot = IndexSnapshotFile.read(file);
        refuseForeign(file, snapshot.header());
        try (RunnerLock ignored = dryRun ? () -> { } : database.dialect().lockRunners(database, settings.lockWait());
             Interruption.Registration guard = dryRun ? () -> { } : Interruption.guard()) {
            RestorePlan plan = RestorePlan.of(database.snapshot(), snapshot, database.dialect(),
                    (wanted, live) -> database.sameIndex(wanted.defined(), DefinedIndex.of(live)));
            if (dryRun || plan.steps().isEmpty()) {
                return report(file, dryRun, plan, 0, Optional.empty(), Optional.empty());
            }
            diagnostics.info("restoring the index state of " + file + ": " + plan.steps().size() + " statement"
                    + (plan.steps().size() == 1 ? "" : "s"));
            // Where index statements just run (SQLite), all of them run in one transaction: a statement the
            // database refuses leaves the indexes as they were. Where they are built online (CONCURRENTLY, which
            // cannot run in a transaction), they run one by one and the report says which ran.
            return database.dialect().indexBuilds().isEmpty() ? inOneTransaction(file, plan) : oneByOne(file, plan);
        }
    }

    /** A snapshot of another database's SQL, or of another schema, is refused before anything is changed. */
    private void refuseForeign(Path file, SnapshotHeader header) {
        Dialect dialect = database.dialect();
        boolean ours = header.dialect().map(dialect.id()::equals)
                .orElseGet(() -> header.database().isBlank() || dialect.handlesProduct(header.database()));
        if (!ours) {
            throw IdxmigException.usage(file + " is an index snapshot of " + header.database() + " ("
                    + header.dialect().orElse("another database") + "): its definitions are that database's SQL, "
                    + "not " + dialect.displayName() + "'s (the target is " + database.productVersion()
                    + "); nothing was changed", "restore it into the kind of database it was taken of, or take a "
                    + "snapshot of this one with idxmig backup --indexes-only");
        }
        if (!header.schema().equals(database.schema())) {
            throw IdxmigException.usage(file + " is a snapshot of schema " + header.schema() + ", not of "
                    + database.schema() + "; nothing was changed", "pass --schema " + header.schema());
        }
    }

    private RestoreReport oneByOne(Path file, RestorePlan plan) {
        // The statements are worked out from the live catalog each time, so a restore run again after a kill
        // or an interrupt does what is still missing: no intent log is needed (nor reachable from this layer).
        // The journal here only makes a first Ctrl-C stop after the running statement.
        StatementSequence.Outcome outcome = new StatementSequence(database, SafeDataSource.around(database,
                build, diagnostics, StatementJournal.of(sql -> { }, Optional::empty)))
                .run(plan.statements());
        if (outcome.completed()) {
            return report(file, false, plan, outcome.executed(), Optional.empty(), Optional.empty());
        }
        int total = plan.steps().size();
        boolean interrupted = outcome.kind() == Failure.INTERRUPTED;
        String what = interrupted ? "interrupted: stopped after statement " + outcome.executed() + " of " + total
                : "statement " + (outcome.executed() + 1) + " of " + total + " failed ("
                + plan.steps().get(outcome.executed()).describe() + "): " + outcome.error().orElse("");
        Problem problem = new Problem(outcome.kind(), what + "; the " + outcome.executed() + " before it ran and "
                + "stay applied", outcome.hint().or(() -> Optional.of((interrupted ? "run" : "fix the cause and run")
                + " the restore again: it only does what is still missing")));
        return report(file, false, plan, outcome.executed(),
                interrupted ? Optional.empty() : Optional.of(outcome.executed() + 1), Optional.of(problem));
    }

    private RestoreReport inOneTransaction(Path file, RestorePlan plan) {
        int[] at = {0};
        try {
            database.inTransaction(c -> {
                for (; at[0] < plan.steps().size(); at[0]++) {
                    if (Interruption.requested()) {
                        throw new Stopped();
                    }
                    try (Statement st = c.createStatement()) {
                        st.execute(plan.steps().get(at[0]).sql());
                    }
                }
            });
            return report(file, false, plan, plan.steps().size(), Optional.empty(), Optional.empty());
        } catch (SQLException e) {
            boolean interrupted = e instanceof Stopped;
            Problem problem = interrupted ? new Problem(Failure.INTERRUPTED, "interrupted before statement "
                    + (at[0] + 1) + " of " + plan.steps().size() + "; nothing was applied: the restore runs in one "
                    + "transaction, which was rolled back", Optional.of("run the restore again"))
                    : rolledBack(plan, at[0], database.masker().mask(String.valueOf(e.getMessage())));
            Optional<Integer> failed = interrupted ? Optional.empty()
                    : Optional.of(Math.min(at[0] + 1, plan.steps().size()));
            return report(file, false, plan, 0, failed, Optional.of(problem));
        }
    }

    private static Problem rolledBack(RestorePlan plan, int at, String error) {
        int total = plan.steps().size();
        String what = at < total ? "statement " + (at + 1) + " of " + total + " failed ("
                + plan.steps().get(at).describe() + "): " + error : "the restore's commit failed: " + error;
        return new Problem(Failure.OPERATION, what + "; nothing was applied: the restore runs in one transaction, "
                + "which was rolled back", Optional.of("fix the cause (the definition in the snapshot, or the table "
                + "it needs) and run the restore again"));
    }

    private RestoreReport report(Path file, boolean dryRun, RestorePlan plan, int executed,
                                 Optional<Integer> failed, Optional<Problem> problem) {
        return new RestoreReport(database.productVersion(), database.schema(), file.toString(), "index snapshot",
                dryRun, plan.statements(), executed, List.of(), plan.drops(), plan.skipped(), failed, problem);
    }
}
