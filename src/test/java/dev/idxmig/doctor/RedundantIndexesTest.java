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
class RedundantIndexesTest {
    static final String[] SCHEMAS = DoctorFixture.SCHEMAS;

    private static final String[] TABLES = {
        "CREATE TABLE %1$s.orders (id int PRIMARY KEY, placed date NOT NULL, status text NOT NULL)",
        "CREATE INDEX orders_status ON %1$s.orders (status)",
        "CREATE INDEX orders_status_placed ON %1$s.orders (status, placed)",
        // near miss: the longer index does not start with placed
        "CREATE INDEX orders_placed ON %1$s.orders (placed)",
    };

    @ParameterizedTest
    @FieldSource("SCHEMAS")
    void anIndexWhoseColumnsLeadAnotherIsAWarning(String schema, PgDatabase db) {
        build(db, schema, TABLES);
        decoy(db, schema, TABLES);

        assertEquals(List.of(DoctorFixture.warning("redundant-index", "orders_status",
                        "covered by orders_status_placed on orders, 8.0 kB: its columns lead CREATE INDEX "
                                + "orders_status_placed ON " + schema + ".orders USING btree (status, placed)",
                        "DROP INDEX CONCURRENTLY IF EXISTS " + schema + ".orders_status;")),
                findings(examine(db, schema), "redundant-index"));
    }

    @Test
    void sqliteFindsTheSameRedundantIndex(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db");
        DoctorFixture.sqlite(file, "CREATE TABLE orders (id INTEGER PRIMARY KEY, placed TEXT, status TEXT)",
                "CREATE INDEX orders_status ON orders (status)",
                "CREATE INDEX orders_status_placed ON orders (status, placed)",
                "CREATE INDEX orders_placed ON orders (placed)");

        assertEquals(List.of("orders_status"),
                findings(examine(file), "redundant-index").stream().map(f -> f.object()).toList());
    }
}
