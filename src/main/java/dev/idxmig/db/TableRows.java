package dev.idxmig.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies every row of one small table between two connections of the same database kind, column by column as
 * JDBC reads them: Flyway's history into a shadow copy, so Flyway there sees what the target has applied.
 */
public final class TableRows {
    private TableRows() {
    }

    /** Copies the rows of {@code from.table} into the same (existing, empty) table of {@code to}; the count. */
    public static int copy(Connection from, Connection to, String qualifiedFrom, String qualifiedTo)
            throws SQLException {
        int rows = 0;
        try (Statement st = from.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + qualifiedFrom)) {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            StringBuilder columns = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                columns.append(i == 1 ? "" : ", ").append('"').append(meta.getColumnName(i).replace("\"", "\"\""))
                        .append('"');
                marks.append(i == 1 ? "?" : ", ?");
            }
            try (PreparedStatement insert = to.prepareStatement("INSERT INTO " + qualifiedTo + " (" + columns
                    + ") VALUES (" + marks + ")")) {
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        insert.setObject(i, rs.getObject(i));
                    }
                    insert.executeUpdate();
                    rows++;
                }
            }
        }
        return rows;
    }

    /** The same into a table that may hold rows already (a shadow made from a template database): they go first. */
    public static int replace(Connection from, Connection to, String qualifiedFrom, String qualifiedTo)
            throws SQLException {
        try (Statement st = to.createStatement()) {
            st.executeUpdate("DELETE FROM " + qualifiedTo);
        }
        return copy(from, to, qualifiedFrom, qualifiedTo);
    }
}
