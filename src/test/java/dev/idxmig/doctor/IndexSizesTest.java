package dev.idxmig.doctor;

import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class IndexSizesTest {
    static final String[] SCHEMAS = DoctorFixture.SCHEMAS;

    private static final String[] TABLES = {
        "CREATE TABLE %1$s.orders (id int PRIMARY KEY, placed date)",
        "INSERT INTO %1$s.orders SELECT g, date '2026-01-01' + g FROM generate_series(1, 2000) g",
        "CREATE INDEX orders_placed ON %1$s.orders (placed)",
    };

    @ParameterizedTest
    @FieldSource("SCHEMAS")
    void everyIndexOfTheSchemaIsListedLargestFirstAsInformation(String schema, PgDatabase db) {
        build(db, schema, TABLES);
        decoy(db, schema, TABLES);

        List<Finding> sizes = findings(examine(db, schema), "index-size");

        assertEquals(List.of("orders_pkey", "orders_placed"), sizes.stream().map(Finding::object).sorted().toList());
        assertTrue(sizes.stream().allMatch(f -> f.severity() == Severity.INFO && f.message().contains(" on orders, ")),
                sizes::toString);
    }
}
