package dev.idxmig.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The example's SQLite file ({@code idxmig.db} in a test's folder), read and changed behind idxmig's back. */
public final class ExampleSqlite {
    private ExampleSqlite() {
    }

    public static Connection connect(Path dir) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("idxmig.db"));
    }

    public static void execute(Path dir, String... statements) throws SQLException {
        try (Connection c = connect(dir); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    public static long count(Path dir, String table) throws SQLException {
        try (Connection c = connect(dir); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
