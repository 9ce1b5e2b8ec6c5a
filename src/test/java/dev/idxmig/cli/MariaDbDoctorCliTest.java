package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import dev.idxmig.testing.PerformanceSchema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * doctor on a real MariaDB: duplicate and redundant prefix indexes, with online drops; boolean indexes; index
 * sizes; unused indexes where the server counts index usage (performance_schema, on the second server, or
 * userstat), and where it does not, why not and how to turn it on.
 */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbDoctorCliTest {

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected '" + part + "' in:\n" + text);
    }

    @Test
    void duplicateAndRedundantPrefixIndexesAreFoundWithTheirOnlineDrops(MariaDbDatabase db, @TempDir Path dir) {
        db.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer INT NOT NULL, placed DATE NOT NULL, "
                        + "code VARCHAR(100) NOT NULL, note TEXT)",
                "CREATE INDEX orders_customer_placed ON orders (customer, placed)",
                "CREATE INDEX orders_by_customer_date ON orders (customer, placed)", // a duplicate
                "CREATE INDEX orders_customer ON orders (customer)",                 // a redundant prefix
                "CREATE INDEX orders_id ON orders (id)",                             // the primary key's duplicate
                "CREATE INDEX orders_code ON orders (code(10))",
                "CREATE INDEX orders_code_full ON orders (code)",                    // not a duplicate: no prefix
                "CREATE UNIQUE INDEX orders_customer_unique ON orders (customer, placed, code)");
        CliResult doctor = Idxmig.in(dir).env("IDXMIG_PASSWORD", db.password()).run("doctor", "--url", db.jdbcUrl(),
                "--user", db.user(), "--verbose");
        assertEquals(0, doctor.exitCode(), doctor.toString()); // warnings only
        assertContains(doctor.stdout(), "orders_customer_placed: duplicate of orders_by_customer_date on orders: "
                + "CREATE INDEX `orders_customer_placed` ON `orders` (`customer`, `placed`) USING BTREE");
        assertContains(doctor.stdout(), "fix: ALTER TABLE `" + db.name() + "`.`orders` DROP INDEX IF EXISTS "
                + "`orders_customer_placed`, ALGORITHM=INPLACE, LOCK=NONE;");
        assertContains(doctor.stdout(), "orders_id: duplicate of orders.PRIMARY on orders");
        assertContains(doctor.stdout(), "orders_customer: covered by orders_by_customer_date on orders");
        for (String kept : new String[] {"orders_code_full: ", "orders_customer_unique: "}) {
            assertFalse(doctor.stdout().contains(kept + "duplicate of"), doctor.stdout());
            assertFalse(doctor.stdout().contains(kept + "covered by"), doctor.stdout());
        }

        CliResult missing = Idxmig.in(dir).env("IDXMIG_PASSWORD", db.password()).run("doctor", "--url",
                db.jdbcUrl(), "--user", db.user(), "--schema", "no_such_database");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.stderr().contains("schema no_such_database does not exist"), missing.toString());

        // the drop doctor proposes runs as it says
        db.execute("ALTER TABLE `" + db.name() + "`.`orders` DROP INDEX IF EXISTS `orders_customer_placed`, "
                + "ALGORITHM=INPLACE, LOCK=NONE");
        assertEquals(0, db.queryLong("SELECT count(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + "DATABASE() AND INDEX_NAME = 'orders_customer_placed'"));
    }

    private static CliResult doctor(MariaDbDatabase db, Path dir) {
        return Idxmig.in(dir).env("IDXMIG_PASSWORD", db.password()).run("doctor", "--url", db.jdbcUrl(), "--user",
                db.user());
    }

    /** A table with an index that queries use, one they never use, and one on a BOOLEAN (TINYINT(1)) column. */
    private static void ordersWithAUsedAndAnUnusedIndex(MariaDbDatabase db) {
        db.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer INT NOT NULL, placed DATE NOT NULL, "
                        + "paid BOOLEAN NOT NULL, code VARCHAR(20) NOT NULL)",
                "CREATE INDEX orders_customer ON orders (customer)",
                "CREATE INDEX orders_placed ON orders (placed)",
                "CREATE INDEX orders_paid_placed ON orders (paid, placed)",
                "CREATE UNIQUE INDEX orders_code ON orders (code)",
                "INSERT INTO orders VALUES (1, 7, '2026-01-01', 1, 'a'), (2, 8, '2026-01-02', 0, 'b')");
        assertEquals(1, db.queryLong("SELECT count(*) FROM orders FORCE INDEX (orders_customer) WHERE customer = 7"));
    }

    @Test
    void withoutAUsageSourceUnusedIndexesAreNotCheckedAndDoctorSaysWhyAndHowToTurnOneOn(MariaDbDatabase db,
                                                                                         @TempDir Path dir) {
        ordersWithAUsedAndAnUnusedIndex(db);
        CliResult doctor = doctor(db, dir);
        assertEquals(0, doctor.exitCode(), doctor.toString());
        assertContains(doctor.stdout(), "index usage: not checked: MariaDB counts no index usage here "
                + "(performance_schema is off, and userstat is off)");
        assertContains(doctor.stdout(), "fix: turn one source on: SET GLOBAL userstat = ON");
        assertFalse(doctor.stdout().contains("orders_placed: 0 scans"), doctor.stdout());
        // the checks that need no usage still run
        assertContains(doctor.stdout(), "orders_paid_placed: boolean column paid in the key on orders: "
                + "CREATE INDEX `orders_paid_placed` ON `orders` (`paid`, `placed`)");
        assertContains(doctor.stdout(), "fix: MariaDB has no partial indexes: put paid last in the key");
        assertContains(doctor.stdout(), "orders_customer: 16.0 kB on orders");
        assertContains(doctor.stdout(), "orders.PRIMARY: 16.0 kB on orders");
        assertContains(doctor.stdout(), "5 indexes, 80.0 kB in all (sizes from the database's statistics");
    }

    @Test
    void performanceSchemaFindsTheIndexNoStatementReadSinceTheServerStarted(@PerformanceSchema MariaDbDatabase db,
                                                                            @TempDir Path dir) {
        ordersWithAUsedAndAnUnusedIndex(db);
        CliResult doctor = doctor(db, dir);
        assertEquals(0, doctor.exitCode(), doctor.toString());
        assertContains(doctor.stdout(), "orders_placed: 0 scans in ");
        assertContains(doctor.stdout(), "fix: if no rare job needs it: ALTER TABLE `" + db.name() + "`.`orders` DROP "
                + "INDEX IF EXISTS `orders_placed`, ALGORITHM=INPLACE, LOCK=NONE;");
        assertContains(doctor.stdout(), "(server start, performance_schema, ");
        assertFalse(doctor.stdout().contains("orders_customer: 0 scans"), doctor.stdout()); // read above
        assertFalse(doctor.stdout().contains("orders_code: 0 scans"), doctor.stdout());     // unique
        assertFalse(doctor.stdout().contains("not checked"), doctor.stdout());
    }

    @Test
    void userstatIsTheSourceWherePerformanceSchemaDoesNotCountTableIo(@PerformanceSchema MariaDbDatabase db,
                                                                     @TempDir Path dir) throws Exception {
        try (Connection admin = MariaDbExtension.admin(db); Statement st = admin.createStatement()) {
            st.execute("UPDATE performance_schema.setup_instruments SET ENABLED = 'NO' "
                    + "WHERE NAME = 'wait/io/table/sql/handler'");
            st.execute("SET GLOBAL userstat = ON");
            try {
                CliResult off = doctor(db, dir);
                ordersWithAUsedAndAnUnusedIndex(db);
                CliResult doctor = doctor(db, dir);
                assertEquals(0, doctor.exitCode(), doctor.toString());
                assertContains(doctor.stdout(), "orders_placed: 0 scans in ");
                assertContains(doctor.stdout(), "(server start at the earliest: userstat counts from when it was "
                        + "turned on or last flushed, ");
                assertFalse(doctor.stdout().contains("orders_customer: 0 scans"), doctor.stdout());
                assertEquals(0, off.exitCode(), off.toString());
            } finally {
                st.execute("SET GLOBAL userstat = OFF");
                st.execute("UPDATE performance_schema.setup_instruments SET ENABLED = 'YES' "
                        + "WHERE NAME = 'wait/io/table/sql/handler'");
            }
        }
    }
}
