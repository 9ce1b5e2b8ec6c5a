package dev.idxmig.db.mariadb;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySQL and MariaDB told apart before anything runs: a {@code jdbc:mysql:} URL is refused from its text, a MySQL
 * server reached through MariaDB's driver from the product name the driver reports (no MySQL server runs here).
 */
@Tag("unit")
class MariaDbServerKindTest {
    private final MariaDbDialect dialect = new MariaDbDialect();

    @Test
    void aMySqlUrlIsRefusedWithTheMariaDbSpelling() {
        assertTrue(dialect.adviceForUrl("jdbc:mysql://db:3306/app").orElseThrow()
                .startsWith("MySQL is not supported yet"));
        assertTrue(dialect.adviceForUrl("jdbc:mariadb://db:3306/app").isEmpty());
    }

    @Test
    void aMySqlServerBehindAMariaDbUrlIsNamedAsMySql() {
        assertFalse(dialect.handlesProduct("MySQL"));
        assertTrue(dialect.handlesProduct("MariaDB"));
        assertTrue(dialect.otherProductHint("MySQL").startsWith("idxmig does not support MySQL yet"));
        assertEquals("use the JDBC URL scheme of the database you connect to", dialect.otherProductHint("PostgreSQL"));
    }

    @Test
    void aServerOlderThan106IsToldApart() {
        assertTrue(dialect.unsupportedVersion(10, 5).orElseThrow().startsWith("MariaDB 10.5 is older than 10.6"));
        assertTrue(dialect.unsupportedVersion(10, 6).isEmpty());
        assertTrue(dialect.unsupportedVersion(11, 4).isEmpty());
    }
}
