package dev.idxmig.safebuild;

import dev.idxmig.db.IndexBuilds;
import dev.idxmig.db.SqlFailures;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Drops the INVALID indexes a failed concurrent statement left (only in autocommit: others roll back): those
 * invalid now that were not before the statement. The drop waits for the table's lockers like the build did, so
 * it gets the same --build-wait; a drop that still cannot finish leaves the index for the next try, or for the
 * report.
 */
final class LeftoverCleanup {
    /** What cleaning up did: dropped, and still there (with why). */
    record Cleanup(List<String> dropped, List<String> remaining, String why) {
        static final Cleanup NOTHING = new Cleanup(List.of(), List.of(), "");
    }

    /** The sessions holding locks on a table, other than {@code except}; empty when they cannot be read. */
    interface LockHolders {
        List<IndexBuilds.Blocker> of(IndexBuilds.Table table, long except);
    }

    private final IndexBuilds builds;
    private final LockTimeoutPolicy lockTimeouts;
    private final LockHolders holders;

    LeftoverCleanup(IndexBuilds builds, LockTimeoutPolicy lockTimeouts, LockHolders holders) {
        this.builds = builds;
        this.lockTimeouts = lockTimeouts;
        this.holders = holders;
    }

    /** The invalid indexes a statement left: invalid now, not before it. */
    static List<String> leftovers(List<String> invalidNow, List<String> invalidBefore) {
        List<String> leftovers = new ArrayList<>(invalidNow);
        leftovers.removeAll(invalidBefore);
        return leftovers;
    }

    Cleanup drop(Connection c, Optional<IndexBuilds.Table> table, List<String> invalidBefore) throws SQLException {
        if (table.isEmpty() || !c.getAutoCommit()) {
            return Cleanup.NOTHING;
        }
        return dropAll(c, table.get(), invalidBefore);
    }

    /** On an autocommit connection: drops every leftover it can, and says why the others are still there. */
    Cleanup dropAll(Connection c, IndexBuilds.Table table, List<String> invalidBefore) throws SQLException {
        List<String> leftovers = leftovers(builds.invalidIndexes(c, table), invalidBefore);
        List<String> dropped = new ArrayList<>();
        lockTimeouts.widen(c); // the drop waits like the build did; the next statement settles it again
        try {
            for (String name : leftovers) {
                builds.dropIndex(c, table.schema(), name);
                dropped.add(name);
            }
            return new Cleanup(dropped, List.of(), "");
        } catch (SQLException e) {
            List<String> remaining = new ArrayList<>(leftovers);
            remaining.removeAll(dropped);
            String pids = holders.of(table, builds.backendPid(c)).stream()
                    .map(b -> "pid " + b.pid()).collect(Collectors.joining(", "));
            return new Cleanup(dropped, remaining, "its drop waits for "
                    + (pids.isEmpty() ? "other sessions on the table" : pids) + ": "
                    + SqlFailures.firstSqlException(e).map(SQLException::getMessage).orElse(""));
        }
    }
}
