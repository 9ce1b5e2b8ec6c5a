package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.ReportSchemas;
import dev.idxmig.testing.PostgresExtension;
import dev.idxmig.testing.Standby;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code audit --replica} against the real streaming standby of the test server: scans run on the standby only
 * count there; a server that is not a standby of the target, or cannot be reached, is named and the run is partial.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class AuditReplicaPostgresCliTest {
    @TempDir
    Path dir;

    @Test
    void scansOnTheStandbyOnlyCountWithReplica(PgDatabase db) throws Exception {
        PgDatabase standby = Standby.of(db);
        Idxmig idxmig = AuditPostgresCliTest.project(dir, db);
        Standby.caughtUp(db, standby);
        standby.execute("SET enable_seqscan = off", "SET enable_bitmapscan = off",
                "SELECT id FROM items WHERE note = 'report'");
        awaitScans(standby, "items_note");

        Map<String, String> primaryOnly = AuditPostgresCliTest.verdicts(idxmig.run("audit", "--format", "json"));
        assertEquals("unused since built", primaryOnly.get("items_note"), primaryOnly::toString);

        CliResult r = idxmig.run("audit", "--replica", standby.jdbcUrl());

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("items_note on items: used, never proven"), r::toString);
        assertTrue(r.stdout().contains("(primary 0, " + standby.jdbcUrl() + " 1)"), r::toString);
        assertTrue(r.stdout().contains(standby.jdbcUrl() + ": since"), r::toString);
    }

    @Test
    void aServerThatIsNotAStandbyOrCannotBeReachedIsNamedAndThePartialRunExitsSix(PgDatabase db) throws Exception {
        Idxmig idxmig = AuditPostgresCliTest.project(dir, db);
        String unreachable = "jdbc:postgresql://127.0.0.1:1/" + db.name();

        CliResult r = idxmig.run("audit", "--replica", db.jdbcUrl(), "--replica", unreachable);

        assertEquals(6, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("replica " + db.jdbcUrl() + " is not a standby (pg_is_in_recovery() is "
                + "false): its scans are not counted"), r::toString);
        assertTrue(r.stderr().contains("replica " + unreachable + " cannot be reached"), r::toString);
        assertTrue(r.stdout().contains("items_owner on items"), "the rest of the audit ran\n" + r);

        CliResult json = idxmig.run("audit", "--replica", unreachable, "--format", "json");
        assertEquals(6, json.exitCode(), json::toString);
        ReportSchemas.assertValid("audit", json.stdout());
        assertTrue(json.stdout().contains("\"exitCode\" : 6"), "the report says what the exit code says\n" + json);
    }

    private static void awaitScans(PgDatabase db, String index) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (db.queryLong("SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_indexes WHERE indexrelname = '"
                + index + "'") == 0) {
            if (Instant.now().isAfter(deadline)) {
                fail("the standby's statistics never showed a scan of " + index);
            }
        }
    }
}
