package dev.idxmig.doctor;

import dev.idxmig.base.Finding;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static dev.idxmig.doctor.DoctorFixture.build;
import static dev.idxmig.doctor.DoctorFixture.decoy;
import static dev.idxmig.doctor.DoctorFixture.examine;
import static dev.idxmig.doctor.DoctorFixture.findings;
import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class UnusedIndexesTest {
    static final String[] SCHEMAS = DoctorFixture.SCHEMAS;

    private static final String[] TABLES = {
        "CREATE TABLE %1$s.customers (id int PRIMARY KEY, email text)",
        "CREATE TABLE %1$s.orders (id int PRIMARY KEY, customer_id int REFERENCES %1$s.customers (id), "
                + "placed date)",
        "CREATE INDEX orders_placed ON %1$s.orders (placed)",
        // near misses: unique (it enforces something), supports a foreign key
        "CREATE UNIQUE INDEX customers_email ON %1$s.customers (email)",
        "CREATE INDEX orders_customer ON %1$s.orders (customer_id)",
    };

    @ParameterizedTest
    @FieldSource("SCHEMAS")
    void anIndexNoQueryScannedIsAWarningWithItsDrop(String schema, PgDatabase db) {
        build(db, schema, TABLES);
        decoy(db, schema, TABLES);

        List<Finding> found = findings(examine(db, schema), "unused-index").stream()
                .map(f -> new Finding(f.check(), f.severity(), f.object(),
                        f.message().replaceAll("in [0-9]+ \\w+ of statistics", "in N of statistics"), f.hint()))
                .toList();

        assertEquals(List.of(DoctorFixture.warning("unused-index", "orders_placed",
                        "0 scans in N of statistics on orders, 8.0 kB",
                        "if no rare job needs it: DROP INDEX CONCURRENTLY IF EXISTS " + schema + ".orders_placed;")),
                found);
    }
}
