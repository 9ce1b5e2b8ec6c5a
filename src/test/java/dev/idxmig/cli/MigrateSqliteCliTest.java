package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's first steps on the embedded SQLite default: no settings, no server. */
@Tag("sqlite")
class MigrateSqliteCliTest {
    @TempDir
    Path dir;

    @Test
    void migrateAppliesTheExampleToTheDefaultSqliteFileAndPrintsWhatItBuilt() {
        ExampleProject.copyTo(dir);
        CliResult r = Idxmig.in(dir).run("migrate", ExampleProject.SMALL);

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(Files.exists(dir.resolve("idxmig.db")), "default SQLite file in the working directory");
        assertTrue(r.stdout().contains("Applied 4 migrations"), r::toString);
        assertTrue(r.stdout().contains("created idx_worklogs_user_range on worklogs"), r::toString);
        assertTrue(r.stdout().contains("created idx_factorial_leaves_company_status on factorial_leaves"),
                r::toString);
        assertTrue(r.stderr().contains("applying V3__worklog_indexes.sql"), "progress goes to stderr");
        assertFalse(r.stdout().contains("applying"), "stdout carries only the report");
    }

    @Test
    void aFolderMountedLikeAKubernetesConfigMapMigratesEachScriptOnce() throws Exception {
        // kubelet's layout: the files live in a hidden timestamped folder, ..data links to it, each name links
        // through ..data; walking the folder meets every script twice unless hidden folders are left out
        Files.createDirectories(dir.resolve("m/..2026_12_07_22_00_00.1"));
        Files.writeString(dir.resolve("m/..2026_12_07_22_00_00.1/V1__t.sql"), "CREATE TABLE t (a INTEGER);\n");
        Files.writeString(dir.resolve("m/..2026_12_07_22_00_00.1/V2__t_a.sql"), "CREATE INDEX t_a ON t (a);\n");
        Files.createSymbolicLink(dir.resolve("m/..data"), Path.of("..2026_12_07_22_00_00.1"));
        Files.createSymbolicLink(dir.resolve("m/V1__t.sql"), Path.of("..data/V1__t.sql"));
        Files.createSymbolicLink(dir.resolve("m/V2__t_a.sql"), Path.of("..data/V2__t_a.sql"));

        CliResult r = Idxmig.in(dir).run("migrate", "--url", "jdbc:sqlite:" + dir.resolve("k.db"), "--locations",
                "filesystem:m", "--no-backup");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("Applied 2 migrations"), r::toString);
        assertTrue(r.stdout().contains("created t_a on t"), r::toString);
    }

    @Test
    void statusShowsEachMigrationWithTheStateOfItsIndexes() throws Exception {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL).exitCode());

        CliResult text = idxmig.run("status");
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.stdout().contains("at version 4"), text::toString);
        assertTrue(text.stdout().contains("created idx_worklogs_instance_range on worklogs: valid"), text::toString);

        CliResult json = idxmig.run("status", "--format", "json");
        JsonNode root = JsonMapper.builder().build().readTree(json.stdout()).get("targets").get(0).get("report");
        assertEquals("4", root.get("currentVersion").asString());
        assertEquals(4, root.get("migrations").size());
        JsonNode v3 = root.get("migrations").get(2);
        assertEquals("applied", v3.get("state").asString());
        assertEquals(2, v3.get("indexes").size());
        JsonNode userRange = v3.get("indexes").get(1);
        assertEquals("idx_worklogs_user_range", userRange.get("index").asString());
        assertEquals("created", userRange.get("action").asString());
        assertEquals("valid", userRange.get("state").asString());
        assertTrue(userRange.get("sizeBytes").asLong() > 0);
    }

    @Test
    void statusReportsAnIndexDroppedByHandAsMissing() throws Exception {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL).exitCode());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("idxmig.db"));
             Statement st = c.createStatement()) {
            st.execute("DROP INDEX idx_billing_rates_lookup");
        }
        CliResult r = idxmig.run("status");
        assertTrue(r.stdout().contains("idx_billing_rates_lookup on billing_rates: missing"), r::toString);
    }

    @Test
    void secondMigrateHasNothingToDo() {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL).exitCode());
        CliResult again = idxmig.run("migrate", ExampleProject.SMALL);
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.stdout().startsWith("Nothing to migrate"), again::toString);
    }

    @Test
    void ledgerRecordsCanonicalDefinitionsSizesAndTheMigration() throws Exception {
        ExampleProject.copyTo(dir);
        assertEquals(0, Idxmig.in(dir).run("migrate", ExampleProject.SMALL).exitCode());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("idxmig.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, action, index_name, definition, size_bytes, outcome "
                     + "FROM idxmig_index_ledger WHERE index_name = 'idx_worklogs_user_range'")) {
            assertTrue(rs.next());
            assertEquals("3", rs.getString("version"));
            assertEquals("created", rs.getString("action"));
            assertEquals("CREATE INDEX idx_worklogs_user_range ON worklogs (company_id, author_email, started)",
                    rs.getString("definition"));
            assertTrue(rs.getLong("size_bytes") > 0);
            assertEquals("applied", rs.getString("outcome"));
        }
    }

    @Test
    void dryRunListsPendingStatementsAndTouchesNothing() {
        ExampleProject.copyTo(dir);
        CliResult r = Idxmig.in(dir).run("migrate", "--dry-run", ExampleProject.SMALL);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("4 pending migrations"), r::toString);
        assertTrue(r.stdout().contains("CREATE INDEX idx_worklogs_user_range"), r::toString);
        assertTrue(r.stdout().contains("FROM generate_series") || r.stdout().contains("WITH RECURSIVE seq"),
                r::toString);
        assertTrue(r.stderr().contains("idxmig.db does not exist yet: planned as an empty database, and not created"),
                r::toString);
        assertFalse(Files.exists(dir.resolve("idxmig.db")), "a dry run created the database file");
        assertFalse(Files.exists(dir.resolve("backups")), "a dry run made a backups folder");

        CliResult shadow = Idxmig.in(dir).run("migrate", "--dry-run", "--shadow", ExampleProject.SMALL);
        assertEquals(0, shadow.exitCode(), shadow::toString);
        assertFalse(Files.exists(dir.resolve("idxmig.db")), "a shadow replay created the database file");
    }

    @Test
    void targetStopsAtTheGivenVersion() {
        ExampleProject.copyTo(dir);
        CliResult r = Idxmig.in(dir).run("migrate", "--target", "3", ExampleProject.SMALL);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("now at version 3"), r::toString);
        assertTrue(Idxmig.in(dir).run("status").stdout().contains("4        pending"));
    }

    @Test
    void adoptingAnExistingFlywayProjectSaysOlderVersionsHaveNoLedgerAndRecordsNewOnes() throws Exception {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        assertEquals(0, idxmig.run("migrate", "--target", "3", ExampleProject.SMALL).exitCode());
        // As if Flyway alone had applied 1-3: history rows, no ledger.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("idxmig.db"));
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE idxmig_index_ledger");
        }
        CliResult before = idxmig.run("status");
        assertEquals(0, before.exitCode(), before::toString);
        assertTrue(before.stdout().contains("have no index records yet: 1, 2, 3"), before::toString);

        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL).exitCode());
        CliResult after = idxmig.run("status");
        assertTrue(after.stdout().contains("have no index records yet: 1, 2, 3 "), after::toString);
        assertTrue(after.stdout().contains("created idx_billing_rates_lookup on billing_rates: valid"),
                after::toString);
    }
}
