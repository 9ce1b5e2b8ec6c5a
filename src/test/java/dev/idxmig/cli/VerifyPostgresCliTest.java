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
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** verify as a CI gate on PostgreSQL, including the states only PostgreSQL has (invalid, in progress). */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
@Tag("slow")
class VerifyPostgresCliTest {
    @TempDir
    Path dir;

    @Test
    void passesAfterMigrate(PgDatabase db) {
        CliResult r = ExampleProject.migrated(dir, db).run("verify");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("OK — 5 checks, 0 failed, 0 errors, 0 warnings"), r::toString);
        assertTrue(r.stdout().contains("run with --deep"), "says the B-tree checks were skipped: " + r);
    }

    @Test
    void aMigrationThatFailedPartWayIsOneFindingWithTheWayOnAndPendingSaysWhy(PgDatabase db) throws Exception {
        java.nio.file.Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__a.sql", "CREATE TABLE a (id int, v int);\n");
        ExampleProject.write(migrations, "V2__indexes.sql", "CREATE INDEX CONCURRENTLY idx_a_v ON a (v);\n"
                + "CREATE INDEX CONCURRENTLY idx_a_x ON a (nope);\n");
        ExampleProject.write(migrations, "V2__indexes.sql.conf", "executeInTransaction=false\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(4, idxmig.run("migrate", "--locations", "migrations", "--no-backup").exitCode());

        CliResult r = idxmig.run("verify", "--locations", "migrations");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("V2__indexes.sql: failed when it was applied and is recorded as failed"),
                r::toString);
        assertTrue(r.stdout().contains("run 'idxmig migrate': it resumes a migration it ran itself"), r::toString);
        assertTrue(r.stdout().contains("V2__indexes.sql: is pending: it failed part-way"), r::toString);

        ExampleProject.write(migrations, "V2__indexes.sql", "CREATE INDEX CONCURRENTLY idx_a_v ON a (v);\n"
                + "CREATE INDEX CONCURRENTLY idx_a_x ON a (id);\n");
        CliResult resumed = idxmig.run("migrate", "--locations", "migrations", "--no-backup");
        assertEquals(0, resumed.exitCode(), "resumed without repair, as verify said: " + resumed);
        assertEquals(0, idxmig.run("verify", "--locations", "migrations").exitCode());
        assertEquals(0, db.queryLong("SELECT count(*) FROM idxmig_intent_log WHERE event = 'started' AND detail IS NOT "
                + "NULL"), "a finished intent lets its catalog go");
        assertEquals(1, db.queryLong("SELECT count(*) FROM idxmig_intent_log WHERE event = 'finished'"));
    }

    @Test
    void droppedAndReorderedIndexesFail(PgDatabase db) {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        db.execute("DROP INDEX idx_worklogs_instance_range", "DROP INDEX idx_billing_rates_lookup",
                "CREATE INDEX idx_billing_rates_lookup ON billing_rates (user_email, company_id, valid_from)");
        CliResult r = idxmig.run("verify");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("idx_worklogs_instance_range on worklogs: is missing"), r::toString);
        assertTrue(r.stdout().contains("fix: recreate it: CREATE INDEX CONCURRENTLY idx_worklogs_instance_range ON "
                + "public.worklogs USING btree (instance_id, started)"), r::toString);
        assertTrue(r.stdout().contains("idx_billing_rates_lookup on billing_rates: differs from what "
                + "V4__billing_and_leave_indexes.sql created"), r::toString);
    }

    @Test
    void invalidIndexLeftByAFailedConcurrentUniqueBuildIsCaught(PgDatabase db) {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        db.execute("DROP INDEX idx_billing_rates_lookup");
        assertThrows(IllegalStateException.class, () -> db.execute(
                "CREATE UNIQUE INDEX CONCURRENTLY idx_billing_rates_lookup ON billing_rates (company_id)"));
        CliResult r = idxmig.run("verify");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("idx_billing_rates_lookup on billing_rates: is INVALID"), r::toString);
        assertTrue(r.stdout().contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"idx_billing_rates_lookup\""),
                r::toString);
    }

    @Test
    void invalidIndexOutsideTheLedgerAndReindexLeftoversAreNamed(PgDatabase db) throws Exception {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        assertThrows(IllegalStateException.class, () -> db.execute(
                "CREATE UNIQUE INDEX CONCURRENTLY hand_made_unique ON worklogs (company_id)"));
        // A REINDEX CONCURRENTLY that gives up waiting for a writer leaves its _ccnew copy behind.
        try (Connection writer = db.connect(); Statement w = writer.createStatement()) {
            writer.setAutoCommit(false);
            w.execute("INSERT INTO billing_rates VALUES (999999, 1, 'x@example.com', 1, DATE '2025-01-01', NULL)");
            assertThrows(IllegalStateException.class, () -> db.execute("SET lock_timeout = '300ms'",
                    "REINDEX INDEX CONCURRENTLY idx_billing_rates_lookup"));
            writer.rollback();
        }
        CliResult r = idxmig.run("verify");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("hand_made_unique on worklogs: is INVALID"), r::toString);
        assertTrue(r.stdout().contains("idx_billing_rates_lookup_ccnew on billing_rates: is a leftover copy of a "
                + "failed REINDEX CONCURRENTLY of idx_billing_rates_lookup"), r::toString);
    }

    @Test
    void indexStillBeingBuiltConcurrentlyIsInProgressNotBroken(PgDatabase db) throws Exception {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        try (Connection writer = db.connect(); Statement w = writer.createStatement()) {
            writer.setAutoCommit(false);
            w.execute("INSERT INTO billing_rates VALUES (999999, 1, 'x@example.com', 1, DATE '2025-01-01', NULL)");
            CompletableFuture<Void> build = CompletableFuture.runAsync(() -> db.execute(
                    "CREATE INDEX CONCURRENTLY idx_rates_hourly ON billing_rates (hourly_rate)"));
            awaitTrue(db, "SELECT count(*) FROM pg_stat_progress_create_index p JOIN pg_class i "
                    + "ON i.oid = p.index_relid WHERE i.relname = 'idx_rates_hourly'");

            CliResult r = idxmig.run("verify");
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().contains("idx_rates_hourly on billing_rates: is being built right now"),
                    r::toString);
            assertTrue(r.stdout().contains("in progress, not broken"), r::toString);

            writer.commit();
            build.get(30, TimeUnit.SECONDS);
        }
        assertEquals(0, idxmig.run("verify").exitCode());
    }

    @Test
    void theConcurrentlyIfNotExistsTrapFailsMigrateAndVerify(PgDatabase db) {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__t.sql", "CREATE TABLE t (id int PRIMARY KEY, code int);\n"
                + "INSERT INTO t SELECT g, g % 3 FROM generate_series(1, 50) g;\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("migrate").exitCode());
        // Left over from an earlier failed attempt: an INVALID index of the very name the migration creates.
        assertThrows(IllegalStateException.class,
                () -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY idx_t_code ON t (code)"));
        ExampleProject.write(m, "V2__idx.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_t_code ON t (code);\n");

        // The safe build refuses the skip at the statement; without it, the verify after migrate would catch it.
        CliResult r = idxmig.run("migrate");
        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("index public.idx_t_code exists but is INVALID"), r::toString);
        CliResult skipped = idxmig.run("repair");
        assertEquals(0, skipped.exitCode(), skipped::toString);
        CliResult noSafeBuildCheck = idxmig.run("verify");
        assertEquals(1, noSafeBuildCheck.exitCode(), noSafeBuildCheck::toString);
        assertTrue(noSafeBuildCheck.stdout().contains("idx_t_code on t: is INVALID"), noSafeBuildCheck::toString);
    }

    @Test
    void deepChecksRunAmcheckOrSayWhyNot(PgDatabase db) {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        CliResult without = idxmig.run("verify", "--deep");
        assertEquals(0, without.exitCode(), without::toString);
        assertTrue(without.stdout().contains("amcheck: the amcheck extension is not installed"), without::toString);

        db.execute("CREATE EXTENSION amcheck");
        CliResult with = idxmig.run("verify", "--deep");
        assertEquals(0, with.exitCode(), with::toString);
        assertTrue(with.stdout().contains("OK — 5 checks, 0 failed, 0 errors, 0 warnings"), with::toString);
    }

    @Test
    void editedAppliedMigrationIsNamed(PgDatabase db) throws Exception {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        Path v4 = dir.resolve("migrations/postgresql/V4__billing_and_leave_indexes.sql");
        java.nio.file.Files.writeString(v4, java.nio.file.Files.readString(v4).replace("pending", "open"));
        CliResult r = idxmig.run("verify");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("V4__billing_and_leave_indexes.sql"), r::toString);
    }

    private static void awaitTrue(PgDatabase db, String countQuery) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (db.queryLong(countQuery) > 0) {
                return;
            }
            Thread.onSpinWait();
        }
        fail("timed out waiting for: " + countQuery);
    }
}
