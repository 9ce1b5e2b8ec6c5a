package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleSqlite;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQLite's PRIMARY KEY and UNIQUE clauses make sqlite_autoindex_* indexes that belong to their table: baseline adopts
 * the indexes made with CREATE [UNIQUE] INDEX only, status lists them, and the JSON matches its schemas.
 */
@Tag("sqlite")
class AdoptConstraintsSqliteCliTest {
    @TempDir
    Path dir;

    @Test
    void baselineAdoptsCreatedIndexesAndLeavesTheTablesAutoindexesToTheirTables() throws Exception {
        ExampleSqlite.execute(dir,
                "CREATE TABLE rooms (id integer PRIMARY KEY, code text NOT NULL UNIQUE, name text)",
                "CREATE TABLE guests (email text PRIMARY KEY, name text) WITHOUT ROWID",
                "CREATE TABLE stays (room_id int, guest text, night text, UNIQUE (room_id, night))",
                "CREATE UNIQUE INDEX guests_name_lower ON guests (lower(name))",
                "CREATE INDEX stays_guest ON stays (guest)");
        assertEquals(2, ExampleSqlite.count(dir, "sqlite_schema WHERE name LIKE 'sqlite_autoindex_%'"),
                "rooms.code and stays (room_id, night): the autoindexes this test is about");
        Files.createDirectories(dir.resolve("migrations"));
        Idxmig idxmig = Idxmig.in(dir);

        CliResult baseline = idxmig.run("baseline");
        assertEquals(0, baseline.exitCode(), baseline::toString);
        assertTrue(baseline.stdout().contains("3 tables, 2 indexes adopted"), baseline::toString);
        CliResult status = idxmig.run("status");
        assertTrue(status.stdout().contains("adopted guests_name_lower on guests: valid"), status::toString);
        assertFalse(status.stdout().contains("sqlite_autoindex"), status::toString);

        CliResult json = idxmig.run("status", "--format", "json");
        ReportSchemas.assertValid("status", json.stdout());
        assertTrue(json.stdout().contains("\"action\" : \"adopted\""), json::toString);

        ExampleSqlite.execute(dir, "DROP INDEX guests_name_lower");
        CliResult verify = idxmig.run("verify", "--format", "json");
        assertEquals(0, verify.exitCode(), "a plain adopted index gone is a warning: " + verify);
        ReportSchemas.assertValid("verify", verify.stdout());
        assertTrue(verify.stdout().contains("\"object\" : \"guests_name_lower on guests\""), verify::toString);
        assertTrue(verify.stdout().contains("is gone (adopted at baseline 0)"), verify::toString);
    }
}
