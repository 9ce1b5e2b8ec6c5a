package dev.idxmig.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The streaming standby of the test server, for tests that count what happens on a replica: the server of
 * {@code IDXMIG_TEST_PG_STANDBY_URL} (its host and port; {@code .ci/run} sets it), else 127.0.0.1:5433 when a
 * server answers there and is in recovery. Without one the test is skipped with one line, as
 * {@link PostgresExtension} does for a missing server, except under {@code CI=true}, where it fails
 * ({@link Missing#skipOrFail}).
 */
public final class Standby {
    private static final Pattern HOST_PORT = Pattern.compile("^(?:jdbc:)?postgres(?:ql)?://([^/?]+)/.*");

    private Standby() {
    }

    /**
     * The test database {@code primary} as the standby serves it, once the standby has it (a database created on
     * the primary appears there within moments).
     */
    public static PgDatabase of(PgDatabase primary) {
        String hostPort = hostPort();
        String url = "jdbc:postgresql://" + hostPort + "/" + primary.name();
        PgDatabase standby = new PgDatabase(url, primary.user(), primary.password(), primary.name());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (Connection c = standby.connect()) {
                return standby;
            } catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the standby at " + hostPort + " never showed database "
                            + primary.name() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Waits until the standby has replayed everything the primary wrote so far (polls, with a deadline). */
    public static void caughtUp(PgDatabase primary, PgDatabase standby) {
        String lsn;
        try (Connection c = primary.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            lsn = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (standby.queryLong("SELECT (pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn)::int") == 0) {
            if (Instant.now().isAfter(deadline)) {
                fail("the standby did not replay up to " + lsn + " in 30 s");
            }
        }
    }

    private static String hostPort() {
        String configured = System.getenv("IDXMIG_TEST_PG_STANDBY_URL");
        if (configured != null && !configured.isBlank()) {
            Matcher m = HOST_PORT.matcher(configured.trim());
            if (!m.matches()) {
                fail("IDXMIG_TEST_PG_STANDBY_URL is not a PostgreSQL URL: " + configured);
            }
            return m.group(1).replaceAll("^.*@", "");
        }
        if (answers("127.0.0.1", 5433) && inRecovery("jdbc:postgresql://127.0.0.1:5433/postgres")) {
            return "127.0.0.1:5433";
        }
        String line = "PostgreSQL standby tests skipped: no standby found. Set IDXMIG_TEST_PG_STANDBY_URL or run a "
                + "streaming standby of the test server on 127.0.0.1:5433 (.ci/services makes one).";
        return Missing.skipOrFail("standby", line);
    }

    private static boolean inRecovery(String url) {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
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
