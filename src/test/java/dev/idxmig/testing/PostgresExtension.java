package dev.idxmig.testing;

import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.config.DatabaseUrls;
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
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;


/**
 * Gives a test method a fresh PostgreSQL database ({@link PgDatabase} parameter) and drops it afterwards.
 * The server: {@code IDXMIG_TEST_PG_URL} if set (a JDBC or postgres:// URL of a database the user may create
 * databases from), else a server answering on 127.0.0.1:5432 as user postgres, else a Testcontainers
 * PostgreSQL where Docker runs, else the test is skipped with one line saying how to enable it — except with
 * {@code CI=true}, where a missing PostgreSQL fails the test.
 */
public final class PostgresExtension implements ParameterResolver, AfterEachCallback {
    private static final String ENABLE = "PostgreSQL tests skipped: no server found. Set IDXMIG_TEST_PG_URL "
            + "(e.g. jdbc:postgresql://host:5432/postgres?user=postgres&password=...), start PostgreSQL on "
            + "127.0.0.1:5432, or run Docker for Testcontainers.";
    private static volatile Optional<ConnectionSettings> admin;

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == PgDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        PgDatabase db = createDatabase();
        e.getStore(ExtensionContext.Namespace.create(PostgresExtension.class, e.getUniqueId()))
                .put("db-" + p.getIndex(), db);
        return db;
    }

    /**
     * A fresh database on the test server, for tests outside JUnit Jupiter's extensions (jqwik properties); the
     * caller drops it with {@link #dropDatabase}. Skips (or under {@code CI=true} fails) as the extension does.
     */
    public static PgDatabase createDatabase() {
        ConnectionSettings server = server().orElseGet(() -> {
            return Missing.skipOrFail("postgresql", ENABLE);
        });
        String name = "idxmig_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(server, server.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot create test database: " + ex.getMessage(), ex);
        }
        String base = server.jdbcUrl();
        int q = base.indexOf('?');
        String query = q < 0 ? "" : base.substring(q);
        String prefix = (q < 0 ? base : base.substring(0, q));
        String url = prefix.substring(0, prefix.lastIndexOf('/') + 1) + name + query;
        return new PgDatabase(url, server.user().orElse("postgres"),
                server.password().map(s -> s.reveal()).orElse(""), name);
    }

    @Override
    public void afterEach(ExtensionContext e) {
        ExtensionContext.Store store = e.getStore(ExtensionContext.Namespace.create(PostgresExtension.class,
                e.getUniqueId()));
        for (int i = 0; i < 4; i++) {
            PgDatabase db = store.remove("db-" + i, PgDatabase.class);
            if (db != null) {
                dropDatabase(db);
            }
        }
    }

    /** Drops a database {@link #createDatabase} made. */
    public static void dropDatabase(PgDatabase db) {
        ConnectionSettings server = server().orElseThrow();
        try (Connection c = connect(server, server.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
        } catch (SQLException ex) {
            System.err.println("could not drop test database " + db.name() + ": " + ex.getMessage());
        }
    }

    static synchronized Optional<ConnectionSettings> server() {
        if (admin == null) {
            admin = findServer();
        }
        return admin;
    }

    private static Optional<ConnectionSettings> findServer() {
        String configured = System.getenv("IDXMIG_TEST_PG_URL");
        if (configured != null && !configured.isBlank()) {
            ConnectionSettings s = DatabaseUrls.parse(configured);
            return Optional.of(s.user().isPresent() ? s : s.withUser("postgres"));
        }
        if (answers("127.0.0.1", 5432)) {
            return Optional.of(DatabaseUrls.parse("jdbc:postgresql://127.0.0.1:5432/postgres").withUser("postgres"));
        }
        return Testcontainer.start();
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Connection connect(ConnectionSettings s, String url) throws SQLException {
        Properties props = new Properties();
        s.user().ifPresent(u -> props.setProperty("user", u));
        s.password().ifPresent(p -> props.setProperty("password", p.reveal()));
        return DriverManager.getConnection(url, props);
    }

    /** Testcontainers, only touched when no server was configured or found (its classes load lazily). */
    private static final class Testcontainer {
        static Optional<ConnectionSettings> start() {
            try {
                if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
                    return Optional.empty();
                }
                org.testcontainers.postgresql.PostgreSQLContainer pg =
                        new org.testcontainers.postgresql.PostgreSQLContainer("postgres:16-alpine");
                pg.start();
                return Optional.of(DatabaseUrls.parse(pg.getJdbcUrl()).withUser(pg.getUsername())
                        .withPassword(dev.idxmig.config.Secret.of(pg.getPassword())));
            } catch (RuntimeException | LinkageError e) {
                System.err.println("Testcontainers unavailable: " + e.getMessage().toLowerCase(Locale.ROOT));
                return Optional.empty();
            }
        }
    }
}
