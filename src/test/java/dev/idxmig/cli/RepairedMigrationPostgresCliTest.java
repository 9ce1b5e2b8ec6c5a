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

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A non-transactional migration that fails halfway, then is repaired and fixed: repair, rollback --dry-run and
 * status say what happened, at every step.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class RepairedMigrationPostgresCliTest {
    @TempDir
    Path dir;

    private Idxmig halfFailed(PgDatabase db) {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__t.sql", "CREATE TABLE t (id int PRIMARY KEY, email text, code int);\n"
                + "INSERT INTO t SELECT g, 'u' || (g % 10), g % 3 FROM generate_series(1, 100) g;\n");
        ExampleProject.write(m, "V2__t_id_email.sql", "CREATE INDEX idx_t_id_email ON t (id, email);\n");
        ExampleProject.write(m, "V3__idx.sql", "CREATE INDEX CONCURRENTLY idx_t_email ON t (email);\n\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY idx_t_code ON t (code);\n");
        ExampleProject.write(m, "V3__idx.sql.conf", "executeInTransaction=false\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult r = idxmig.run("migrate", "--no-backup");
        assertEquals(4, r.exitCode(), r::toString);
        return idxmig;
    }

    @Test
    void rollbackAfterAHalfFailedMigrationUndoesWhatTheFailedRunLeftNotTheLastGoodVersion(PgDatabase db) {
        Idxmig idxmig = halfFailed(db);
        CliResult status = idxmig.run("status");
        assertTrue(status.stdout().matches("(?s).*\\n  3 +failed .*created idx_t_email on t: valid.*"), status::toString);

        CliResult dry = idxmig.run("rollback", "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertTrue(dry.stdout().contains("from version 3 to version 2"), dry::toString);
        assertTrue(dry.stdout().contains("3  V3__idx.sql  [planned, inverse of what the failed run left"), dry::toString);
        assertTrue(dry.stdout().contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"idx_t_email\";"), dry::toString);
        assertFalse(dry.stdout().contains("idx_t_id_email"), "the last good version stays: " + dry);

        CliResult rollback = idxmig.run("rollback");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'idx_t_email'"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'idx_t_id_email'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version = '3'"));
        CliResult after = idxmig.run("status");
        // what the failed run left was rolled back, and the index is gone: the words match
        assertTrue(after.stdout().matches("(?s).*\\n  3 +rolled back .*"), after::toString);
        assertFalse(after.stdout().contains("idx_t_email"), after::toString);
    }

    @Test
    void repairNamesTheScriptAndStatusSaysTheRepairedMigrationLeftItsIndexUntilTheFixedRunKeepsIt(PgDatabase db) {
        Idxmig idxmig = halfFailed(db);
        CliResult repair = idxmig.run("repair");
        assertEquals(0, repair.exitCode(), repair::toString);
        assertTrue(repair.stdout().contains("removed failed migration 3 (V3__idx.sql) from Flyway's history; what it "
                + "left stands"), repair::toString);
        assertFalse(repair.stdout().contains("()"), repair::toString);

        CliResult status = idxmig.run("status");
        assertTrue(status.stdout().matches("(?s).*\\n  3 +repaired .*created idx_t_email on t: valid.*"),
                status::toString);
        assertFalse(status.stdout().contains("rolled back"), status::toString);
        assertTrue(status.stdout().contains("what its failed run left stands (idx_t_email)"), status::toString);
        CliResult dry = idxmig.run("rollback", "--dry-run");
        assertTrue(dry.stdout().contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"idx_t_email\";"), dry::toString);

        // the fixed script rebuilds what the failed run left, then goes on
        ExampleProject.write(dir.resolve("migrations"), "V3__idx.sql",
                "DROP INDEX CONCURRENTLY IF EXISTS idx_t_email;\n\n"
                        + "CREATE INDEX CONCURRENTLY idx_t_email ON t (email);\n\n"
                        + "CREATE INDEX CONCURRENTLY idx_t_code ON t (code);\n");
        CliResult fixed = idxmig.run("migrate", "--no-backup");
        assertEquals(0, fixed.exitCode(), fixed::toString);
        CliResult done = idxmig.run("status");
        assertTrue(done.stdout().matches("(?s).*\\n  3 +applied .*"), done::toString);
        assertEquals(1, done.stdout().lines().filter(l -> l.contains("idx_t_email on t")).count(), done::toString);
        assertTrue(done.stdout().contains("created idx_t_email on t: valid"), done::toString);
        assertTrue(done.stdout().contains("created idx_t_code on t: valid"), done::toString);
        assertFalse(done.stdout().contains("repaired"), done::toString);

        // and rolling the completed migration back undoes all of it, including what the failed run built
        CliResult undo = idxmig.run("rollback", "--dry-run");
        assertTrue(undo.stdout().contains("\"public\".\"idx_t_email\""), undo::toString);
        assertTrue(undo.stdout().contains("\"public\".\"idx_t_code\""), undo::toString);
    }
}
