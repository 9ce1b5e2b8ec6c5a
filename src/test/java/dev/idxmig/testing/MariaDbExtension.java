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
 *
 * <p>A parameter annotated {@link PerformanceSchema} gets its database on the second server instead, the one with
 * performance_schema ON ({@code .ci/services} starts it): {@code IDXMIG_TEST_MARIADB_PS_URL} if set, else 127.0.0.1:3307
 * as root without a password; missing, it is the piece {@code mariadb-performance-schema} of {@link Missing}.
 */
public final class MariaDbExtension implements ParameterResolver, AfterEachCallback {
    private static final String ENABLE = "MariaDB tests skipped: no server found. Set IDXMIG_TEST_MARIADB_URL "
            + "(e.g. jdbc:mariadb://host:3306/mysql?user=root&password=...) or start MariaDB on 127.0.0.1:3306.";
    private static final String ENABLE_PS = "MariaDB performance_schema tests skipped: no server with "
            + "performance_schema ON found. Set IDXMIG_TEST_MARIADB_PS_URL (e.g. jdbc:mariadb://host:3307/mysql?"
            + "user=root&password=...) or run .ci/services (it starts one on 127.0.0.1:3307).";
    private static final String LOCAL = "jdbc:mariadb://127.0.0.1:3306/mysql?user=root";
    private static final String LOCAL_PS = "jdbc:mariadb://127.0.0.1:3307/mysql?user=root";
    private static volatile Optional<String> admin;
    private static volatile Optional<String> adminPs;
    /** The admin URL of the server each database was made on, by database name (for dropping it). */
    private static final java.util.Map<String, String> MADE_ON = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == MariaDbDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        MariaDbDatabase db = p.isAnnotated(PerformanceSchema.class) ? createPerformanceSchemaDatabase()
                : createDatabase();
        e.getStore(ExtensionContext.Namespace.create(MariaDbExtension.class, e.getUniqueId()))
                .put("db-" + p.getIndex(), db);
        return db;
    }

    /** A fresh database and its user; skips (or under {@code CI=true} fails) when there is no server. */
    public static MariaDbDatabase createDatabase() {
        return createDatabase(server().orElseGet(() -> Missing.skipOrFail("mariadb", ENABLE)));
    }

    /**
     * A fresh database and its user on the server with performance_schema ON; skips (or under {@code CI=true}
     * fails) when there is none, or when the one found has performance_schema off.
     */
    public static MariaDbDatabase createPerformanceSchemaDatabase() {
        MariaDbDatabase db = createDatabase(performanceSchemaServer().orElseGet(() -> Missing.skipOrFail(
                "mariadb-performance-schema", ENABLE_PS)));
        try (Connection c = admin(db); Statement st = c.createStatement()) {
            // what a monitoring user is given to read lock holders, build progress and index usage
            st.execute("GRANT SELECT ON performance_schema.* TO '" + db.user() + "'@'%'");
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot grant performance_schema: " + ex.getMessage(), ex);
        }
        return db;
    }

    private static MariaDbDatabase createDatabase(String server) {
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
        MADE_ON.put(name, server);
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
                MADE_ON.remove(db.name());
            }
        }
    }

    /** Lets {@code user}'s user work in {@code other}'s database too (fleet runs over databases of one server). */
    public static void grant(MariaDbDatabase user, MariaDbDatabase other) {
        try (Connection c = DriverManager.getConnection(adminOf(user)); Statement st = c.createStatement()) {
            st.execute("GRANT ALL PRIVILEGES ON " + other.name() + ".* TO '" + user.user() + "'@'%'");
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot grant: " + ex.getMessage(), ex);
        }
    }

    /** Drops a database {@link #createDatabase} made, and its user (ending the user's sessions first). */
    public static void dropDatabase(MariaDbDatabase db) {
        try (Connection c = DriverManager.getConnection(adminOf(db)); Statement st = c.createStatement()) {
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

    /**
     * An admin connection to the server {@code db} is on, for what a test must do as root there (turning a server
     * setting on and off, for one).
     */
    public static Connection admin(MariaDbDatabase db) throws SQLException {
        return DriverManager.getConnection(adminOf(db));
    }

    private static String adminOf(MariaDbDatabase db) {
        return Optional.ofNullable(MADE_ON.get(db.name())).orElseGet(() -> server().orElseThrow());
    }

    static synchronized Optional<String> performanceSchemaServer() {
        if (adminPs == null) {
            String configured = System.getenv("IDXMIG_TEST_MARIADB_PS_URL");
            if (configured != null && !configured.isBlank()) {
                adminPs = Optional.of(configured);
            } else {
                adminPs = answers("127.0.0.1", 3307) ? Optional.of(LOCAL_PS) : Optional.empty();
            }
            adminPs = adminPs.filter(MariaDbExtension::performanceSchemaOn);
        }
        return adminPs;
    }

    private static boolean performanceSchemaOn(String server) {
        try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT @@performance_schema")) {
            return rs.next() && rs.getInt(1) == 1;
        } catch (SQLException e) {
            return false;
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
