package dev.idxmig.ledger;

import dev.idxmig.db.SharedQueries;

import dev.idxmig.db.Dialect;
import dev.idxmig.db.InternalTables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads and writes the index ledger table, which lives beside Flyway's history in the target schema. */
public final class IndexLedger {
    private static final String COLUMNS = "version, script, action, schema_name, table_name, index_name, definition, "
            + "previous_definition, method, is_unique, is_partial, is_valid, size_bytes, build_ms, outcome, "
            + "non_index_changes, recorded_at, constraint_definition, previous_constraint_definition";
    /** Ledgers made before constraint-backed indexes were recorded lack the last two columns: read as NULL. */
    private static final String OLD_COLUMNS = COLUMNS.replace("constraint_definition, previous_constraint_definition",
            "NULL AS constraint_definition, NULL AS previous_constraint_definition");
    private static final List<String> ADDED_COLUMNS = List.of("constraint_definition",
            "previous_constraint_definition");

    private final Dialect dialect;
    private final String schema;
    private final String table;
    /**
     * Whether this ledger made sure of its table on a connection that commits at once: then not again for each
     * migration. Inside a migration's transaction the table could still roll back with it.
     */
    private volatile boolean ready;

    public IndexLedger(Dialect dialect, String schema) {
        this.dialect = dialect;
        this.schema = schema;
        this.table = dialect.qualify(schema, InternalTables.LEDGER);
    }

    public boolean exists(Connection c) throws SQLException {
        return dialect.tableExists(c, schema, InternalTables.LEDGER);
    }

    public void ensureTable(Connection c) throws SQLException {
        if (ready) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute(dialect.sql(SharedQueries.LEDGER_CREATE).replace("{table}", table));
            java.util.Set<String> columns = new java.util.HashSet<>();
            try (ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
                java.sql.ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                }
            }
            for (String column : ADDED_COLUMNS) {
                if (!columns.contains(column)) {
                    st.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " TEXT");
                }
            }
        }
        ready = c.getAutoCommit();
    }

    public void record(Connection c, List<LedgerEntry> entries) throws SQLException {
        ensureTable(c);
        String sql = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (LedgerEntry e : entries) {
                int i = 1;
                ps.setString(i++, e.version());
                ps.setString(i++, e.script());
                ps.setString(i++, e.action().label());
                ps.setString(i++, e.schema());
                ps.setString(i++, e.table().orElse(null));
                ps.setString(i++, e.indexName().orElse(null));
                ps.setString(i++, e.definition().orElse(null));
                ps.setString(i++, e.previousDefinition().orElse(null));
                ps.setString(i++, e.method().orElse(null));
                ps.setBoolean(i++, e.unique());
                ps.setBoolean(i++, e.partial());
                ps.setBoolean(i++, e.valid());
                if (e.sizeBytes().isPresent()) {
                    ps.setLong(i++, e.sizeBytes().getAsLong());
                } else {
                    ps.setNull(i++, Types.BIGINT);
                }
                ps.setLong(i++, e.buildMs());
                ps.setString(i++, e.outcome().label());
                ps.setString(i++, e.nonIndexChanges().orElse(null));
                dialect.setInstant(ps, i++, e.recordedAt());
                ps.setString(i++, e.constraintDefinition().orElse(null));
                ps.setString(i++, e.previousConstraintDefinition().orElse(null));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** All rows in the order they were recorded; empty when the ledger does not exist yet. */
    public List<LedgerEntry> read(Connection c) throws SQLException {
        if (!exists(c)) {
            return List.of();
        }
        try {
            return read(c, COLUMNS);
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                throw e;
            }
            return read(c, OLD_COLUMNS); // a ledger from before constraint columns, not written to since
        }
    }

    private List<LedgerEntry> read(Connection c, String columns) throws SQLException {
        List<LedgerEntry> entries = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + columns + " FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                entries.add(entry(dialect, rs));
            }
        }
        return entries;
    }

    /**
     * The ledgers of many schemas in one query (a UNION ALL over their tables), each in the order it was
     * recorded, as {@link #read} gives it; fleet runs read hundreds of ledgers. Every schema given must have a
     * ledger table ({@link Dialect#existingTables} tells which do).
     * Sorted here, not by the query: with an ORDER BY over the union, PostgreSQL planned a parallel sort and
     * started worker processes to sort a few thousand rows at most (25 ms against 2 ms, over 63 ledgers).
     */
    public static Map<String, List<LedgerEntry>> readAll(Dialect dialect, Connection c, List<String> schemas)
            throws SQLException {
        Map<String, List<LedgerEntry>> bySchema = new LinkedHashMap<>();
        schemas.forEach(s -> bySchema.put(s, new ArrayList<>()));
        if (schemas.isEmpty()) {
            return bySchema;
        }
        List<List<Recorded>> rows;
        try {
            rows = readUnion(dialect, c, schemas, COLUMNS);
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                throw e;
            }
            rows = readUnion(dialect, c, schemas, OLD_COLUMNS); // ledgers from before constraint columns
        }
        for (int i = 0; i < schemas.size(); i++) {
            List<Recorded> recorded = rows.get(i);
            recorded.sort(java.util.Comparator.comparingLong(Recorded::id));
            List<LedgerEntry> entries = bySchema.get(schemas.get(i));
            recorded.forEach(r -> entries.add(r.entry()));
        }
        return bySchema;
    }

    private static List<List<Recorded>> readUnion(Dialect dialect, Connection c, List<String> schemas,
                                                  String columns) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < schemas.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(" AS schema_position, id, ")
                    .append(columns).append(" FROM ").append(dialect.qualify(schemas.get(i), InternalTables.LEDGER));
        }
        List<List<Recorded>> rows = new ArrayList<>();
        schemas.forEach(s -> rows.add(new ArrayList<>()));
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            while (rs.next()) {
                rows.get(rs.getInt("schema_position")).add(new Recorded(rs.getLong("id"), entry(dialect, rs)));
            }
        }
        return rows;
    }

    private record Recorded(long id, LedgerEntry entry) {
    }

    private static LedgerEntry entry(Dialect dialect, ResultSet rs) throws SQLException {
        long size = rs.getLong("size_bytes");
        OptionalLong sizeBytes = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(size);
        return new LedgerEntry(rs.getString("version"), rs.getString("script"),
                LedgerEntry.Action.fromLabel(rs.getString("action")), rs.getString("schema_name"),
                Optional.ofNullable(rs.getString("table_name")),
                Optional.ofNullable(rs.getString("index_name")),
                Optional.ofNullable(rs.getString("definition")),
                Optional.ofNullable(rs.getString("previous_definition")),
                Optional.ofNullable(rs.getString("method")), rs.getBoolean("is_unique"),
                rs.getBoolean("is_partial"), rs.getBoolean("is_valid"), sizeBytes, rs.getLong("build_ms"),
                LedgerEntry.Outcome.fromLabel(rs.getString("outcome")),
                Optional.ofNullable(rs.getString("non_index_changes")),
                dialect.getInstant(rs, "recorded_at"),
                Optional.ofNullable(rs.getString("constraint_definition")),
                Optional.ofNullable(rs.getString("previous_constraint_definition")));
    }

    /**
     * Removes the applied and failed rows of a version that is being applied again after an interrupted or failed
     * attempt (its rows from an earlier application that was rolled back stay).
     */
    public void forgetAttempts(Connection c, String version) throws SQLException {
        if (!exists(c)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE version = ? AND outcome IN "
                + "(?, ?)")) {
            ps.setString(1, version);
            ps.setString(2, LedgerEntry.Outcome.APPLIED.label());
            ps.setString(3, LedgerEntry.Outcome.FAILED.label());
            ps.executeUpdate();
        }
    }

    /** Marks every row of a version as rolled back (rows are kept: the ledger is an audit trail). */
    public void markRolledBack(Connection c, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET outcome = ? WHERE version = ? "
                + "AND outcome <> ?")) {
            ps.setString(1, LedgerEntry.Outcome.ROLLED_BACK.label());
            ps.setString(2, version);
            ps.setString(3, LedgerEntry.Outcome.ROLLED_BACK.label());
            ps.executeUpdate();
        }
    }
}
