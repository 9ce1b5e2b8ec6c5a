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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** plan-check on the embedded SQLite default, driven as a user types it. */
@Tag("sqlite")
class PlanCheckSqliteCliTest {
    @TempDir
    Path dir;
    Idxmig idxmig;

    @BeforeEach
    void migrateTheExample() {
        idxmig = ExampleProject.migrated(dir);
    }

    private void sql(String statement) throws Exception {
        ExampleSqlite.execute(dir, statement);
    }

    private long count(String table) throws Exception {
        return ExampleSqlite.count(dir, table);
    }

    private void checks(String yaml) throws IOException {
        Files.writeString(dir.resolve("my-checks.yaml"), yaml);
    }

    @Test
    void exampleChecksPassAfterMigrate() {
        CliResult r = idxmig.run("plan-check");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("plan-check SQLite"), r::toString);
        assertTrue(r.stdout().contains("OK — 6 checks, 0 failed"), r::toString);
        assertTrue(r.stdout().contains("SEARCH worklogs USING INDEX idx_worklogs_user_range"), r::toString);
        assertTrue(r.stdout().contains("usable n/a (sqlite has no switch to discourage full scans)"), r::toString);
        assertTrue(r.stdout().contains("skipped: the check is for postgresql only"), r::toString);
    }

    @Test
    void droppedIndexFailsWithThePlanExcerpt() throws Exception {
        sql("DROP INDEX idx_worklogs_user_range");
        CliResult r = idxmig.run("plan-check");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("FAIL  user worklogs in a month"), r::toString);
        assertTrue(r.stdout().contains("index idx_worklogs_user_range does not exist, though migration "
                + "V3__worklog_indexes.sql created it"), r::toString);
        assertTrue(r.stdout().contains("worklogs is scanned in full (chosen plan)"), r::toString);
        assertTrue(r.stdout().lines().anyMatch(l -> l.contains("worklogs") && l.endsWith("<- FULL SCAN")
                || l.contains("idx_worklogs_instance_range") && l.endsWith("<- index")), r::toString);
        assertTrue(r.stdout().contains("ok    current billing rate"), "the other checks still pass");
    }

    @Test
    void indexNoMigrationCreatedIsReportedAsSuch() throws IOException {
        checks("checks:\n  - name: typo\n    sql: SELECT * FROM worklogs WHERE company_id = 1\n"
                + "    expect:\n      uses_index: idx_worklog_user_range\n");
        CliResult r = idxmig.run("plan-check", "--checks", "my-checks.yaml");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("index idx_worklog_user_range does not exist and no migration created it"),
                r::toString);
    }

    @Test
    void failingSqlIsAnErrorOfThatCheckWhileTheOthersRun() throws IOException {
        checks("checks:\n"
                + "  - name: broken\n    sql: SELECT * FROM no_such_table\n"
                + "  - name: fine\n    sql: SELECT * FROM billing_rates WHERE company_id = ? AND user_email = ?\n"
                + "    params: [8, user7@example.com]\n    expect: {uses_index: idx_billing_rates_lookup}\n");
        CliResult r = idxmig.run("plan-check", "--checks", "my-checks.yaml");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("FAIL  broken"), r::toString);
        assertTrue(r.stdout().contains("the query failed:") && r.stdout().contains("no_such_table"), r::toString);
        assertTrue(r.stdout().contains("ok    fine"), r::toString);
    }

    @Test
    void unknownKeyInTheChecksFileIsAUsageErrorWithItsLine() throws IOException {
        checks("checks:\n  - name: one\n    sql: SELECT 1\n    expect:\n      no_fullscan: [worklogs]\n");
        CliResult r = idxmig.run("plan-check", "--checks", "my-checks.yaml");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("my-checks.yaml line 5: unknown key 'no_fullscan'"), r::toString);
    }

    @Test
    void writingSqlIsRefusedAndNothingChanges() throws Exception {
        long before = count("worklogs");
        checks("checks:\n  - name: sneaky\n    sql: DELETE FROM worklogs\n");
        CliResult r = idxmig.run("plan-check", "--checks", "my-checks.yaml");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("refused: the SQL starts with DELETE"), r::toString);
        assertEquals(before, count("worklogs"));
    }

    @Test
    void allowedWritingSqlIsExplainedButChangesNothing() throws Exception {
        long before = count("worklogs");
        checks("checks:\n  - name: cleanup\n    allow_writes: true\n"
                + "    sql: DELETE FROM worklogs WHERE company_id = 8 AND author_email = 'user7@example.com'\n"
                + "    expect: {uses_index: idx_worklogs_user_range}\n");
        CliResult r = idxmig.run("plan-check", "--checks", "my-checks.yaml");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(before, count("worklogs"));
    }

    @Test
    void analyzeRefreshesStatisticsFirstAndSaysSo() throws Exception {
        sql("DELETE FROM sqlite_stat1");
        CliResult r = idxmig.run("plan-check", "--analyze", "--check", "current billing rate");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("ANALYZE ran first on: billing_rates"), r::toString);
        assertTrue(r.stdout().contains("billing_rates analyzed at 2000 rows, 2000 now (fresh)"), r::toString);
    }

    @Test
    void everyFormatCarriesThePlan() throws Exception {
        CliResult json = idxmig.run("plan-check", "--format", "json");
        assertEquals(0, json.exitCode(), json::toString);
        JsonNode root = JsonMapper.builder().build().readTree(json.stdout()).get("targets").get(0).get("report");
        JsonNode first = root.get("outcomes").get(0);
        assertEquals("user worklogs in a month", first.get("name").asString());
        assertEquals("idx_worklogs_user_range", first.get("indexes").get(0).asString());
        assertTrue(first.get("chosen").asBoolean());
        assertTrue(first.get("usable").isNull(), "SQLite gives no usable verdict");

        CliResult junit = idxmig.run("plan-check", "--format", "junit");
        assertTrue(junit.stdout().contains("<testcase classname=\"plan-check SQLite"), junit::toString);
        assertTrue(junit.stdout().contains("USING INDEX idx_billing_rates_lookup"), junit::toString);

        CliResult md = idxmig.run("plan-check", "--format", "markdown");
        assertTrue(md.stdout().contains("<details><summary>pending leaves of a company</summary>"), md::toString);
        assertFalse(md.stdout().contains("FULL SCAN"), md::toString);
    }
}
