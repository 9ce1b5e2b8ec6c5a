package dev.idxmig.db.sqlite;

import com.zaxxer.hikari.HikariConfig;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.config.Durations;
import dev.idxmig.db.BackupTool;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.SharedQueries;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.IntegrityCheck;
import dev.idxmig.db.InternalTables;
import dev.idxmig.db.RunnerLock;
import dev.idxmig.db.TableSize;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * SQLite: catalog from {@code sqlite_schema}, runner lock as an OS file lock beside the database file
 * (Flyway takes no lock on SQLite, and a transaction-level lock would block Flyway itself).
 */
public final class SqliteDialect implements Dialect {

    @Override
    public boolean handlesUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    @Override
    public boolean handlesProduct(String productName) {
        return productName.toLowerCase(java.util.Locale.ROOT).contains("sqlite");
    }

    @Override
    public String displayName() {
        return "SQLite";
    }

    @Override
    public String driverVersion() {
        return "sqlite-jdbc " + org.sqlite.SQLiteJDBCLoader.getVersion();
    }

    @Override
    public String exampleUrl() {
        return "jdbc:sqlite:file.db";
    }

    @Override
    public java.util.Map<String, String> unsupportedQueries() {
        return java.util.Map.of(
                "doctor_invalid_indexes", "SQLite builds an index in one transaction: it is there and valid, or not there",
                "doctor_unused_indexes", "SQLite keeps no index usage statistics",
                "doctor_statistics_age", "SQLite keeps no usage statistics to age",
                "doctor_index_sizes", "the size list is PostgreSQL's; on SQLite, migrate reports the size of each index it builds",
                "audit_index_usage", "SQLite keeps no index usage statistics: audit cannot know whether an index is used",
                "audit_statistics_window", "SQLite keeps no usage statistics to age",
                "audit_system_identifier", "SQLite has no standbys",
                SOFT_DROPPED_QUERY, NO_SOFT_DROPS);
    }

    @Override
    public java.time.ZoneId historyZone() {
        return java.time.ZoneOffset.UTC; // Flyway's SQLite history defaults installed_on to strftime(..., 'now'): UTC
    }

    @Override
    public String id() {
        return "sqlite";
    }

    @Override
    public String defaultSchema() {
        return "main";
    }

    @Override
    public void configurePool(HikariConfig pool, ConnectionSettings settings) {
        pool.setMaximumPoolSize(2);
        pool.addDataSourceProperty("busy_timeout", "10000");
        pool.addDataSourceProperty("foreign_keys", "true");
    }

    @Override
    public String cannotConnectHint() {
        return "check that the path names a SQLite file (or a new one) in a folder this user can write to";
    }

    @Override
    public void checkReachable(ConnectionSettings settings) {
        SqliteNativeLibrary.useCachedCopy();
        Optional<Path> file = databaseFile(settings.jdbcUrl());
        if (file.isEmpty()) {
            return;
        }
        Path parent = file.get().toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw IdxmigException.connection("cannot open SQLite database " + file.get()
                    + ": the folder " + parent + " does not exist", "create the folder, or point --url elsewhere", null);
        }
        if (!Files.exists(file.get()) && parent != null && !Files.isWritable(parent)) {
            throw IdxmigException.connection("cannot create SQLite database " + file.get()
                    + ": the folder " + parent + " is not writable", "choose a writable folder in --url", null);
        }
    }

    /** The database file a {@code jdbc:sqlite:} URL names, if it names one (not {@code :memory:}). */
    public static Optional<Path> databaseFile(String jdbcUrl) {
        String path = dev.idxmig.config.JdbcUrl.of(jdbcUrl).path();
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.startsWith(":memory:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path));
    }

    @Override
    public List<String> catalogParameters(String schema, InternalTables internal) {
        return internal.names();
    }

    @Override
    public String schemaPattern(String schema) {
        return null;
    }

    @Override
    public String qualify(String schema, String table) {
        return quote(table);
    }

    @Override
    public List<IndexInfo> indexes(Connection connection, String schema, InternalTables internal)
            throws SQLException {
        Map<String, Long> sizes = indexSizes(connection);
        List<IndexInfo> result = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql("indexes"))) {
            bindCatalogParameters(ps, schema, internal);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString("index_name");
                    Long size = sizes.get(name);
                    result.add(new IndexInfo(schema, rs.getString("table_name"), name,
                            canonical(rs.getString("definition")), "btree", rs.getBoolean("is_unique"),
                            rs.getBoolean("is_partial"), true, true,
                            size == null ? OptionalLong.empty() : OptionalLong.of(size)));
                }
            }
        }
        return result;
    }

    @Override
    public boolean targetExists(ConnectionSettings settings) {
        return databaseFile(settings.jdbcUrl()).map(Files::exists).orElse(true);
    }

    @Override
    public ConnectionSettings emptyStandIn(ConnectionSettings target, Path folder) {
        Path file = databaseFile(target.jdbcUrl()).orElseThrow();
        return new ConnectionSettings("jdbc:sqlite:" + folder.resolve(file.getFileName()), target.user(),
                target.password());
    }

    @Override
    public TableSize tableSize(Connection connection, String schema, String table) throws SQLException {
        Long bytes = indexSizes(connection).get(table);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(sql(SharedQueries.TABLE_SIZE).replace("{table}", quote(table)))) {
            rs.next();
            return new TableSize(rs.getLong("row_estimate"), false,
                    bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes));
        }
    }

    /** Index sizes when this SQLite build has the dbstat table; none (not zeros) when it has not. */
    private Map<String, Long> indexSizes(Connection connection) {
        Map<String, Long> sizes = new HashMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql("index_sizes"))) {
            while (rs.next()) {
                sizes.put(rs.getString("name"), rs.getLong("size_bytes"));
            }
        } catch (SQLException noDbstat) {
            return Map.of();
        }
        return sizes;
    }

    /**
     * SQLite keeps the {@code CREATE INDEX} text as written (dropping {@code IF NOT EXISTS}); folding white space
     * outside quotes makes two spellings of the same index compare equal.
     */
    static String canonical(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        char quote = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                out.append(ch);
                if (ch == quote) {
                    quote = 0;
                }
                continue;
            }
            if (Character.isWhitespace(ch)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace && ch != ')' && ch != ',' && out.charAt(out.length() - 1) != '(') {
                out.append(' ');
            }
            pendingSpace = false;
            if (ch == '\'' || ch == '"' || ch == '`' || ch == '[') {
                quote = ch == '[' ? ']' : ch;
            }
            out.append(ch);
        }
        return out.toString();
    }

    @Override
    public RunnerLock lockRunners(Database database, Duration wait) {
        Path db = databaseFile(database.settings().jdbcUrl()).orElse(null);
        if (db == null) {
            return () -> { };
        }
        Path lockFile = db.resolveSibling(db.getFileName() + ".idxmig-lock");
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid()
                            + " since " + Instant.now() + "\n"), 0);
                    return () -> release(channel, lock);
                }
                if (System.nanoTime() >= deadline) {
                    String holder = Files.readString(lockFile).strip();
                    channel.close();
                    throw IdxmigException.lock("another idxmig run holds the migration lock " + lockFile
                                    + (holder.isEmpty() ? "" : " (" + holder + ")") + "; waited " + Durations.format(wait),
                            "wait for it to finish or raise --lock-wait; the lock ends with its process");
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw IdxmigException.operation("cannot take the runner lock " + lockFile + ": " + e.getMessage(),
                    "check that the database folder is writable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IdxmigException.lock("interrupted while waiting for the runner lock", null);
        }
    }

    @Override
    public dev.idxmig.db.Explainer explainer(String schema) {
        return new SqliteExplainer(this);
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static void release(FileChannel channel, FileLock lock) {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases the lock when the process ends
        }
    }

    @Override
    public List<IntegrityCheck> checkIntegrity(Connection connection, String schema, List<IndexInfo> btreeIndexes,
                                               boolean deep) throws SQLException {
        List<IntegrityCheck.Problem> integrity = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql("integrity_check"))) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equalsIgnoreCase(line)) {
                    integrity.add(new IntegrityCheck.Problem("database file", line));
                }
            }
        } catch (SQLException corrupt) {
            // A badly damaged file can fail the check itself: that is a finding, not a crash.
            integrity.add(new IntegrityCheck.Problem("database file", corrupt.getMessage()));
        }
        List<IntegrityCheck.Problem> foreignKeys = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql("foreign_key_check"))) {
            while (rs.next()) {
                foreignKeys.add(new IntegrityCheck.Problem(rs.getString(1) + " rowid " + rs.getLong(2),
                        "references a missing row in " + rs.getString(3)));
            }
        }
        return List.of(
                new IntegrityCheck("integrity_check", true, integrity, Optional.empty()),
                new IntegrityCheck("foreign_key_check", true, foreignKeys, Optional.empty()));
    }

    @Override
    public List<String> schemas(Connection connection) {
        return List.of(defaultSchema());
    }

    @Override
    public BackupTool backupTool() {
        return new SqliteBackup();
    }

    @Override
    public dev.idxmig.db.ShadowCopies shadowCopies() {
        return new SqliteShadowCopies(this);
    }


}
