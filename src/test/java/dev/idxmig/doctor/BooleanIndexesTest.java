package dev.idxmig.doctor;

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
class BooleanIndexesTest {
    static final String[] SCHEMAS = DoctorFixture.SCHEMAS;

    private static final String[] TABLES = {
        "CREATE TABLE %1$s.customers (id int PRIMARY KEY, email text, active boolean NOT NULL)",
        "CREATE INDEX customers_active ON %1$s.customers (active)",
        // near miss: the boolean only selects the rows
        "CREATE INDEX customers_active_email ON %1$s.customers (email) WHERE active",
    };

    @ParameterizedTest
    @FieldSource("SCHEMAS")
    void aBooleanColumnInTheKeyIsAWarning(String schema, PgDatabase db) {
        build(db, schema, TABLES);
        decoy(db, schema, TABLES);

        assertEquals(List.of(DoctorFixture.warning("boolean-index", "customers_active",
                        "boolean column active in the key on customers, 8.0 kB: CREATE INDEX customers_active ON "
                                + schema + ".customers USING btree (active)",
                        "index the rows you look for instead: a partial index ... WHERE active (or WHERE NOT "
                                + "active), on the columns you search them by")),
                findings(examine(db, schema), "boolean-index"));
    }
}
