package dev.idxmig.doctor;

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
        "CREATE TABLE %1$s.orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES %1$s.customers (id))",
        // near miss: the foreign key's column leads an index
        "CREATE TABLE %1$s.invoices (id int PRIMARY KEY, customer_id int REFERENCES %1$s.customers (id), n int)",
        "CREATE INDEX invoices_customer_n ON %1$s.invoices (customer_id, n)",
    };

    @ParameterizedTest
    @FieldSource("SCHEMAS")
    void aForeignKeyWithNoIndexOnItsColumnsIsAnError(String schema, PgDatabase db) {
        build(db, schema, TABLES);
        decoy(db, schema, TABLES);

        assertEquals(List.of(DoctorFixture.error("foreign-key-without-index", "orders_customer_id_fkey",
                        "orders (customer_id) references customers with no index on those columns: each delete in "
                                + "customers scans orders",
                        "index the referencing columns in a migration: CREATE INDEX CONCURRENTLY IF NOT EXISTS "
                                + "orders_customer_id_idx ON " + schema + ".orders (customer_id);")),
                findings(examine(db, schema), "foreign-key-without-index"));
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
