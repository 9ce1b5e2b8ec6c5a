package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import dev.idxmig.testing.RunningIdxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Safe index builds against a real PostgreSQL: a test session plays the blocking application (an open writing
 * transaction, a held table lock) and releases it once idxmig's output shows it saw the blocker.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class SafeBuildPostgresCliTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path migrations() {
        return dir.resolve("migrations");
    }

    /** The application's table, made by a first migration (Flyway wants an empty schema or its history). */
    private void users(PgDatabase db) {
        ExampleProject.write(migrations(), "V1__users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text, "
                + "team int);\nINSERT INTO users SELECT g, 'user' || g || '@example.com', g % 10 "
                + "FROM generate_series(1, 2000) g;\n");
        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("migrate");
        assertEquals(0, r.exitCode(), r::toString);
    }

    /** A migration that runs outside a transaction, as CONCURRENTLY needs. */
    private void concurrentMigration(String name, String sql) {
        ExampleProject.write(migrations(), name, sql);
        ExampleProject.write(migrations(), name + ".conf", "executeInTransaction=false\n");
    }

    private static String[] args(PgDatabase db, String... more) {
        return Stream.concat(Stream.of("migrate"), Stream.concat(Stream.of(db.cliArgs()), Stream.of(more)))
                .toArray(String[]::new);
    }

    /** An application session that keeps a transaction open until the test lets it go. */
    private static Connection holdOpen(PgDatabase db, String sql) throws SQLException {
        Connection c = db.connect();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET application_name = 'billing-worker'");
            st.execute(sql);
        }
        return c;
    }

    /** The session's server pid, without a query (so the session's last query stays the application's). */
    private static long pid(Connection c) throws SQLException {
        return c.unwrap(org.postgresql.PGConnection.class).getBackendPID();
    }

    private static long invalidIndexes(PgDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid");
    }

    @Test
    void lockTimeoutIsRetriedUntilTheBlockerCommitsAndItsPidIsReported(PgDatabase db) throws SQLException {
        users(db);
        ExampleProject.write(migrations(), "V2__team_index.sql", "CREATE INDEX idx_users_team ON users (team);\n");
        try (Connection blocker = holdOpen(db, "INSERT INTO users VALUES (5000, 'new@example.com', 1)")) {
            long pid = pid(blocker);
            RunningIdxmig run = RunningIdxmig.start(dir, args(db, "--lock-timeout", "500ms", "--retries", "20"));
            run.awaitStderr(err -> err.contains("(try 1 of 21); blocked by pid " + pid), DEADLINE,
                    "a retry naming the blocker's pid");
            blocker.commit();
            CliResult r = run.result(DEADLINE);

            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("lock not acquired within lock_timeout 500ms (try 1 of 21)"), r::toString);
            assertTrue(r.stderr().contains("application 'billing-worker', idle in transaction"), r::toString);
            assertTrue(r.stderr().contains("INSERT INTO users VALUES (5000"), r::toString);
            assertTrue(r.stderr().contains("built idx_users_team on public.users"), r::toString);
        }
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "WHERE i.relname = 'idx_users_team' AND x.indisvalid"));
    }

    @Test
    void exhaustedRetriesExitWithLockFailureAndLeaveNoInvalidIndex(PgDatabase db) throws SQLException {
        users(db);
        concurrentMigration("V2__team_index.sql", "CREATE INDEX CONCURRENTLY idx_users_team ON users (team);\n");
        // A report in a REPEATABLE READ transaction: the build waits for its snapshot after it built the index.
        try (Connection report = db.connect()) {
            report.setAutoCommit(false);
            try (Statement st = report.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                st.execute("SELECT count(*) FROM pg_class");
            }
            long pid = pid(report);
            CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--build-wait", "1s", "--retries", "1");

            assertEquals(5, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("waited longer than --build-wait 1s for older transactions in 2 tries"),
                    r::toString);
            assertTrue(r.stderr().contains("blocked by pid " + pid), r::toString);
            assertTrue(r.stderr().contains("dropped the INVALID leftover idx_users_team"), r::toString);
            assertTrue(r.stderr().contains("no invalid index was left behind"), r::toString);
            assertTrue(r.stderr().contains("pg_terminate_backend(" + pid + ")"), r::toString);
            assertEquals(0, invalidIndexes(db));
            report.rollback();
        }
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'idx_users_team'"));
    }

    @Test
    void concurrentBuildGivesUpOnTheTableLockAfterLockTimeoutNotBuildWait(PgDatabase db) throws SQLException {
        users(db);
        concurrentMigration("V2__team_index.sql", "CREATE INDEX CONCURRENTLY idx_users_team ON users (team);\n");
        try (Connection locker = holdOpen(db, "LOCK TABLE users IN SHARE MODE")) {
            long pid = pid(locker);
            CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--lock-timeout", "1s",
                    "--build-wait", "10m", "--retries", "0");

            assertEquals(5, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("lock not acquired within lock_timeout 1s in 1 try"), r::toString);
            assertTrue(r.stderr().contains("pid " + pid), r::toString);
            locker.rollback();
        }
        assertEquals(0, invalidIndexes(db));
    }

    @Test
    void uniqueIndexOverDuplicatesFailsNamingTheKeyAndLeavesNoInvalidIndex(PgDatabase db) {
        users(db);
        db.execute("INSERT INTO users VALUES (9001, 'twice@example.com', 1), (9002, 'twice@example.com', 2)");
        concurrentMigration("V2__unique_email.sql",
                "CREATE UNIQUE INDEX CONCURRENTLY idx_users_email ON users (email);\n");
        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("migrate");

        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("Key (email)=(twice@example.com) is duplicated"), r::toString);
        assertEquals(0, invalidIndexes(db));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'idx_users_email'"));
    }

    /** A unique build over duplicates is the simplest way to get what a failed concurrent build leaves. */
    private static void leaveInvalidIndex(PgDatabase db, String name) {
        db.execute("INSERT INTO users VALUES (9001, 'twice@example.com', 1), (9002, 'twice@example.com', 2)");
        try {
            db.execute("CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON users (email)");
        } catch (IllegalStateException expected) {
            // the duplicates make it fail, leaving the INVALID index behind
        }
        assertEquals(1, invalidIndexes(db));
    }

    @Test
    void ifNotExistsOverAnInvalidLeftoverIsRefusedWithTheFix(PgDatabase db) {
        users(db);
        leaveInvalidIndex(db, "idx_users_email");
        concurrentMigration("V2__email_index.sql",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);\n");
        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("migrate");

        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("index public.idx_users_email exists but is INVALID"), r::toString);
        assertTrue(r.stderr().contains("DROP INDEX CONCURRENTLY public.idx_users_email"), r::toString);
        assertTrue(r.stderr().contains("--repair-invalid"), r::toString);
        assertEquals(1, invalidIndexes(db));
    }

    @Test
    void repairInvalidDropsTheLeftoverAndBuildsTheIndexAgain(PgDatabase db) {
        users(db);
        leaveInvalidIndex(db, "idx_users_email");
        concurrentMigration("V2__email_index.sql",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);\n");
        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--repair-invalid");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("--repair-invalid: dropping it and building it again"), r::toString);
        assertEquals(0, invalidIndexes(db));
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_users_email' "
                + "AND indexdef NOT LIKE '%UNIQUE%'"));
    }

    @Test
    void ifNotExistsOverAnIndexOfAnotherShapeIsRefusedButTheSameShapeIsKept(PgDatabase db) {
        users(db);
        db.execute("CREATE INDEX idx_users_team ON users (team, id)");
        concurrentMigration("V2__team_index.sql",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_team ON users (team);\n");
        CliResult different = Idxmig.in(dir).target(db.cliArgs()).run("migrate");
        assertEquals(4, different.exitCode(), different::toString);
        assertTrue(different.stderr().contains("already exists with a different definition"), different::toString);
        assertTrue(different.stderr().contains("USING btree (team)"), different::toString);

        db.execute("DROP INDEX idx_users_team", "CREATE INDEX idx_users_team ON users USING btree (team)",
                "DELETE FROM flyway_schema_history WHERE NOT success");
        CliResult same = Idxmig.in(dir).target(db.cliArgs()).run("migrate");
        assertEquals(0, same.exitCode(), same::toString);
        assertTrue(same.stderr().contains("  idx_users_team on public.users (")
                && same.stderr().contains(") already exists, valid and as asked: skipped"), same::toString);
        assertFalse(same.stderr().contains("built idx_users_team"), "a skipped index is not built: " + same);
    }

    @Test
    void progressLinesShowTheWaitPhaseAndTheLockerWhenNotOnATerminal(PgDatabase db) throws SQLException {
        users(db);
        concurrentMigration("V2__team_index.sql", "CREATE INDEX CONCURRENTLY idx_users_team ON users (team);\n");
        try (Connection writer = holdOpen(db, "UPDATE users SET team = 3 WHERE id = 1")) {
            long pid = pid(writer);
            RunningIdxmig run = RunningIdxmig.start(dir, args(db));
            String seen = run.awaitStderr(err -> err.contains("waiting for pid " + pid), DEADLINE,
                    "a progress line naming the writer");
            assertTrue(seen.contains("idx_users_team on public.users"), seen);
            assertTrue(seen.contains("phase 2 of 8 waiting for writers before build (0 of 1 lockers done, "
                    + "waiting for pid " + pid + ")"), seen);
            writer.commit();
            CliResult r = run.result(DEADLINE);
            assertEquals(0, r.exitCode(), r::toString);
            assertFalse(r.stderr().contains("\r"), "no redrawing off a terminal");
        }
        assertEquals(0, invalidIndexes(db));
    }

    @Test
    void quietHidesProgressAndResultLines(PgDatabase db) {
        users(db);
        concurrentMigration("V2__team_index.sql", "CREATE INDEX CONCURRENTLY idx_users_team ON users (team);\n");
        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--quiet");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.stderr(), r::toString);
    }

    @Test
    void sessionSettingsFromFlagsAndConfigAreWhatMigrationsSee(PgDatabase db) {
        ExampleProject.write(dir, "idxmig.yaml", "lock_timeout: 3s\nbuild:\n  maintenance_work_mem: 96MB\n"
                + "  application_name: idxmig-ci\n");
        ExampleProject.write(migrations(), "V1__record_settings.sql", "CREATE TABLE seen AS SELECT "
                + "current_setting('lock_timeout') AS lock_timeout, "
                + "current_setting('statement_timeout') AS statement_timeout, "
                + "current_setting('application_name') AS application_name, "
                + "current_setting('maintenance_work_mem') AS maintenance_work_mem, "
                + "current_setting('max_parallel_maintenance_workers') AS workers;\n");
        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--max-parallel-maintenance-workers", "1",
                "--statement-timeout", "2h");
        assertEquals(0, r.exitCode(), r::toString);

        List<String> seen = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM seen")) {
            rs.next();
            for (int i = 1; i <= 5; i++) {
                seen.add(rs.getString(i));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(List.of("3s", "2h", "idxmig-ci", "96MB", "1"), seen);
    }

    @Test
    void nonConcurrentBuildOnALargeTableWarnsAndRequireConcurrentRefusesBeforeAnythingRuns(PgDatabase db) {
        users(db);
        ExampleProject.write(migrations(), "V2__notes.sql", "CREATE TABLE notes (id int);\n");
        ExampleProject.write(migrations(), "V3__team_index.sql", "CREATE INDEX idx_users_team ON users (team);\n");
        CliResult dryRun = Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--dry-run", "--large-table", "64kB",
                "--require-concurrent");
        assertEquals(4, dryRun.exitCode(), dryRun::toString);
        CliResult refused = Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--large-table", "64kB",
                "--require-concurrent");
        assertEquals(4, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("V3__team_index.sql line 1: CREATE INDEX on public.users"),
                refused::toString);
        assertTrue(refused.stderr().contains("nothing was applied"), refused::toString);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname IN ('notes', 'idx_users_team')"));

        CliResult warned = Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--large-table", "64kB");
        assertEquals(0, warned.exitCode(), warned::toString);
        assertTrue(warned.stderr().contains("warning: V3__team_index.sql line 1: CREATE INDEX on public.users"),
                warned::toString);
        assertTrue(warned.stderr().contains("blocks every write to it"), warned::toString);
    }
}
