package dev.idxmig.cli;

import dev.idxmig.fleet.Shard;
import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.IdxmigProcess;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --shard K/N} on 30 tenant schemas of one PostgreSQL database, the shards run as separate idxmig
 * processes started together, as N CI jobs would run them.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class ShardPostgresCliTest {
    private static final int TENANTS = 30;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private void tenants(PgDatabase db) {
        for (int i = 1; i <= TENANTS; i++) {
            db.execute("CREATE SCHEMA tenant_" + i);
        }
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__items.sql", "CREATE TABLE items (id int PRIMARY KEY, owner text);\n"
                + "INSERT INTO items SELECT g, 'o' || (g % 7) FROM generate_series(1, 100) g;\n");
        ExampleProject.write(m, "V2__idx.sql", "CREATE INDEX CONCURRENTLY idx_items_owner ON items (owner);\n");
        ExampleProject.write(m, "V2__idx.sql.conf", "executeInTransaction=false\n");
    }

    @Test
    void threeShardsStartedTogetherMigrateEverySchemaOnceAndTogetherReportWhatOneRunReports(PgDatabase db) {
        tenants(db);
        List<JsonNode> reports = together(db, "migrate", "1/3", "2/3", "3/3");
        TreeSet<String> union = new TreeSet<>();
        for (int k = 1; k <= 3; k++) {
            JsonNode report = reports.get(k - 1);
            assertEquals(TENANTS, report.get("shard").get("selected").asInt());
            for (JsonNode target : report.get("targets")) {
                String name = target.get("target").asString();
                assertEquals(k, Shard.of(name, 3), name + " ran in shard " + k);
                assertTrue(union.add(name), name + " ran in two shards");
                assertTrue(target.get("headline").asString().startsWith("applied 2,"), target::toString);
            }
        }
        assertEquals(TENANTS, union.size());
        for (int i = 1; i <= TENANTS; i++) {
            assertEquals(1, db.queryLong("SELECT count(*) FROM tenant_" + i + ".idxmig_index_ledger "
                    + "WHERE index_name = 'idx_items_owner' AND action = 'created'"), "tenant_" + i);
            assertEquals(2, db.queryLong("SELECT count(*) FROM tenant_" + i + ".flyway_schema_history"
                    + " WHERE success"), "tenant_" + i);
        }
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        for (String command : List.of("status", "verify")) {
            Map<String, JsonNode> sharded = new TreeMap<>();
            for (int k = 1; k <= 3; k++) {
                CliResult r = idxmig.run(command, "--schemas", "tenant_*", "--shard", k + "/3", "-f", "json");
                assertEquals(0, r.exitCode(), r::toString);
                ReportSchemas.assertValid(command, r.stdout());
                sharded.putAll(byTarget(r));
            }
            CliResult whole = idxmig.run(command, "--schemas", "tenant_*", "-f", "json");
            assertEquals(0, whole.exitCode(), whole::toString);
            assertEquals(byTarget(whole), sharded, command + ": the shards together differ from one run");
        }
    }

    @Test
    void rerunningOneShardTouchesOnlyItsTargets(PgDatabase db) {
        tenants(db);
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult first = idxmig.run("migrate", "--schemas", "tenant_*", "--parallel", "2", "--no-backup");
        assertEquals(0, first.exitCode(), first::toString);
        ExampleProject.write(dir.resolve("migrations"), "V3__idx.sql",
                "CREATE INDEX CONCURRENTLY idx_items_id_owner ON items (id, owner);\n");
        ExampleProject.write(dir.resolve("migrations"), "V3__idx.sql.conf", "executeInTransaction=false\n");
        CliResult second = idxmig.run("migrate", "--schemas", "tenant_*", "--shard", "2/3", "--no-backup");
        assertEquals(0, second.exitCode(), second::toString);
        for (int i = 1; i <= TENANTS; i++) {
            boolean owned = Shard.of("tenant_" + i, 3) == 2;
            assertEquals(owned ? 1 : 0, db.queryLong("SELECT count(*) FROM tenant_" + i + ".flyway_schema_history"
                    + " WHERE version = '3'"), "tenant_" + i);
        }
    }

    @Test
    void twoRunnersGivenTheSameShardApplyEachTargetOnceAndTheSecondReportsItDone(PgDatabase db) {
        tenants(db);
        List<JsonNode> reports = together(db, "migrate", "1/3", "1/3");
        Map<String, List<String>> headlines = new TreeMap<>();
        for (JsonNode report : reports) {
            for (JsonNode target : report.get("targets")) {
                headlines.computeIfAbsent(target.get("target").asString(), t -> new ArrayList<>())
                        .add(target.get("headline").asString());
            }
        }
        assertTrue(headlines.size() >= 1);
        for (Map.Entry<String, List<String>> e : headlines.entrySet()) {
            List<String> both = new ArrayList<>(e.getValue());
            Collections.sort(both);
            assertEquals(2, both.size(), e::toString);
            assertTrue(both.get(0).startsWith("applied 2,"), e::toString);
            assertTrue(both.get(1).startsWith("up to date"), e::toString);
            assertEquals(1, db.queryLong("SELECT count(*) FROM " + e.getKey() + ".idxmig_index_ledger "
                    + "WHERE index_name = 'idx_items_owner' AND action = 'created'"), e::toString);
        }
    }

    @Test
    void theSharedSchemaIsInEveryShardAndAppliedOnce(PgDatabase db) {
        tenants(db);
        ExampleProject.write(dir.resolve("shared"), "V1__plans.sql", "CREATE TABLE plans (id int PRIMARY KEY);\n"
                + "CREATE INDEX plans_id_idx ON plans (id);\n");
        List<JsonNode> reports = together(db, "migrate", List.of("--shared-locations", "shared", "--locations",
                "migrations"), "1/2", "2/2");
        List<String> shared = new ArrayList<>();
        for (JsonNode report : reports) {
            JsonNode first = report.get("targets").get(0);
            assertEquals("public (shared)", first.get("target").asString(), report::toString);
            shared.add(first.get("headline").asString());
        }
        Collections.sort(shared);
        assertTrue(shared.get(0).startsWith("applied 1,") && shared.get(1).startsWith("up to date"), shared::toString);
        assertEquals(1, db.queryLong("SELECT count(*) FROM public.flyway_schema_history WHERE version = '1'"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM public.idxmig_index_ledger WHERE index_name = "
                + "'plans_id_idx'"));
    }

    @Test
    void aSchemaListInAnotherOrderGivesTheSameAssignment(PgDatabase db) {
        tenants(db);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= TENANTS; i++) {
            names.add("tenant_" + i);
        }
        List<String> reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        for (int k = 1; k <= 3; k++) {
            assertEquals(owned(idxmig.run("status", "--schemas", String.join(",", names), "--shard", k + "/3",
                    "-f", "json")), owned(idxmig.run("status", "--schemas", String.join(",", reversed), "--shard",
                    k + "/3", "-f", "json")));
        }
    }

    /** Runs one idxmig process per shard, all started before any is awaited; their JSON reports, in order. */
    private List<JsonNode> together(PgDatabase db, String command, String... shards) {
        return together(db, command, List.of(), shards);
    }

    private List<JsonNode> together(PgDatabase db, String command, List<String> more, String... shards) {
        List<IdxmigProcess> running = new ArrayList<>();
        for (int i = 0; i < shards.length; i++) {
            List<String> args = new ArrayList<>(List.of(command));
            Collections.addAll(args, db.cliArgs());
            args.addAll(more);
            args.addAll(List.of("--schemas", "tenant_*", "--shard", shards[i], "--parallel", "2", "-f", "json",
                    "--no-backup"));
            running.add(IdxmigProcess.start(dir, "shard-" + i, env(db), args.toArray(String[]::new)));
        }
        List<JsonNode> reports = new ArrayList<>();
        for (IdxmigProcess p : running) {
            CliResult r = p.await(Duration.ofMinutes(5));
            assertEquals(0, r.exitCode(), r::toString);
            ReportSchemas.assertValid(command, r.stdout());
            reports.add(JSON.readTree(r.stdout()));
        }
        return reports;
    }

    private static Map<String, JsonNode> byTarget(CliResult r) {
        Map<String, JsonNode> targets = new TreeMap<>();
        for (JsonNode target : JSON.readTree(r.stdout()).get("targets")) {
            JsonNode copy = target.deepCopy();
            ((ObjectNode) copy).remove("durationMs");
            stripTimings(copy);
            targets.put(target.get("target").asString(), copy);
        }
        return targets;
    }

    /** Durations differ run to run; everything else must not. */
    private static void stripTimings(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("durationMs");
            object.remove("checkedAt");
            object.remove("generatedAt");
        }
        node.forEach(ShardPostgresCliTest::stripTimings);
    }

    private static TreeSet<String> owned(CliResult r) {
        assertEquals(0, r.exitCode(), r::toString);
        TreeSet<String> owned = new TreeSet<>();
        JSON.readTree(r.stdout()).get("shard").get("owned").forEach(n -> owned.add(n.asString()));
        return owned;
    }

    private static Map<String, String> env(PgDatabase db) {
        return db.password().isEmpty() ? Map.of() : Map.of("IDXMIG_PASSWORD", db.password());
    }
}
