package dev.idxmig.db.mariadb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The server settings and grants MariaDB's index statistics depend on, asked when a query needs them. */
final class IndexUsage {
    private IndexUsage() {
    }

    /** Whether userstat is on: information_schema.INDEX_STATISTICS counts the rows read through each index. */
    static boolean userstatOn(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@userstat")) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    /** Whether this user may read mysql.innodb_index_stats (index sizes). */
    static boolean sizesReadable(Connection c) {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM mysql.innodb_index_stats LIMIT 0")) {
            return true;
        } catch (SQLException notPermitted) {
            return false;
        }
    }
}
