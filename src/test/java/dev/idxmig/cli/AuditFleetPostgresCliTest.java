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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code audit --schemas}: a fleet of tenant schemas, an index one tenant uses and the others do not. */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class AuditFleetPostgresCliTest {
    @TempDir
    Path dir;

    @Test
    void anIndexUsedInOneTenantOnlyIsNamedWithTheSchemasWhereItIsUnused(PgDatabase db) throws Exception {
        ExampleProject.write(dir.resolve("migrations"), "V1__orders.sql", String.join("\n",
                "CREATE TABLE orders (id int PRIMARY KEY, customer int NOT NULL, placed date NOT NULL);",
                "INSERT INTO orders SELECT g, g % 100, DATE '2026-01-01' + g % 300 FROM generate_series(1, 5000) g;",
                "CREATE INDEX orders_customer ON orders (customer);",
                "CREATE INDEX orders_placed ON orders (placed);"));
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult migrate = idxmig.run("migrate", "--schemas", "tenant_a,tenant_b,tenant_c");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        db.execute("SET enable_seqscan = off", "SELECT id FROM tenant_a.orders WHERE customer = 7",
                "SELECT id FROM tenant_b.orders WHERE placed = DATE '2026-03-01'",
                "SELECT id FROM tenant_c.orders WHERE placed = DATE '2026-03-01'");
        awaitScans(db, "tenant_c", "orders_placed");

        CliResult r = idxmig.run("audit", "--schemas", "tenant_*");

        assertEquals(0, r.exitCode(), r::toString);
        String out = r.stdout();
        assertTrue(out.contains("scans per schema:"), out);
        assertTrue(out.matches("(?s).*orders_customer\\s+1\\s+0\\s+0\\s+tenant_b, tenant_c.*"), out);
        assertTrue(out.matches("(?s).*orders_placed\\s+0\\s+1\\s+1\\s+tenant_a\\b.*"), out);

        CliResult json = idxmig.run("audit", "--schemas", "tenant_*", "--format", "json");
        assertEquals(0, json.exitCode(), json::toString);
        ReportSchemas.assertValid("audit", json.stdout());

        CliResult refused = idxmig.run("audit", "--schemas", "tenant_*", "--write-migration");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("work on one target"), refused::toString);
    }

    private static void awaitScans(PgDatabase db, String schema, String index) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (db.queryLong("SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_indexes WHERE schemaname = '"
                + schema + "' AND indexrelname = '" + index + "'") == 0) {
            if (Instant.now().isAfter(deadline)) {
                fail("the statistics never showed a scan of " + schema + "." + index);
            }
        }
    }
}
