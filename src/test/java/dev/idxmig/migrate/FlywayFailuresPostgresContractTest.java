package dev.idxmig.migrate;

import dev.idxmig.base.Failure;
import dev.idxmig.base.Problem;
import dev.idxmig.config.SecretMasker;
import dev.idxmig.db.postgres.PostgresDialect;
import dev.idxmig.safebuild.FailedScript;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ErrorOutput;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract with Flyway's failures on PostgreSQL, where a migration can be left recorded as failed (SQLite cannot
 * show it: see {@link FlywayFailuresContractTest}): a migration outside a transaction ({@code executeInTransaction=false})
 * fails part-way, Flyway records it failed, and the next run is refused. Each failure kind {@link MigrationFailures}
 * recognises is made by the real Flyway here too, and each must come out as idxmig's own problem with its exit code.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class FlywayFailuresPostgresContractTest {
    private static final String HALF_DONE = "CREATE TABLE a (id int);\n\n-- fails: the table above stands\n"
            + "INSERT INTO nowhere\n  VALUES (1);\nCREATE TABLE b (id int);\n";

    @TempDir
    Path dir;

    /**
     * Flyway as idxmig configures it for PostgreSQL: without its transactional advisory lock, whose transaction
     * would also roll back the failed row Flyway writes for a migration outside a transaction.
     */
    private Flyway flyway(PgDatabase db) {
        FluentConfiguration config = Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("filesystem:" + dir.resolve("migrations"));
        new PostgresDialect().configureFlyway(config);
        return config.load();
    }

    private void script(String name, String sql) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations").resolve(name), sql);
    }

    private List<MigrationScript> scripts() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("migrations"))) {
            return files.map(MigrationScript::fromPath).flatMap(Optional::stream).toList();
        }
    }

    private Problem describe(FlywayException e, boolean nonTransactional) throws Exception {
        return MigrationFailures.describe(e, scripts(), SecretMasker.none(), Optional.empty(), nonTransactional);
    }

    private FlywayException failHalfway(PgDatabase db) throws Exception {
        script("V1__x.sql", HALF_DONE);
        script("V1__x.sql.conf", "executeInTransaction=false\n");
        return assertThrows(FlywayException.class, () -> flyway(db).migrate());
    }

    @Test
    void aMigrationOutsideATransactionFailingPartWayNamesItsStatementAndResumes(PgDatabase db) throws Exception {
        FlywayException e = failHalfway(db);

        assertEquals(CoreErrorCode.FAILED_VERSIONED_MIGRATION, ErrorOutput.fromException(e).error().errorCode());
        assertEquals(Optional.of(new FailedScript("V1__x.sql", 4)), FailedScript.of(e));
        Problem p = describe(e, true);
        assertEquals(Failure.OPERATION, p.kind());
        assertTrue(p.message().startsWith("V1__x.sql failed at line 4: ERROR: relation \"nowhere\" does not exist"),
                p.message());
        assertTrue(p.message().contains("\n  statement: INSERT INTO nowhere\n"), p.message());
        assertTrue(p.message().endsWith("it runs outside a transaction; no index change of it stands"), p.message());
        assertTrue(p.hint().orElseThrow().startsWith("fix the cause (or the script) and run 'idxmig migrate' again: "
                + "it resumes"), p.hint().toString());
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'a'"), "the first statement stands");
        assertEquals(1, db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version = '1' AND NOT success"),
                "Flyway records the migration as failed");
    }

    @Test
    void aMigrationRecordedAsFailedStopsTheNextRun(PgDatabase db) throws Exception {
        failHalfway(db);
        FlywayException e = assertThrows(FlywayException.class, () -> flyway(db).migrate());

        assertEquals(CoreErrorCode.VALIDATE_ERROR, e.getErrorCode());
        assertEquals(Optional.empty(), FailedScript.of(e), "no script failed in this run");
        Problem p = describe(e, false);
        assertEquals(Failure.OPERATION, p.kind());
        assertEquals("migration V1__x.sql failed earlier and is recorded as failed; nothing was migrated",
                p.message());
        assertEquals(Optional.of("remove what it left behind ('idxmig status' shows it), fix the script, then run "
                + "'idxmig repair' and 'idxmig migrate' again"), p.hint());
    }

    @Test
    void aFailingStatementInATransactionIsRolledBack(PgDatabase db) throws Exception {
        script("V1__x.sql", HALF_DONE);
        FlywayException e = assertThrows(FlywayException.class, () -> flyway(db).migrate());

        assertEquals(CoreErrorCode.FAILED_VERSIONED_MIGRATION, ErrorOutput.fromException(e).error().errorCode());
        Problem p = describe(e, false);
        assertEquals(Failure.OPERATION, p.kind());
        assertTrue(p.message().startsWith("V1__x.sql failed at line 4: ERROR: relation \"nowhere\" does not exist"),
                p.message());
        assertTrue(p.message().endsWith("the migration was rolled back: nothing of it was applied"), p.message());
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'a'"));
    }

    @Test
    void aLockNotAcquiredInTimeIsALockFailure(PgDatabase db) throws Exception {
        script("V1__t.sql", "CREATE TABLE t (id int);\n");
        flyway(db).migrate();
        script("V2__ix.sql", "SET lock_timeout = '50ms';\nCREATE INDEX ix_t ON t (id);\n");
        FlywayException e;
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
            e = assertThrows(FlywayException.class, () -> flyway(db).migrate());
            holder.rollback();
        }

        assertEquals(Optional.of(new FailedScript("V2__ix.sql", 2)), FailedScript.of(e));
        Problem p = describe(e, false);
        assertEquals(Failure.LOCK, p.kind(), p.message());
        assertTrue(p.message().startsWith("V2__ix.sql failed at line 2: ERROR: canceling statement due to lock "
                + "timeout"), p.message());
    }

    @Test
    void anEditedAppliedScriptIsAChecksumMismatch(PgDatabase db) throws Exception {
        script("V1__a.sql", "CREATE TABLE a (id int);\n");
        flyway(db).migrate();
        script("V1__a.sql", "CREATE TABLE a (id int, b text);\n");
        FlywayException e = assertThrows(FlywayException.class, () -> flyway(db).migrate());

        assertEquals(CoreErrorCode.VALIDATE_ERROR, e.getErrorCode());
        assertEquals("applied migration V1__a.sql was edited after it ran (checksum mismatch); nothing was migrated",
                describe(e, false).message());
    }

    @Test
    void anAppliedScriptThatIsGoneIsNamed(PgDatabase db) throws Exception {
        script("V1__a.sql", "CREATE TABLE a (id int);\n");
        script("V2__b.sql", "CREATE TABLE b (id int);\n");
        flyway(db).migrate();
        Files.delete(dir.resolve("migrations/V1__a.sql"));
        FlywayException e = assertThrows(FlywayException.class, () -> flyway(db).migrate());

        assertEquals(CoreErrorCode.VALIDATE_ERROR, e.getErrorCode());
        assertEquals("applied migration version 1 has no script in the migration folders; nothing was migrated",
                describe(e, false).message());
    }

    @Test
    void aSchemaWithObjectsButNoHistoryIsAUsageError(PgDatabase db) throws Exception {
        db.execute("CREATE TABLE legacy (id int)");
        script("V1__a.sql", "CREATE TABLE a (id int);\n");
        FlywayException e = assertThrows(FlywayException.class, () -> flyway(db).migrate());

        assertEquals(CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE, e.getErrorCode());
        Problem p = describe(e, false);
        assertEquals(Failure.USAGE, p.kind());
        assertTrue(p.message().startsWith("schema public holds objects"), p.message());
    }
}
