package dev.idxmig.db.mariadb;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.Durations;
import dev.idxmig.db.Database;
import dev.idxmig.db.RunnerLock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * idxmig's runner lock on MariaDB: a named lock ({@code GET_LOCK}) held by a session of its own, one per database,
 * released with {@code RELEASE_LOCK} or when the session ends (a killed runner frees it at once). Flyway's own named
 * lock has another name, so the two never meet.
 */
final class NamedLock implements RunnerLock {
    private final Connection connection;
    private final String name;

    private NamedLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** The lock's name: "idxmig:" and the database, or a hash of it where that would pass MariaDB's 64 characters. */
    static String lockName(String schema) {
        String name = "idxmig:" + schema;
        if (name.length() <= 64) {
            return name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(schema.getBytes(StandardCharsets.UTF_8));
            return "idxmig:" + HexFormat.of().formatHex(hash).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static RunnerLock take(Database database, Duration wait) {
        String name = lockName(database.schema());
        Connection c = null;
        try {
            c = database.connect();
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
                ps.setString(1, name);
                ps.setDouble(2, Math.max(0, wait.toMillis() / 1000.0));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getInt(1) == 1) {
                        return new NamedLock(c, name);
                    }
                }
            }
            String holder = holder(c, name);
            c.close();
            throw IdxmigException.lock("another idxmig run holds the migration lock on database "
                            + database.schema() + " (" + holder + "); waited " + Durations.format(wait),
                    "wait for it to finish, raise --lock-wait, or end that session if it is stuck");
        } catch (SQLException e) {
            closeQuietly(c);
            throw IdxmigException.operation("cannot take the runner lock: " + e.getMessage(), null, e);
        }
    }

    private static String holder(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.ID, p.USER, p.HOST, p.TIME, p.COMMAND "
                + "FROM information_schema.PROCESSLIST p WHERE p.ID = IS_USED_LOCK(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "holder already gone";
                }
                return String.format("session %d, user %s, from %s, %s for %ds", rs.getLong("ID"),
                        rs.getString("USER"), rs.getString("HOST"), rs.getString("COMMAND"), rs.getLong("TIME"));
            }
        }
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, name);
            ps.execute();
        } catch (SQLException ignored) {
            // closing the session below releases it as well
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the lock dies with the session anyway
            }
        }
    }
}
