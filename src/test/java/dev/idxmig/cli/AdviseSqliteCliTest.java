package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleSqlite;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * advise on SQLite: no hypothetical indexes and no plan costs, so candidates (read from the query's WHERE and
 * ORDER BY where the plan says only SCAN) are made in a copy of the schema and its statistics and ranked by the
 * plan's shape. The proposal is written, proven hypothetically, built, checked and rolled back; the target's
 * catalog is unchanged by advise itself.
 */
@Tag("sqlite")
class AdviseSqliteCliTest {
    private static final String SCHEMA = String.join("\n",
            "CREATE TABLE worklogs (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, author TEXT NOT NULL,",
            "  started TEXT NOT NULL, minutes INTEGER NOT NULL);",
            "WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 60000)",
            "INSERT INTO worklogs (company_id, author, started, minutes)",
            "SELECT x % 10, 'a' || (x % 50), date('2024-01-01', '+' || (x * 7919 % 730) || ' days'), x % 480 FROM g;",
            "CREATE TABLE leaves (id INTEGER PRIMARY KEY, employee_id INTEGER NOT NULL, kind TEXT NOT NULL);",
            "WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 20000)",
            "INSERT INTO leaves (employee_id, kind) SELECT x % 2000, CASE WHEN x % 3 = 0 THEN 'sick' ELSE 'vacation'",
            "  END FROM g;",
            "CREATE INDEX idx_leaves_kind_employee ON leaves (kind, employee_id);",
            "ANALYZE;");

    private static final String QUERIES = String.join("\n",
            "SELECT * FROM worklogs WHERE company_id = 3 AND author = 'a13'",
            "  AND started >= '2025-03-01' AND started < '2025-04-01' ORDER BY started DESC;",
            "SELECT * FROM leaves WHERE employee_id = 5 AND kind = 'sick';");

    @TempDir
    Path dir;

    private Idxmig project() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("idxmig.yaml"), "url: jdbc:sqlite:idxmig.db\nlocations:\n  - migrations\n"
                + "checks: checks.yaml\n");
        Files.writeString(dir.resolve("migrations/V1__tables.sql"), SCHEMA + "\n");
        Files.writeString(dir.resolve("queries.sql"), QUERIES + "\n");
        Idxmig idxmig = Idxmig.in(dir);
        CliResult m = idxmig.run("migrate", "--no-backup");
        assertEquals(0, m.exitCode(), m::toString);
        return idxmig;
    }

    @Test
    void proposesTheEqualityRangeSortIndexAndWritesIt() throws Exception {
        Idxmig idxmig = project();
        long objects = ExampleSqlite.count(dir, "sqlite_schema");
        CliResult r = idxmig.run("advise", "--queries", "queries.sql", "--explain");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("CREATE INDEX idx_worklogs_company_id_author_started ON worklogs (company_id, "
                + "author, started DESC);"), r::toString);
        assertFalse(r.stdout().contains("proposed: idx_leaves"), r::toString);
        assertTrue(r.stdout().contains("proof: schema and statistics copy"), r::toString);
        assertEquals(objects, ExampleSqlite.count(dir, "sqlite_schema"), "advise built nothing on the target");

        CliResult w = idxmig.run("advise", "--queries", "queries.sql", "--write");
        assertEquals(0, w.exitCode(), w::toString);
        String v2 = Files.readString(dir.resolve("migrations/V2__index_worklogs_company_id_author_started.sql"));
        assertTrue(v2.contains("CREATE INDEX idx_worklogs_company_id_author_started ON worklogs (company_id, author, "
                + "started DESC);"), v2);
        assertFalse(Files.exists(dir.resolve("migrations/V2__index_worklogs_company_id_author_started.sql.conf")));
        assertTrue(Files.exists(dir.resolve("migrations/U2__index_worklogs_company_id_author_started.sql")));

        CliResult hypothetical = idxmig.run("plan-check", "--hypothetical");
        assertEquals(0, hypothetical.exitCode(), hypothetical::toString);
        assertEquals(0, idxmig.run("migrate", "--no-backup").exitCode());
        CliResult real = idxmig.run("plan-check");
        assertEquals(0, real.exitCode(), real::toString);
        CliResult rollback = idxmig.run("rollback");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertEquals(0, ExampleSqlite.count(dir, "sqlite_schema WHERE name = 'idx_worklogs_company_id_author_started'"));
    }

    @Test
    void refusesToWriteWhereNoFolderCanBeMade() throws Exception {
        Idxmig idxmig = project();
        // the first location lies under a file: no migrations folder can be made there, not even by root
        Files.writeString(dir.resolve("blocker"), "a file, not a folder\n");
        Files.writeString(dir.resolve("idxmig.yaml"), "url: jdbc:sqlite:idxmig.db\nlocations:\n  - blocker/new\n"
                + "  - migrations\nchecks: checks.yaml\n");
        CliResult r = idxmig.run("advise", "--queries", "queries.sql", "--write");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("advise --write cannot write migrations to"), r::toString);
        assertFalse(Files.exists(dir.resolve("checks.yaml")), "nothing written");
    }

    @Test
    void withoutAWorkloadItSaysWhatToGive() throws Exception {
        Idxmig idxmig = project();
        CliResult r = idxmig.run("advise");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("advise has no workload"), r::toString);
        assertTrue(r.stderr().contains("pass --queries FILE or --checks FILE"), r::toString);
        CliResult gain = idxmig.run("advise", "--queries", "queries.sql", "--min-gain", "0");
        assertEquals(2, gain.exitCode(), gain::toString);
    }

    @Test
    void aQueryOnATableThatDoesNotExistIsNamedWithItsLine() throws Exception {
        Idxmig idxmig = project();
        Files.writeString(dir.resolve("bad.sql"), "SELECT 1;\n\nSELECT * FROM ghosts WHERE id = 1;\n");
        CliResult r = idxmig.run("advise", "--queries", "bad.sql");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("bad.sql line 3: "), r::toString);
        assertTrue(r.stderr().contains("no such table: ghosts"), r::toString);
    }
}
