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
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fleet verify and status read many schemas with a few queries per batch of schemas; what they find in each
 * schema must be exactly what a single-schema run finds there, finding for finding, in the same order.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class FleetBatchedReadsCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int TENANTS = 5;

    @TempDir
    Path dir;

    /**
     * Five tenants: tenant_2 with an INVALID, a missing and a changed index (and its ledger rows out of their
     * physical order), tenant_4 with an invalid index outside the ledger, tenant_5 created after the migration
     * (no history, no ledger: all pending), the rest fine.
     */
    private Idxmig brokenTenants(PgDatabase db) {
        for (int i = 1; i <= TENANTS - 1; i++) {
            db.execute("CREATE SCHEMA tenant_" + i);
        }
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__items.sql", "CREATE TABLE items (id int PRIMARY KEY, owner text, added date, "
                + "code int);\nINSERT INTO items SELECT g, 'o' || (g % 7), DATE '2025-01-01' + g % 30, g % 10 "
                + "FROM generate_series(1, 200) g;\n");
        ExampleProject.write(m, "V2__idx.sql", "CREATE INDEX CONCURRENTLY idx_items_owner ON items (owner, added);\n"
                + "CREATE INDEX CONCURRENTLY idx_items_added ON items (added);\n"
                + "CREATE INDEX CONCURRENTLY idx_items_code ON items (code);\n");
        ExampleProject.write(m, "V2__idx.sql.conf", "executeInTransaction=false\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult migrate = idxmig.run("migrate", "--schemas", "tenant_*", "--parallel", "2");
        assertEquals(0, migrate.exitCode(), migrate::toString);

        db.execute("DROP INDEX tenant_2.idx_items_code", "DROP INDEX tenant_2.idx_items_added",
                "DROP INDEX tenant_2.idx_items_owner",
                "CREATE INDEX idx_items_owner ON tenant_2.items (added, owner)");
        failsLeavingAnInvalidIndex(db, "CREATE UNIQUE INDEX CONCURRENTLY idx_items_code ON tenant_2.items (code)");
        failsLeavingAnInvalidIndex(db, "CREATE UNIQUE INDEX CONCURRENTLY hand_made ON tenant_4.items (code)");
        // An updated row moves to the end of its table: read in table order, the first index would come last.
        db.execute("UPDATE tenant_2.idxmig_index_ledger SET build_ms = build_ms WHERE index_name = 'idx_items_added'");
        db.execute("CREATE SCHEMA tenant_" + TENANTS);
        return idxmig;
    }

    private static void failsLeavingAnInvalidIndex(PgDatabase db, String uniqueBuildOverDuplicates) {
        try {
            db.execute(uniqueBuildOverDuplicates);
        } catch (IllegalStateException expected) {
            return;
        }
        throw new AssertionError("expected the unique build to fail: " + uniqueBuildOverDuplicates);
    }

    @Test
    void fleetVerifyFindsInEachSchemaWhatVerifyingItAloneFinds(PgDatabase db) {
        Idxmig idxmig = brokenTenants(db);
        Map<String, JsonNode> alone = new HashMap<>();
        for (int i = 1; i <= TENANTS; i++) {
            CliResult r = idxmig.run("verify", "--schema", "tenant_" + i, "--format", "json");
            assertEquals(i == 2 || i == 4 ? 1 : 0, r.exitCode(), r::toString);
            alone.put("tenant_" + i, withoutTimings(JSON.readTree(r.stdout()).get("targets").get(0).get("report")));
        }
        // --parallel 1 reads all five schemas in one batch; 2 and 4 split them into batches read side by side.
        for (String parallel : new String[] {"1", "2", "4"}) {
            CliResult fleet = idxmig.run("verify", "--schemas", "tenant_*", "--parallel", parallel,
                    "--format", "json", "--verbose");
            assertEquals(1, fleet.exitCode(), fleet::toString);
            assertFalse(fleet.stderr().contains("at once failed"), "read in batches: " + fleet);
            JsonNode targets = JSON.readTree(fleet.stdout()).get("targets");
            assertEquals(TENANTS, targets.size(), fleet::toString);
            for (JsonNode target : targets) {
                String name = target.get("target").asString();
                assertEquals(alone.get(name), withoutTimings(target.get("report")), "--parallel " + parallel
                        + ", " + name + ": " + fleet);
            }
        }

        CliResult text = idxmig.run("verify", "--schemas", "tenant_*", "--parallel", "2");
        assertEquals(1, text.exitCode(), text::toString);
        String out = text.stdout();
        assertTrue(out.matches("(?s).*tenant_1 +ok +OK — 5 checks.*"), text::toString);
        assertTrue(out.matches("(?s).*tenant_2 +problems +FAILED — 5 checks, 1 failed, 3 errors.*"), text::toString);
        assertTrue(out.contains("promised indexes: idx_items_code on items: is INVALID (not usable by queries); "
                + "created by V2__idx.sql"), text::toString);
        assertTrue(out.contains("promised indexes: idx_items_added on items: is missing; it was created by "
                + "V2__idx.sql"), text::toString);
        assertTrue(out.contains("promised indexes: idx_items_owner on items: differs from what V2__idx.sql created: "
                + "recorded 'CREATE INDEX idx_items_owner ON tenant_2.items USING btree (owner, added)', now "
                + "'CREATE INDEX idx_items_owner ON tenant_2.items USING btree (added, owner)'"), text::toString);
        assertTrue(out.contains("invalid indexes: hand_made on items: is INVALID"), text::toString);
        assertTrue(out.matches("(?s).*tenant_5 +ok +OK — 5 checks, 0 failed, 0 errors, 0 warnings.*"),
                text::toString);
        assertTrue(out.contains("verify on 5 targets: 3 ok, 2 with problems, 0 failed, 0 skipped"), text::toString);
    }

    @Test
    void fleetStatusShowsEachSchemaAsStatusOfItAloneDoes(PgDatabase db) {
        Idxmig idxmig = brokenTenants(db);
        CliResult fleet = idxmig.run("status", "--schemas", "tenant_*", "--parallel", "2", "--format", "json",
                "--verbose");
        assertEquals(0, fleet.exitCode(), fleet::toString);
        assertFalse(fleet.stderr().contains("at once failed"), "read in batches: " + fleet);
        JsonNode targets = JSON.readTree(fleet.stdout()).get("targets");
        assertEquals(TENANTS, targets.size(), fleet::toString);
        for (JsonNode target : targets) {
            String name = target.get("target").asString();
            CliResult alone = idxmig.run("status", "--schema", name, "--format", "json");
            assertEquals(0, alone.exitCode(), alone::toString);
            assertEquals(JSON.readTree(alone.stdout()).get("targets").get(0).get("report"), target.get("report"), name + ": " + fleet);
        }
        CliResult text = idxmig.run("status", "--schemas", "tenant_*");
        assertTrue(text.stdout().matches("(?s).*tenant_2 +ok +at version 2, 0 pending, 3 indexes not as recorded.*"),
                text::toString);
        assertTrue(text.stdout().matches("(?s).*tenant_5 +ok +nothing applied, 2 pending.*"), text::toString);
    }

    @Test
    void aSchemaThatCannotBeReadWithTheOthersIsReadAloneWithTheSameFindings(PgDatabase db) {
        Idxmig idxmig = brokenTenants(db);
        // A ledger column of another type: a UNION over all ledgers fails, reading this one alone does not.
        db.execute("ALTER TABLE tenant_3.idxmig_index_ledger ALTER COLUMN build_ms TYPE text");
        CliResult alone = idxmig.run("verify", "--schema", "tenant_2", "--format", "json");
        CliResult fleet = idxmig.run("verify", "--schemas", "tenant_*", "--format", "json", "--verbose");
        assertEquals(1, fleet.exitCode(), fleet::toString);
        assertTrue(fleet.stderr().contains("reading 5 schemas at once failed"), fleet::toString);
        JsonNode targets = JSON.readTree(fleet.stdout()).get("targets");
        assertEquals(TENANTS, targets.size(), fleet::toString);
        for (JsonNode target : targets) {
            if (target.get("target").asString().equals("tenant_2")) {
                assertEquals(withoutTimings(JSON.readTree(alone.stdout()).get("targets").get(0).get("report")), withoutTimings(target.get("report")),
                        fleet::toString);
            } else {
                assertEquals(target.get("target").asString().equals("tenant_4") ? "problems" : "ok",
                        target.get("status").asString(), fleet::toString);
            }
        }
    }

    /** Check durations differ from run to run; everything else must not. */
    private static JsonNode withoutTimings(JsonNode report) {
        JsonNode copy = report.deepCopy();
        for (JsonNode check : copy.get("checks")) {
            ((ObjectNode) check).remove("durationMs");
        }
        return copy;
    }
}
