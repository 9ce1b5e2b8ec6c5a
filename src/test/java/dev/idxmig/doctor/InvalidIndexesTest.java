package dev.idxmig.doctor;

import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static dev.idxmig.doctor.DoctorFixture.build;
import static dev.idxmig.doctor.DoctorFixture.examine;
import static dev.idxmig.doctor.DoctorFixture.findings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class InvalidIndexesTest {
    static final String[] SCHEMAS = DoctorFixture.SCHEMAS;

    @ParameterizedTest
    @FieldSource("SCHEMAS")
    void aFailedConcurrentBuildLeavesAnInvalidIndexWithItsRebuild(String schema, PgDatabase db) {
        build(db, schema, "CREATE TABLE %1$s.customers (id int PRIMARY KEY, email text NOT NULL)",
                "INSERT INTO %1$s.customers VALUES (1, 'a@example.com'), (2, 'a@example.com')",
                "CREATE UNIQUE INDEX customers_id_unique ON %1$s.customers (id)");
        assertThrows(IllegalStateException.class, () -> db.execute(String.format(
                "CREATE UNIQUE INDEX CONCURRENTLY customers_email_unique ON %s.customers (email)", schema)));

        assertEquals(List.of(DoctorFixture.error("invalid-index", "customers_email_unique",
                        "invalid on customers, 0 B: a failed concurrent build left it; writes maintain it, queries "
                                + "never use it",
                        "DROP INDEX CONCURRENTLY IF EXISTS " + schema + ".customers_email_unique; then build it "
                                + "again: CREATE UNIQUE INDEX CONCURRENTLY customers_email_unique ON " + schema
                                + ".customers USING btree (email);")),
                findings(examine(db, schema), "invalid-index"));
    }
}
