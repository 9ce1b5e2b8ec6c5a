package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.ExampleSqlite;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code idxmig audit} on the example's SQLite file: provenance, promises and plans, and no claim about usage. */
@Tag("sqlite")
class AuditSqliteCliTest {
    @TempDir
    Path dir;

    @Test
    void theExampleDeliversOnItsChecksAndSaysUsageCannotBeKnown() throws Exception {
        Idxmig idxmig = ExampleProject.migrated(dir);
        byte[] before = Files.readAllBytes(dir.resolve("idxmig.db"));

        CliResult r = idxmig.run("audit");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("audit SQLite"), r::toString);
        assertTrue(r.stdout().contains("4 indexes: 4 delivered"), r::toString);
        assertTrue(r.stdout().contains("no usage statistics: SQLite keeps no index usage statistics"), r::toString);
        assertTrue(r.stdout().contains("usage cannot be known on this database: judged on its checks alone"),
                r::toString);
        assertTrue(r.stdout().contains("V3 (V3__worklog_indexes.sql)"), r::toString);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("idxmig.db"))),
                "audit changed the database file");

        CliResult json = idxmig.run("audit", "--format", "json");
        assertEquals(0, json.exitCode(), json::toString);
        ReportSchemas.assertValid("audit", json.stdout());
        assertTrue(json.stdout().contains("\"scans\" : null"), json::toString);
    }

    @Test
    void aChangedQueryBreaksThePromiseAndAnUncheckedIndexIsUnknown() throws Exception {
        Idxmig idxmig = ExampleProject.migrated(dir);
        Path checks = dir.resolve("migrations/checks.yaml");
        Files.writeString(checks, Files.readString(checks).replace("WHERE instance_id = 3 AND",
                "WHERE instance_id + 0 = 3 AND"));
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V9__extra.sql",
                "CREATE INDEX idx_worklogs_duration ON worklogs (duration_seconds);\n");
        assertEquals(0, idxmig.run("migrate").exitCode());

        CliResult r = idxmig.run("audit", "--fail-on", "broken", "--format", "json");

        assertEquals(1, r.exitCode(), r::toString);
        Map<String, String> verdicts = AuditPostgresCliTest.verdicts(r);
        assertEquals("promise broken", verdicts.get("idx_worklogs_instance_range"), verdicts::toString);
        assertEquals("unknown", verdicts.get("idx_worklogs_duration"), verdicts::toString);
        assertEquals("delivered", verdicts.get("idx_worklogs_user_range"), verdicts::toString);

        CliResult markdown = idxmig.run("audit", "--format", "markdown");
        assertEquals(0, markdown.exitCode(), "no --fail-on\n" + markdown);
        assertTrue(markdown.stdout().contains("#### `idx_worklogs_instance_range` on `worklogs`: promise broken"),
                markdown::toString);
        assertTrue(markdown.stdout().contains("FAILS now"), markdown::toString);
    }

    @Test
    void badWindowsAndMissingBenchFilesAreUsageErrors() {
        Idxmig idxmig = ExampleProject.migrated(dir);
        CliResult since = idxmig.run("audit", "--since", "soon");
        assertEquals(2, since.exitCode(), since::toString);
        assertTrue(since.stderr().contains("cannot read --since 'soon'"), since::toString);
        CliResult bench = idxmig.run("audit", "--bench", "nowhere.json");
        assertEquals(2, bench.exitCode(), bench::toString);
        assertTrue(bench.stderr().contains("bench file not found"), bench::toString);
    }

    @Test
    void theDropOfABrokenPromiseAppliesRollsBackAndTheHypotheticalProofKeepsWhatAPassingCheckNeeds()
            throws Exception {
        Idxmig idxmig = ExampleProject.migrated(dir);
        Path checks = dir.resolve("migrations/checks.yaml");
        Files.writeString(checks, Files.readString(checks).replace("WHERE instance_id = 3 AND",
                "WHERE instance_id + 0 = 3 AND") + String.join("\n",
                "",
                "  - name: instance hours",
                "    sql: |",
                "      SELECT sum(duration_seconds) FROM worklogs",
                "      WHERE instance_id = 3 AND started >= '2025-03-01' AND started < '2025-03-08'",
                "    expect:",
                "      no_full_scan: [worklogs]",
                ""));

        CliResult proven = idxmig.run("audit", "--write-migration", "--hypothetical");
        assertEquals(0, proven.exitCode(), proven::toString);
        assertTrue(proven.stderr().contains("kept idx_worklogs_instance_range is still needed by check 'instance "
                + "hours'"), proven::toString);
        assertTrue(proven.stderr().contains("nothing to drop: no migration written"), proven::toString);

        CliResult written = idxmig.run("audit", "--write-migration");
        assertEquals(0, written.exitCode(), written::toString);
        assertTrue(written.stderr().contains("wrote migrations/sqlite/V5__audit_drop_indexes.sql (1 DROP INDEX) and "
                + "its undo script migrations/sqlite/U5__audit_drop_indexes.sql"), written::toString);
        assertEquals(0, idxmig.run("migrate", "--no-backup").exitCode());
        assertEquals(0, indexes(dir, "idx_worklogs_instance_range"));
        CliResult rollback = idxmig.run("rollback", "--steps", "1");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertEquals(1, indexes(dir, "idx_worklogs_instance_range"));
        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify::toString);

        CliResult alone = idxmig.run("audit", "--hypothetical");
        assertEquals(2, alone.exitCode(), alone::toString);
        assertTrue(alone.stderr().contains("--hypothetical proves the drops of --write-migration"), alone::toString);
    }

    private static long indexes(Path dir, String name) throws Exception {
        try (java.sql.Connection c = ExampleSqlite.connect(dir); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
                     + "AND name = '" + name + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
