package dev.idxmig.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Asks one database for query plans and the facts that make them comparable. Reached through
 * {@link Dialect#explainer(String)}; each database has its own.
 */
public interface Explainer {

    /**
     * Starts a transaction for one check that {@link CheckTransaction#close()} always rolls back. Unless writes
     * are allowed, the database itself refuses to write in it (a read-only transaction, SQLite's query_only), so a
     * check can never change data even when its SQL tries to.
     */
    CheckTransaction begin(Connection connection, boolean allowWrites) throws SQLException;

    /** The statement's plan; runs the statement only when the request asks for analyze. */
    QueryPlan explain(Connection connection, ExplainRequest request) throws SQLException;

    /**
     * Makes timed runs of a statement use the plan its check is about, so that the plan reported is the plan
     * timed: a prepared statement's generic plan when {@code generic}, else a plan for the bound values. (Left
     * alone, PostgreSQL may switch a prepared statement to its generic plan after five runs.) Call inside
     * {@link #begin}; databases with one kind of plan do nothing.
     */
    default void pinPlan(Connection connection, PreparedStatement statement, boolean generic) throws SQLException {
    }

    /** Whether this database can be told to avoid sequential scans for one statement (the "usable" verdict). */
    boolean canDiscourageFullScans();

    /** Whether it can for this statement (MariaDB takes index hints in a SELECT only); by default as for any. */
    default boolean canDiscourageFullScans(String sql) {
        return canDiscourageFullScans();
    }

    /** How full scans are discouraged, as the plan's heading says it ("sequential scans off"). */
    default String fullScansDiscouraged() {
        return "sequential scans off";
    }

    /** Binds the check's parameters the way this database infers their types best: as they are, by default. */
    default void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /** Refreshes the planner's statistics for a table (PostgreSQL and SQLite: ANALYZE). */
    void analyze(Connection connection, String table) throws SQLException;

    /** Whether the planner's statistics about a table are current. */
    TableStatistics statistics(Connection connection, String table) throws SQLException;

    /** Ends a check: rolls back, and restores the connection for the pool. */
    interface CheckTransaction extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }
}
