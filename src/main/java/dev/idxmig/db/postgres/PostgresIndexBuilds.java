package dev.idxmig.db.postgres;

import dev.idxmig.db.Dialect;
import dev.idxmig.db.IndexBuilds;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PostgreSQL's catalog and statistics views around an index build. */
final class PostgresIndexBuilds implements IndexBuilds {
    private static final String PROBE_TABLE = "idxmig_shape_probe";
    private static final String PROBE_INDEX = "idxmig_shape_probe_idx";

    /** The first server version whose pg_locks says since when a lock is awaited ({@code waitstart}). */
    static final int WAITSTART_SINCE = 140000;

    private final Dialect dialect;
    /** Whether the server has pg_locks.waitstart; read from the server on first use unless given. */
    private volatile Boolean waitStartKnown;
    /** PostgreSQL 13: the wait each watched session was first seen in, and when (nanoTime). */
    private final Map<Long, SeenWait> seen = new java.util.concurrent.ConcurrentHashMap<>();

    /** A wait as first seen: of which statement (its start), for what, and when (nanoTime). */
    private record SeenWait(String statement, String type, String event, long since) {
    }

    PostgresIndexBuilds(Dialect dialect) {
        this.dialect = dialect;
    }

    /** For tests: as if the server did (or did not) have pg_locks.waitstart. */
    PostgresIndexBuilds(Dialect dialect, boolean waitStartKnown) {
        this.dialect = dialect;
        this.waitStartKnown = waitStartKnown;
    }

    @Override
    public void applySession(Connection c, Map<String, String> settings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, false)")) {
            for (Map.Entry<String, String> s : settings.entrySet()) {
                ps.setString(1, s.getKey());
                ps.setString(2, s.getValue());
                ps.executeQuery().close();
            }
        }
    }

    @Override
    public void keepPreparedStatements(Connection c, boolean keep) throws SQLException {
        if (c.isWrapperFor(BaseConnection.class)) {
            // pgjdbc's flushCacheOnDdl (on by default) drops every prepared statement after CREATE, DROP or ALTER
            c.unwrap(BaseConnection.class).getQueryExecutor().setFlushCacheOnDdl(!keep);
        }
    }

    @Override
    public void resetSession(Connection c, java.util.Set<String> names) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String name : names) {
                st.execute("RESET " + name); // names are idxmig's own setting names, never input
            }
        }
    }

    @Override
    public long backendPid(Connection c) throws SQLException {
        if (c.isWrapperFor(PGConnection.class)) {
            return c.unwrap(PGConnection.class).getBackendPID(); // the driver knows it from the start-up: no query
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public Optional<Table> table(Connection c, String schema, String written) throws SQLException {
        return tableBy(false, qualified(schema, written), c);
    }

    @Override
    public Optional<Table> tableOfIndex(Connection c, String schema, String written) throws SQLException {
        return tableBy(true, qualified(schema, written), c);
    }

    private String qualified(String schema, String written) {
        // A dot outside quotes means the statement named the schema itself.
        return written.replaceAll("\"[^\"]*\"", "").contains(".") ? written : dialect.quote(schema) + "." + written;
    }

    private Optional<Table> tableBy(boolean ofIndex, String name, Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("build_table"))) {
            ps.setBoolean(1, ofIndex);
            ps.setString(2, name);
            ps.setString(3, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(table(rs));
            }
        }
    }

    private static Table table(ResultSet rs) throws SQLException {
        return new Table(rs.getLong("table_id"), rs.getString("schema_name"), rs.getString("table_name"),
                rs.getLong("table_bytes"), rs.getBoolean("is_partitioned"),
                List.of((String[]) rs.getArray("invalid_indexes").getArray()));
    }

    @Override
    public Optional<Index> index(Connection c, Table table, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("build_index_by_name"))) {
            ps.setLong(1, table.id());
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String definition = rs.getString("definition");
                return Optional.of(new Index(rs.getString("schema_name"), rs.getString("index_name"),
                        rs.getBoolean("is_valid"), definition, shape(definition)));
            }
        }
    }

    @Override
    public List<String> invalidIndexes(Connection c, Table table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("build_invalid_indexes"))) {
            ps.setLong(1, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    @Override
    public List<String> invalidIndexesAfter(Connection c, Table table, Optional<String> name) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("build_invalid_after"))) {
            ps.setLong(1, table.id());
            ps.setString(2, name.orElse(null));
            ps.setLong(3, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    @Override
    public void dropIndex(Connection c, String schema, String name) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX " + (c.getAutoCommit() ? "CONCURRENTLY " : "") + "IF EXISTS "
                    + dialect.qualify(schema, name));
        }
    }

    @Override
    public String shapeOf(Connection c, Table table, boolean unique, String rest) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        Savepoint savepoint = null;
        if (autoCommit) {
            c.setAutoCommit(false);
        } else {
            savepoint = c.setSavepoint();
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE " + PROBE_TABLE + " (LIKE " + dialect.qualify(table.schema(), table.name())
                    + ")");
            st.execute("CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + PROBE_INDEX + " ON " + PROBE_TABLE + " "
                    + rest);
            try (ResultSet rs = st.executeQuery("SELECT pg_get_indexdef('pg_temp." + PROBE_INDEX + "'::regclass)")) {
                rs.next();
                return shape(rs.getString(1));
            }
        } finally {
            if (autoCommit) {
                c.rollback();
                c.setAutoCommit(true);
            } else {
                c.rollback(savepoint);
            }
        }
    }

    /** "CREATE UNIQUE INDEX x ON s.t USING btree (a) WHERE ..." becomes "UNIQUE USING btree (a) WHERE ...". */
    static String shape(String definition) {
        int using = definition.indexOf(" USING ");
        String tail = using < 0 ? definition : definition.substring(using + 1);
        return (definition.startsWith("CREATE UNIQUE ") ? "UNIQUE " : "") + tail;
    }

    @Override
    public Optional<Wait> waiting(Connection observer, long pid) throws SQLException {
        if (waitStartKnown == null) {
            waitStartKnown = serverVersion(observer) >= WAITSTART_SINCE;
        }
        if (!waitStartKnown) {
            return waitingTimedHere(observer, pid);
        }
        try (PreparedStatement ps = observer.prepareStatement(dialect.sql("build_wait"))) {
            ps.setLong(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString("wait_event_type") == null) {
                    return Optional.empty();
                }
                return Optional.of(new Wait(rs.getString("wait_event_type"), rs.getString("wait_event"),
                        Duration.ofMillis(Math.round(rs.getDouble("waited_seconds") * 1000))));
            }
        }
    }

    /**
     * PostgreSQL 13: the wait as pg_stat_activity shows it, timed from the first poll that saw this same wait; a
     * poll interval late at most, which the wait budgets (lock timeout, build wait) can afford.
     */
    private Optional<Wait> waitingTimedHere(Connection observer, long pid) throws SQLException {
        try (PreparedStatement ps = observer.prepareStatement(dialect.sql("build_wait_pg13"))) {
            ps.setLong(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString("wait_event_type") == null) {
                    seen.remove(pid);
                    return Optional.empty();
                }
                String type = rs.getString("wait_event_type");
                String event = rs.getString("wait_event");
                if (!"Lock".equals(type)) {
                    seen.remove(pid);
                    return Optional.of(new Wait(type, event, Duration.ZERO)); // only lock waits are timed
                }
                String statement = rs.getString("query_start");
                long now = System.nanoTime();
                SeenWait first = seen.compute(pid, (k, was) -> was != null && was.type().equals(type)
                        && java.util.Objects.equals(was.event(), event)
                        && java.util.Objects.equals(was.statement(), statement)
                        ? was : new SeenWait(statement, type, event, now));
                return Optional.of(new Wait(type, event, Duration.ofNanos(now - first.since())));
            }
        }
    }

    private static int serverVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1).trim());
        }
    }

    @Override
    public List<Blocker> blockers(Connection observer, long pid) throws SQLException {
        try (PreparedStatement ps = observer.prepareStatement(dialect.sql("build_blockers"))) {
            ps.setLong(1, pid);
            return blockers(ps);
        }
    }

    @Override
    public List<Blocker> lockHolders(Connection observer, Table table, long except) throws SQLException {
        try (PreparedStatement ps = observer.prepareStatement(dialect.sql("build_lock_holders"))) {
            ps.setLong(1, table.id());
            ps.setLong(2, except);
            return blockers(ps);
        }
    }

    private static List<Blocker> blockers(PreparedStatement ps) throws SQLException {
        List<Blocker> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new Blocker(rs.getLong("pid"), rs.getString("user_name"),
                        rs.getString("application_name"), String.valueOf(rs.getString("state")),
                        Duration.ofMillis(Math.round(rs.getDouble("seconds") * 1000)), rs.getString("query")));
            }
        }
        return result;
    }

    @Override
    public Optional<Progress> progress(Connection observer, long pid) throws SQLException {
        try (PreparedStatement ps = observer.prepareStatement(dialect.sql("build_progress"))) {
            ps.setLong(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Progress(rs.getString("command"), rs.getString("phase"),
                        rs.getLong("blocks_done"), rs.getLong("blocks_total"), rs.getLong("tuples_done"),
                        rs.getLong("tuples_total"), rs.getLong("lockers_done"), rs.getLong("lockers_total"),
                        rs.getLong("current_locker_pid")));
            }
        }
    }

    @Override
    public void cancel(Connection observer, long pid) throws SQLException {
        try (PreparedStatement ps = observer.prepareStatement("SELECT pg_cancel_backend(?)")) {
            ps.setInt(1, (int) pid);
            ps.executeQuery().close();
        }
    }

    @Override
    public boolean partitionedIndex(Connection c, String schema, String written) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::oid")) {
            ps.setString(1, qualified(schema, written));
            try (ResultSet rs = ps.executeQuery()) {
                long oid = rs.next() ? rs.getLong(1) : 0;
                return !rs.wasNull() && oid != 0 && isPartitioned(c, oid);
            }
        }
    }

    private boolean isPartitioned(Connection c, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("build_is_partitioned"))) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public List<Partition> partitions(Connection c, Table table) throws SQLException {
        List<Partition> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("build_partitions"))) {
            ps.setLong(1, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Partition(table(rs), rs.getBoolean("is_partitioned"), rs.getBoolean("is_foreign")));
                }
            }
        }
        return result;
    }

    @Override
    public Optional<Index> attachedIndex(Connection c, String schema, String parent, Table partition)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("build_attached_index"))) {
            ps.setString(1, schema);
            ps.setString(2, parent);
            ps.setLong(3, partition.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String definition = rs.getString("definition");
                return Optional.of(new Index(rs.getString("schema_name"), rs.getString("index_name"),
                        rs.getBoolean("is_valid"), definition, shape(definition)));
            }
        }
    }

    @Override
    public String parentIndex(boolean unique, String name, Table table, String rest) {
        return createIndex(unique, "", name, "ONLY " + dialect.qualify(table.schema(), table.name()), rest);
    }

    @Override
    public String partitionIndex(boolean unique, String name, Table partition, String rest) {
        return createIndex(unique, "CONCURRENTLY ", name, dialect.qualify(partition.schema(), partition.name()), rest);
    }

    private String createIndex(boolean unique, String concurrently, String name, String on, String rest) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + concurrently + dialect.quote(name) + " ON " + on
                + " " + rest;
    }

    @Override
    public String attachIndex(String schema, String parent, String partitionSchema, String partitionIndex) {
        return "ALTER INDEX " + dialect.qualify(schema, parent) + " ATTACH PARTITION "
                + dialect.qualify(partitionSchema, partitionIndex);
    }
}
