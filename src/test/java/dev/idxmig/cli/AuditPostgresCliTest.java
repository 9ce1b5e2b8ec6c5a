package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code idxmig audit} on PostgreSQL through the CLI: a project whose indexes are driven by a workload run here into
 * each verdict, after a statistics reset that follows the build.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class AuditPostgresCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** An adopted index, four built by V2, a checks file naming two, and bench runs before and after V2. */
    static Idxmig project(Path dir, PgDatabase db) throws Exception {
        db.execute("CREATE TABLE items (id int PRIMARY KEY, owner int NOT NULL, code text NOT NULL, "
                        + "kind text NOT NULL, price int NOT NULL, note text)",
                "INSERT INTO items SELECT g, g % 1000, 'c' || g, 'k' || (g % 500), g % 700, NULL "
                        + "FROM generate_series(1, 20000) g",
                "CREATE INDEX items_kind_legacy ON items (kind)");
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V2__item_indexes.sql", String.join("\n",
                "CREATE INDEX items_owner ON items (owner);",
                "CREATE INDEX items_code ON items (code);",
                "CREATE INDEX items_price ON items (price);",
                "CREATE INDEX items_note ON items (note);"));
        Files.writeString(migrations.resolve("checks.yaml"), String.join("\n",
                "checks:",
                "  - name: items of an owner",
                "    sql: SELECT id FROM items WHERE owner = 7",
                "    expect:",
                "      uses_index: items_owner",
                "    bench:",
                "      max_median_ms: 200",
                "  - name: items at a price",
                "    description: the application now filters on price + 0, which the index cannot serve",
                "    sql: SELECT id FROM items WHERE price + 0 = 5",
                "    expect:",
                "      uses_index: items_price",
                "  - name: items by a forgotten index",
                "    sql: SELECT id FROM items WHERE id = 1",
                "    expect:",
                "      uses_index: items_gone",
                ""));
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult baseline = idxmig.run("baseline", "--baseline-version", "1");
        assertEquals(0, baseline.exitCode(), baseline::toString);
        CliResult migrate = idxmig.run("migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        db.execute("ANALYZE items");
        writeBench(dir.resolve("before.json"), "2020-01-01T00:00:00Z", 40.0, 3.0);
        writeBench(dir.resolve("after.json"), Instant.now().plusSeconds(1).toString(), 0.5, 4.0);
        return idxmig;
    }

    /** A bench run as {@code bench --save-baseline} writes it, with the two checks' medians. */
    static void writeBench(Path file, String measuredAt, double ownerMs, double priceMs) throws Exception {
        Files.writeString(file, "{\"database\":\"PostgreSQL 15\",\"schema\":\"public\",\"machine\":\"test\","
                + "\"measuredAt\":\"" + measuredAt + "\",\"runs\":5,\"warmup\":1,\"queries\":["
                + query("items of an owner", ownerMs) + "," + query("items at a price", priceMs) + "]}");
    }

    private static String query(String name, double medianMs) {
        return "{\"name\":\"" + name + "\",\"status\":\"measured\",\"timing\":{\"runs\":5,\"minMs\":" + medianMs
                + ",\"medianMs\":" + medianMs + ",\"p95Ms\":" + medianMs + ",\"maxMs\":" + medianMs + "},"
                + "\"indexes\":[],\"plan\":[],\"genericPlan\":false,\"tables\":[]}";
    }

    /** Queries that scan some indexes and not others, then waits until the statistics show them. */
    static void workload(PgDatabase db) {
        db.execute("SET enable_seqscan = off", "SET enable_bitmapscan = off",
                "SELECT id FROM items WHERE owner = 7",
                "SELECT id FROM items WHERE code = 'c7'",
                "SELECT id FROM items WHERE price = 5",
                "SELECT id FROM items WHERE kind = 'k3'");
        awaitScans(db, "items_kind_legacy");
    }

    static void awaitScans(PgDatabase db, String index) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (db.queryLong("SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_indexes WHERE indexrelname = '"
                + index + "'") == 0) {
            if (Instant.now().isAfter(deadline)) {
                fail("the statistics never showed a scan of " + index);
            }
            db.execute("SELECT pg_stat_clear_snapshot()");
        }
    }

    @Test
    void eachIndexGetsTheVerdictItsWorkloadEarned(PgDatabase db) throws Exception {
        Idxmig idxmig = project(dir, db);
        db.execute("SELECT pg_stat_reset()");
        workload(db);

        CliResult r = idxmig.run("audit", "--bench", "before.json", "--bench", "after.json");

        assertEquals(0, r.exitCode(), "no --fail-on: the verdicts alone do not fail the run\n" + r);
        Map<String, String> verdicts = verdicts(idxmig.run("audit", "--bench", "before.json", "--bench",
                "after.json", "--format", "json"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("items_price", "promise broken");
        expected.put("items_note", "unused since built");
        expected.put("items_kind_legacy", "adopted, unknown");
        expected.put("items_pkey", "adopted, unknown");
        expected.put("items_code", "used, never proven");
        expected.put("items_owner", "delivered");
        assertEquals(expected, verdicts, r::toString);
        String out = r.stdout();
        assertTrue(out.contains("6 indexes: 1 promise broken, 1 unused since built, 2 adopted, unknown, "
                + "1 used, never proven, 1 delivered"), out);
        assertTrue(out.contains("scans counted since the statistics reset at"), "the reset after the build is named\n"
                + out);
        assertTrue(out.contains("items of an owner: median 40.00 ms before, 0.50 ms after, target 200 ms"), out);
        assertTrue(out.contains("check 'items at a price' fails now"), out);
        assertTrue(out.contains("items at a price: no measured gain, median 3.00 ms before, 4.00 ms after"), out);
        assertTrue(out.contains("less than a week"), out);
        assertTrue(out.contains("V2 (V2__item_indexes.sql)"), out);
        assertTrue(out.contains("adopted at baseline 1"), out);
        assertTrue(r.stderr().contains("check 'items by a forgotten index' names items_gone, which the ledger of "
                + "schema public does not record"), r::toString);
        assertTrue(out.contains("adopted at the baseline; no check names it; it enforces a constraint"), out);
    }

    @Test
    void failOnTurnsVerdictsIntoAFailedRunInEveryFormat(PgDatabase db) throws Exception {
        Idxmig idxmig = project(dir, db);
        workload(db);

        CliResult broken = idxmig.run("audit", "--fail-on", "broken");
        assertEquals(1, broken.exitCode(), broken::toString);
        assertTrue(broken.stdout().startsWith("audit PostgreSQL"), broken::toString);
        assertTrue(broken.stdout().contains(": FAILED"), broken::toString);

        CliResult json = idxmig.run("audit", "--fail-on", "broken,unused", "--format", "json");
        assertEquals(1, json.exitCode(), json::toString);
        ReportSchemas.assertValid("audit", json.stdout());

        CliResult junit = idxmig.run("audit", "--fail-on", "unused", "--format", "junit");
        assertEquals(1, junit.exitCode(), junit::toString);
        assertTrue(junit.stdout().contains("<testcase") && junit.stdout().contains("items_note"), junit::toString);

        CliResult markdown = idxmig.run("audit", "--format", "markdown");
        assertEquals(0, markdown.exitCode(), markdown::toString);
        assertTrue(markdown.stdout().contains("#### `items_owner` on `items`: delivered"), markdown::toString);
        assertTrue(markdown.stdout().contains("- **Promised**: check 'items of an owner' (uses_index): holds"),
                markdown::toString);

        CliResult bad = idxmig.run("audit", "--fail-on", "slow");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("--fail-on takes broken or unused, not 'slow'"), bad::toString);
    }

    @Test
    void aWindowLongerThanTheStatisticsIsSaidAndAuditChangesNothing(PgDatabase db) throws Exception {
        Idxmig idxmig = project(dir, db);
        workload(db);
        String before = catalog(db);

        CliResult r = idxmig.run("audit", "--since", "90d");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("--since 90 days is longer than the"), r::toString);
        assertEquals(before, catalog(db), "audit changed the catalog");
    }

    @Test
    void aBenchRunFromAnotherSchemaIsRefused(PgDatabase db) throws Exception {
        Idxmig idxmig = project(dir, db);
        Files.writeString(dir.resolve("other.json"), Files.readString(dir.resolve("after.json"))
                .replace("\"schema\":\"public\"", "\"schema\":\"tenant_b\""));

        CliResult r = idxmig.run("audit", "--bench", "other.json");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("other.json was measured on PostgreSQL 15, schema tenant_b, not on this target"),
                r::toString);
    }

    /** The indexes, their definitions and validity, the ledger's and Flyway's rows: what audit must not change. */
    static String catalog(PgDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_index") + "/"
                + db.queryLong("SELECT count(*) FROM idxmig_index_ledger") + "/"
                + db.queryLong("SELECT count(*) FROM flyway_schema_history") + "/"
                + db.queryLong("SELECT coalesce(sum(hashtext(pg_get_indexdef(indexrelid))), 0) FROM pg_index");
    }

    static Map<String, String> verdicts(CliResult json) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        JsonNode report = JSON.readTree(json.stdout()).get("targets").get(0).get("report");
        report.get("indexes").forEach(i -> verdicts.put(i.get("index").asString(), i.get("verdict").asString()));
        return verdicts;
    }

    @Test
    void theWrittenDropMigrationAppliesAndRollsBackCleanly(PgDatabase db) throws Exception {
        Idxmig idxmig = project(dir, db);
        workload(db);
        awaitCoverage(db, 2);

        CliResult audit = idxmig.run("audit", "--since", "1s", "--write-migration");

        assertEquals(0, audit.exitCode(), audit::toString);
        Path migrations = dir.resolve("migrations");
        assertTrue(audit.stderr().contains("wrote migrations/V3__audit_drop_indexes.sql (1 DROP INDEX) and its undo "
                + "script migrations/U3__audit_drop_indexes.sql"), audit::toString);
        assertTrue(audit.stderr().contains("kept items_pkey") || !audit.stderr().contains("DROP INDEX CONCURRENTLY "
                + "IF EXISTS public.items_pkey"), audit::toString);
        String sql = Files.readString(migrations.resolve("V3__audit_drop_indexes.sql"));
        assertTrue(sql.contains("Written by `idxmig audit --write-migration`"), sql);
        assertTrue(sql.contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"items_note\";"), sql);
        assertFalse(sql.contains("items_owner") || sql.contains("items_code") || sql.contains("items_kind_legacy"),
                sql);
        String undo = Files.readString(migrations.resolve("U3__audit_drop_indexes.sql"));
        assertTrue(undo.contains("CREATE INDEX CONCURRENTLY items_note ON public.items USING btree (note);"), undo);

        CliResult migrate = idxmig.run("migrate", "--no-backup");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'items_note'"));
        CliResult rollback = idxmig.run("rollback", "--steps", "1");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "WHERE i.relname = 'items_note' AND x.indisvalid"));
        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify::toString);
    }

    @Test
    void aMigrationsFolderAuditCannotWriteToIsAUsageErrorBeforeConnecting(PgDatabase db) throws Exception {
        Idxmig idxmig = project(dir, db);
        Path migrations = dir.resolve("migrations");
        java.util.Set<java.nio.file.attribute.PosixFilePermission> was = Files.getPosixFilePermissions(migrations);
        Files.setPosixFilePermissions(migrations, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(migrations),
                    "running as root: every folder is writable");
            CliResult r = idxmig.run("audit", "--write-migration");
            assertEquals(2, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("audit --write-migration cannot write to the migrations folder"),
                    r::toString);
        } finally {
            Files.setPosixFilePermissions(migrations, was);
        }
    }

    /** Polls until the statistics cover at least {@code seconds} since the last build the ledger recorded. */
    static void awaitCoverage(PgDatabase db, long seconds) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (db.queryLong("SELECT floor(extract(epoch FROM now() - max(recorded_at)))::bigint FROM idxmig_index_ledger")
                < seconds) {
            if (Instant.now().isAfter(deadline)) {
                fail("the ledger's last build never got " + seconds + " s old");
            }
        }
    }
}
