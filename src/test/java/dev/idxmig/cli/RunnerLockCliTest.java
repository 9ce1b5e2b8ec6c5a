package dev.idxmig.cli;

import dev.idxmig.config.DatabaseUrls;
import dev.idxmig.db.Database;
import dev.idxmig.db.RunnerLock;
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
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two runners never apply the same migration: the second waits, then exits 5 naming the holder. */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
@Tag("sqlite")
class RunnerLockCliTest {
    @TempDir
    Path dir;

    @Test
    void secondRunnerOnPostgresGivesUpAfterLockWaitAndNamesTheHolder(PgDatabase db) {
        ExampleProject.copyTo(dir);
        try (Database other = Database.open(DatabaseUrls.parse(db.jdbcUrl()).withUser(db.user()), Optional.empty());
             RunnerLock held = other.dialect().lockRunners(other, Duration.ZERO)) {
            CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--lock-wait", "1s",
                    ExampleProject.SMALL);
            assertEquals(5, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("another idxmig run holds the migration lock on schema public"),
                    r::toString);
            assertTrue(r.stderr().matches("(?s).*\\(pid \\d+, user \\S+, application 'idxmig'.*"), r::toString);
            assertEquals(0, db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'worklogs'"));
        }
        assertEquals(0, Idxmig.in(dir).target(db.cliArgs()).run("migrate", ExampleProject.SMALL).exitCode(),
                "the lock is released with its holder");
    }

    @Test
    void secondRunnerOnSqliteGivesUpAfterLockWaitAndNamesTheHolder() {
        ExampleProject.copyTo(dir);
        String url = "jdbc:sqlite:" + dir.resolve("idxmig.db");
        try (Database other = Database.open(DatabaseUrls.parse(url), Optional.empty());
             RunnerLock held = other.dialect().lockRunners(other, Duration.ZERO)) {
            CliResult r = Idxmig.in(dir).run("migrate", "--lock-wait", "500ms", ExampleProject.SMALL);
            assertEquals(5, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("another idxmig run holds the migration lock"), r::toString);
            assertTrue(r.stderr().contains("(pid " + ProcessHandle.current().pid()), r::toString);
        }
        assertEquals(0, Idxmig.in(dir).run("migrate", ExampleProject.SMALL).exitCode());
    }
}
