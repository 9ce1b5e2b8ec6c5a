package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.ExampleSqlite;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** verify as a CI gate on SQLite: each broken state is built for real and caught with the right exit code. */
@Tag("sqlite")
class VerifySqliteCliTest {
    @TempDir
    Path dir;
    Idxmig idxmig;

    @BeforeEach
    void migrateTheExample() {
        idxmig = ExampleProject.migrated(dir);
    }

    @Test
    void passesAfterMigrateWithASummaryFirst() {
        CliResult r = idxmig.run("verify");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("verify SQLite"), r::toString);
        assertTrue(r.stdout().contains("OK — 5 checks, 0 failed"), r::toString);
    }

    @Test
    void droppedIndexFailsAndSaysHowToRecreateIt() throws Exception {
        sql("DROP INDEX idx_billing_rates_lookup");
        CliResult r = idxmig.run("verify");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("idx_billing_rates_lookup on billing_rates: is missing; it was created by "
                + "V4__billing_and_leave_indexes.sql"), r::toString);
        assertTrue(r.stdout().contains("fix: recreate it: CREATE INDEX idx_billing_rates_lookup ON billing_rates "
                + "(company_id, user_email, valid_from)"), r::toString);
    }

    @Test
    void indexRecreatedWithAnotherColumnOrderIsDrift() throws Exception {
        sql("DROP INDEX idx_billing_rates_lookup",
                "CREATE INDEX idx_billing_rates_lookup ON billing_rates (user_email, company_id, valid_from)");
        CliResult r = idxmig.run("verify");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("idx_billing_rates_lookup on billing_rates: differs from what "
                + "V4__billing_and_leave_indexes.sql created"), r::toString);
    }

    @Test
    void editedAppliedMigrationIsNamed() throws Exception {
        Path v1 = dir.resolve("migrations/common/V1__create_worklog_tables.sql");
        Files.writeString(v1, Files.readString(v1) + "\n-- an innocent-looking edit\n");
        CliResult r = idxmig.run("verify");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("FAIL  migration history"), r::toString);
        assertTrue(r.stdout().contains("V1__create_worklog_tables.sql"), r::toString);
        assertTrue(r.stdout().toLowerCase().contains("checksum"), r::toString);
    }

    @Test
    void corruptedIndexPageIsCaughtByIntegrityCheck() throws Exception {
        long rootPage;
        long pageSize;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            rootPage = longOf(st, "SELECT rootpage FROM sqlite_schema WHERE name = 'idx_worklogs_user_range'");
            pageSize = longOf(st, "PRAGMA page_size");
        }
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("idxmig.db").toFile(), "rw")) {
            f.seek((rootPage - 1) * pageSize);
            byte[] garbage = new byte[(int) pageSize];
            java.util.Arrays.fill(garbage, (byte) 0x5A);
            f.write(garbage);
        }
        CliResult r = idxmig.run("verify");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("FAIL  data integrity"), r::toString);
        assertTrue(r.stdout().contains("integrity_check:"), r::toString);
    }

    @Test
    void foreignKeyViolationIsCaught() throws Exception {
        ExampleProject.write(dir.resolve("migrations/common"), "V5__teams.sql",
                "CREATE TABLE teams (id INTEGER PRIMARY KEY);\n"
                        + "CREATE TABLE members (id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES teams (id));\n");
        assertEquals(0, idxmig.run("migrate").exitCode());
        sql("INSERT INTO members (id, team_id) VALUES (1, 42)"); // foreign keys are off in a plain connection
        CliResult r = idxmig.run("verify");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("members rowid 1: foreign_key_check: references a missing row in teams"),
                r::toString);
    }

    @Test
    void pendingMigrationsAreListedAndFailOnlyWhenAsked() {
        ExampleProject.write(dir.resolve("migrations/common"), "V5__more.sql",
                "CREATE INDEX idx_worklogs_started ON worklogs (started);\n");
        CliResult listed = idxmig.run("verify");
        assertEquals(0, listed.exitCode(), listed::toString);
        assertTrue(listed.stdout().contains("V5__more.sql: is pending"), listed::toString);
        CliResult failing = idxmig.run("verify", "--fail-on-pending");
        assertEquals(1, failing.exitCode(), failing::toString);
        assertTrue(failing.stdout().contains("fix: run 'idxmig migrate'"), failing::toString);
    }

    @Test
    void junitMarkdownAndJsonReportsAndOutputFileKeepTheSummaryOnTheTerminal() throws Exception {
        sql("DROP INDEX idx_billing_rates_lookup");
        CliResult junit = idxmig.run("verify", "--format", "junit", "--output", "verify.xml");
        assertEquals(1, junit.exitCode());
        assertTrue(junit.stdout().contains("FAILED — 5 checks, 1 failed"), junit::toString);
        String xml = Files.readString(dir.resolve("verify.xml"));
        assertTrue(xml.contains("<testcase classname=") && xml.contains("name=\"promised indexes\""), xml);
        assertTrue(xml.contains("<failure message=\"idx_billing_rates_lookup on billing_rates: is missing"), xml);

        CliResult md = idxmig.run("verify", "--format", "markdown");
        assertTrue(md.stdout().startsWith("### ❌ verify SQLite"), md::toString);
        assertTrue(md.stdout().contains("| promised indexes | **fail** | error | `idx_billing_rates_lookup"),
                md::toString);

        JsonNode json = JsonMapper.builder().build().readTree(idxmig.run("verify", "-f", "json").stdout()).get("targets").get(0).get("report");
        assertEquals(false, json.get("passed").asBoolean());
        assertEquals("error", json.get("checks").get(0).get("findings").get(0).get("severity").asString());
    }

    @Test
    void migrateReportsTheVerifyItRanAfterwards() {
        ExampleProject.write(dir.resolve("migrations/common"), "V5__more.sql",
                "CREATE INDEX idx_worklogs_started ON worklogs (started);\n");
        CliResult r = idxmig.run("migrate");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("verify SQLite 3"), r::toString);
        CliResult skipped = idxmig.run("migrate", "--no-verify");
        assertTrue(!skipped.stdout().contains("verify SQLite"), skipped::toString);
    }

    @Test
    void verifyOverSeveralDatabasesFindsInEachWhatVerifyingItAloneFinds() throws Exception {
        String other = "jdbc:sqlite:" + dir.resolve("other.db");
        assertEquals(0, idxmig.run("migrate", "--url", other, ExampleProject.SMALL).exitCode());
        sql("DROP INDEX idx_billing_rates_lookup");
        String first = "jdbc:sqlite:" + dir.resolve("idxmig.db");
        Files.writeString(dir.resolve("targets.yaml"), "targets:\n  - name: first\n    url: " + first
                + "\n  - name: other\n    url: " + other + "\n");
        CliResult fleet = idxmig.run("verify", "--targets", "targets.yaml", "--format", "json");
        assertEquals(1, fleet.exitCode(), fleet::toString);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode targets = json.readTree(fleet.stdout()).get("targets");
        assertEquals(2, targets.size(), fleet::toString);
        for (JsonNode target : targets) {
            String url = target.get("target").asString().equals("first") ? first : other;
            CliResult alone = idxmig.run("verify", "--url", url, "--format", "json");
            assertEquals(withoutTimings(json.readTree(alone.stdout()).get("targets").get(0).get("report")), withoutTimings(target.get("report")),
                    fleet::toString);
        }
        assertEquals("problems", targets.get(0).get("status").asString(), fleet::toString);
        assertEquals("ok", targets.get(1).get("status").asString(), fleet::toString);
        assertTrue(fleet.stdout().contains("\"message\" : \"is missing; it was created by "
                + "V4__billing_and_leave_indexes.sql\""), fleet::toString);
    }

    private static JsonNode withoutTimings(JsonNode report) {
        JsonNode copy = report.deepCopy();
        for (JsonNode check : copy.get("checks")) {
            ((tools.jackson.databind.node.ObjectNode) check).remove("durationMs");
        }
        return copy;
    }

    private void sql(String... statements) throws Exception {
        ExampleSqlite.execute(dir, statements);
    }

    private Connection connect() throws Exception {
        return ExampleSqlite.connect(dir);
    }

    private static long longOf(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
