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
 * A non-transactional migration that stopped part-way is resumed by the next run, without 'idxmig repair': what is
 * done, valid and as asked is skipped, an INVALID leftover is rebuilt, an index changed meanwhile stops the run with
 * the statements to finish by hand; the ledger records the migration whole, against the catalog before its first
 * attempt.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class ResumePostgresCliTest {
    @TempDir
    Path dir;

    private Idxmig project(PgDatabase db, String v2, String... flags) {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__items.sql", """
                CREATE TABLE items (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL);
                INSERT INTO items SELECT g, g % 10, g % 3 FROM generate_series(1, 200) g;
                CREATE INDEX idx_items_old ON items (b);
                """);
        ExampleProject.write(m, "V2__rework.sql", v2);
        ExampleProject.write(m, "V2__rework.sql.conf", "executeInTransaction=false\n");
        String[] target = java.util.stream.Stream.concat(java.util.Arrays.stream(db.cliArgs()),
                java.util.Arrays.stream(flags)).toArray(String[]::new);
        Idxmig idxmig = Idxmig.in(dir).target(target);
        CliResult v1 = idxmig.run("migrate", "--target", "1", "--no-backup");
        assertEquals(0, v1.exitCode(), v1::toString);
        return idxmig;
    }

    private static final String BROKEN = """
            DROP INDEX CONCURRENTLY idx_items_old;
            CREATE INDEX CONCURRENTLY idx_items_a ON items (a);
            CREATE INDEX CONCURRENTLY idx_items_x ON items (no_such_column);
            """;
    private static final String FIXED = BROKEN.replace("(no_such_column)", "(a, b)");

    @Test
    void aFailedNonTransactionalMigrationIsResumedAfterTheFixWithoutRepairAndRecordedWhole(PgDatabase db) {
        Idxmig idxmig = project(db, BROKEN);
        CliResult failed = idxmig.run("migrate", "--no-backup");
        assertEquals(4, failed.exitCode(), failed::toString);
        assertFalse(failed.stderr().contains("rolled back"), failed::toString);
        assertTrue(failed.stderr().contains("resumes the migration from idxmig's intent log"), failed::toString);
        assertEquals(1, db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE NOT success"));

        ExampleProject.write(dir.resolve("migrations"), "V2__rework.sql", FIXED);
        CliResult resumed = idxmig.run("migrate", "--no-backup");
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.stderr().contains("idxmig clears Flyway's failed row and resumes it"), resumed::toString);
        assertTrue(resumed.stderr().contains("skipped DROP INDEX CONCURRENTLY idx_items_old: already dropped"),
                resumed::toString);
        assertTrue(resumed.stderr().contains("skipped CREATE INDEX CONCURRENTLY idx_items_a: already built, valid "
                + "and as asked"), resumed::toString);
        assertEquals(1, count(resumed.stderr(), "skipped CREATE INDEX"), resumed::toString);
        // the whole effect, as one uninterrupted run records it
        assertEquals(0, db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE NOT success"));
        assertEquals(3, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE version = '2' "
                + "AND action <> 'migrated' AND outcome = 'applied'"), () -> ledgerRows(db));
        assertEquals(1, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE version = '2' "
                + "AND action = 'dropped' AND index_name = 'idx_items_old'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE outcome = 'failed'"));
        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify::toString);

        CliResult rollback = idxmig.run("rollback", "--to", "1");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_items_old'"));
    }

    @Test
    void anInvalidLeftoverIsRebuiltAndAnIndexChangedMeanwhileStopsWithTheStatementsToRun(PgDatabase db) {
        Idxmig idxmig = project(db, BROKEN);
        assertEquals(4, idxmig.run("migrate", "--no-backup").exitCode());
        // what a kill during the build leaves: an INVALID index of the name
        db.execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'idx_items_a'::regclass");
        ExampleProject.write(dir.resolve("migrations"), "V2__rework.sql", FIXED);
        CliResult resumed = idxmig.run("migrate", "--no-backup");
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.stderr().contains("dropping INVALID public.idx_items_a (an interrupted attempt left it)"),
                resumed::toString);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid"));

        // another schema of the same database: its own history, ledger and intent log
        Idxmig other = project(db, BROKEN, "--schema", "other");
        assertEquals(4, other.run("migrate", "--no-backup").exitCode());
        db.execute("DROP INDEX other.idx_items_a", "CREATE INDEX idx_items_a ON other.items (b)");
        ExampleProject.write(dir.resolve("migrations"), "V2__rework.sql", FIXED);
        CliResult stopped = other.run("migrate", "--no-backup");
        assertEquals(4, stopped.exitCode(), stopped::toString);
        assertTrue(stopped.stderr().contains("cannot resume: index other.idx_items_a exists but not as the "
                + "statement asks"), stopped::toString);
        assertTrue(stopped.stderr().contains("to finish by hand, run in schema other:\n  DROP INDEX CONCURRENTLY IF "
                + "EXISTS \"other\".\"idx_items_a\";\n  CREATE INDEX CONCURRENTLY idx_items_a ON items (a);\nthen run "
                + "the same idxmig command again"), stopped::toString);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String ledgerRows(PgDatabase db) {
        StringBuilder rows = new StringBuilder();
        try (java.sql.Connection c = db.connect(); java.sql.ResultSet rs = c.createStatement().executeQuery(
                "SELECT version, action, index_name, outcome FROM idxmig_index_ledger ORDER BY id")) {
            while (rs.next()) {
                rows.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ')
                        .append(rs.getString(3)).append(' ').append(rs.getString(4)).append('\n');
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows.toString();
    }
}
