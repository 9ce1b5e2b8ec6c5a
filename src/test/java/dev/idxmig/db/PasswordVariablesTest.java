package dev.idxmig.db;

import dev.idxmig.config.JdbcUrl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A database's own password variable is the dialect's to name, not a vendor check in the settings. */
@Tag("unit")
class PasswordVariablesTest {
    @Test
    void postgresNamesPgpasswordAndSqliteNothing() {
        assertEquals(List.of("PGPASSWORD"), Dialects.passwordVariables(JdbcUrl.of("jdbc:postgresql://h/db")));
        assertEquals(List.of(), Dialects.passwordVariables(JdbcUrl.of("jdbc:sqlite:app.db")));
        assertEquals(List.of(), Dialects.passwordVariables(JdbcUrl.of("jdbc:nope:x")));
    }
}
