package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.ExampleSqlite;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.idxmig.testing.BenchJson.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bench and migrate --benchmark on the embedded SQLite default, driven as a user types them. Assertions are on
 * plans, rows and VM steps (deterministic), never on how long anything took.
 */
@Tag("sqlite")
class BenchSqliteCliTest {
    private static final String QUICK = "--runs=5";
    private static final String NO_WARMUP = "--warmup=1";
    private static final String MONTH = "user worklogs in a month";

    @TempDir
    Path dir;

    private Idxmig example() {
        ExampleProject.copyTo(dir);
        return Idxmig.in(dir);
    }

    private void checks(String yaml) throws IOException {
        Files.writeString(dir.resolve("my-checks.yaml"), yaml);
    }


    @Test
    void migrateBenchmarkOnAFreshExampleMeasuresBeforeTheIndexesAndAfter() {
        CliResult r = example().run("migrate", "--benchmark", ExampleProject.SMALL, QUICK, NO_WARMUP);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("migrating to version 2 first"), r::toString);
        String out = r.stdout();
        assertTrue(out.startsWith("migrate --benchmark SQLite"), r::toString);
        assertTrue(out.lines().skip(1).findFirst().orElse("").matches(
                "  QUERY +BEFORE +AFTER +CHANGE +VM STEPS +INDEX"), r::toString);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("  " + MONTH + " ") && l.contains("× faster")
                && l.endsWith("full scan -> idx_worklogs_user_range")), r::toString);
        assertTrue(out.contains("before: measured at version 2, after the 2 pending migrations that change no index"),
                r::toString);
        assertTrue(out.contains("plan changed:"), r::toString);
        assertTrue(out.contains("before: SCAN worklogs"), r::toString);
        assertTrue(out.contains("after:  SEARCH worklogs USING INDEX idx_worklogs_user_range"), r::toString);
        assertTrue(out.contains("backup taken before migrating:"), r::toString);
        assertTrue(out.contains("skipped: the check is for postgresql only"), r::toString);

        CliResult again = Idxmig.in(dir).run("migrate", "--benchmark", QUICK, NO_WARMUP);
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.stdout().contains("nothing was pending: both runs measured the same database"),
                again::toString);
    }

    @Test
    void jsonReportHasBothRunsAndTheWorkDropsWithTheIndex() throws IOException {
        CliResult r = example().run("migrate", "--benchmark", ExampleProject.SMALL, QUICK, NO_WARMUP,
                "--format", "json", "--output", "report.json", "--chart", "chart.svg");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode report = new JsonMapper().readTree(dir.resolve("report.json").toFile()).get("targets").get(0).get("report");
        assertTrue(report.get("passed").asBoolean());
        JsonNode before = query(report.get("before"), MONTH);
        JsonNode after = query(report.get("after"), MONTH);
        assertEquals(5, after.get("timing").get("runs").asInt());
        assertEquals(before.get("rowsReturned").asLong(), after.get("rowsReturned").asLong(), "same answer");
        assertTrue(before.get("indexes").isEmpty(), before::toString);
        assertEquals("idx_worklogs_user_range", after.get("indexes").get(0).asString());
        long stepsBefore = before.get("vmSteps").asLong();
        long stepsAfter = after.get("vmSteps").asLong();
        assertTrue(stepsBefore > 2000, "a full scan of 2,000 worklogs: " + stepsBefore);
        assertTrue(stepsAfter * 5 < stepsBefore, stepsBefore + " -> " + stepsAfter);
        assertTrue(after.get("rowsExamined").isNull(), "SQLite reports no rows examined: null, never 0");
        assertEquals(2000, after.get("tables").get(0).get("rows").asLong());
        assertEquals(4, report.get("migration").get("applied").size());
        String svg = Files.readString(dir.resolve("chart.svg"));
        assertTrue(svg.startsWith("<?xml") && svg.contains("<svg") && svg.length() > 10_000, "a drawn chart");
        assertTrue(r.stderr().contains("chart written to " + dir.resolve("chart.svg")), r::toString);
    }

    @Test
    void missedTargetFailsWithExitOneAndNamesTheMedian() throws IOException {
        Idxmig idxmig = ExampleProject.migrated(dir);
        checks("checks:\n  - name: impossible\n    sql: SELECT count(*) FROM worklogs\n"
                + "    bench:\n      max_median_ms: 0.000001\n"
                + "  - name: easy\n    sql: SELECT 1\n    bench:\n      max_median_ms: 60000\n");
        CliResult r = idxmig.run("bench", "--checks", "my-checks.yaml", QUICK);
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("FAILED — 2 checks, 1 failed"), r::toString);
        assertTrue(r.stdout().contains("  FAIL  impossible"), r::toString);
        assertTrue(r.stdout().matches("(?s).*impossible: median [0-9.]+ ms missed the target max_median_ms 0.00 ms.*"),
                r::toString);
        assertTrue(r.stdout().lines().anyMatch(l -> l.equals("  ok    easy") || l.equals("  warn  easy")),
                "met its target (a noisy spread is only a warning): " + r);
    }

    @Test
    void aQueryThatGotSlowerThanTheBaselineFails() throws IOException {
        Idxmig idxmig = ExampleProject.migrated(dir);
        String counting = "checks:\n  - name: counting\n    sql: WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                + "FROM n WHERE i < %d) SELECT count(*) FROM n\n";
        checks(String.format(counting, 10));
        CliResult saved = idxmig.run("bench", "--checks", "my-checks.yaml", QUICK, "--save-baseline", "base.json");
        assertEquals(0, saved.exitCode(), saved::toString);
        assertTrue(saved.stderr().contains("baseline saved to"), saved::toString);

        checks(String.format(counting, 300_000)); // the same check, now counting 30,000 times further
        CliResult r = idxmig.run("bench", "--checks", "my-checks.yaml", QUICK, "--baseline", "base.json");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("  FAIL  counting"), r::toString);
        assertTrue(r.stdout().matches("(?s).*median regressed [0-9,]+% against the baseline .*over the 20% tolerance.*"),
                r::toString);
        assertTrue(r.stdout().lines().skip(1).findFirst().orElse("").endsWith("BASELINE  VS BASELINE"), r::toString);

        CliResult tolerant = idxmig.run("bench", "--checks", "my-checks.yaml", QUICK, "--baseline", "base.json",
                "--tolerance", "100000000");
        assertEquals(0, tolerant.exitCode(), tolerant::toString);
    }

    @Test
    void aJsonReportServesAsABaselineToo() throws IOException {
        Idxmig idxmig = ExampleProject.migrated(dir);
        CliResult json = idxmig.run("bench", "--check", MONTH, QUICK, "--format", "json", "--output", "run.json");
        assertEquals(0, json.exitCode(), json::toString);
        CliResult r = idxmig.run("bench", "--check", MONTH, QUICK, "--baseline", "run.json",
                "--tolerance", "100000000");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("baseline: median "), r::toString);
    }

    @Test
    void markdownGivesATableForAJobSummary() {
        Idxmig idxmig = ExampleProject.migrated(dir);
        CliResult r = idxmig.run("bench", QUICK, "--format", "markdown");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("| query | median | p95 | rows | vm steps | index |\n|---|---|---|---|---|---|\n"),
                r::toString);
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("\\| " + MONTH
                + " \\| [0-9.]+ ms \\| [0-9.]+ ms \\| 4 \\| [0-9,]+ \\| idx_worklogs_user_range \\|")), r::toString);
    }

    @Test
    void badInputStopsBeforeAnythingIsMigrated() {
        Idxmig idxmig = example();
        CliResult chart = idxmig.run("migrate", "--benchmark", ExampleProject.SMALL, "--chart", "chart.gif");
        assertEquals(2, chart.exitCode(), chart::toString);
        assertTrue(chart.stderr().contains("--chart chart.gif: the file must end in .svg or .png"), chart::toString);
        CliResult folder = idxmig.run("migrate", "--benchmark", ExampleProject.SMALL, "--chart", "no/such/chart.svg");
        assertEquals(2, folder.exitCode(), folder::toString);
        CliResult dry = idxmig.run("migrate", "--benchmark", "--dry-run");
        assertEquals(2, dry.exitCode(), dry::toString);
        assertTrue(dry.stderr().contains("--benchmark measures a real migration"), dry::toString);
        CliResult runs = idxmig.run("migrate", "--benchmark", "--runs", "0");
        assertEquals(2, runs.exitCode(), runs::toString);
        CliResult typo = idxmig.run("migrate", "--benchmark", "--check", "user worklogs in a mnoth");
        assertEquals(2, typo.exitCode(), typo::toString);
        assertTrue(typo.stderr().contains("no check named 'user worklogs in a mnoth'"), typo::toString);

        CliResult status = idxmig.run("status");
        assertTrue(status.stdout().contains("no migrations applied"), "nothing was migrated: " + status);
    }

    @Test
    void writingQueriesAreRefusedAndNotRun() throws Exception {
        Idxmig idxmig = ExampleProject.migrated(dir);
        checks("checks:\n  - name: sneaky\n    sql: DELETE FROM worklogs\n");
        CliResult r = idxmig.run("bench", "--checks", "my-checks.yaml", QUICK);
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("refused: the SQL starts with DELETE"), r::toString);
        CliResult count = idxmig.run("bench", "--checks", "my-checks.yaml", QUICK, "--format", "json");
        assertFalse(count.stdout().contains("\"measured\""), count::toString);
        assertEquals(2000, ExampleSqlite.count(dir, "worklogs"));
    }
}
