package dev.idxmig.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;


/**
 * Gives a test method a fresh MariaDB database and a user of its own with a password ({@link MariaDbDatabase}
 * parameter), and drops both afterwards. The server: {@code IDXMIG_TEST_MARIADB_URL} if set (a {@code jdbc:mariadb:}
 * URL of a user who may create databases and users, used as given), else a server answering on 127.0.0.1:3306 as
 * root without a password (the development machines and CI), else the test is skipped with one line saying how to
 * enable it — except with {@code CI=true}, where a missing MariaDB fails the test.
 */
public final class MariaDbExtension implements ParameterResolver, AfterEachCallback {
    private static final String ENABLE = "MariaDB tests skipped: no server found. Set IDXMIG_TEST_MARIADB_URL "
            + "(e.g. jdbc:mariadb://host:3306/mysql?user=root&password=...) or start MariaDB on 127.0.0.1:3306.";
    private static final String LOCAL = "jdbc:mariadb://127.0.0.1:3306/mysql?user=root";
    private static volatile Optional<String> admin;

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == MariaDbDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        MariaDbDatabase db = createDatabase();
        e.getStore(ExtensionContext.Namespace.create(MariaDbExtension.class, e.getUniqueId()))
                .put("db-" + p.getIndex(), db);
        return db;
    }

    /** A fresh database and its user; skips (or under {@code CI=true} fails) when there is no server. */
    public static MariaDbDatabase createDatabase() {
        String server = server().orElseGet(() -> {
            return Missing.skipOrFail("mariadb", ENABLE);
        });
        String name = "idxmig_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String password = "pw-" + UUID.randomUUID().toString().substring(0, 12);
        try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
            st.execute("CREATE USER '" + name + "'@'%' IDENTIFIED BY '" + password + "'");
            st.execute("GRANT ALL PRIVILEGES ON " + name + ".* TO '" + name + "'@'%'");
            st.execute("GRANT PROCESS ON *.* TO '" + name + "'@'%'");
            // index sizes come from InnoDB's persistent statistics (idxmig reports none without this grant)
            st.execute("GRANT SELECT ON mysql.innodb_index_stats TO '" + name + "'@'%'");
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot create the test database: " + ex.getMessage(), ex);
        }
        String base = server.substring(0, server.indexOf('/', "jdbc:mariadb://".length()) + 1);
        return new MariaDbDatabase(base + name, name, password, name);
    }

    @Override
    public void afterEach(ExtensionContext e) {
        ExtensionContext.Store store = e.getStore(ExtensionContext.Namespace.create(MariaDbExtension.class,
                e.getUniqueId()));
        for (int i = 0; i < 4; i++) {
            MariaDbDatabase db = store.remove("db-" + i, MariaDbDatabase.class);
            if (db != null) {
                dropDatabase(db);
            }
        }
    }

    /** Lets {@code user}'s user work in {@code other}'s database too (fleet runs over databases of one server). */
    public static void grant(MariaDbDatabase user, MariaDbDatabase other) {
        try (Connection c = DriverManager.getConnection(server().orElseThrow()); Statement st = c.createStatement()) {
            st.execute("GRANT ALL PRIVILEGES ON " + other.name() + ".* TO '" + user.user() + "'@'%'");
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot grant: " + ex.getMessage(), ex);
        }
    }

    /** Drops a database {@link #createDatabase} made, and its user (ending the user's sessions first). */
    public static void dropDatabase(MariaDbDatabase db) {
        try (Connection c = DriverManager.getConnection(server().orElseThrow()); Statement st = c.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '"
                    + db.user() + "'")) {
                java.util.List<Long> ids = new java.util.ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                for (long id : ids) {
                    try (Statement kill = c.createStatement()) {
                        kill.execute("KILL " + id);
                    } catch (SQLException gone) {
                        // ended meanwhile
                    }
                }
            }
            st.execute("DROP DATABASE IF EXISTS " + db.name());
            st.execute("DROP USER IF EXISTS '" + db.user() + "'@'%'");
        } catch (SQLException ex) {
            System.err.println("could not drop test database " + db.name() + ": " + ex.getMessage());
        }
    }

    static synchronized Optional<String> server() {
        if (admin == null) {
            String configured = System.getenv("IDXMIG_TEST_MARIADB_URL");
            if (configured != null && !configured.isBlank()) {
                admin = Optional.of(configured);
            } else {
                admin = answers("127.0.0.1", 3306) ? Optional.of(LOCAL) : Optional.empty();
            }
        }
        return admin;
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
