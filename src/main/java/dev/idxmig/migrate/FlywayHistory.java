package dev.idxmig.migrate;

import dev.idxmig.db.Database;
import dev.idxmig.db.InternalTables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Flyway's history table, read and (for rollback) trimmed without starting Flyway. */
public final class FlywayHistory {
    private final Database database;
    private final String table;

    public FlywayHistory(Database database) {
        this.database = database;
        this.table = database.dialect().qualify(database.schema(), InternalTables.FLYWAY_HISTORY);
    }

    public boolean exists(Connection c) throws SQLException {
        return database.dialect().tableExists(c, database.schema(), InternalTables.FLYWAY_HISTORY);
    }

    /** Rows in installation order; empty when Flyway has never run here. */
    public List<HistoryRow> read(Connection c) throws SQLException {
        if (!exists(c)) {
            return List.of();
        }
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT installed_rank, version, description, type, script, checksum, "
                     + "installed_on, execution_time, success FROM " + table + " ORDER BY installed_rank")) {
            while (rs.next()) {
                int checksum = rs.getInt("checksum");
                Optional<Integer> sum = rs.wasNull() ? Optional.empty() : Optional.of(checksum);
                String installedOn = Optional.ofNullable(rs.getString("installed_on")).orElse("");
                rows.add(new HistoryRow(rs.getInt("installed_rank"), Optional.ofNullable(rs.getString("version")),
                        rs.getString("description"), rs.getString("type"), rs.getString("script"), sum,
                        installedOn.length() > 19 ? installedOn.substring(0, 19) : installedOn,
                        rs.getLong("execution_time"), rs.getBoolean("success")));
            }
        }
        return rows;
    }

    /** Removes a version's rows, so a later {@code migrate} applies it again (used by rollback). */
    public void delete(Connection c, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE version = ?")) {
            ps.setString(1, version);
            ps.executeUpdate();
        }
    }
}
