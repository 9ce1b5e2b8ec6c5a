package dev.idxmig.migrate;

import dev.idxmig.base.Failure;
import dev.idxmig.base.Problem;
import dev.idxmig.config.SecretMasker;
import dev.idxmig.safebuild.FailedScript;
import dev.idxmig.script.MigrationScript;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.ErrorOutput;
import org.flywaydb.core.api.output.errors.ErrorOutputItem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract with Flyway's failures: the real Flyway (on SQLite) is made to fail in each way
 * {@link MigrationFailures} recognises, and each must come out as idxmig's own problem, not as Flyway's text passed
 * through. Flyway's error codes where it gives one, its English where it does not: an upgrade that changes either
 * fails here, not as a wrong exit code in front of a user.
 */
@Tag("sqlite")
class FlywayFailuresContractTest {
    @TempDir
    Path dir;

    private Flyway flyway() {
        return Flyway.configure().dataSource("jdbc:sqlite:" + dir.resolve("app.db"), null, null)
                .locations("filesystem:" + dir.resolve("migrations")).load();
    }

    private void script(String name, String sql) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations").resolve(name), sql);
    }

    private static Problem describe(FlywayException e) {
        return MigrationFailures.describe(e, List.of(), SecretMasker.none(), Optional.empty());
    }

    private Problem describeWithScripts(FlywayException e) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("migrations"))) {
            List<MigrationScript> scripts = files.map(MigrationScript::fromPath).flatMap(Optional::stream).toList();
            return MigrationFailures.describe(e, scripts, SecretMasker.none(), Optional.empty());
        }
    }

    @Test
    void anEditedAppliedScriptIsAChecksumMismatch() throws Exception {
        script("V1__a.sql", "CREATE TABLE a (id INTEGER);\n");
        flyway().migrate();
        script("V1__a.sql", "CREATE TABLE a (id INTEGER, b TEXT);\n");
        FlywayException e = assertThrows(FlywayException.class, () -> flyway().migrate());
        assertEquals(CoreErrorCode.VALIDATE_ERROR, e.getErrorCode());
        Problem p = describe(e);
        assertEquals(Failure.OPERATION, p.kind());
        assertEquals("applied migration version 1 was edited after it ran (checksum mismatch); nothing was migrated",
                p.message());
    }

    @Test
    void anAppliedScriptThatIsGoneIsNamed() throws Exception {
        script("V1__a.sql", "CREATE TABLE a (id INTEGER);\n");
        script("V2__b.sql", "CREATE TABLE b (id INTEGER);\n");
        flyway().migrate();
        Files.delete(dir.resolve("migrations/V1__a.sql")); // the newest one gone would count as "future"
        FlywayException e = assertThrows(FlywayException.class, () -> flyway().migrate());
        assertEquals(CoreErrorCode.VALIDATE_ERROR, e.getErrorCode());
        assertEquals("applied migration version 1 has no script in the migration folders; nothing was migrated",
                describe(e).message());
    }

    @Test
    void aSchemaWithObjectsButNoHistoryIsAUsageError() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"))) {
            c.createStatement().execute("CREATE TABLE legacy (id INTEGER)");
        }
        script("V1__a.sql", "CREATE TABLE a (id INTEGER);\n");
        FlywayException e = assertThrows(FlywayException.class, () -> flyway().migrate());
        assertEquals(CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE, e.getErrorCode());
        Problem p = describe(e);
        assertEquals(Failure.USAGE, p.kind());
        assertTrue(p.message().startsWith("schema main holds objects"), p.message());
    }

    @Test
    void aFailingStatementNamesItsFileLineAndTheDatabasesWords() throws Exception {
        script("V1__a.sql", "CREATE TABLE a (id INTEGER);\nINSERT INTO nowhere VALUES (1);\n");
        FlywayException e = assertThrows(FlywayException.class, () -> flyway().migrate());
        Problem p = describe(e);
        assertTrue(p.message().startsWith("V1__a.sql failed at line 2: "), p.message());
        assertTrue(p.message().contains("no such table: nowhere"), p.message());
        assertFalse(p.message().contains("Flyway with -X"), p.message());
        assertEquals("V1__a.sql failed at line 2: [SQLITE_ERROR] SQL error or missing database (no such table: "
                + "nowhere)", MigrationFailures.brief(e, SecretMasker.none()));
    }

    /**
     * The failed script is read through Flyway's public API ({@code ErrorOutput}'s item for a failed migration:
     * code, path, line), not its internal exception classes; the line is where the statement starts, after a
     * comment before it, which is how the statement's text is found in the script.
     */
    @Test
    void aFailedScriptIsReadThroughFlywaysPublicErrorOutput() throws Exception {
        script("V1__a.sql", "CREATE TABLE a (id INTEGER);\n-- the one that fails\nINSERT INTO nowhere\n"
                + "  VALUES (1);\nCREATE TABLE b (id INTEGER);\n");
        FlywayException e = assertThrows(FlywayException.class, () -> flyway().migrate());
        ErrorOutputItem item = ErrorOutput.fromException(e).error();
        assertEquals(CoreErrorCode.FAILED_VERSIONED_MIGRATION, item.errorCode());
        assertEquals(Optional.of(new FailedScript("V1__a.sql", 3)), FailedScript.of(e));
        Problem p = describeWithScripts(e);
        assertEquals(Failure.OPERATION, p.kind());
        assertTrue(p.message().startsWith("V1__a.sql failed at line 3: "), p.message());
        assertTrue(p.message().contains("\n  statement: INSERT INTO nowhere\n"), p.message());
        assertTrue(p.message().endsWith("the migration was rolled back: nothing of it was applied"), p.message());
        assertEquals(Optional.of("fix the script and run 'idxmig migrate' again"), p.hint());
    }

    @Test
    void aRepeatableScriptThatFailsIsNamedToo() throws Exception {
        script("R__fill.sql", "INSERT INTO nowhere VALUES (1);\n");
        FlywayException e = assertThrows(FlywayException.class, () -> flyway().migrate());
        assertEquals(CoreErrorCode.FAILED_REPEATABLE_MIGRATION, ErrorOutput.fromException(e).error().errorCode());
        assertEquals(Optional.of(new FailedScript("R__fill.sql", 1)), FailedScript.of(e));
    }

    @Test
    void aFailureThatIsNoScriptsHasNoFailedScript() throws Exception {
        script("V1__a.sql", "CREATE TABLE a (id INTEGER);\n");
        flyway().migrate();
        script("V1__a.sql", "CREATE TABLE a (id INTEGER, b TEXT);\n");
        FlywayException e = assertThrows(FlywayException.class, () -> flyway().migrate());
        assertEquals(Optional.empty(), FailedScript.of(e));
    }
}
