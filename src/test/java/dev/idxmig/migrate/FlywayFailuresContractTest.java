package dev.idxmig.migrate;

import dev.idxmig.base.Failure;
import dev.idxmig.base.Problem;
import dev.idxmig.config.SecretMasker;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Optional;

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
    }
}
