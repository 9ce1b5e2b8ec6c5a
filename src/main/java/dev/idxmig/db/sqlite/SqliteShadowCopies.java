package dev.idxmig.db.sqlite;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.ScratchFolders;
import dev.idxmig.db.ShadowPlace;
import dev.idxmig.db.InternalTables;
import dev.idxmig.db.ShadowCopies;
import dev.idxmig.db.ShadowCopy;
import dev.idxmig.db.TableRows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A SQLite shadow: a new file in a temporary folder holding the target's schema as the statements in its
 * {@code sqlite_schema}, Flyway's history rows, and (when asked) the rows of {@code sqlite_stat1}/{@code sqlite_stat4}:
 * SQLite plans from those statistics alone, so the copy plans a query as the target does, without a single row.
 * A file rather than {@code :memory:}: Flyway and idxmig open several connections, and each would see its own
 * empty in-memory database.
 */
final class SqliteShadowCopies implements ShadowCopies {
    private final SqliteDialect dialect;

    SqliteShadowCopies(SqliteDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public ShadowCopy copy(Database target, ShadowPlace place, boolean statistics, Diagnostics diagnostics) {
        if (place.at().isPresent() || place.template().isPresent()) {
            throw IdxmigException.usage((place.at().isPresent() ? "--shadow-url" : "--shadow-template")
                    + " is for PostgreSQL; a SQLite shadow is a temporary file", "leave it out");
        }
        Path dir = ScratchFolders.create("idxmig-shadow-", "the shadow copy");
        Path file = dir.resolve("shadow.db");
        String url = "jdbc:sqlite:" + file;
        List<String> notes = new ArrayList<>();
        try (Connection from = target.connect(); Connection to = DriverManager.getConnection(url)) {
            int objects = 0;
            try (Statement st = from.createStatement(); ResultSet rs = st.executeQuery(dialect.sql("shadow_schema"));
                 Statement into = to.createStatement()) {
                while (rs.next()) {
                    into.execute(rs.getString("sql"));
                    objects++;
                }
            }
            notes.add(objects + " schema objects");
            if (dialect.tableExists(from, target.schema(), target.historyTable())) {
                String history = dialect.quote(target.historyTable());
                notes.add(TableRows.copy(from, to, history, history) + " history rows");
            }
            if (dialect.tableExists(from, target.schema(), InternalTables.INTENT_LOG)) {
                // a migration that stopped part-way is resumed by the next migrate, in the shadow as on the target
                String intents = dialect.quote(InternalTables.INTENT_LOG);
                notes.add(TableRows.copy(from, to, intents, intents) + " intent log rows");
            }
            if (statistics) {
                copyStatistics(from, to, notes);
            }
        } catch (SQLException e) {
            ScratchFolders.delete(dir);
            throw IdxmigException.operation("cannot copy the schema of " + target.settings().jdbcUrl()
                    + " into a shadow: " + e.getMessage(), "check that the target is a readable SQLite database", e);
        }
        Database copy;
        try {
            copy = Database.open(new ConnectionSettings(url, Optional.empty(), Optional.empty()),
                    Optional.of(target.schema())).withHistoryTable(target.historyTable());
        } catch (RuntimeException e) {
            ScratchFolders.delete(dir);
            throw e;
        }
        String description = "temporary SQLite file with the schema (" + String.join(", ", notes) + ")";
        return new ShadowCopy() {
            @Override
            public Database database() {
                return copy;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void close() {
                copy.close();
                ScratchFolders.delete(dir);
            }
        };
    }

    /**
     * The target's statistics, row for row. ANALYZE on the empty copy creates the statistics tables (it cannot be
     * done with CREATE TABLE); their rows are then replaced by the target's, which the planner reads when a
     * connection opens.
     */
    private void copyStatistics(Connection from, Connection to, List<String> notes) throws SQLException {
        List<String> source = statisticsTables(from);
        if (source.isEmpty()) {
            notes.add("no statistics (ANALYZE never ran on the target)");
            return;
        }
        try (Statement st = to.createStatement()) {
            st.execute("ANALYZE");
        }
        List<String> copied = new ArrayList<>();
        for (String table : statisticsTables(to)) {
            if (!source.contains(table)) {
                continue;
            }
            try (Statement st = to.createStatement()) {
                st.execute("DELETE FROM " + table);
            }
            copied.add(TableRows.copy(from, to, table, table) + " " + table + " rows");
        }
        notes.addAll(copied);
    }

    private List<String> statisticsTables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect.sql("shadow_statistics_tables"))) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
