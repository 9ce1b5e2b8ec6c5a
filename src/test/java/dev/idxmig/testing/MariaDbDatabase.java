package dev.idxmig.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A MariaDB database made for one test, with a user of its own that has a password (as a real deployment's has),
 * dropped after it with its user.
 *
 * @param jdbcUrl  URL of the test database, without credentials
 * @param user     the test's user, with every privilege on its database (and PROCESS, to see other sessions)
 * @param password the user's password
 * @param name     the database's name
 */
public record MariaDbDatabase(String jdbcUrl, String user, String password, String name) {

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** Runs statements one per execute(), autocommit on. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long queryLong(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String queryString(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CLI flags that point idxmig at this database (the password comes from IDXMIG_PASSWORD). */
    public String[] cliArgs() {
        return new String[] {"--url", jdbcUrl, "--user", user};
    }

    /** idxmig in {@code dir}, pointed at this database, its password in IDXMIG_PASSWORD as a user would set it. */
    public Idxmig idxmig(Path dir) {
        return Idxmig.in(dir).env("IDXMIG_PASSWORD", password).target(cliArgs());
    }
}
