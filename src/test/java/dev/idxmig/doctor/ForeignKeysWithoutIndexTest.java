package dev.idxmig.doctor;

import dev.idxmig.base.Finding;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Path;
import java.util.List;

import static dev.idxmig.doctor.DoctorFixture.build;
import static dev.idxmig.doctor.DoctorFixture.decoy;
import static dev.idxmig.doctor.DoctorFixture.examine;
import static dev.idxmig.doctor.DoctorFixture.findings;
import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class ForeignKeysWithoutIndexTest {
    static final String[] SCHEMAS = DoctorFixture.SCHEMAS;

    private static final String[] TABLES = {
        "CREATE TABLE %1$s.customers (id int PRIMARY KEY)",
        "CREATE TABLE %1$s.pairs (a int, b int, PRIMARY KEY (a, b))",
        "CREATE TABLE %1$s.orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES %1$s.customers (id))",
        // near miss: the foreign key's column leads an index
        "CREATE TABLE %1$s.invoices (id int PRIMARY KEY, customer_id int REFERENCES %1$s.customers (id), n int)",
        "CREATE INDEX invoices_customer_n ON %1$s.invoices (customer_id, n)",
        // Rails-style partial indexes: IS NOT NULL on the key's columns covers (PostgreSQL's check implies it)
        "CREATE TABLE %1$s.posts (id int PRIMARY KEY, parent_id int REFERENCES %1$s.posts (id))",
        "CREATE INDEX posts_parent ON %1$s.posts (parent_id) WHERE (parent_id IS NOT NULL)",
        "CREATE TABLE %1$s.lines (id int PRIMARY KEY, a int, b int, c int, FOREIGN KEY (a, b) "
                + "REFERENCES %1$s.pairs (a, b))",
        "CREATE INDEX lines_b_a ON %1$s.lines (b, a, c) WHERE a IS NOT NULL AND b IS NOT NULL",
        // finding: partial on another condition
        "CREATE TABLE %1$s.tickets (id int PRIMARY KEY, status text, customer_id int REFERENCES %1$s.customers (id))",
        "CREATE INDEX tickets_open_customer ON %1$s.tickets (customer_id) WHERE status = 'x'",
        // finding: IS NOT NULL on a column that is not the key's
        "CREATE TABLE %1$s.notes (id int PRIMARY KEY, body text, customer_id int REFERENCES %1$s.customers (id))",
        "CREATE INDEX notes_customer_with_body ON %1$s.notes (customer_id) WHERE body IS NOT NULL",
        // finding: the key's column is in the index, but another column leads it
        "CREATE TABLE %1$s.visits (id int PRIMARY KEY, at int, customer_id int REFERENCES %1$s.customers (id))",
        "CREATE INDEX visits_at_customer ON %1$s.visits (at, customer_id)",
    };

    @ParameterizedTest
    @FieldSource("SCHEMAS")
    void aForeignKeyWithNoIndexOnItsColumnsIsAnError(String schema, PgDatabase db) {
        build(db, schema, TABLES);
        decoy(db, schema, TABLES);

        assertEquals(List.of(unindexed(schema, "notes"), unindexed(schema, "orders"), unindexed(schema, "tickets"),
                        unindexed(schema, "visits")),
                findings(examine(db, schema), "foreign-key-without-index"));
    }

    private static Finding unindexed(String schema, String table) {
        return DoctorFixture.error("foreign-key-without-index", table + "_customer_id_fkey",
                table + " (customer_id) references customers with no index on those columns (a partial index "
                        + "counts when its predicate is only IS NOT NULL on the key's columns): each delete in "
                        + "customers scans " + table,
                "index the referencing columns in a migration: CREATE INDEX CONCURRENTLY IF NOT EXISTS "
                        + table + "_customer_id_idx ON " + schema + "." + table + " (customer_id);");
    }

    @Test
    void sqliteFindsTheSameForeignKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db");
        DoctorFixture.sqlite(file, "CREATE TABLE customers (id INTEGER PRIMARY KEY)",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers (id))",
                "CREATE TABLE invoices (id INTEGER PRIMARY KEY, customer_id INT REFERENCES customers (id), n INT)",
                "CREATE INDEX invoices_customer_n ON invoices (customer_id, n)");

        List<String> objects = findings(examine(file), "foreign-key-without-index").stream()
                .map(f -> f.severity() + " " + f.message()).toList();
        assertEquals(1, objects.size(), objects::toString);
        assertEquals(true, objects.get(0).startsWith("ERROR orders (customer_id) references customers"),
                objects::toString);
    }
}
