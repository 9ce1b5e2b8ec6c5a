package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** doctor on a real MariaDB: duplicate and redundant prefix indexes, with online drops; the rest says why not. */
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
        assertFalse(doctor.stdout().contains("orders_code_full:"), doctor.stdout());
        assertFalse(doctor.stdout().contains("orders_customer_unique:"), doctor.stdout());

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
}
