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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.idxmig.testing.BenchJson.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bench and migrate --benchmark on PostgreSQL: rows examined and buffers from EXPLAIN (ANALYZE, BUFFERS), plans
 * before and after. Assertions are on rows and plans, never on time.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class BenchPostgresCliTest {
    private static final String MONTH = "user worklogs in a month";

    @TempDir
    Path dir;


    @Test
    void migrateBenchmarkShowsRowsExaminedDropWhenTheIndexIsBuilt(PgDatabase db) throws IOException {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult r = idxmig.run("migrate", "--benchmark", ExampleProject.SMALL, "--runs", "5", "--warmup", "1",
                "--chart", "chart.png");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().lines().skip(1).findFirst().orElse("").matches(
                "  QUERY +BEFORE +AFTER +CHANGE +ROWS EXAMINED +INDEX"), r::toString);
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("  " + MONTH + " ")
                && l.contains(" 2,000 -> 4 ") && l.endsWith("full scan -> idx_worklogs_user_range")), r::toString);
        assertTrue(r.stdout().contains("rows examined 2,000 -> 4"), r::toString);
        assertTrue(r.stdout().contains("before: Seq Scan on worklogs"), r::toString);
        // generic_plan: true is timed with the generic plan, which cannot use the partial index, before or after
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("  leaves by a status parameter")
                && l.contains(" 20,000 -> 20,000 ") && l.endsWith(" full scan")), r::toString);
        assertTrue(r.stdout().contains("generic plan (unchanged): Seq Scan on factorial_leaves"), r::toString);
        assertTrue(r.stdout().contains("idx_worklogs_user_range"), r::toString);
        byte[] png = Files.readAllBytes(dir.resolve("chart.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG chart");
    }

    @Test
    void benchReportsServerSideFactsAndTheirContext(PgDatabase db) {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        CliResult r = idxmig.run("bench", "--check", MONTH, "--runs", "5", "--format", "json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode run = new JsonMapper().readTree(r.stdout()).get("targets").get(0).get("report").get("run");
        assertTrue(run.get("database").asString().startsWith("PostgreSQL"), run::toString);
        assertEquals(1, run.get("queries").size(), "--check picks one");
        JsonNode q = query(run, MONTH);
        assertEquals(4, q.get("rowsReturned").asLong());
        assertEquals(4, q.get("rowsExamined").asLong());
        assertTrue(q.get("buffersHit").asLong() > 0, q::toString);
        assertTrue(q.get("serverMs").asDouble() > 0, q::toString);
        assertTrue(q.get("vmSteps").isNull(), q::toString);
        assertEquals("idx_worklogs_user_range", q.get("indexes").get(0).asString());
        JsonNode table = q.get("tables").get(0);
        assertEquals("worklogs", table.get("table").asString());
        assertEquals(2000, table.get("rows").asLong());
        assertTrue(table.get("fresh").asBoolean(), table::toString);
    }

    @Test
    void aDroppedIndexShowsAsAFullScanAgainstTheBaseline(PgDatabase db) {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        CliResult saved = idxmig.run("bench", "--check", MONTH, "--runs", "5", "--save-baseline", "base.json");
        assertEquals(0, saved.exitCode(), saved::toString);
        db.execute("DROP INDEX idx_worklogs_user_range");
        CliResult r = idxmig.run("bench", "--check", MONTH, "--runs", "5", "--baseline", "base.json",
                "--tolerance", "100000000");
        assertEquals(0, r.exitCode(), "within an absurd tolerance: " + r);
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("  " + MONTH + " ") && l.contains(" 2,000 ")
                && l.contains(" full scan ")), r::toString);
    }
}
