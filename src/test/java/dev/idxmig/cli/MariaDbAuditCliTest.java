package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import dev.idxmig.testing.PerformanceSchema;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * audit on MariaDB: index usage from performance_schema (counted since the server's start) where it is on; where
 * the server counts no usage audit cannot judge, and stops with exit 2 saying why.
 */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbAuditCliTest {

    private static Idxmig migrated(MariaDbDatabase db, Path dir) {
        ExampleProject.write(dir.resolve("migrations"), "V1__orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY, "
                + "customer INT NOT NULL, placed DATE NOT NULL);\n"
                + "INSERT INTO orders SELECT seq, seq % 10, DATE('2026-01-01') + INTERVAL (seq % 30) DAY "
                + "FROM seq_1_to_100;\n"
                + "CREATE INDEX orders_customer ON orders (customer);\n"
                + "CREATE INDEX orders_placed ON orders (placed);\n");
        Idxmig idxmig = db.idxmig(dir);
        CliResult migrated = idxmig.run("migrate", "--locations", "migrations", "--no-backup");
        assertEquals(0, migrated.exitCode(), migrated.toString());
        return idxmig;
    }

    @Test
    void performanceSchemaTellsTheIndexReadSinceItWasBuiltFromTheOneNeverRead(@PerformanceSchema MariaDbDatabase db,
                                                                             @TempDir Path dir) {
        Idxmig idxmig = migrated(db, dir);
        assertEquals(10, db.queryLong("SELECT count(*) FROM orders FORCE INDEX (orders_customer) WHERE customer = 3"));

        CliResult text = idxmig.run("audit", "--locations", "migrations");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.stdout().contains("(server start, "), text.toString());

        CliResult json = idxmig.run("audit", "--locations", "migrations", "--format", "json");
        assertEquals(0, json.exitCode(), json.toString());
        ReportSchemas.assertValid("audit", json.stdout());
        Map<String, String> verdicts = AuditPostgresCliTest.verdicts(json);
        assertEquals("unused since built", verdicts.get("orders_placed"), verdicts::toString);
        assertEquals("used, never proven", verdicts.get("orders_customer"), verdicts::toString);
    }

    @Test
    void withoutPerformanceSchemaAuditStopsAndSaysHowToTurnItOn(MariaDbDatabase db, @TempDir Path dir) {
        CliResult audit = migrated(db, dir).run("audit", "--locations", "migrations");
        assertEquals(2, audit.exitCode(), audit.toString());
        assertTrue(audit.stderr().contains("audit needs index usage: MariaDB counts no index usage here "
                + "(performance_schema is off, and userstat is off)"), audit.toString());
        assertTrue(audit.stderr().contains("hint: start the server with performance_schema = ON"), audit.toString());
    }
}
