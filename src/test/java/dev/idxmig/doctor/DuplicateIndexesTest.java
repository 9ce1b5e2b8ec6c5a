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
class DuplicateIndexesTest {
    static final String[] SCHEMAS = DoctorFixture.SCHEMAS;

    private static final String[] TABLES = {
        "CREATE TABLE %1$s.orders (id int PRIMARY KEY, placed date NOT NULL, status text NOT NULL)",
        "CREATE INDEX orders_placed ON %1$s.orders (placed)",
        "CREATE INDEX orders_placed_copy ON %1$s.orders (placed)",
        // near misses: same column with a predicate, same column descending
        "CREATE INDEX orders_placed_pending ON %1$s.orders (placed) WHERE status = 'pending'",
        "CREATE INDEX orders_placed_desc ON %1$s.orders (placed DESC)",
    };

    @ParameterizedTest
    @FieldSource("SCHEMAS")
    void anIndexWithTheSameDefinitionAsAnotherIsAWarningWithItsDrop(String schema, PgDatabase db) {
        build(db, schema, TABLES);
        decoy(db, schema, TABLES);

        DoctorReport report = examine(db, schema);

        assertEquals(List.of(DoctorFixture.warning("duplicate-index", "orders_placed_copy",
                        "duplicate of orders_placed on orders, 8.0 kB: CREATE INDEX orders_placed_copy ON " + schema
                                + ".orders USING btree (placed)",
                        "DROP INDEX CONCURRENTLY IF EXISTS " + schema + ".orders_placed_copy;")),
                findings(report, "duplicate-index"));
        assertEquals(List.of(new IndexDrop(schema, "orders", "orders_placed_copy",
                        "DROP INDEX CONCURRENTLY IF EXISTS " + schema + ".orders_placed_copy;",
                        "duplicate of orders_placed (same definition)")),
                report.drops().stream().filter(d -> d.reason().startsWith("duplicate"))
                        // the unused-index check merges its own reason in: "...; unused: 0 scans since ..."
                        .map(d -> new IndexDrop(d.schema(), d.table(), d.index(), d.statement(),
                                d.reason().split("; ")[0])).toList());
    }

    @Test
    void sqliteFindsTheSameDuplicate(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db");
        DoctorFixture.sqlite(file, "CREATE TABLE orders (id INTEGER PRIMARY KEY, placed TEXT, status TEXT)",
                "CREATE INDEX orders_placed ON orders (placed)", "CREATE INDEX orders_placed_copy ON orders (placed)",
                "CREATE INDEX orders_placed_pending ON orders (placed) WHERE status = 'pending'");

        assertEquals(List.of("orders_placed_copy"),
                findings(examine(file), "duplicate-index").stream().map(f -> f.object()).toList());
    }
}
