package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code idxmig new --index} for MariaDB: a migration and an undo script MariaDB runs, through migrate and rollback. */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbNewCliTest {

    @Test
    void theWrittenMigrationAndItsUndoRunOnMariaDb(MariaDbDatabase db, @TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__orders.sql"),
                "CREATE TABLE orders (id INT PRIMARY KEY, customer INT NOT NULL, placed DATE NOT NULL);\n");
        Idxmig idxmig = db.idxmig(dir);
        CliResult written = idxmig.run("new", "orders by customer", "--index", "orders (customer, placed DESC)");
        assertEquals(0, written.exitCode(), written.toString());
        String undo = Files.readString(dir.resolve("migrations/U2__orders_by_customer.sql"));
        // MariaDB's DROP INDEX names its table; PostgreSQL's form would be a syntax error here
        assertTrue(undo.contains("DROP INDEX IF EXISTS idx_orders_customer_placed ON orders;"), undo);

        assertEquals(0, idxmig.run("migrate", "--no-backup").exitCode());
        assertEquals(1, db.queryLong("SELECT count(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = 'idx_orders_customer_placed'"));
        CliResult back = idxmig.run("rollback");
        assertEquals(0, back.exitCode(), back.toString());
        assertEquals(0, db.queryLong("SELECT count(*) FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = 'idx_orders_customer_placed'"));
    }
}
