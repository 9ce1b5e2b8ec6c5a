package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rollback} on SQLite: the ledger inverse, undo scripts, refusals and faults. */
@Tag("sqlite")
class RollbackSqliteCliTest {
    @TempDir
    Path dir;

    /** Tables and data first (not undoable without a script), then every index form SQLite has. */
    private Path corpus() {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__tables_and_data.sql", """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, company_id INTEGER NOT NULL,
                                    created TEXT NOT NULL, status TEXT NOT NULL);
                CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, total REAL, placed TEXT);
                WITH RECURSIVE seq(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM seq WHERE g < 300)
                INSERT INTO users SELECT g, 'User' || g || '@Example.com', g % 7, date('2025-01-01', '+' || g || ' days'),
                       CASE g % 3 WHEN 0 THEN 'active' ELSE 'gone' END FROM seq;
                WITH RECURSIVE seq(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM seq WHERE g < 900)
                INSERT INTO orders SELECT g, 1 + g % 300, g * 1.5, date('2025-01-01', '+' || (g % 200) || ' days') FROM seq;
                CREATE INDEX idx_orders_user ON orders (user_id);
                """);
        ExampleProject.write(m, "V2__user_indexes.sql", """
                CREATE INDEX idx_users_company ON users (company_id);
                CREATE INDEX idx_users_company_created ON users (company_id, created DESC);
                CREATE UNIQUE INDEX idx_users_email_lower ON users (lower(email));
                CREATE INDEX idx_users_active ON users (created) WHERE status = 'active';
                CREATE INDEX idx_orders_placed ON orders (placed);
                """);
        ExampleProject.write(m, "V3__rework_indexes.sql", """
                DROP INDEX idx_users_company;
                DROP INDEX idx_users_active;
                CREATE INDEX idx_users_active ON users (created, company_id) WHERE status = 'active';
                DROP INDEX idx_orders_placed;
                CREATE INDEX idx_orders_placed ON orders (placed);
                DROP INDEX idx_orders_user;
                CREATE INDEX idx_orders_user_total ON orders (user_id, total);
                """);
        return m;
    }

    private Idxmig idxmig() {
        return Idxmig.in(dir);
    }

    @Test
    void roundTripMigrateRollbackToFirstVersionMigrateLeavesIndexesAndRowsAsTheyWere() throws Exception {
        corpus();
        assertEquals(0, idxmig().run("migrate", "--no-backup").exitCode());
        Map<String, String> indexes = indexes();
        Map<String, String> rows = rows();
        assertEquals(5, indexes.size(), indexes::toString);

        CliResult back = idxmig().run("rollback", "--to", "1");
        assertEquals(0, back.exitCode(), back::toString);
        assertTrue(back.stdout().contains("now at version 1"), back::toString);
        assertEquals(Map.of("idx_orders_user", "CREATE INDEX idx_orders_user ON orders (user_id)"), indexes(),
                "only what V1 built is left");
        assertEquals(rows, rows(), "rollback touches no row");

        CliResult again = idxmig().run("migrate", "--no-backup");
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.stdout().contains("Applied 2 migrations"), again::toString);
        assertEquals(indexes, indexes(), "the same canonical definitions after the round trip");
        assertEquals(rows, rows());
    }

    @Test
    void rollbackRebuildsDroppedAndChangedIndexesFromTheLedger() throws Exception {
        corpus();
        assertEquals(0, idxmig().run("migrate", "--no-backup", "--target", "2").exitCode());
        Map<String, String> afterV2 = indexes();
        assertEquals(0, idxmig().run("migrate", "--no-backup").exitCode());
        assertNotEquals(afterV2, indexes());

        CliResult r = idxmig().run("rollback");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("inverse from the index ledger"), r::toString);
        assertTrue(r.stdout().contains("CREATE INDEX idx_users_company ON users (company_id);"), r::toString);
        assertEquals(afterV2, indexes());
    }

    @Test
    void dryRunPrintsTheExactSqlAndChangesNothing() throws Exception {
        corpus();
        assertEquals(0, idxmig().run("migrate", "--no-backup").exitCode());
        Map<String, String> before = indexes();
        CliResult r = idxmig().run("rollback", "--steps", "2", "--dry-run");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("Dry run: would roll back 2 migrations"), r::toString);
        assertTrue(r.stdout().contains("DROP INDEX IF EXISTS \"idx_orders_user_total\";"), r::toString);
        assertTrue(r.stdout().contains("CREATE INDEX idx_orders_user ON orders (user_id);"), r::toString);
        assertEquals(before, indexes());
        assertEquals(List.of("1", "2", "3"), historyVersions());
    }

    @Test
    void undoScriptWinsOverTheLedgerInverse() throws Exception {
        Path m = corpus();
        // Deliberately undoes only part of V2, so the result tells which of the two ran.
        ExampleProject.write(m, "U2__user_indexes.sql", "DROP INDEX idx_users_company;\nDROP INDEX idx_orders_placed;\n");
        CliResult migrate = idxmig().run("migrate", "--no-backup", "--target", "2");
        assertEquals(0, migrate.exitCode(), "Flyway must not trip over the undo script: " + migrate);

        CliResult r = idxmig().run("rollback");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("undo script U2__user_indexes.sql"), r::toString);
        Map<String, String> left = indexes();
        assertFalse(left.containsKey("idx_users_company"));
        assertTrue(left.containsKey("idx_users_active"), "the ledger inverse would have dropped it: " + left);
        assertEquals(List.of("1"), historyVersions());
    }

    @Test
    void migrationThatChangedTablesIsRefusedWithoutUndoScriptUnlessForced() throws Exception {
        corpus();
        assertEquals(0, idxmig().run("migrate", "--no-backup").exitCode());
        Map<String, String> rows = rows();

        CliResult refused = idxmig().run("rollback", "--to", "0");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("V1__tables_and_data.sql changed more than indexes (tables created: "
                + "orders, users)"), refused::toString);
        assertEquals(List.of("1", "2", "3"), historyVersions(), "nothing was changed");

        CliResult forced = idxmig().run("rollback", "--to", "0", "--force");
        assertEquals(0, forced.exitCode(), forced::toString);
        assertTrue(forced.stdout().contains("left as they are (--force): tables created: orders, users"),
                forced::toString);
        assertEquals(List.of(), historyVersions());
        assertEquals(Map.of(), indexes());
        assertEquals(rows, rows(), "tables stay: only index changes are undone");
    }

    @Test
    void rollbackToAVersionNeverAppliedOrAboveTheCurrentOneIsAUsageError() throws Exception {
        corpus();
        assertEquals(0, idxmig().run("migrate", "--no-backup", "--target", "2").exitCode());
        CliResult above = idxmig().run("rollback", "--to", "3");
        assertEquals(2, above.exitCode(), above::toString);
        assertTrue(above.stderr().contains("the schema is at version 2"), above::toString);
        CliResult never = idxmig().run("rollback", "--to", "1.5");
        assertEquals(2, never.exitCode(), never::toString);
        assertTrue(never.stderr().contains("it was never applied"), never::toString);
        CliResult tooMany = idxmig().run("rollback", "--steps", "3");
        assertEquals(2, tooMany.exitCode(), tooMany::toString);
        assertEquals(List.of("1", "2"), historyVersions());
    }

    @Test
    void undoScriptFailingHalfwayStopsSaysWhatRanAndKeepsHistoryTrue() throws Exception {
        Path m = corpus();
        ExampleProject.write(m, "U2__user_indexes.sql",
                "DROP INDEX idx_users_company_created;\nDROP INDEX no_such_index;\nDROP INDEX idx_users_email_lower;\n");
        assertEquals(0, idxmig().run("migrate", "--no-backup").exitCode());

        CliResult r = idxmig().run("rollback", "--to", "1");
        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("ok  DROP INDEX idx_users_company_created;"), r::toString);
        assertTrue(r.stdout().contains("ERR DROP INDEX no_such_index;"), r::toString);
        assertTrue(r.stderr().contains("failed at statement 2 of 3"), r::toString);
        assertTrue(r.stderr().contains("statements 1 to 1 of it ran"), r::toString);
        assertEquals(List.of("1", "2"), historyVersions(), "V3 was undone, V2 was not");
        assertTrue(indexes().containsKey("idx_users_email_lower"), "statement 3 never ran");
    }

    @Test
    void migrateTakesABackupFirstAndSaysWhereUnlessToldNotTo() {
        ExampleProject.copyTo(dir);
        CliResult r = idxmig().run("migrate", ExampleProject.SMALL, "--target", "2");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("Backup taken before migrating: " + dir.resolve("backups")), r::toString);

        CliResult none = idxmig().run("migrate", ExampleProject.SMALL, "--no-backup");
        assertEquals(0, none.exitCode(), none::toString);
        assertFalse(none.stdout().contains("Backup taken"), none::toString);

        CliResult nothingPending = idxmig().run("migrate");
        assertFalse(nothingPending.stdout().contains("Backup taken"), "no backup when nothing is pending");
    }

    @Test
    void exampleProjectRollsBackItsLastMigrationAndMigratesItAgain() {
        ExampleProject.copyTo(dir);
        assertEquals(0, idxmig().run("migrate", ExampleProject.SMALL).exitCode());
        CliResult r = idxmig().run("rollback");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("now at version 3"), r::toString);
        assertTrue(r.stdout().contains("verify SQLite 3.54.1, schema main: OK"), "verify runs after it: " + r);
        assertTrue(r.stdout().contains("V4__billing_and_leave_indexes.sql: is pending"), r::toString);
        CliResult status = idxmig().run("status");
        assertTrue(status.stdout().contains("at version 3"), status::toString);
        CliResult again = idxmig().run("migrate", ExampleProject.SMALL);
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.stdout().contains("created idx_factorial_leaves_company_status"), again::toString);
    }

    @Test
    void rollbackExitsOneWhenWhatRemainsDoesNotVerify() throws SQLException {
        ExampleProject.copyTo(dir);
        assertEquals(0, idxmig().run("migrate", ExampleProject.SMALL).exitCode());
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP INDEX idx_worklogs_user_range"); // promised by V3, which stays applied
        }
        CliResult r = idxmig().run("rollback");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("idx_worklogs_user_range on worklogs: is missing"), r::toString);
        assertTrue(r.stderr().contains("the rollback ran, but verify found problems"), r::toString);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("idxmig.db"));
    }

    /** Index name to its stored definition (white space folded), the constraint-backed ones left out. */
    private Map<String, String> indexes() throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                     + "AND sql IS NOT NULL AND tbl_name NOT IN ('flyway_schema_history', 'idxmig_index_ledger', 'idxmig_intent_log')")) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getString(2).replaceAll("\\s+", " ").strip());
            }
        }
        return result;
    }

    /** Every user table's rows, in key order, as text. */
    private Map<String, String> rows() throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table' "
                    + "AND name NOT LIKE 'sqlite_%' AND name NOT IN ('flyway_schema_history', 'idxmig_index_ledger', 'idxmig_intent_log')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                StringBuilder text = new StringBuilder();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + t + " ORDER BY 1")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            text.append(rs.getString(i)).append('|');
                        }
                        text.append('\n');
                    }
                }
                result.put(t, text.toString());
            }
        }
        return result;
    }

    private List<String> historyVersions() throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL "
                     + "ORDER BY installed_rank")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
