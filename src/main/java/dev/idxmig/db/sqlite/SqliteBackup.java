package dev.idxmig.db.sqlite;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.db.BackupTool;
import dev.idxmig.db.Database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * SQLite copies through the online backup API ({@code backup to} in sqlite-jdbc), which copies pages while other
 * connections keep reading and writing. The row counts and the copy are taken inside one read transaction, so the
 * counts describe exactly the copied state and can be compared with the copy afterwards.
 */
final class SqliteBackup implements BackupTool {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public boolean fullCopyBeforeMigrate() {
        return true;
    }

    @Override
    public String copyExtension(boolean schemaOnly) {
        return schemaOnly ? ".schema.sql" : ".db";
    }

    @Override
    public List<String> copy(Database database, Path target, boolean schemaOnly) {
        if (target.toString().contains("'")) {
            throw IdxmigException.usage("cannot back up to " + target + ": the path contains a quote",
                    "choose a path without quotes");
        }
        try {
            return schemaOnly ? copySchema(database, target) : copyDatabase(database, target);
        } catch (SQLException | IOException e) {
            throw IdxmigException.operation("SQLite backup failed: " + e.getMessage(),
                    "check free space and permissions of " + target.toAbsolutePath().getParent(), e);
        }
    }

    private static List<String> copySchema(Database database, Path target) throws SQLException, IOException {
        StringBuilder sql = new StringBuilder("-- schema of " + database.settings().jdbcUrl() + ", "
                + Instant.now() + "\n");
        int objects = 0;
        try (Connection c = database.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL "
                     + "AND name NOT LIKE 'sqlite_%' ORDER BY rowid")) {
            while (rs.next()) {
                sql.append(rs.getString(1)).append(";\n");
                objects++;
            }
        }
        writeDurably(target, sql.toString());
        return List.of("schema: " + objects + " objects written");
    }

    private static List<String> copyDatabase(Database database, Path target) throws SQLException, IOException {
        Map<String, Long> counts;
        try (Connection c = database.connect()) {
            // One read transaction around counting and copying: in rollback-journal mode its shared lock keeps
            // writers from committing in between, in WAL mode it pins the snapshot; either way the counts are the
            // copy's.
            c.setAutoCommit(false);
            try {
                counts = rowCounts(c);
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("backup to '" + target + "'");
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        return verify(target, counts);
    }

    /** {@code integrity_check} on the copy, then each table's rows compared with the source's. */
    private static List<String> verify(Path copy, Map<String, Long> expected) throws SQLException {
        try (Connection c = openReadOnly(copy)) {
            String integrity = integrity(c);
            if (!integrity.equals("ok")) {
                throw IdxmigException.operation("the backup copy " + copy + " fails integrity_check: " + integrity,
                        "the source database may be damaged: run PRAGMA integrity_check on it", null);
            }
            Map<String, Long> actual = rowCounts(c);
            if (!actual.equals(expected)) {
                throw IdxmigException.operation("the backup copy " + copy + " has other row counts than the source: "
                        + actual + " instead of " + expected, "report this with --stacktrace", null);
            }
            long rows = actual.values().stream().mapToLong(Long::longValue).sum();
            return List.of("integrity_check: ok",
                    "row counts match the source: " + actual.size() + " tables, " + rows + " rows");
        }
    }

    static Connection openReadOnly(Path file) throws SQLException {
        SqliteNativeLibrary.useCachedCopy();
        Properties props = new Properties();
        props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY: never create or change the file
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), props);
    }

    private static String integrity(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return String.join("; ", lines);
    }

    /** Rows per table, Flyway's history and the ledger included (they are part of what a restore brings back). */
    private static Map<String, Long> rowCounts(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table' "
                     + "AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    @Override
    public boolean isCopy(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(HEADER.length), HEADER);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<String> restoreCopy(Database database, Path file, boolean dryRun) {
        Path live = SqliteDialect.databaseFile(database.settings().jdbcUrl())
                .orElseThrow(() -> IdxmigException.usage("an in-memory SQLite database cannot be restored",
                        "point --url at the database file"));
        if (!isCopy(file)) {
            throw IdxmigException.usage(file + " is not a SQLite database; nothing was replaced",
                    "pass a backup made by 'idxmig backup' (a .db file)");
        }
        try (Connection c = openReadOnly(file)) {
            String integrity = integrity(c);
            if (!integrity.equals("ok")) {
                throw IdxmigException.usage(file + " is damaged (integrity_check: " + integrity
                        + "); nothing was replaced", "restore from another backup");
            }
        } catch (SQLException e) {
            throw IdxmigException.usage(file + " cannot be read as a SQLite database (" + e.getMessage()
                    + "); nothing was replaced", "restore from another backup");
        }
        for (String suffix : List.of("-journal", "-wal")) {
            Path side = live.resolveSibling(live.getFileName() + suffix);
            if (Files.exists(side)) {
                // SQLite would replay this file into the restored database on the next open and damage it.
                throw IdxmigException.operation(side + " exists: another process has " + live
                        + " open, or crashed while writing; nothing was replaced",
                        "stop the programs using the database (or open it once with sqlite3 to recover), then retry",
                        null);
            }
        }
        Path aside = live.resolveSibling(live.getFileName() + ".before-restore-" + STAMP.format(Instant.now()));
        if (dryRun) {
            return Files.exists(live)
                    ? List.of("would replace " + live + " with " + file, "would keep the current file as " + aside)
                    : List.of("would create " + live + " from " + file);
        }
        List<String> done = new ArrayList<>();
        Path temp = null;
        try {
            temp = Files.createTempFile(live.toAbsolutePath().getParent(), ".idxmig-restore-", ".part");
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            if (Files.exists(live)) {
                keepAside(live, aside);
                done.add("kept the current database as " + aside);
            }
            // rename(2) replaces the file in one step: a reader sees the old database or the restored one.
            Files.move(temp, live, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            done.add("replaced " + live + " with " + file);
            return done;
        } catch (IOException e) {
            throw IdxmigException.operation("cannot restore " + live + ": " + e.getMessage()
                    + (done.isEmpty() ? "; nothing was replaced" : "; " + String.join(", ", done)),
                    "check free space and permissions of " + live.toAbsolutePath().getParent(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover .part file is not a database and is named as temporary
                }
            }
        }
    }

    /** A hard link keeps the current file under a second name without a moment where the database is missing. */
    private static void keepAside(Path live, Path aside) throws IOException {
        try {
            Files.createLink(aside, live);
        } catch (UnsupportedOperationException | IOException noLinks) {
            Files.copy(live, aside, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void writeDurably(Path target, String text) throws IOException {
        Files.writeString(target, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
