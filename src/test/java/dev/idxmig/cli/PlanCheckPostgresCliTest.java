package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** plan-check on PostgreSQL: both verdicts, parameters, generic plans, and the read-only guarantee. */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
@Tag("slow")
class PlanCheckPostgresCliTest {
    @TempDir
    Path dir;

    private void checks(String yaml) throws IOException {
        Files.writeString(dir.resolve("my-checks.yaml"), yaml);
    }

    @Test
    void exampleChecksPassAfterMigrateIncludingTheGenericPlanOfThePartialIndex(PgDatabase db) {
        CliResult r = ExampleProject.migrated(dir, db).run("plan-check");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("OK — 6 checks, 0 failed"), r::toString);
        assertTrue(r.stdout().contains("Bitmap Index Scan on idx_factorial_leaves_company_status")
                || r.stdout().contains("Index Scan using idx_factorial_leaves_company_status"), r::toString);
        assertTrue(r.stdout().contains("generic plan (parameter values not looked at)"), r::toString);
        assertTrue(r.stdout().contains("verdicts: chosen yes, usable yes"), r::toString);
    }

    @Test
    void droppedIndexFailsWithThePlanExcerpt(PgDatabase db) {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        db.execute("DROP INDEX idx_billing_rates_lookup");
        CliResult r = idxmig.run("plan-check");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("FAIL  current billing rate"), r::toString);
        assertTrue(r.stdout().contains("though migration V4__billing_and_leave_indexes.sql created it"), r::toString);
        assertTrue(r.stdout().contains("Seq Scan on billing_rates"), r::toString);
        assertTrue(r.stdout().contains("billing_rates is scanned in full (chosen plan)"), r::toString);
    }

    @Test
    void customPlanWithTheParameterUsesThePartialIndexAndTheGenericPlanCannot(PgDatabase db) throws IOException {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        String sql = "    sql: SELECT id FROM factorial_leaves WHERE company_id = ? AND status = ? AND start_date >= ?\n"
                + "    params: [11, pending, '2025-06-01']\n";
        checks("checks:\n"
                + "  - name: custom\n" + sql + "    expect: {uses_index: idx_factorial_leaves_company_status}\n"
                + "  - name: generic\n    generic_plan: true\n" + sql
                + "    expect: {uses_index: idx_factorial_leaves_company_status}\n");
        CliResult r = idxmig.run("plan-check", "--checks", "my-checks.yaml");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("ok    custom"), r::toString);
        assertTrue(r.stdout().contains("FAIL  generic"), r::toString);
        assertTrue(r.stdout().contains("verdicts: chosen no, usable no; generic plan"), r::toString);
    }

    @Test
    void smallTableGivesUsableButNotChosenAndTheModeDecides(PgDatabase db) throws IOException {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        db.execute("CREATE TABLE tiny (id int PRIMARY KEY, code int NOT NULL)",
                "INSERT INTO tiny SELECT g, g FROM generate_series(1, 20) g",
                "CREATE INDEX idx_tiny_code ON tiny (code)", "ANALYZE tiny");
        checks("checks:\n  - name: tiny lookup\n    sql: SELECT * FROM tiny WHERE code > 2\n"
                + "    expect: {uses_index: idx_tiny_code}\n");
        CliResult chosen = idxmig.run("plan-check", "--checks", "my-checks.yaml");
        assertEquals(1, chosen.exitCode(), chosen::toString);
        assertTrue(chosen.stdout().contains("verdicts: chosen no, usable yes"), chosen::toString);
        assertTrue(chosen.stdout().contains("the index is usable"), chosen::toString);
        assertTrue(chosen.stdout().contains("plan with sequential scans off (usable):"), chosen::toString);

        CliResult usable = idxmig.run("plan-check", "--checks", "my-checks.yaml", "--mode", "usable");
        assertEquals(0, usable.exitCode(), usable::toString);
    }

    @Test
    void costAndRowsExaminedLimitsAreJudged(PgDatabase db) throws IOException {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        checks("checks:\n"
                + "  - name: full scan reads everything\n    sql: SELECT * FROM factorial_leaves WHERE end_date = '2025-01-01'\n"
                + "    expect: {max_rows_examined: 1000, max_cost: 5}\n"
                + "  - name: index reads few\n    sql: SELECT * FROM billing_rates WHERE company_id = 8 AND "
                + "user_email = 'user7@example.com'\n    expect: {max_rows_examined: 10}\n");
        CliResult r = idxmig.run("plan-check", "--checks", "my-checks.yaml");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("20000 rows examined, over max_rows_examined 1000"), r::toString);
        assertTrue(r.stdout().contains("is over max_cost 5.00"), r::toString);
        assertTrue(r.stdout().contains("ok    index reads few"), r::toString);
    }

    @Test
    void planCheckNeverChangesDataEvenWhenTheQueryRuns(PgDatabase db) throws IOException {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        long before = db.queryLong("SELECT count(*) FROM worklogs");
        checks("checks:\n"
                // runs under EXPLAIN ANALYZE: the read-only transaction refuses the DELETE hidden in a CTE
                + "  - name: hidden delete\n    sql: WITH d AS (DELETE FROM worklogs RETURNING id) SELECT count(*) FROM d\n"
                + "    expect: {max_rows_examined: 1}\n"
                // allowed to write: it runs, and the transaction is rolled back
                + "  - name: allowed delete\n    allow_writes: true\n    sql: DELETE FROM worklogs\n"
                + "    expect: {max_rows_examined: 1000000}\n"
                + "  - name: refused update\n    sql: UPDATE worklogs SET billable = false\n");
        CliResult r = idxmig.run("plan-check", "--checks", "my-checks.yaml");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("read-only transaction"), r::toString);
        assertTrue(r.stdout().contains("ok    allowed delete"), r::toString);
        assertTrue(r.stdout().contains("rows examined 2000"), "the DELETE really ran: " + r);
        assertTrue(r.stdout().contains("refused: the SQL starts with UPDATE"), r::toString);
        assertEquals(before, db.queryLong("SELECT count(*) FROM worklogs"));
    }

    @Test
    void analyzeOptionRefreshesStatistics(PgDatabase db) {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        CliResult r = idxmig.run("plan-check", "--analyze", "--check", "instance worklogs in a week");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("ANALYZE ran first on: worklogs"), r::toString);
        assertTrue(db.queryLong("SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'worklogs' "
                + "AND last_analyze IS NOT NULL") == 1);
    }
}
