package dev.idxmig.safebuild;

import dev.idxmig.script.IndexStatement;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.Durations;
import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.base.Interruption;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.db.SqlFailures;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Sizes;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /**
     * Autocommit connections whose lock_timeout is --build-wait: left so from one concurrent statement to the next
     * (two round trips fewer per statement), and set back before anything else runs on them ({@link #settle}).
     */
    private final Set<Connection> wide = Collections.newSetFromMap(new IdentityHashMap<>());

    SafeBuild(Database database, IndexBuilds builds, BuildSettings settings, Diagnostics diagnostics,
              Optional<StatementJournal> journal) {
        this.database = database;
        this.builds = builds;
        this.settings = settings;
        this.diagnostics = diagnostics;
        this.partitions = new PartitionRecipe(this, builds, settings, diagnostics);
        this.journal = journal;
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
        wide.remove(c);
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
        Optional<IndexBuilds.Table> table = s.kind().targetsIndex()
                ? builds.tableOfIndex(c, database.schema(), s.target())
                : builds.table(c, database.schema(), s.target());
        if (table.map(t -> database.internalTables().names().contains(t.name()))
                .orElse(false)) {
            return st.execute(s.sql()); // Flyway's and idxmig's own bookkeeping, on tables nobody else writes
        }
        Optional<CatalogSnapshot> resumedFrom = journal.flatMap(StatementJournal::resumedFrom);
        if (resumedFrom.isPresent() && table.isPresent() && awaitOrphans(table.get())) {
            table = s.kind().targetsIndex() ? builds.tableOfIndex(c, database.schema(), s.target())
                    : builds.table(c, database.schema(), s.target());
        }
        if (resumedFrom.isPresent() && s.kind() == IndexStatement.Kind.DROP && table.isEmpty() && s.name().isPresent()
                && resumedFrom.get().find(s.name().get()).isPresent()) {
            diagnostics.info("  skipped " + s.verb() + " " + s.name().get() + ": already dropped");
            return false;
        }
        Optional<Boolean> partitioned = partitions.run(c, st, s, table);
        if (partitioned.isPresent()) {
            return partitioned.get(); // a partitioned table's index, partition by partition
        }
        String subject = subject(s, table);
        long pid = builds.backendPid(c);
        if (resumedFrom.isPresent() && s.kind() == IndexStatement.Kind.CREATE && s.name().isPresent()
                && table.isPresent() && resumedFrom.get().find(s.name().get()).isEmpty()) {
            Optional<IndexBuilds.Index> earlier = builds.index(c, table.get(), s.name().get());
            if (earlier.isPresent() && resumeOver(c, s, table.get(), earlier.get())) {
                return false;
            }
        }
        List<String> invalidBefore = table.map(IndexBuilds.Table::invalidIndexes).orElse(List.of());
        if (s.kind() == IndexStatement.Kind.CREATE && s.ifNotExists() && s.name().isPresent() && table.isPresent()) {
            Optional<IndexBuilds.Index> existing = builds.index(c, table.get(), s.name().get());
            if (existing.isPresent()) {
                if (keepExisting(c, s, table.get(), existing.get(), subject)) {
                    return st.execute(s.sql()); // a no-op now; Flyway still reads the statement's result
                }
                invalidBefore = builds.invalidIndexes(c, table.get());
            }
        }
        int tries = settings.retries() + 1;
        List<String> stuck = List.of();
        for (int attempt = 1; ; attempt++) {
            if (!stuck.isEmpty()) {
                // The leftover of the last try must go before the same statement can build it again.
                stuck = dropLeftovers(c, table, invalidBefore).remaining();
            }
            Savepoint savepoint = c.getAutoCommit() ? null : c.setSavepoint();
            boolean widened = widenLockTimeout(c, s);
            BuildObserver observer = BuildObserver.start(database, builds, pid, s, settings, diagnostics, subject);
            try {
                if (!stuck.isEmpty()) {
                    throw new SQLException("INVALID leftover " + String.join(", ", stuck) + " could not be dropped",
                            SqlFailures.LOCK_NOT_AVAILABLE);
                }
                boolean result = st.execute(s.sql());
                BuildObserver.Seen seen = observer.stop();
                if (savepoint != null) {
                    c.releaseSavepoint(savepoint);
                }
                restoreLockTimeout(c, widened);
                checkResult(c, s, table, invalidBefore, subject);
                diagnostics.info("  " + done(s) + " " + subject + " in " + BuildDisplay.seconds(observer.elapsed())
                        + (attempt > 1 ? " (try " + attempt + " of " + tries + ")" : "")
                        + (seen.blockers().isEmpty() ? "" : ", after waiting for pid " + pids(seen.blockers())));
                return result;
            } catch (SQLException e) {
                BuildObserver.Seen seen = observer.stop();
                if (savepoint != null) {
                    c.rollback(savepoint);
                }
                restoreLockTimeout(c, widened);
                Cleanup cleanup = dropLeftovers(c, table, invalidBefore);
                stuck = cleanup.remaining();
                if (seen.cancel() == BuildObserver.Cancel.INTERRUPTED
                        || (Interruption.requested() && !(e instanceof SafeBuildFailure))) {
                    throw new SafeBuildFailure(Interruption.stopped(s.verb() + " " + subject + ": cancelled by the "
                            + "interrupt while it waited" + (cleanup.dropped().isEmpty() ? ""
                            : "; dropped its INVALID leftover " + String.join(", ", cleanup.dropped()))
                            + (stuck.isEmpty() ? "" : "; INVALID " + String.join(", ", stuck) + " is left for the "
                            + "next run to drop"), null));
                }
                if (e instanceof SafeBuildFailure || !isLockFailure(e, seen)) {
                    if (!stuck.isEmpty()) {
                        diagnostics.warn("INVALID index " + String.join(", ", stuck) + " is left behind: "
                                + cleanup.why() + "; drop it with DROP INDEX CONCURRENTLY once that is over");
                    }
                    throw e;
                }
                List<IndexBuilds.Blocker> blockers = seen.blockers().isEmpty() && table.isPresent()
                        ? lockHolders(table.get(), pid) : seen.blockers();
                String why = why(s, e, seen);
                String leftovers = (cleanup.dropped().isEmpty() ? "" : "; dropped the INVALID leftover "
                        + String.join(", ", cleanup.dropped()))
                        + (stuck.isEmpty() ? "" : "; INVALID index " + String.join(", ", stuck)
                        + " could not be dropped yet (" + cleanup.why() + ")");
                String knob = why.startsWith("waited longer than --build-wait") ? "--build-wait" : "--lock-timeout";
                if (attempt >= tries) {
                    throw new SafeBuildFailure(IdxmigException.lock(s.verb() + " " + subject + ": " + why + " in "
                                    + tries + " tr" + (tries == 1 ? "y" : "ies") + "; " + describe(blockers)
                                    + leftovers + (table.isPresent() && stuck.isEmpty() ? "; no invalid index was left behind" : ""),
                            blockers.isEmpty()
                                    ? "retry when the table is less busy, or raise --retries / " + knob
                                    : "end the blocking session (SELECT pg_terminate_backend(" + blockers.get(0).pid()
                                    + ")) or wait for it, or raise --retries / " + knob + "; then run the "
                                    + "command again ('idxmig repair' first if 'idxmig status' shows a "
                                    + "migration as failed)"));
                }
                Duration pause = backoff(attempt);
                diagnostics.warn(s.verb() + " " + subject + ": " + why + " (try " + attempt + " of " + tries + "); "
                        + describe(blockers) + leftovers + "; retrying in " + BuildDisplay.seconds(pause));
                sleep(pause);
            }
        }
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
     * A resumed migration or rollback meets an index of the name its statement creates, which was not there before
     * the first attempt: an earlier attempt built it. Valid and as asked: skipped (returns true). INVALID (the
     * attempt was killed or interrupted while building it): dropped, to be built again. Anything else stops the run
     * with the statements that would finish it by hand.
     */
    private boolean resumeOver(Connection c, IndexStatement s, IndexBuilds.Table table, IndexBuilds.Index index)
            throws SQLException {
        String qualified = index.schema() + "." + index.name();
        if (!index.valid()) {
            diagnostics.info("  dropping INVALID " + qualified + " (an interrupted attempt left it) to build it again");
            settle(c);
            builds.dropIndex(c, index.schema(), index.name());
            return false;
        }
        String wanted = builds.shapeOf(c, table, s.unique(), s.rest());
        if (!wanted.equals(index.shape())) {
            throw new SafeBuildFailure(IdxmigException.operation("cannot resume: index " + qualified + " exists "
                    + "but not as the statement asks: it is '" + index.definition() + "', the statement asks for '"
                    + wanted + "'; nothing was changed", "to finish by hand, run in schema " + index.schema() + ":\n  "
                    + database.dialect().onlineDrop(index.schema(), index.name()) + ";\n  " + s.sql().strip()
                    + (s.sql().strip().endsWith(";") ? "" : ";") + "\nthen run the same idxmig command again", null));
        }
        diagnostics.info("  skipped " + s.verb() + " " + index.name() + ": already built, valid and as asked");
        return true;
    }

    /**
     * An {@code IF NOT EXISTS} statement meets an index of that name. It would silently skip: fine when the index
     * is valid and what the statement asks for; otherwise refused, or with --repair-invalid dropped so the
     * statement builds it again. Returns whether the existing index stays.
     */
    private boolean keepExisting(Connection c, IndexStatement s, IndexBuilds.Table table, IndexBuilds.Index index,
                                 String subject) throws SQLException {
        String qualified = index.schema() + "." + index.name();
        if (!index.valid()) {
            if (settings.repairInvalid()) {
                diagnostics.warn("index " + qualified + " exists but is INVALID (a failed concurrent build left it); "
                        + "--repair-invalid: dropping it and building it again");
                settle(c);
                builds.dropIndex(c, index.schema(), index.name());
                return false;
            }
            throw new SafeBuildFailure(IdxmigException.operation("index " + qualified + " exists but is INVALID "
                    + "(a failed concurrent build left it): " + s.verb() + " IF NOT EXISTS would skip it and keep an "
                    + "index that is not used and slows every write; nothing was built", "drop it first (DROP INDEX "
                    + "CONCURRENTLY " + qualified + ") and run 'idxmig repair' and 'idxmig migrate' again, or run "
                    + "'idxmig repair' and 'idxmig migrate --repair-invalid' to have idxmig drop and rebuild it",
                    null));
        }
        String wanted = builds.shapeOf(c, table, s.unique(), s.rest());
        if (!wanted.equals(index.shape())) {
            throw new SafeBuildFailure(IdxmigException.operation("index " + qualified + " already exists with a "
                    + "different definition, so IF NOT EXISTS would skip it: it is '" + index.definition()
                    + "', the migration asks for '" + wanted + "'; nothing was built", "give the new index another "
                    + "name, or drop the old one in an earlier statement of the migration", null));
        }
        diagnostics.info("  " + subject + " already exists, valid and as asked: skipped");
        return true;
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

    /** What cleaning up after a failed try did: dropped, and still there (with why). */
    private record Cleanup(List<String> dropped, List<String> remaining, String why) {
    }

    /**
     * Drops the invalid indexes a failed concurrent statement left (only in autocommit: others roll back). The drop
     * waits for the table's lockers like the build did, so it gets the same --build-wait; a drop that still cannot
     * finish leaves the index for the next try, or for the report.
     */
    private Cleanup dropLeftovers(Connection c, Optional<IndexBuilds.Table> table, List<String> invalidBefore)
            throws SQLException {
        if (table.isEmpty() || !c.getAutoCommit()) {
            return new Cleanup(List.of(), List.of(), "");
        }
        List<String> leftovers = new ArrayList<>(builds.invalidIndexes(c, table.get()));
        leftovers.removeAll(invalidBefore);
        List<String> dropped = new ArrayList<>();
        lockTimeout(c, true); // the drop waits like the build did; the next statement settles it again
        try {
            for (String name : leftovers) {
                builds.dropIndex(c, table.get().schema(), name);
                dropped.add(name);
            }
            return new Cleanup(dropped, List.of(), "");
        } catch (SQLException e) {
            List<String> remaining = new ArrayList<>(leftovers);
            remaining.removeAll(dropped);
            String holders = lockHolders(table.get(), builds.backendPid(c)).stream()
                    .map(b -> "pid " + b.pid()).collect(Collectors.joining(", "));
            return new Cleanup(dropped, remaining, "its drop waits for "
                    + (holders.isEmpty() ? "other sessions on the table" : holders) + ": "
                    + SqlFailures.firstSqlException(e).map(SQLException::getMessage).orElse(""));
        }
    }

    /**
     * A concurrent statement's waits for older transactions are bounded by --build-wait, not lock_timeout: the
     * session gets the longer bound as a backstop, and the observer cancels a too-long wait for the table lock.
     * Any other statement gets lock_timeout. Returns whether the bound was widened.
     */
    private boolean widenLockTimeout(Connection c, IndexStatement s) throws SQLException {
        boolean widen = s.concurrent() && !settings.lockTimeout().isZero();
        lockTimeout(c, widen);
        return widen;
    }

    /**
     * After the statement: inside a transaction lock_timeout goes back at once (a rollback would undo the setting
     * behind our back); in autocommit it stays widened for the next concurrent statement until {@link #settle}.
     */
    private void restoreLockTimeout(Connection c, boolean widened) throws SQLException {
        if (widened && !wide.contains(c)) {
            builds.applySession(c, Map.of("lock_timeout", Durations.format(settings.lockTimeout())));
        }
    }

    /** Sets lock_timeout back on a connection a concurrent statement left widened, before another statement. */
    void settle(Connection c) throws SQLException {
        lockTimeout(c, false);
    }

    private void lockTimeout(Connection c, boolean widened) throws SQLException {
        if (widened == wide.contains(c) || settings.lockTimeout().isZero()) {
            return;
        }
        builds.applySession(c, Map.of("lock_timeout",
                Durations.format(widened ? settings.buildWait() : settings.lockTimeout())));
        if (widened && c.getAutoCommit()) {
            wide.add(c);
        } else {
            wide.remove(c);
        }
    }

    private static boolean isLockFailure(SQLException e, BuildObserver.Seen seen) {
        String state = SqlFailures.sqlState(e).orElse("");
        return state.equals(SqlFailures.LOCK_NOT_AVAILABLE) || state.equals(SqlFailures.DEADLOCK)
                || (state.equals(SqlFailures.QUERY_CANCELED) && seen.cancel() != BuildObserver.Cancel.NONE);
    }

    private String why(IndexStatement s, SQLException e, BuildObserver.Seen seen) {
        // The session's lock_timeout is the --build-wait backstop for concurrent statements, so a timeout while
        // waiting for transactions is the build wait running out, whichever side noticed first.
        if (seen.cancel() == BuildObserver.Cancel.BUILD_WAIT || (s.concurrent() && seen.lastWaitForTransactions()
                && seen.cancel() == BuildObserver.Cancel.NONE)) {
            return "waited longer than --build-wait " + Durations.format(settings.buildWait())
                    + " for older transactions";
        }
        if (SqlFailures.sqlState(e).orElse("").equals(SqlFailures.DEADLOCK)) {
            return "deadlock";
        }
        return "lock not acquired within lock_timeout " + Durations.format(settings.lockTimeout());
    }

    private List<IndexBuilds.Blocker> lockHolders(IndexBuilds.Table table, long pid) {
        try (Connection observer = database.connect()) {
            return builds.lockHolders(observer, table, pid);
        } catch (SQLException e) {
            return List.of();
        }
    }

    private static String describe(List<IndexBuilds.Blocker> blockers) {
        return blockers.isEmpty() ? "the blocking session was already gone"
                : "blocked by " + blockers.stream().map(IndexBuilds.Blocker::describe)
                .collect(Collectors.joining("; "));
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
    private static void sleep(Duration pause) throws SQLException {
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
