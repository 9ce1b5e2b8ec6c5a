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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every doctor finding on a PostgreSQL database built to have it, in public and in a custom schema. */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class DoctorPostgresCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** Tables and indexes with one of each finding; {@code %1$s} is the schema. */
    private static final String[] FIXTURE = {
        "CREATE SCHEMA IF NOT EXISTS %1$s",
        "CREATE TABLE %1$s.customers (id int PRIMARY KEY, email text NOT NULL, active boolean NOT NULL)",
        "CREATE TABLE %1$s.orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES %1$s.customers (id),"
                + " placed date NOT NULL, status text NOT NULL)",
        "CREATE INDEX orders_placed ON %1$s.orders (placed)",
        "CREATE INDEX orders_placed_copy ON %1$s.orders (placed)",
        "CREATE INDEX orders_status ON %1$s.orders (status)",
        "CREATE INDEX orders_status_placed ON %1$s.orders (status, placed)",
        "CREATE INDEX orders_pending ON %1$s.orders (status) WHERE status = 'pending'",
        "CREATE INDEX customers_active ON %1$s.customers (active)",
        "CREATE INDEX customers_id_copy ON %1$s.customers (id)",
        "CREATE TABLE %1$s.events (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (at)",
        "CREATE TABLE %1$s.events_2026 PARTITION OF %1$s.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
        "CREATE INDEX events_at ON %1$s.events (at)",
        "CREATE INDEX events_at_copy ON %1$s.events (at)",
        "INSERT INTO %1$s.customers VALUES (1, 'a@example.com', true), (2, 'a@example.com', false)",
    };

    @ParameterizedTest
    @ValueSource(strings = {"public", "tenant_a"})
    void doctorReportsEachFindingOnADatabaseBuiltToHaveIt(String schema, PgDatabase db) throws Exception {
        build(db, schema);
        // a failed concurrent unique build (duplicate emails) leaves an invalid index behind
        assertThrows(IllegalStateException.class, () -> db.execute(String.format(
                "CREATE UNIQUE INDEX CONCURRENTLY customers_email_unique ON %s.customers (email)", schema)));
        scan(db, schema, "orders_status_placed", "SELECT * FROM %s.orders WHERE status = 'open' AND placed > now()");
        String other = schema.equals("public") ? "tenant_b" : "public";
        db.execute("CREATE SCHEMA IF NOT EXISTS " + other, "CREATE TABLE " + other + ".decoy (a int)",
                "CREATE INDEX decoy_a ON " + other + ".decoy (a)", "CREATE INDEX decoy_b ON " + other + ".decoy (a)");

        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("doctor", "--schema", schema);

        assertEquals(1, r.exitCode(), r::toString);
        String out = r.stdout();
        assertTrue(out.startsWith("doctor PostgreSQL 15") || out.startsWith("doctor PostgreSQL"), r::toString);
        assertTrue(out.contains("schema " + schema + ": FAILED"), r::toString);
        assertTrue(out.contains("FAIL  invalid-index"), r::toString);
        assertTrue(out.contains("error   customers_email_unique: invalid on customers"), r::toString);
        assertTrue(out.contains("DROP INDEX CONCURRENTLY IF EXISTS " + schema + ".customers_email_unique; then build "
                + "it again: CREATE UNIQUE INDEX CONCURRENTLY customers_email_unique"), r::toString);
        assertTrue(out.contains("FAIL  foreign-key-without-index"), r::toString);
        assertTrue(out.contains("error   orders_customer_id_fkey: orders (customer_id) references customers"),
                r::toString);
        assertTrue(out.contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON " + schema
                + ".orders (customer_id);"), r::toString);
        assertTrue(out.contains("warning orders_placed_copy: duplicate of orders_placed on orders"), r::toString);
        assertTrue(out.contains("warning customers_id_copy: duplicate of customers_pkey on customers"), r::toString);
        assertTrue(out.contains("warning orders_status: covered by orders_status_placed on orders"), r::toString);
        assertFalse(out.contains("orders_pending: covered"), "a partial index is not covered by a full one");
        assertTrue(out.contains("warning customers_active: boolean column active in the key"), r::toString);
        assertTrue(out.contains("warning orders_placed: 0 scans in"), r::toString);
        assertFalse(out.contains("orders_status_placed: 0 scans"), "a scanned index is not unused\n" + r);
        assertFalse(out.contains("customers_pkey: 0 scans"), "primary keys are never reported unused");
        assertTrue(out.contains("statistics collected since"), r::toString);
        assertTrue(out.contains("ok    index-size"), r::toString);
        assertTrue(out.contains("index cache hit ratio"), r::toString);
        assertFalse(out.contains("decoy"), "another schema's indexes are not examined\n" + r);
        assertTrue(out.contains("warning events_at_copy: duplicate of events_at on events"), r::toString);
        assertTrue(out.contains("fix: DROP INDEX IF EXISTS " + schema + ".events_at_copy;"),
                "no CONCURRENTLY for a partitioned index\n" + r);
        assertFalse(out.contains("warning events_2026_at"), "partitions' indexes are reported on the parent\n" + r);
        assertFalse(r.stderr().contains("FAIL  "), "the report goes to stdout only");

        CliResult json = Idxmig.in(dir).target(db.cliArgs()).run("doctor", "--schema", schema, "--format", "json");
        assertEquals(1, json.exitCode(), json::toString);
        JsonNode root = JSON.readTree(json.stdout()).get("targets").get(0).get("report");
        List<String> drops = new ArrayList<>();
        root.get("drops").forEach(d -> drops.add(d.get("index").asString()));
        assertTrue(drops.containsAll(List.of("orders_placed_copy", "customers_id_copy", "orders_status")), drops::toString);
        assertFalse(drops.contains("orders_status_placed"), drops::toString);
        assertFalse(drops.contains("customers_email_unique"), "invalid indexes are rebuilt, not dropped by the draft");
        assertEquals(1, drops.stream().filter("orders_placed_copy"::equals).count(), "each index dropped once");
    }

    @Test
    void writtenMigrationDropsTheFindingsAndAppliesCleanlyWithMigrate(PgDatabase db) throws Exception {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__orders.sql", String.join(";\n", List.of(
                "CREATE TABLE customers (id int PRIMARY KEY, active boolean NOT NULL)",
                "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id),"
                        + " placed date NOT NULL, status text NOT NULL)",
                "CREATE INDEX orders_customer ON orders (customer_id)",
                "CREATE INDEX orders_placed ON orders (placed)",
                "CREATE INDEX orders_placed_copy ON orders (placed)",
                "CREATE INDEX orders_status ON orders (status)",
                "CREATE INDEX orders_status_placed ON orders (status, placed)",
                "CREATE INDEX \"Orders Placed Again\" ON orders (placed)",
                "CREATE TABLE events (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE INDEX events_at ON events (at)",
                "CREATE INDEX events_at_copy ON events (at)")) + ";\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult migrate = idxmig.run("migrate", "--schema", "tenant_a");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        scan(db, "tenant_a", "orders_status_placed", "SELECT * FROM %s.orders WHERE status = 'open' AND placed > now()");

        CliResult doctor = idxmig.run("doctor", "--schema", "tenant_a", "--write-migration");

        assertEquals(0, doctor.exitCode(), "only warnings\n" + doctor);
        Path written = migrations.resolve("V2__doctor_drop_indexes.sql");
        assertTrue(doctor.stderr().contains("wrote migrations/V2__doctor_drop_indexes.sql (5 DROP INDEX)"),
                doctor::toString);
        String sql = Files.readString(written);
        assertTrue(sql.contains("REVIEW BEFORE COMMITTING"), sql);
        // of three equal unused indexes the first by name is kept as the duplicate, and all are dropped as unused
        assertTrue(sql.contains("-- orders_placed_copy on orders: duplicate of Orders Placed Again (same "
                + "definition); unused: 0 scans"), sql);
        assertTrue(sql.contains("DROP INDEX CONCURRENTLY IF EXISTS tenant_a.orders_placed_copy;"), sql);
        assertTrue(sql.contains("-- orders_status on orders: redundant: its columns lead orders_status_placed"), sql);
        assertTrue(sql.contains("DROP INDEX CONCURRENTLY IF EXISTS tenant_a.orders_placed;"), sql);
        assertTrue(sql.contains("DROP INDEX CONCURRENTLY IF EXISTS tenant_a.\"Orders Placed Again\";"), sql);
        assertTrue(sql.contains("\nDROP INDEX IF EXISTS tenant_a.events_at_copy;"), sql);
        assertFalse(sql.contains("tenant_a.orders_customer;"), "an index supporting a foreign key is kept\n" + sql);
        assertFalse(sql.contains("tenant_a.orders_status_placed;"), sql);
        assertEquals("executeInTransaction=false\n",
                Files.readString(migrations.resolve("V2__doctor_drop_indexes.sql.conf")));
        assertEquals(7, db.queryLong("SELECT count(*) FROM pg_indexes WHERE schemaname = 'tenant_a' "
                + "AND tablename = 'orders'"), "doctor itself changes nothing");

        CliResult apply = idxmig.run("migrate", "--schema", "tenant_a");
        assertEquals(0, apply.exitCode(), apply::toString);
        assertTrue(apply.stdout().contains("dropped orders_placed_copy on orders"), apply::toString);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_indexes WHERE schemaname = 'tenant_a' "
                + "AND indexname IN ('Orders Placed Again', 'events_at_copy', 'orders_status')"));

        CliResult after = idxmig.run("doctor", "--schema", "tenant_a", "--format", "json", "--write-migration");
        assertEquals(0, after.exitCode(), after::toString);
        JsonNode root = JSON.readTree(after.stdout()).get("targets").get(0).get("report");
        for (JsonNode check : root.get("checks")) {
            if (!check.get("name").asString().equals("index-size")) {
                assertEquals(0, check.get("findings").size(), check::toString);
            }
        }
        assertEquals(0, root.get("drops").size());
        assertTrue(after.stderr().contains("nothing to drop: no migration written"), after::toString);
        assertFalse(Files.exists(migrations.resolve("V3__doctor_drop_indexes.sql")));
    }

    @Test
    void exampleProjectAfterAWorkloadShowsWhichIndexesServedIt(PgDatabase db) {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL).exitCode());
        scan(db, "public", "idx_worklogs_user_range", "SELECT sum(duration_seconds) FROM %s.worklogs WHERE "
                + "company_id = 1 AND author_email = 'user1@example.com' AND started >= '2025-01-01'");

        CliResult r = idxmig.run("doctor");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(": OK"), r::toString);
        assertTrue(r.stdout().contains("warning idx_worklogs_instance_range: 0 scans"), r::toString);
        assertFalse(r.stdout().contains("idx_worklogs_user_range: 0 scans"), r::toString);
        assertTrue(r.stdout().contains("idx_worklogs_user_range: "), "listed with its size\n" + r);
    }

    @Test
    void unknownDatabaseIsAConnectionErrorWithoutAReport(PgDatabase db) {
        CliResult r = Idxmig.in(dir).run("doctor", "--url", db.jdbcUrl().replace(db.name(), db.name() + "_missing"),
                "--user", db.user());
        assertEquals(3, r.exitCode(), r::toString);
        assertEquals("", r.stdout());
    }

    @Test
    void missingSchemaIsAUsageErrorNotAnEmptyReport(PgDatabase db) {
        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("doctor", "--schema", "no_such_schema");
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals("", r.stdout());
        assertTrue(r.stderr().contains("schema no_such_schema does not exist"), r::toString);
    }

    private static void build(PgDatabase db, String schema) {
        String[] sql = new String[FIXTURE.length];
        for (int i = 0; i < sql.length; i++) {
            sql[i] = String.format(FIXTURE[i], schema);
        }
        db.execute(sql);
    }

    /**
     * Runs a query through the given index (sequential scans off), then waits until the statistics show the
     * scan: a session reports its counts when it ends, a moment after the client closed it.
     */
    private static void scan(PgDatabase db, String schema, String index, String query) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET enable_seqscan = off");
            st.execute(String.format(query, schema));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String count = "SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_indexes WHERE schemaname = '" + schema
                + "' AND indexrelname = '" + index + "'";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (db.queryLong(count) == 0) {
            if (System.nanoTime() > deadline) {
                fail("no scan of " + index + " in the statistics after 20 s");
            }
        }
    }
}
