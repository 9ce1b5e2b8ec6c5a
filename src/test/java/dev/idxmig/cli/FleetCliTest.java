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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many schemas and many databases: each target alone, one bad target isolated, reruns do what is left. */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class FleetCliTest {
    @TempDir
    Path dir;

    private Idxmig tenants(PgDatabase db, int n) {
        for (int i = 1; i <= n; i++) {
            db.execute("CREATE SCHEMA tenant_" + i);
        }
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__items.sql", "CREATE TABLE items (id int PRIMARY KEY, owner text, added date);\n"
                + "INSERT INTO items SELECT g, 'o' || (g % 7), DATE '2025-01-01' + g % 30 FROM generate_series(1, 200) g;\n");
        ExampleProject.write(m, "V2__idx.sql", "CREATE INDEX CONCURRENTLY idx_items_owner ON items (owner, added);\n");
        ExampleProject.write(m, "V2__idx.sql.conf", "executeInTransaction=false\n");
        return Idxmig.in(dir).target(db.cliArgs());
    }

    @Test
    void migratesEveryMatchingSchemaInParallelEachWithItsOwnHistoryAndLedger(PgDatabase db) {
        Idxmig idxmig = tenants(db, 4);
        CliResult r = idxmig.run("migrate", "--schemas", "tenant_*", "--parallel", "3");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("migrate on 4 targets: 4 ok, 0 with problems, 0 failed, 0 skipped"),
                r::toString);
        for (int i = 1; i <= 4; i++) {
            assertEquals(1, db.queryLong("SELECT count(*) FROM tenant_" + i + ".idxmig_index_ledger "
                    + "WHERE index_name = 'idx_items_owner' AND action = 'created'"));
            assertEquals(2, db.queryLong("SELECT count(*) FROM tenant_" + i + ".flyway_schema_history"));
        }
        CliResult status = idxmig.run("status", "--schemas", "tenant_1,tenant_4");
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.stdout().contains("tenant_4") && status.stdout().contains("at version 2, 0 pending"),
                status::toString);
    }

    @Test
    void oneBadTenantIsIsolatedAndARerunDoesOnlyWhatIsLeft(PgDatabase db) {
        Idxmig idxmig = tenants(db, 3);
        db.execute("CREATE TABLE tenant_2.items (id int)"); // in the way: V1 fails there
        // (adopted first: without --baseline-on-migrate, a schema with tables but no history stops with exit 2)
        CliResult stop = idxmig.run("migrate", "--schemas", "tenant_*", "--baseline-on-migrate");
        assertEquals(4, stop.exitCode(), stop::toString);
        assertTrue(stop.stdout().contains("1 ok, 0 with problems, 1 failed, 1 skipped"), stop::toString);
        assertTrue(stop.stdout().contains("failed: tenant_2:"), stop::toString);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'tenant_3'"));

        CliResult cont = idxmig.run("migrate", "--schemas", "tenant_*", "--on-error", "continue", "-f", "json",
                "--baseline-on-migrate");
        assertEquals(4, cont.exitCode(), cont::toString);
        JsonNode json = JsonMapper.builder().build().readTree(cont.stdout());
        assertEquals("ok", json.get("targets").get(0).get("status").asString());
        assertTrue(json.get("targets").get(0).get("headline").asString().startsWith("up to date"), cont::toString);
        assertEquals("failed", json.get("targets").get(1).get("status").asString());
        assertEquals("ok", json.get("targets").get(2).get("status").asString());
        assertEquals(1, json.get("summary").get("failed").asInt());

        db.execute("DROP TABLE tenant_2.items");
        CliResult rerun = idxmig.run("migrate", "--schemas", "tenant_*");
        assertEquals(0, rerun.exitCode(), rerun::toString);
        assertTrue(rerun.stdout().matches("(?s).*tenant_1 +ok +up to date.*"), rerun::toString);
        assertTrue(rerun.stdout().matches("(?s).*tenant_2 +ok +applied 2, 1 index changes.*"), rerun::toString);
    }

    @Test
    void sharedMigrationsRunOnceBeforeTheTenants(PgDatabase db) {
        Idxmig idxmig = tenants(db, 2);
        ExampleProject.write(dir.resolve("shared"), "V1__tenants.sql",
                "CREATE TABLE tenants (name text PRIMARY KEY);\nINSERT INTO tenants VALUES ('tenant_1'), ('tenant_2');\n");
        CliResult r = idxmig.run("migrate", "--shared-locations", "shared",
                "--schemas-query", "SELECT name FROM public.tenants ORDER BY name");
        // The query can only run once the shared migration made the table: run shared first, then tenants.
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals(0, idxmig.run("migrate", "--shared-locations", "shared", "--schemas", "tenant_1").exitCode());
        CliResult all = idxmig.run("migrate", "--shared-locations", "shared",
                "--schemas-query", "SELECT name FROM public.tenants ORDER BY name", "--parallel", "2");
        assertEquals(0, all.exitCode(), all::toString);
        assertTrue(all.stdout().startsWith("public (shared)"), all::toString);
        assertEquals(1, db.queryLong("SELECT count(*) FROM public.flyway_schema_history"));
        assertEquals(2, db.queryLong("SELECT count(*) FROM tenant_2.flyway_schema_history"));
    }

    @Test
    void targetsFileRunsOverSeveralDatabasesWithCredentialsFromTheEnvironment(PgDatabase one, PgDatabase two)
            throws Exception {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__items.sql", "CREATE TABLE items (id int PRIMARY KEY, owner text);\n"
                + "CREATE INDEX idx_items_owner ON items (owner);\n");
        Files.writeString(dir.resolve("targets.yaml"), "targets:\n"
                + "  - name: shard-a\n    url: " + one.jdbcUrl() + "\n    user: " + one.user()
                + "\n    password_env: SHARD_PW\n"
                + "  - name: shard-b\n    url: " + two.jdbcUrl() + "\n    user: " + two.user() + "\n");
        CliResult r = Idxmig.in(dir).env("SHARD_PW", one.password().isEmpty() ? "unused" : one.password())
                .run("migrate", "--targets", "targets.yaml", "--format", "junit");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("<testsuite name=\"shard-a\""), r::toString);
        assertTrue(r.stdout().contains("<testsuite name=\"shard-b\""), r::toString);
        assertEquals(1, one.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'created'"));
        assertEquals(1, two.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'created'"));

        Files.writeString(dir.resolve("bad.yaml"), "targets:\n  - name: x\n    url: " + one.jdbcUrl()
                + "\n    password: inline\n");
        CliResult refused = Idxmig.in(dir).run("migrate", "--targets", "bad.yaml");
        assertEquals(2, refused.exitCode(), refused::toString);

        // a target that cannot be reached fails the run (exit 3), whatever the others did
        Files.writeString(dir.resolve("down.yaml"), "targets:\n"
                + "  - name: shard-b\n    url: " + two.jdbcUrl() + "\n    user: " + two.user() + "\n"
                + "  - name: shard-down\n    url: jdbc:postgresql://127.0.0.1:1/app\n    user: nobody\n");
        CliResult down = Idxmig.in(dir).run("verify", "--targets", "down.yaml", "--on-error", "continue");
        assertEquals(3, down.exitCode(), down::toString);
        assertTrue(down.stdout().contains("shard-down") && down.stdout().contains("failed"), down::toString);
    }

    @Test
    void verifyAcrossTenantsReportsEachTargetAndFailsOnAnyProblem(PgDatabase db) {
        Idxmig idxmig = tenants(db, 3);
        assertEquals(0, idxmig.run("migrate", "--schemas", "tenant_*", "--parallel", "2").exitCode());
        db.execute("DROP INDEX tenant_3.idx_items_owner");
        CliResult r = idxmig.run("verify", "--schemas", "tenant_*", "--format", "markdown");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("| tenant_3 | **problems** |"), r::toString);
        assertTrue(r.stdout().contains("| tenant_1 | ok |"), r::toString);
    }

    @Test
    void rollbackDoctorAndPlanCheckRunOverTenantsToo(PgDatabase db) throws Exception {
        Idxmig idxmig = tenants(db, 2);
        assertEquals(0, idxmig.run("migrate", "--schemas", "tenant_*").exitCode());
        Files.writeString(dir.resolve("checks.yaml"), "checks:\n  - name: owner lookup\n"
                + "    sql: SELECT id FROM items WHERE owner = 'o3' AND added = DATE '2025-01-04'\n"
                + "    expect:\n      uses_index: idx_items_owner\n");
        CliResult plan = idxmig.run("plan-check", "--checks", "checks.yaml", "--mode", "usable",
                "--schemas", "tenant_*");
        assertEquals(0, plan.exitCode(), plan::toString);
        assertTrue(plan.stdout().contains("plan-check on 2 targets: 2 ok"), plan::toString);

        CliResult doctor = idxmig.run("doctor", "--schemas", "tenant_*", "-f", "json");
        assertTrue(doctor.stdout().contains("\"target\" : \"tenant_2\""), doctor::toString);

        CliResult rollback = idxmig.run("rollback", "--schemas", "tenant_*", "--parallel", "2");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertTrue(rollback.stdout().contains("rollback on 2 targets: 2 ok"), rollback::toString);
        for (int i = 1; i <= 2; i++) {
            assertEquals(0, db.queryLong("SELECT count(*) FROM pg_indexes WHERE schemaname = 'tenant_" + i
                    + "' AND indexname = 'idx_items_owner'"));
        }
        CliResult after = idxmig.run("plan-check", "--checks", "checks.yaml", "--schemas", "tenant_*");
        assertEquals(1, after.exitCode(), after::toString);
    }
}
