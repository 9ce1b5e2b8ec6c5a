package dev.idxmig.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a database offers to run index statements safely: session settings, catalog look-ups around a build, and
 * what a second session can see while it runs (who blocks it, how far it got). Reached through
 * {@link Dialect#indexBuilds()}; databases without online builds (SQLite) have none.
 */
public interface IndexBuilds {

    /**
     * A table a statement names, resolved the way the migration's session resolves it.
     *
     * @param bytes          the size of its data (heap and TOAST, without its indexes): what an index build reads
     * @param partitioned    whether it is a partitioned table (no storage of its own, no concurrent build)
     * @param invalidIndexes its INVALID indexes by name, as they were when the table was read
     */
    record Table(long id, String schema, String name, long bytes, boolean partitioned, List<String> invalidIndexes) {
        public Table {
            invalidIndexes = List.copyOf(invalidIndexes);
        }

        public String qualified() {
            return schema + "." + name;
        }
    }

    /** One index as the catalog has it; {@code shape} is its definition without its name and table. */
    record Index(String schema, String name, boolean valid, String definition, String shape) {
    }

    /** A session that holds a lock the build waits for. */
    record Blocker(long pid, String user, String application, String state, Duration since, String query) {
        public String describe() {
            return String.format("pid %d (user %s, application '%s', %s for %ds): %s", pid, user, application, state,
                    since.toSeconds(), query);
        }
    }

    /** What the building session waits for right now, if anything: a table lock, or older transactions. */
    record Wait(String type, String event, Duration waited) {
        /** Waiting to acquire the table's lock, which {@code lock_timeout} bounds. */
        public boolean forTableLock() {
            return "Lock".equals(type) && "relation".equals(event);
        }

        /** Waiting for other transactions to end, as concurrent builds do between their phases. */
        public boolean forTransactions() {
            return "Lock".equals(type) && ("virtualxid".equals(event) || "transactionid".equals(event));
        }
    }

    /** A row of the build's progress view. */
    record Progress(String command, String phase, long blocksDone, long blocksTotal, long tuplesDone,
                    long tuplesTotal, long lockersDone, long lockersTotal, long currentLockerPid) {
    }

    /** Applies session settings (name to value, as the database spells them) for the rest of the session. */
    void applySession(Connection c, Map<String, String> settings) throws SQLException;

    /**
     * Whether the driver keeps its server-side prepared statements when the session runs DDL. A migration's session
     * runs an index statement between each of idxmig's catalog look-ups; a driver that forgot its statements after
     * every DDL would parse and plan each look-up afresh. Only idxmig's own queries are prepared on such a session
     * (Flyway sends migration scripts as plain statements), so none can see a table change shape under it. Off again
     * before the connection is pooled.
     */
    default void keepPreparedStatements(Connection c, boolean keep) throws SQLException {
    }

    /** Puts settings back to the session's defaults (role, database, server), before a connection is pooled again. */
    void resetSession(Connection c, java.util.Set<String> names) throws SQLException;

    /** The server process of a session, which the observer uses to find it. */
    long backendPid(Connection c) throws SQLException;

    /** The table named as written in a statement; unqualified names are looked up in {@code schema}. */
    Optional<Table> table(Connection c, String schema, String written) throws SQLException;

    /** The table of an index named as written; unqualified names are looked up in {@code schema}. */
    Optional<Table> tableOfIndex(Connection c, String schema, String written) throws SQLException;

    /** The index called {@code name} in the table's schema (on any table: names are unique per schema). */
    Optional<Index> index(Connection c, Table table, String name) throws SQLException;

    /** The table's invalid indexes, by name. */
    List<String> invalidIndexes(Connection c, Table table) throws SQLException;

    /**
     * After a statement on the table: its invalid indexes, and the index called {@code name} (in the table's schema,
     * on any table) when that one is invalid; one look where {@link #invalidIndexes} and {@link #index} take two.
     */
    List<String> invalidIndexesAfter(Connection c, Table table, Optional<String> name) throws SQLException;

    /**
     * Drops an index if it exists: without blocking writers when the session is in autocommit, plainly inside a
     * transaction (where a concurrent drop is impossible). Never by REINDEX, which leaves copies behind.
     */
    void dropIndex(Connection c, String schema, String name) throws SQLException;

    /**
     * The shape ({@link Index#shape()}) of the index a CREATE INDEX statement asks for, found by building it on an
     * empty copy of the table in a transaction that is rolled back. {@code rest} is the statement after the table.
     */
    String shapeOf(Connection c, Table table, boolean unique, String rest) throws SQLException;

    /** What the session waits for (observer side). */
    Optional<Wait> waiting(Connection observer, long pid) throws SQLException;

    /** Sessions that block the given one (observer side). */
    List<Blocker> blockers(Connection observer, long pid) throws SQLException;

    /** Sessions other than {@code except} holding locks on the table (observer side). */
    List<Blocker> lockHolders(Connection observer, Table table, long except) throws SQLException;

    /** The progress row of a running index build (observer side). */
    Optional<Progress> progress(Connection observer, long pid) throws SQLException;

    /** Cancels the session's running statement (observer side): how idxmig enforces a wait budget. */
    void cancel(Connection observer, long pid) throws SQLException;

    /** A partition of a partitioned table: partitioned itself (a sub-partition), or foreign (no index of its own). */
    record Partition(Table table, boolean partitioned, boolean foreign) {
    }

    /** Whether the index named as written is a partitioned table's index. */
    default boolean partitionedIndex(Connection c, String schema, String written) throws SQLException {
        return false;
    }

    /** The direct partitions of a partitioned table, in name order. */
    default List<Partition> partitions(Connection c, Table table) throws SQLException {
        return List.of();
    }

    /** The index of {@code partition} attached to the partitioned index {@code schema.parent}, if one is. */
    default Optional<Index> attachedIndex(Connection c, String schema, String parent, Table partition)
            throws SQLException {
        return Optional.empty();
    }

    /**
     * The first step of a partitioned build: CREATE [UNIQUE] INDEX on the partitioned table alone ({@code ON ONLY},
     * invalid until every partition's index is attached). {@code rest} is the original statement after its table.
     */
    default String parentIndex(boolean unique, String name, Table table, String rest) {
        throw new UnsupportedOperationException("no partitioned tables here");
    }

    /** One partition's index of a partitioned build, built CONCURRENTLY; {@code rest} as for {@link #parentIndex}. */
    default String partitionIndex(boolean unique, String name, Table partition, String rest) {
        throw new UnsupportedOperationException("no partitioned tables here");
    }

    /** The statement that attaches a partition's index to the partitioned index {@code schema.parent}. */
    default String attachIndex(String schema, String parent, String partitionSchema, String partitionIndex) {
        throw new UnsupportedOperationException("no partitioned tables here");
    }
}
