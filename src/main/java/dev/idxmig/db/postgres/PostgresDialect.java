package dev.idxmig.db.postgres;

import com.zaxxer.hikari.HikariConfig;
import dev.idxmig.IdxmigException;
import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.config.Durations;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.InternalTables;
import dev.idxmig.db.RunnerLock;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** PostgreSQL: catalog from {@code pg_index}, runner lock as a session advisory lock. */
public final class PostgresDialect implements Dialect {
    /** First key of idxmig's advisory lock ("idxm" in ASCII); the second is derived from the schema. */
    static final int LOCK_CLASS = 0x6964786d;

    @Override
    public String id() {
        return "postgresql";
    }

    @Override
    public String defaultSchema() {
        return "public";
    }

    @Override
    public void configurePool(HikariConfig pool, ConnectionSettings settings) {
        // Flyway needs two connections on PostgreSQL; idxmig adds one for its runner lock and one for
        // progress and blocker polling while a build runs.
        pool.setMaximumPoolSize(5);
        pool.addDataSourceProperty("ApplicationName", "idxmig");
        pool.addDataSourceProperty("connectTimeout", "10");
    }

    @Override
    public List<String> catalogParameters(String schema) {
        return List.of(schema, InternalTables.FLYWAY_HISTORY, InternalTables.LEDGER);
    }

    @Override
    public void configureFlyway(FluentConfiguration flyway) {
        // Flyway's default transactional advisory lock makes CREATE INDEX CONCURRENTLY wait for Flyway's own
        // transaction: the migration hangs forever. idxmig's runner lock keeps two runners apart instead.
        flyway.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
    }

    @Override
    public void setInstant(PreparedStatement ps, int index, java.time.Instant instant) throws SQLException {
        ps.setObject(index, instant.atOffset(java.time.ZoneOffset.UTC));
    }

    @Override
    public List<IndexInfo> indexes(Connection connection, String schema) throws SQLException {
        List<IndexInfo> result = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql("indexes"))) {
            bindCatalogParameters(ps, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new IndexInfo(rs.getString("schema_name"), rs.getString("table_name"),
                            rs.getString("index_name"), rs.getString("definition"), rs.getString("method"),
                            rs.getBoolean("is_unique"), rs.getBoolean("is_partial"), rs.getBoolean("is_valid"),
                            rs.getBoolean("is_ready"), OptionalLong.of(rs.getLong("size_bytes"))));
                }
            }
        }
        return result;
    }

    @Override
    public RunnerLock lockRunners(Database database, Duration wait) {
        int objectKey = database.schema().hashCode();
        long deadline = System.nanoTime() + wait.toNanos();
        Connection c = null;
        try {
            c = database.connect();
            c.setAutoCommit(true);
            while (true) {
                if (tryLock(c, objectKey)) {
                    return new AdvisoryLock(c, objectKey);
                }
                if (System.nanoTime() >= deadline) {
                    String holder = describeHolder(c, objectKey);
                    c.close();
                    throw IdxmigException.lock("another idxmig run holds the migration lock on schema "
                                    + database.schema() + " (" + holder + "); waited " + Durations.format(wait),
                            "wait for it to finish, raise --lock-wait, or end that session if it is stuck");
                }
                Thread.sleep(200);
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw IdxmigException.operation("cannot take the runner lock: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            closeQuietly(c);
            Thread.currentThread().interrupt();
            throw IdxmigException.lock("interrupted while waiting for the runner lock", null);
        }
    }

    @Override
    public dev.idxmig.db.Explainer explainer(String schema) {
        return new PostgresExplainer(this, schema);
    }

    private static boolean tryLock(Connection c, int objectKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, objectKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private String describeHolder(Connection c, int objectKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql("runner_lock_holder"))) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, objectKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "holder already gone";
                }
                return String.format("pid %d, user %s, application '%s', from %s, connected since %s, %s",
                        rs.getInt("pid"), rs.getString("usename"), rs.getString("application_name"),
                        rs.getString("client"), rs.getTimestamp("backend_start").toInstant(), rs.getString("state"));
            }
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

    private static final class AdvisoryLock implements RunnerLock {
        private final Connection connection;
        private final int objectKey;

        AdvisoryLock(Connection connection, int objectKey) {
            this.connection = connection;
            this.objectKey = objectKey;
        }

        @Override
        public void close() {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                ps.setInt(1, LOCK_CLASS);
                ps.setInt(2, objectKey);
                ps.execute();
            } catch (SQLException ignored) {
                // closing the session below releases it as well
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
