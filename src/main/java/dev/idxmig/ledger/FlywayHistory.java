package dev.idxmig.ledger;

import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Flyway's history table, read and (for rollback) trimmed without starting Flyway. */
public final class FlywayHistory {
    private static final String COLUMNS = "installed_rank, version, description, type, script, checksum, "
            + "installed_on, execution_time, success";

    private final Database database;
    private final String table;

    public FlywayHistory(Database database) {
        this.database = database;
        this.table = database.dialect().qualify(database.schema(), database.historyTable());
    }

    public boolean exists(Connection c) throws SQLException {
        return database.dialect().tableExists(c, database.schema(), database.historyTable());
    }

    /**
     * Whether the history table exists here and is one: a table of that name without Flyway's columns (a
     * {@code --table} naming a user table) is refused before anything reads or writes it.
     */
    public boolean existsChecked(Connection c) throws SQLException {
        java.util.Set<String> columns = database.dialect().tableColumns(c, database.schema(),
                database.historyTable());
        if (columns.isEmpty()) {
            return false;
        }
        if (!columns.containsAll(List.of("installed_rank", "version", "script", "success"))) {
            throw dev.idxmig.base.IdxmigException.usage("table " + database.historyTable() + " in schema "
                            + database.schema() + " is not a Flyway history table (it has no installed_rank, version, "
                            + "script and success columns)",
                    "name the project's history table with --table (or table: in idxmig.yaml), or leave it out "
                            + "for " + dev.idxmig.db.InternalTables.FLYWAY_HISTORY);
        }
        return true;
    }

    /** The tables of the schema that look like a Flyway history (Flyway's columns), whatever their name. */
    public static List<String> historyTablesIn(Connection c, Dialect dialect, String schema) throws SQLException {
        return dialect.tablesWithColumn(c, schema, "installed_rank");
    }

    /** Rows in installation order; empty when Flyway has never run here. */
    public List<HistoryRow> read(Connection c) throws SQLException {
        if (!existsChecked(c)) {
            return List.of();
        }
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM " + table + " ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        return rows;
    }

    /**
     * The histories of many schemas in one query (a UNION ALL over their tables), each in installation order, as
     * {@link #read} gives it; fleet runs read hundreds of them. Every schema given must have a history table
     * ({@link Dialect#existingTables} tells which do).
     * Sorted here, not by the query: with an ORDER BY over the union, PostgreSQL planned a parallel sort and
     * started worker processes to sort a few thousand rows at most (25 ms against 2 ms, over 63 ledgers).
     */
    public static Map<String, List<HistoryRow>> readAll(Dialect dialect, Connection c, List<String> schemas,
                                                        String historyTable) throws SQLException {
        Map<String, List<HistoryRow>> bySchema = new LinkedHashMap<>();
        schemas.forEach(s -> bySchema.put(s, new ArrayList<>()));
        if (schemas.isEmpty()) {
            return bySchema;
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < schemas.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(" AS schema_position, ")
                    .append(COLUMNS).append(" FROM ")
                    .append(dialect.qualify(schemas.get(i), historyTable));
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            while (rs.next()) {
                bySchema.get(schemas.get(rs.getInt("schema_position"))).add(row(rs));
            }
        }
        bySchema.values().forEach(rows -> rows.sort(java.util.Comparator.comparingInt(HistoryRow::installedRank)));
        return bySchema;
    }

    private static HistoryRow row(ResultSet rs) throws SQLException {
        int checksum = rs.getInt("checksum");
        Optional<Integer> sum = rs.wasNull() ? Optional.empty() : Optional.of(checksum);
        String installedOn = Optional.ofNullable(rs.getString("installed_on")).orElse("");
        return new HistoryRow(rs.getInt("installed_rank"), Optional.ofNullable(rs.getString("version")),
                rs.getString("description"), HistoryRow.Kind.ofFlywayType(rs.getString("type")), rs.getString("script"), sum,
                installedOn.length() > 19 ? installedOn.substring(0, 19) : installedOn,
                rs.getLong("execution_time"), rs.getBoolean("success"));
    }

    /** Removes a version's rows, so a later {@code migrate} applies it again (used by rollback). */
    public void delete(Connection c, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE version = ?")) {
            ps.setString(1, version);
            ps.executeUpdate();
        }
    }
}
