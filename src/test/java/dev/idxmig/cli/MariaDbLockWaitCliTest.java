package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
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
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A migration behind a session that read the table in a transaction still open: exit 5 after the retries, and the
 * holder named, by performance_schema.metadata_locks where it is on, else among the sessions with an open
 * transaction, the message saying which.
 */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbLockWaitCliTest {

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected '" + part + "' in:\n" + text);
    }

    @Test
    void performanceSchemaNamesTheSessionHoldingTheMetadataLock(@PerformanceSchema MariaDbDatabase db,
                                                               @TempDir Path dir) throws Exception {
        Stopped stopped = blockedMigration(db, dir);
        assertContains(stopped.stderr(), "(try 1 of 2); performance_schema names the sessions holding the metadata "
                + "lock on t: session " + stopped.holder() + " (user " + db.user() + " from ");
        assertContains(stopped.stderr(), "holds SHARED_READ until its transaction ends), idle, last statement: "
                + "SELECT count(*) FROM t WHERE a = 1 /* the holder */");
        assertContains(stopped.stderr(), "lock not acquired within lock_wait_timeout 1s: CREATE INDEX t_a ON t (a)");
        assertFalse(stopped.stderr().contains("performance_schema is off"), stopped.toString());
    }

    @Test
    void withoutPerformanceSchemaTheOpenTransactionsAreNamedAndTheMessageSaysSo(MariaDbDatabase db,
                                                                                @TempDir Path dir) throws Exception {
        Stopped stopped = blockedMigration(db, dir);
        assertContains(stopped.stderr(), "(try 1 of 2); performance_schema is off: sessions with open transactions, "
                + "the usual holders: session " + stopped.holder() + " (user " + db.user() + " from ");
        assertContains(stopped.stderr(), "idle in transaction");
    }

    /** The result of a migration stopped by a holder, and the holder's session id. */
    private record Stopped(CliResult result, long holder) {
        String stderr() {
            return result.stderr();
        }

        @Override
        public String toString() {
            return result.toString();
        }
    }

    private static Stopped blockedMigration(MariaDbDatabase db, Path dir) throws Exception {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__t.sql", "CREATE TABLE t (id INT PRIMARY KEY, a INT);\n");
        Idxmig idxmig = db.idxmig(dir);
        assertEquals(0, idxmig.run("migrate", "--locations", "migrations", "--no-backup").exitCode());
        ExampleProject.write(migrations, "V2__t_a.sql", "CREATE INDEX t_a ON t (a);\n");
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            long id;
            try (ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                id = rs.getLong(1);
            }
            holder.setAutoCommit(false);
            st.executeQuery("SELECT count(*) FROM t WHERE a = 1 /* the holder */").close(); // holds t's metadata lock
            CliResult stopped = idxmig.run("migrate", "--locations", "migrations", "--no-backup",
                    "--lock-timeout", "1s", "--retries", "1");
            assertEquals(5, stopped.exitCode(), stopped.toString());
            holder.rollback();
            return new Stopped(stopped, id);
        }
    }
}
