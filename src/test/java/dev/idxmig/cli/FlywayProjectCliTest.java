package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Flyway project as it is, with its flyway.toml and no idxmig.yaml, run by idxmig. */
@Tag("sqlite")
class FlywayProjectCliTest {
    @TempDir
    Path dir;

    private void flywayProject(String flywaySection) throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), """
                [environments.local]
                url = "jdbc:sqlite:app.db"
                password = "toml-secret"

                [flyway]
                environment = "local"
                locations = ["filesystem:sql"]
                """ + flywaySection);
        Files.createDirectories(dir.resolve("sql"));
        Files.writeString(dir.resolve("sql/V1__x.sql"), """
                CREATE TABLE items (id INTEGER PRIMARY KEY, owner TEXT NOT NULL);
                CREATE INDEX idx_items_owner ON items (owner);
                """);
    }

    @Test
    void aFolderWithOnlyFlywayTomlIsMigratedAndStatusShowsItsVersion() throws Exception {
        flywayProject("");
        Idxmig idxmig = Idxmig.in(dir);

        CliResult migrate = idxmig.run("migrate", "--verbose");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(Files.exists(dir.resolve("app.db")), "the environment's database, not idxmig.db");
        assertFalse(Files.exists(dir.resolve("idxmig.db")));
        assertTrue(migrate.stdout().contains("created idx_items_owner on items"), migrate::toString);
        assertTrue(migrate.stderr().contains("config: Flyway configuration: " + dir.resolve("flyway.toml")
                + " (environment local)"), migrate::toString);
        assertFalse(migrate.toString().contains("toml-secret"), "the password is never printed");

        CliResult status = idxmig.run("status");
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.stdout().contains("at version 1"), status::toString);
        assertTrue(status.stdout().contains("created idx_items_owner on items: valid"), status::toString);
    }

    @Test
    void aCustomHistoryTableIsWhereTheHistoryIsKeptAndReadAndNeverInTheCatalog() throws Exception {
        flywayProject("table = \"my_history\"\n");
        Idxmig idxmig = Idxmig.in(dir);
        CliResult r = idxmig.run("migrate");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("created idx_items_owner on items"), r::toString);
        assertFalse(r.stdout().contains("my_history_s_idx"), "Flyway's own index is not the project's: " + r);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM sqlite_schema WHERE name = 'flyway_schema_history'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "no second history under Flyway's default name");
        }
        CliResult status = idxmig.run("status");
        assertTrue(status.stdout().contains("at version 1"), status::toString);
        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify::toString);
        CliResult again = idxmig.run("migrate");
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.stdout().contains("Nothing to migrate") && again.stdout().contains("up to date at version 1"),
                again::toString);
    }

    @Test
    void aBrokenFlywayTomlIsAUsageErrorWithItsLine() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), "[environments.local]\nurl = \"jdbc:sqlite:app.db\n");
        CliResult r = Idxmig.in(dir).run("status");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("flyway.toml line 2"), r::toString);
    }

    @Test
    void anUnknownEnvironmentListsTheOnesThatExist() throws Exception {
        flywayProject("");
        CliResult r = Idxmig.in(dir).run("status", "--environment", "prod");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("environment 'prod' is not in flyway.toml"), r::toString);
        assertTrue(r.stderr().contains("its environments: local"), r::toString);
    }
}
