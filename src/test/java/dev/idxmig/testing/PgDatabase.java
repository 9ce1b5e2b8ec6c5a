package dev.idxmig.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A PostgreSQL database made for one test and dropped after it.
 *
 * @param jdbcUrl  URL of the test database, without credentials
 * @param user     user to connect as
 * @param password password, empty for trust authentication
 */
public record PgDatabase(String jdbcUrl, String user, String password, String name) implements TestDatabase {

    @Override
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** The CLI flags that point idxmig at this database. */
    public String[] cliArgs() {
        return new String[] {"--url", jdbcUrl, "--user", user};
    }
}
