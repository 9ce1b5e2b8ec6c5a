package dev.idxmig.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
public record MariaDbDatabase(String jdbcUrl, String user, String password, String name) implements TestDatabase {

    @Override
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl, props);
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
