package dev.idxmig.safebuild;

import dev.idxmig.script.IndexStatement;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.Durations;
import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.base.Interruption;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.safebuild.ExistingIndexPolicy.Meeting;
import dev.idxmig.db.SqlFailures;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Sizes;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Runs one index statement of a migration the safe way: watched from a second session (blockers, progress), retried
 * after a lock timeout or deadlock with exponential backoff and jitter, never leaving an INVALID index behind and
 * never accepting one: after it ran, the index must be valid, and an {@code IF NOT EXISTS} that would skip over an
 * invalid or different index is refused (or, with {@code --repair-invalid}, rebuilt).
 */
public final class SafeBuild {
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Database database;
    private final IndexBuilds builds;
    private final BuildSettings settings;
    private final Diagnostics diagnostics;
    private final Optional<StatementJournal> journal;

    private final PartitionRecipe partitions;
    private final LockTimeoutPolicy lockTimeouts;
    private final LeftoverCleanup cleanup;

    SafeBuild(Database database, IndexBuilds builds, BuildSettings settings, Diagnostics diagnostics,
              Optional<StatementJournal> journal) {
        this.database = database;
        this.builds = builds;
        this.settings = settings;
        this.diagnostics = diagnostics;
        this.partitions = new PartitionRecipe(this, builds, settings, diagnostics);
        this.journal = journal;
        this.lockTimeouts = new LockTimeoutPolicy(builds, settings);
        this.cleanup = new LeftoverCleanup(builds, lockTimeouts, this::lockHolders);
    }

    /** The session settings of every migration connection. */
    Map<String, String> sessionSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("lock_timeout", Durations.format(settings.lockTimeout()));
        s.put("statement_timeout", Durations.format(settings.statementTimeout()));
        s.put("application_name", settings.applicationName());
        settings.maintenanceWorkMem().ifPresent(m -> s.put("maintenance_work_mem", m));
        settings.parallelWorkers().ifPresent(w -> s.put("max_parallel_maintenance_workers", String.valueOf(w)));
        return s;
    }

    /** Applies {@link #sessionSettings()} to a connection the migration is about to use. */
    void applySession(Connection c) throws SQLException {
        builds.applySession(c, sessionSettings());
        builds.keepPreparedStatements(c, true);
    }

    /**
     * Undoes {@link #applySession} before the connection goes back to the pool, where bench, verify and status
     * read with the session's own settings (a role's statement_timeout, say). Best effort: a broken connection is
     * discarded by the pool anyway.
     */
    void resetSession(Connection c) {
        lockTimeouts.forget(c);
        try {
            builds.keepPreparedStatements(c, false);
            if (c.getAutoCommit()) {
                builds.resetSession(c, sessionSettings().keySet());
            }
        } catch (SQLException e) {
            diagnostics.detail("could not reset the session settings of a migration connection: " + e.getMessage());
        }
    }

    /**
     * Runs the statement on the migration's own connection and statement (so Flyway reads its results and warnings
     * as usual); returns what {@link Statement#execute(String)} returned.
     */
    boolean run(Connection c, Statement st, IndexStatement s) throws SQLException {
        Optional<IndexBuilds.Table> table = tableOf(c, s);
        if (table.map(t -> database.internalTables().names().contains(t.name())).orElse(false)) {
            return st.execute(s.sql()); // Flyway's and idxmig's own bookkeeping, on tables nobody else writes
        }
        Optional<CatalogSnapshot> resumedFrom = journal.flatMap(StatementJournal::resumedFrom);
        if (resumedFrom.isPresent() && table.isPresent() && awaitOrphans(table.get())) {
            table = tableOf(c, s);
        }
        if (resumedFrom.isPresent() && s.kind() == IndexStatement.Kind.DROP && table.isEmpty() && s.name().isPresent()
                && resumedFrom.get().find(s.name().get()).isPresent()) {
            diagnostics.info("  skipped " + s.verb() + " " + s.name().get() + ": already dropped");
            return false;
        }
        PartitionRecipe.Outcome byRecipe = partitions.run(c, st, s, table); // a partitioned table's index
        if (byRecipe instanceof PartitionRecipe.DroppedPlainly dropped) {
            return dropped.executeResult();
        }
        if (byRecipe instanceof PartitionRecipe.BuiltByPartition) {
            return false; // DDL: no result set
        }
        String subject = subject(s, table);
        if (resumedFrom.isPresent() && s.kind() == IndexStatement.Kind.CREATE && s.name().isPresent()
                && table.isPresent() && resumedFrom.get().find(s.name().get()).isEmpty()) {
            Optional<IndexBuilds.Index> earlier = builds.index(c, table.get(), s.name().get());
            if (earlier.isPresent() && meetExisting(c, s, table.get(), earlier.get(), Meeting.RESUMED, subject)) {
                return false;
            }
        }
        List<String> invalidBefore = table.map(IndexBuilds.Table::invalidIndexes).orElse(List.of());
        if (s.kind() == IndexStatement.Kind.CREATE && s.ifNotExists() && s.name().isPresent() && table.isPresent()) {
            Optional<IndexBuilds.Index> existing = builds.index(c, table.get(), s.name().get());
            if (existing.isPresent()) {
                if (meetExisting(c, s, table.get(), existing.get(), Meeting.IF_NOT_EXISTS, subject)) {
                    return st.execute(s.sql()); // a no-op now; Flyway still reads the statement's result
                }
                invalidBefore = builds.invalidIndexes(c, table.get());
            }
        }
        return retrying(c, st, s, new Target(table, invalidBefore, subject, builds.backendPid(c)));
    }

    private Optional<IndexBuilds.Table> tableOf(Connection c, IndexStatement s) throws SQLException {
        return s.kind().targetsIndex() ? builds.tableOfIndex(c, database.schema(), s.target())
                : builds.table(c, database.schema(), s.target());
    }

    /**
     * After kill -9 the server goes on with the statement the dead run had sent (PostgreSQL notices the lost client
     * only when the statement ends); dropping or building the same index meanwhile would deadlock with it. Under
     * the runner lock, an idxmig session still working on this schema's table is such an orphan: wait for it to end
     * (up to --build-wait), then judge the catalog it left. Returns whether there was one.
     */
    private boolean awaitOrphans(IndexBuilds.Table table) throws SQLException {
        long deadline = System.nanoTime() + (settings.buildWait().isZero() ? Duration.ofMinutes(30)
                : settings.buildWait()).toNanos();
        boolean seen = false;
        try (Connection observer = database.connect()) {
            observer.setAutoCommit(true);
            while (true) {
                List<IndexBuilds.Blocker> orphans = builds.lockHolders(observer, table, builds.backendPid(observer))
                        .stream().filter(b -> settings.applicationName().equals(b.application())
                                && "active".equals(b.state())).toList();
                if (orphans.isEmpty()) {
                    return seen;
                }
                if (!seen) {
                    diagnostics.info("  waiting for pid " + pids(orphans) + " to end: " + orphans.get(0).query()
                            + " (a statement of the interrupted run, still running on the server)");
                    seen = true;
                }
                if (System.nanoTime() > deadline || Interruption.requested()) {
                    throw new SafeBuildFailure(IdxmigException.lock("the interrupted run's statement is still "
                            + "running on the server (pid " + pids(orphans) + "); nothing was changed",
                            "wait for it to end, or end it (SELECT pg_terminate_backend(" + orphans.get(0).pid()
                                    + ")), then run the same command again"));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting", SqlFailures.QUERY_CANCELED, e);
                }
            }
        }
    }

    /**
     * The statement meets an index of the name it creates (see {@link ExistingIndexPolicy}): a resumed migration or
     * rollback finds what an earlier attempt built (it was not there before the first attempt), an {@code IF NOT
     * EXISTS} finds what anyone built. Returns whether the index stays; dropped, the statement builds it again;
     * refused, the run stops with what to do.
     */
    private boolean meetExisting(Connection c, IndexStatement s, IndexBuilds.Table table, IndexBuilds.Index index,
                                 Meeting meeting, String subject) throws SQLException {
        String wanted = index.valid() ? builds.shapeOf(c, table, s.unique(), s.rest()) : "";
        String qualified = index.schema() + "." + index.name();
        switch (ExistingIndexPolicy.decide(meeting, index, wanted, settings.repairInvalid())) {
            case KEEP:
                diagnostics.info(meeting == Meeting.RESUMED
                        ? "  skipped " + s.verb() + " " + index.name() + ": already built, valid and as asked"
                        : "  " + subject + " already exists, valid and as asked: skipped");
                return true;
            case DROP_AND_BUILD:
                if (meeting == Meeting.RESUMED) {
                    diagnostics.info("  dropping INVALID " + qualified + " (an interrupted attempt left it) to build "
                            + "it again");
                } else {
                    diagnostics.warn("index " + qualified + " exists but is INVALID (a failed concurrent build left "
                            + "it); --repair-invalid: dropping it and building it again");
                }
                settle(c);
                builds.dropIndex(c, index.schema(), index.name());
                return false;
            case REFUSE_INVALID:
                throw new SafeBuildFailure(BuildMessages.invalidKept(s, qualified));
            default:
                throw new SafeBuildFailure(meeting == Meeting.RESUMED
                        ? BuildMessages.cannotResume(s, index, wanted, database.dialect().onlineDrop(index.schema(),
                        index.name()))
                        : BuildMessages.differentDefinition(index, qualified, wanted));
        }
    }

    /** The statement's table, its invalid indexes before it ran, how messages name it, its session. */
    private record Target(Optional<IndexBuilds.Table> table, List<String> invalidBefore, String subject, long pid) {
    }

    /** How one try ended. */
    private sealed interface Attempt {
        /** The statement ran; {@code result} is what execute returned. */
        record Ran(boolean result, BuildObserver.Seen seen, Duration took) implements Attempt {
        }

        /** It failed (or a leftover of the last try was in its way); the cleanup after it is done. */
        record Failed(SQLException error, BuildObserver.Seen seen, LeftoverCleanup.Cleanup cleanup) implements Attempt {
        }
    }

    /** Tries the statement up to --retries + 1 times, with backoff after a lock failure. */
    private boolean retrying(Connection c, Statement st, IndexStatement s, Target t) throws SQLException {
        int tries = settings.retries() + 1;
        List<String> stuck = List.of();
        for (int attempt = 1; ; attempt++) {
            Attempt outcome = stuck.isEmpty() ? attempt(c, st, s, t) : afterStuckLeftover(c, st, s, t);
            if (outcome instanceof Attempt.Ran ran) {
                diagnostics.info("  " + done(s) + " " + t.subject() + " in " + BuildDisplay.seconds(ran.took())
                        + (attempt > 1 ? " (try " + attempt + " of " + tries + ")" : "")
                        + (ran.seen().blockers().isEmpty() ? "" : ", after waiting for pid "
                        + pids(ran.seen().blockers())));
                return ran.result();
            }
            Attempt.Failed failed = (Attempt.Failed) outcome;
            stuck = failed.cleanup().remaining();
            RetryPolicy.Failure failure = RetryPolicy.classify(happened(s, failed));
            switch (RetryPolicy.next(failure, attempt, tries)) {
                case STOP_INTERRUPTED:
                    throw new SafeBuildFailure(BuildMessages.interrupted(s, t.subject(), failed.cleanup()));
                case RETHROW:
                    if (!stuck.isEmpty()) {
                        diagnostics.warn("INVALID index " + String.join(", ", stuck) + " is left behind: "
                                + failed.cleanup().why() + "; drop it with DROP INDEX CONCURRENTLY once that is over");
                    }
                    throw failed.error();
                case GIVE_UP:
                    throw new SafeBuildFailure(BuildMessages.gaveUp(s, t.subject(), t.table(), why(failure), tries,
                            blockers(t, failed), failed.cleanup(), failure.knob()));
                default:
                    Duration pause = backoff(attempt);
                    diagnostics.warn(s.verb() + " " + t.subject() + ": " + why(failure) + " (try " + attempt + " of "
                            + tries + "); " + BuildMessages.describe(blockers(t, failed))
                            + BuildMessages.leftovers(failed.cleanup())
                            + "; retrying in " + BuildDisplay.seconds(pause));
                    sleep(pause);
            }
        }
    }

    private RetryPolicy.Happened happened(IndexStatement s, Attempt.Failed failed) {
        return new RetryPolicy.Happened(SqlFailures.sqlState(failed.error()).orElse(""),
                failed.error() instanceof SafeBuildFailure, failed.seen().cancel(), s.concurrent(),
                failed.seen().lastWaitForTransactions(), Interruption.requested());
    }

    private String why(RetryPolicy.Failure failure) {
        switch (failure) {
            case BUILD_WAIT:
                return "waited longer than --build-wait " + Durations.format(settings.buildWait())
                        + " for older transactions";
            case DEADLOCK:
                return "deadlock";
            default:
                return "lock not acquired within lock_timeout " + Durations.format(settings.lockTimeout());
        }
    }

    /** Who blocked the try: as the observer saw them, else who holds locks on the table now. */
    private List<IndexBuilds.Blocker> blockers(Target t, Attempt.Failed failed) {
        return failed.seen().blockers().isEmpty() && t.table().isPresent() ? lockHolders(t.table().get(), t.pid())
                : failed.seen().blockers();
    }

    /** Sets lock_timeout back on a connection a concurrent statement left widened, before another statement. */
    void settle(Connection c) throws SQLException {
        lockTimeouts.settle(c);
    }

    /** One try: the statement, watched; on failure rolled back to before it and its leftover dropped. */
    private Attempt attempt(Connection c, Statement st, IndexStatement s, Target t) throws SQLException {
        Savepoint savepoint = c.getAutoCommit() ? null : c.setSavepoint();
        boolean widened = lockTimeouts.before(c, s);
        BuildObserver observer = BuildObserver.start(database, builds, t.pid(), s, settings, diagnostics, t.subject());
        try {
            boolean result = st.execute(s.sql());
            BuildObserver.Seen seen = observer.stop();
            if (savepoint != null) {
                c.releaseSavepoint(savepoint);
            }
            lockTimeouts.after(c, widened);
            checkResult(c, s, t.table(), t.invalidBefore(), t.subject());
            return new Attempt.Ran(result, seen, observer.elapsed());
        } catch (SQLException e) {
            BuildObserver.Seen seen = observer.stop();
            if (savepoint != null) {
                c.rollback(savepoint);
            }
            lockTimeouts.after(c, widened);
            return new Attempt.Failed(e, seen, cleanup.drop(c, t.table(), t.invalidBefore()));
        }
    }

    /**
     * The last try's INVALID leftover could not be dropped: the same statement cannot build it again until it
     * is. Tried once more; if it is still there, the try fails as a lock failure would, and is retried as one.
     */
    private Attempt afterStuckLeftover(Connection c, Statement st, IndexStatement s, Target t) throws SQLException {
        List<String> stuck = cleanup.drop(c, t.table(), t.invalidBefore()).remaining();
        if (stuck.isEmpty()) {
            return attempt(c, st, s, t);
        }
        SQLException e = new SQLException("INVALID leftover " + String.join(", ", stuck) + " could not be dropped",
                SqlFailures.LOCK_NOT_AVAILABLE);
        return new Attempt.Failed(e, BuildObserver.Seen.NOTHING, cleanup.drop(c, t.table(), t.invalidBefore()));
    }

    private void checkResult(Connection c, IndexStatement s, Optional<IndexBuilds.Table> table,
                             List<String> invalidBefore, String subject) throws SQLException {
        if (table.isEmpty() || s.kind() == IndexStatement.Kind.DROP) {
            return;
        }
        Optional<String> name = s.kind() == IndexStatement.Kind.CREATE ? s.name() : Optional.empty();
        List<String> after = builds.invalidIndexesAfter(c, table.get(), name);
        List<String> invalid = new ArrayList<>(after);
        invalid.removeAll(invalidBefore);
        if (name.isPresent() && after.contains(name.get()) && !invalid.contains(name.get())) {
            invalid.add(name.get()); // the statement's own index is INVALID, even if one of its name was before
        }
        if (!invalid.isEmpty()) {
            throw new SafeBuildFailure(IdxmigException.operation(s.verb() + " " + subject + " finished but left "
                    + "INVALID index " + String.join(", ", invalid), "drop it with DROP INDEX CONCURRENTLY, then "
                    + "'idxmig repair' and 'idxmig migrate' again", null));
        }
    }

    private List<IndexBuilds.Blocker> lockHolders(IndexBuilds.Table table, long pid) {
        try (Connection observer = database.connect()) {
            return builds.lockHolders(observer, table, pid);
        } catch (SQLException e) {
            return List.of();
        }
    }

    private static String pids(List<IndexBuilds.Blocker> blockers) {
        return blockers.stream().map(b -> String.valueOf(b.pid())).collect(Collectors.joining(", "));
    }

    private static String subject(IndexStatement s, Optional<IndexBuilds.Table> table) {
        String index = s.name().orElse(s.kind() == IndexStatement.Kind.REINDEX_TABLE ? "indexes" : "index");
        return index + table.map(t -> " on " + t.qualified() + " (" + Sizes.human(t.bytes()) + ")").orElse("");
    }

    private static String done(IndexStatement s) {
        switch (s.kind()) {
            case CREATE:
                return "built";
            case DROP:
                return "dropped";
            default:
                return "rebuilt";
        }
    }

    /** Exponential from 0.5 s, capped at 30 s, with full jitter in its upper half so runners do not retry in step. */
    static Duration backoff(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 16));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    /** The pause before a retry, cut short by an interrupt (which then stops the run instead of retrying). */
    static void sleep(Duration pause) throws SQLException {
        try {
            long end = System.nanoTime() + pause.toNanos();
            while (System.nanoTime() < end) {
                if (Interruption.requested()) {
                    throw new SafeBuildFailure(Interruption.stopped("interrupted while waiting to retry; no "
                            + "INVALID index was left behind", null));
                }
                Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to retry", SqlFailures.QUERY_CANCELED, e);
        }
    }
}
