package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Extensions;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * advise with pg_stat_statements as the workload: the statements a workload ran, normalised ($1), planned as generic
 * plans or with sample values; the checks --write adds carry the measured mean as their bench target. Without the
 * extension created, advise says how to create it and goes on with the other sources.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class AdviseStatStatementsPostgresCliTest {
    @TempDir
    Path dir;

    private Idxmig project(PgDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("idxmig.yaml"), "locations:\n  - migrations\nchecks: checks.yaml\n");
        Files.writeString(dir.resolve("migrations/V1__tables.sql"), AdvisePostgresCliTest.SCHEMA + "\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult m = idxmig.run("migrate", "--no-backup");
        assertEquals(0, m.exitCode(), m::toString);
        db.execute("VACUUM ANALYZE");
        Extensions.requireHypopg(db);
        return idxmig;
    }

    /** Runs the workload the way an application would: the same statements with different constants. */
    private static void runWorkload(PgDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (int i = 0; i < 5; i++) {
                st.execute("SELECT * FROM worklogs WHERE company_id = " + i + " AND author = 'a" + (i * 10 + 3)
                        + "' AND started >= '2025-03-01' AND started < '2025-04-01' ORDER BY started DESC");
                st.execute("SELECT id, title FROM tickets WHERE assignee = " + i + " ORDER BY created_at DESC "
                        + "LIMIT 10");
            }
        }
    }

    @Test
    void theMeasuredWorkloadIsPlannedGenericallyAndWrittenWithItsMean(PgDatabase db) throws Exception {
        Idxmig idxmig = project(db);
        Extensions.requirePgStatStatements(db);
        runWorkload(db);
        CliResult r = idxmig.run("advise", "--no-checks", "--explain");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("CREATE INDEX idx_worklogs_company_id_author_started ON worklogs (company_id, "
                + "author, started DESC);"), r::toString);
        assertTrue(r.stdout().contains("ON tickets (assignee, created_at DESC)"), r::toString);
        assertTrue(r.stdout().contains("advise: 2 indexes proposed for 2 queries"), "only the application's "
                + "statements: " + r);
        assertTrue(r.stdout().contains("(generic plan, cost"), r::toString);
        assertTrue(r.stdout().contains("5 calls"), r::toString);

        CliResult w = idxmig.run("advise", "--no-checks", "--write");
        assertEquals(0, w.exitCode(), w::toString);
        String checks = Files.readString(dir.resolve("checks.yaml"));
        assertTrue(checks.contains("generic_plan: true"), checks);
        assertTrue(checks.contains("params: [null, null"), checks);
        assertTrue(checks.contains("max_median_ms: "), checks);
        CliResult hypothetical = idxmig.run("plan-check", "--hypothetical");
        assertEquals(0, hypothetical.exitCode(), hypothetical::toString);
    }

    @Test
    void samplesGiveTheNormalisedQueryItsValues(PgDatabase db) throws Exception {
        Idxmig idxmig = project(db);
        Extensions.requirePgStatStatements(db);
        runWorkload(db);
        Files.writeString(dir.resolve("samples.sql"), "SELECT id, title FROM tickets WHERE assignee = 7 "
                + "ORDER BY created_at DESC LIMIT 10;\n");
        CliResult r = idxmig.run("advise", "--no-checks", "--explain", "--samples", "samples.sql");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("(with sample values, cost"), r::toString);
    }

    @Test
    void withoutTheExtensionItSaysHowAndUsesTheOtherSources(PgDatabase db) throws Exception {
        Idxmig idxmig = project(db);
        Files.writeString(dir.resolve("q.sql"), "SELECT id, title FROM tickets WHERE assignee = 3 "
                + "ORDER BY created_at DESC LIMIT 10;\n");
        CliResult r = idxmig.run("advise", "--queries", "q.sql");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("note: pg_stat_statements is loaded but not created in database")
                || r.stdout().contains("note: pg_stat_statements is not loaded"), r::toString);
        assertTrue(r.stdout().contains("CREATE EXTENSION pg_stat_statements"), r::toString);
        assertTrue(r.stdout().contains("proposed: idx_tickets_assignee_created_at"), r::toString);

        CliResult bad = idxmig.run("advise", "--queries", "missing-table.sql");
        assertEquals(2, bad.exitCode(), bad::toString);
        Files.writeString(dir.resolve("ghosts.sql"), "SELECT 1;\nSELECT * FROM ghosts WHERE id = 1;\n");
        CliResult ghosts = idxmig.run("advise", "--queries", "ghosts.sql");
        assertEquals(2, ghosts.exitCode(), ghosts::toString);
        assertTrue(ghosts.stderr().contains("ghosts.sql line 2: ERROR: relation \"ghosts\" does not exist"),
                ghosts::toString);
    }
}
