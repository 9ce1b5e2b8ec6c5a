package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets a clear error, the documented exit code, and leaves the database as it was. SQLite and offline. */
@Tag("sqlite")
class BadInputCliTest {
    @TempDir
    Path dir;

    @Test
    void unreachableHostExitsThreeAndSaysWhatToCheck() {
        CliResult r = Idxmig.in(dir).run("status", "--url", "jdbc:postgresql://127.0.0.1:1/nothing");
        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("error: cannot connect to jdbc:postgresql://127.0.0.1:1/nothing"), r::toString);
        assertTrue(r.stderr().contains("hint: check that the server is running"), r::toString);
        assertFalse(r.stderr().contains("\tat "), "no stack trace without --stacktrace");
        assertEquals("", r.stdout());
    }

    @Test
    void stacktraceFlagShowsTheTrace() {
        CliResult r = Idxmig.in(dir).run("status", "--stacktrace", "--url", "jdbc:postgresql://127.0.0.1:1/x");
        assertEquals(3, r.exitCode());
        assertTrue(r.stderr().contains("\tat "), r::toString);
    }

    @Test
    void unknownJdbcSchemeIsAUsageError() {
        CliResult r = Idxmig.in(dir).run("migrate", "--url", "jdbc:mysql://localhost/app");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("unsupported database 'mysql'"), r::toString);
    }

    @Test
    void missingMigrationsFolderIsAUsageError() {
        CliResult r = Idxmig.in(dir).run("migrate", "--locations", "does-not-exist");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("migrations folder not found: " + dir.resolve("does-not-exist")), r::toString);
        assertFalse(Files.exists(dir.resolve("idxmig.db.idxmig-lock")), "nothing was started");
    }

    @Test
    void aFileWhereTheMigrationsFolderShouldBeIsAUsageError() throws Exception {
        Files.writeString(dir.resolve("migrations"), "not a folder");
        CliResult r = Idxmig.in(dir).run("migrate");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("migrations folder not found"), r::toString);
    }

    @Test
    void emptyMigrationsFolderHasNothingToDo() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        CliResult r = Idxmig.in(dir).run("migrate");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("Nothing to migrate"), r::toString);
    }

    @Test
    void syntaxErrorNamesFileAndLineAndLeavesNoTrace() throws Exception {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__tables.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);\n");
        ExampleProject.write(m, "V2__broken.sql", "CREATE INDEX idx_a_v ON a (v);\n\nCREATE TABLE b (id INTEGER;\n");
        CliResult r = Idxmig.in(dir).run("migrate");

        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("V2__broken.sql failed at line 3"), r::toString);
        assertTrue(r.stderr().contains("the migration was rolled back: nothing of it was applied"), r::toString);
        assertTrue(r.stdout().contains("Applied before the failure: 1 migration"), r::toString);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("idxmig.db"))) {
            assertEquals(0, count(c, "SELECT count(*) FROM sqlite_schema WHERE name IN ('idx_a_v', 'b')"));
            assertEquals(0, count(c, "SELECT count(*) FROM flyway_schema_history WHERE version = '2'"));
            assertEquals(0, count(c, "SELECT count(*) FROM idxmig_index_ledger WHERE version = '2'"));
        }
    }

    @Test
    void editedAppliedMigrationIsNamedAndNothingRuns() throws Exception {
        Path m = dir.resolve("migrations");
        Path v1 = ExampleProject.write(m, "V1__tables.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);\n");
        assertEquals(0, Idxmig.in(dir).run("migrate").exitCode());
        Files.writeString(v1, "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT, w TEXT);\n");
        ExampleProject.write(m, "V2__idx.sql", "CREATE INDEX idx_a_v ON a (v);\n");

        CliResult r = Idxmig.in(dir).run("migrate");
        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("applied migration V1__tables.sql was edited after it ran (checksum mismatch)"),
                r::toString);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("idxmig.db"))) {
            assertEquals(0, count(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'idx_a_v'"));
        }
    }

    @Test
    void twoMigrationsWithOneVersionAreNamedBoth() {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__a.sql", "CREATE TABLE a (id INTEGER);\n");
        ExampleProject.write(m.resolve("sub"), "V1.0__b.sql", "CREATE TABLE b (id INTEGER);\n");
        CliResult r = Idxmig.in(dir).run("migrate");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("two migrations have version 1"), r::toString);
        assertTrue(r.stderr().contains("V1__a.sql") && r.stderr().contains("V1.0__b.sql"), r::toString);
        assertFalse(Files.exists(dir.resolve("idxmig.db")) && tableCount() > 0, "nothing was applied");
    }

    @Test
    void sqliteFileInAMissingFolderCannotBeOpened() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        CliResult r = Idxmig.in(dir).run("migrate", "--url", "jdbc:sqlite:no/such/folder/app.db");
        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("the folder " + dir.resolve("no/such/folder") + " does not exist"),
                r::toString);
    }

    @Test
    void sqliteFileWhereNothingCanBeWrittenCannotBeOpened() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        // /proc refuses new files even to root, unlike a chmod'ed folder.
        CliResult r = Idxmig.in(dir).run("migrate", "--url", "jdbc:sqlite:/proc/idxmig-test.db");
        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("/proc/idxmig-test.db"), r::toString);
        assertTrue(r.stderr().contains("hint: check that the path names a SQLite file"), r::toString);
    }

    @Test
    void unknownConfigKeyIsAUsageErrorWithItsLine() throws Exception {
        Files.writeString(dir.resolve("idxmig.yaml"), "url: jdbc:sqlite:app.db\nlocatons: [migrations]\n");
        CliResult r = Idxmig.in(dir).run("status");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("idxmig.yaml line 2: unknown key 'locatons'"), r::toString);
    }

    @Test
    void passwordEnvNamingAnUnsetVariableIsAUsageError() {
        CliResult r = Idxmig.in(dir).run("status", "--password-env", "NOT_SET_ANYWHERE");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("--password-env names NOT_SET_ANYWHERE"), r::toString);
    }

    @Test
    void missingCommandAndTyposAreUsageErrors() {
        assertEquals(2, Idxmig.in(dir).run().exitCode());
        CliResult typo = Idxmig.in(dir).run("migrat");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.stderr().contains("Did you mean: idxmig migrate"), typo::toString);
    }

    @Test
    void helpListsTheExitCodesAndVersionPrints() {
        CliResult help = Idxmig.in(dir).run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("Exit codes:"), help::toString);
        assertTrue(help.stdout().matches("(?s).*\\b5 +lock not acquired in time.*"), help::toString);
        CliResult version = Idxmig.in(dir).run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.stdout().startsWith("idxmig "), version::toString);
    }

    @Test
    void everySubcommandAnswersHelpWithItsOptionsAndTheExitCodes() {
        for (String command : new String[] {"migrate", "status", "verify", "plan-check", "bench", "lint", "doctor",
            "backup", "restore", "rollback", "repair"}) {
            CliResult r = Idxmig.in(dir).run(command, "--help");
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().startsWith("Usage: idxmig " + command), r::toString);
            assertTrue(r.stdout().contains("Exit codes:"), r::toString);
            assertFalse(r.stdout().matches("(?s).*\\bnull\\b.*"), "a ${...} picocli could not fill in: " + r);
        }
    }

    @Test
    void eachCommandsHelpListsOnlyTheFormatsItWrites() {
        CliResult migrate = Idxmig.in(dir).run("migrate", "--help");
        assertTrue(migrate.stdout().contains("Report format: text, json; with --benchmark"), migrate::toString);
        CliResult backup = Idxmig.in(dir).run("backup", "--help");
        assertTrue(backup.stdout().contains("Report format: text, json (default: text)"), backup::toString);
        CliResult verify = Idxmig.in(dir).run("verify", "--help");
        assertTrue(verify.stdout().contains("Report format: text, json, junit, markdown"), verify::toString);
        assertFalse(verify.stdout().contains("sarif"), verify::toString);
        CliResult lint = Idxmig.in(dir).run("lint", "--help");
        assertTrue(lint.stdout().contains("Report format: text, json, junit, markdown, sarif"), lint::toString);
        CliResult completion = Idxmig.in(dir).run("generate-completion");
        assertTrue(completion.stdout().contains("FORMAT_option_args=(\"text\" \"json\") # --format values"),
                "completion offers a command only its formats");
    }

    @Test
    void aBareNumberIsSecondsForEveryDurationOption() throws Exception {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);\n");
        CliResult r = Idxmig.in(dir).run("migrate", "--url", "jdbc:sqlite:app.db", "--lock-wait", "5",
                "--lock-timeout", "2", "--statement-timeout", "0", "--build-wait", "30", "--no-backup");
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void aReadOnlyCommandNeverCreatesTheDatabaseFile() {
        ExampleProject.copyTo(dir); // plan-check and bench read the checks file first
        for (String command : new String[] {"status", "verify", "doctor", "plan-check", "bench"}) {
            CliResult r = Idxmig.in(dir).run(command, "--url", "jdbc:sqlite:fresh.db");
            assertEquals(3, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("the file does not exist, and " + command + " never creates one"),
                    r::toString);
            assertFalse(Files.exists(dir.resolve("fresh.db")), command + " created the database");
        }
    }

    @Test
    void completionScriptIsGenerated() {
        CliResult r = Idxmig.in(dir).run("generate-completion");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("complete -F _complete_idxmig"), r.stdout());
    }

    private int tableCount() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("idxmig.db"))) {
            return count(c, "SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'b')");
        } catch (Exception e) {
            return 0;
        }
    }

    private static int count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
