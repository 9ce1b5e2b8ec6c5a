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

/** {@code idxmig lint} for PostgreSQL: offline by URL, and connected to a migrated database (two schemas). */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class LintPostgresCliTest {
    static final String UNSAFE = String.join("\n",
            "-- flyway:executeInTransaction=false",
            "CREATE INDEX idx_worklogs_company ON worklogs (company_id);",
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_rates_user ON billing_rates (company_id, user_email);",
            "REINDEX INDEX CONCURRENTLY idx_worklogs_user_range;",
            "");
    static final String V5 = "migrations/postgresql/V5__unsafe.sql";

    @TempDir
    Path dir;

    @Test
    void theExampleProjectHasNoErrorsForPostgres(PgDatabase db) {
        ExampleProject.copyTo(dir);
        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("lint");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("lint postgresql, 4 pending scripts: OK — 21 checks, 0 failed, 0 errors, "
                + "0 warnings"), r::toString);
    }

    @Test
    void indexStatementsOnALivePartitionedTableSayWhatTheRecipeDoesAndWhereItCannot(PgDatabase db) {
        db.execute("CREATE TABLE events (id bigint NOT NULL, region int NOT NULL, at date NOT NULL, payload text) "
                        + "PARTITION BY LIST (region)",
                "CREATE TABLE events_r1 PARTITION OF events FOR VALUES IN (1)",
                "CREATE TABLE events_r2 PARTITION OF events FOR VALUES IN (2)",
                "CREATE INDEX ix_events_id ON events (id)");
        Path m = dir.resolve("m");
        ExampleProject.write(m, "V1__at.sql", "CREATE INDEX CONCURRENTLY ix_events_at ON events (at);\n");
        ExampleProject.write(m, "V2__payload.sql", "CREATE INDEX IF NOT EXISTS ix_events_payload ON events (payload);\n");
        ExampleProject.write(m, "V2__payload.sql.conf", "executeInTransaction=false\n");
        ExampleProject.write(m, "V3__mixed.sql", "CREATE INDEX CONCURRENTLY ix_events_region ON events (region);\n"
                + "UPDATE events SET payload = payload;\n");
        ExampleProject.write(m, "V4__drop.sql", "DROP INDEX CONCURRENTLY IF EXISTS ix_events_id;\n");

        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("lint", "--locations", "filesystem:m");
        String out = r.stdout();
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(out.contains("m/V1__at.sql:1:1: info [partitioned-table] ix_events_at on partitioned table events: "
                + "idxmig builds it partition by partition without blocking writes: CREATE INDEX ix_events_at ON ONLY "
                + "events, then CREATE INDEX CONCURRENTLY and ALTER INDEX ix_events_at ATTACH PARTITION for each "
                + "partition"), r::toString);
        assertTrue(out.contains("m/V2__payload.sql:1:1: info [partitioned-table] ix_events_payload on partitioned "
                + "table events"), r::toString);
        assertFalse(out.contains("[require-concurrently]"), "the recipe builds it online:\n" + r);
        assertTrue(out.contains("m/V3__mixed.sql:1:1: error [partitioned-table] PostgreSQL refuses CREATE INDEX "
                + "CONCURRENTLY on partitioned table events, and inside a transaction idxmig cannot build it "
                + "partition by partition"), r::toString);
        assertTrue(out.contains("m/V4__drop.sql:1:1: info [partitioned-table] DROP INDEX ix_events_id, an index of "
                + "partitioned table events: PostgreSQL drops it only with a plain DROP INDEX"), r::toString);
    }

    @Test
    void anUnsafeMigrationOnAMigratedDatabaseReportsEachProblem(PgDatabase db) {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL).exitCode());
        ExampleProject.write(dir.resolve("migrations/postgresql"), "V5__unsafe.sql", UNSAFE);

        CliResult r = idxmig.run("lint");
        String out = r.stdout();
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(out.startsWith("lint postgresql, 1 pending script: FAILED"), r::toString);
        assertTrue(out.contains(V5 + ":1:1: warning [flyway-header-comment]"), r::toString);
        assertTrue(out.contains(V5 + ":2:1: error [require-concurrently] CREATE INDEX without CONCURRENTLY on "
                + "worklogs blocks writes"), r::toString);
        assertTrue(out.contains(V5 + ":2:1: warning [duplicate-index] idx_worklogs_company (company_id) is a prefix "
                + "of idx_worklogs_user_range"), r::toString);
        assertTrue(out.contains(V5 + ":2:1: info [table-size] worklogs: ~2,000 rows"), r::toString);
        assertTrue(out.contains(V5 + ":3:1: error [concurrently-in-transaction] Flyway refuses a script that mixes "
                + "CONCURRENTLY with transactional statements"), r::toString);
        assertTrue(out.contains(V5 + ":3:1: error [unique-on-duplicates] 500 values of (company_id, user_email) occur "
                + "more than once in billing_rates"), r::toString);
        assertTrue(out.contains(V5 + ":3:1: warning [concurrently-if-not-exists]"), r::toString);
        assertTrue(out.contains(V5 + ":4:1: error [concurrently-in-transaction] Flyway runs REINDEX ... CONCURRENTLY in "
                + "a transaction"), r::toString);
        assertTrue(out.contains(V5 + ":4:1: warning [reindex-concurrently]"), r::toString);
    }

    @Test
    void theFixedMigrationPassesAndThenMigrates(PgDatabase db) {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL).exitCode());
        Path folder = dir.resolve("migrations/postgresql");
        ExampleProject.write(folder, "V5__rates.sql",
                "-- rates by user across companies, and leaves by id per company\n"
                        + "CREATE INDEX CONCURRENTLY idx_rates_user_from\n"
                        + "    ON billing_rates (user_email, valid_from);\n"
                        + "CREATE UNIQUE INDEX CONCURRENTLY idx_leaves_id_company ON factorial_leaves (id, company_id);\n");
        ExampleProject.write(folder, "V5__rates.sql.conf", "executeInTransaction=false\n");

        CliResult r = idxmig.run("lint");
        assertEquals(0, r.exitCode(), r::toString);
        assertFalse(r.stdout().contains("error ["), r::toString);
        assertTrue(r.stdout().contains(":2:1: info [table-size] billing_rates"), r::toString);
        assertEquals(0, idxmig.run("migrate").exitCode(), "what lint passed, migrate applies");
    }

    @Test
    void connectedLintWorksInANamedSchema(PgDatabase db) {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("migrate", "--schema", "tenant_a", ExampleProject.SMALL).exitCode());
        ExampleProject.write(dir.resolve("migrations/postgresql"), "V5__rates.sql",
                "CREATE UNIQUE INDEX CONCURRENTLY idx_rates_user ON billing_rates (company_id, user_email);\n");

        CliResult r = idxmig.run("lint", "--schema", "tenant_a");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("lint postgresql, 1 pending script"), r::toString);
        assertTrue(r.stdout().contains("[unique-on-duplicates] 500 values"), r::toString);

        CliResult publicSchema = idxmig.run("lint");
        assertTrue(publicSchema.stdout().startsWith("lint postgresql, 5 pending scripts"), publicSchema::toString);
        assertFalse(publicSchema.stdout().contains("[unique-on-duplicates]"), "no tables in public yet");
    }

    @Test
    void offlineForPostgresNeedsOnlyTheUrl(PgDatabase db) {
        ExampleProject.copyTo(dir);
        ExampleProject.write(dir.resolve("migrations/postgresql"), "V5__unsafe.sql", UNSAFE);
        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("lint", "--offline");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("lint postgresql (offline), 5 pending scripts"), r::toString);
        assertTrue(r.stdout().contains(V5 + ":2:1: error [require-concurrently]"), r::toString);
        assertFalse(r.stdout().contains("[table-size]"), "connected rules do not run offline");
    }
}
