package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.ExampleSqlite;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proofs before deploy on SQLite: the shadow replay and hypothetical plan checks leave the target as it was. */
@Tag("sqlite")
class ShadowSqliteCliTest {
    @TempDir
    Path dir;

    /** The example with only its tables and data applied: the index migrations V3 and V4 are pending. */
    private Idxmig tablesOnly() {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        CliResult r = idxmig.run("migrate", ExampleProject.SMALL, "--target", "2", "--no-backup");
        assertEquals(0, r.exitCode(), r::toString);
        return idxmig;
    }

    /** Every file of the project folder with its bytes' digest: what "unchanged" means for a SQLite target. */
    private List<String> files() throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> paths = all.filter(Files::isRegularFile).sorted().toList();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return paths.stream().map(p -> {
                try {
                    return dir.relativize(p) + " " + HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void wrongColumnFailsInTheShadowAndTheTargetIsByteForByteUnchanged() throws Exception {
        Idxmig idxmig = tablesOnly();
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__billable_index.sql",
                "-- the column is called billable\nCREATE INDEX idx_worklogs_billable ON worklogs (billable_flag);\n");
        List<String> before = files();

        CliResult r = idxmig.run("migrate", "--dry-run", "--shadow", ExampleProject.SMALL);
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("migrate --dry-run --shadow SQLite"), r::toString);
        assertTrue(r.stdout().contains("ok    V3__worklog_indexes.sql"), r::toString);
        assertTrue(r.stdout().contains("created idx_worklogs_user_range on worklogs"), r::toString);
        assertTrue(r.stdout().contains("FAIL  V5__billable_index.sql"), r::toString);
        assertTrue(r.stdout().contains("V5__billable_index.sql failed at line 2"), r::toString);
        assertTrue(r.stdout().contains("no such column: billable_flag"), r::toString);
        assertTrue(r.stderr().contains("temporary SQLite file"), r::toString);
        assertEquals(before, files(), "the target's files changed");
        assertEquals(2, ExampleSqlite.count(dir, "flyway_schema_history"));
    }

    @Test
    void aProjectsOwnHistoryTableIsTheOneTheShadowReplaysFrom() throws Exception {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        CliResult applied = idxmig.run("migrate", ExampleProject.SMALL, "--target", "2", "--no-backup", "--table",
                "my_history");
        assertEquals(0, applied.exitCode(), applied::toString);
        List<String> before = files();

        CliResult r = idxmig.run("migrate", "--dry-run", "--shadow", ExampleProject.SMALL, "--table", "my_history");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("2 history rows"), r::toString);
        assertTrue(r.stderr().contains("replaying 2 pending migrations"), r::toString);
        assertTrue(r.stdout().contains("ok    V3__worklog_indexes.sql"), r::toString);
        assertTrue(r.stdout().contains("ok    V4__billing_and_leave_indexes.sql"), r::toString);
        assertEquals(before, files(), "the target's files changed");
    }

    @Test
    void lintShadowReportsTheReplayAfterTheFindings() throws Exception {
        Idxmig idxmig = tablesOnly();
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__billable_index.sql",
                "CREATE INDEX idx_worklogs_billable ON worklogs (billable_flag);\n");
        List<String> before = files();
        CliResult r = idxmig.run("lint", "--shadow");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("lint sqlite"), r::toString);
        assertTrue(r.stdout().contains("FAIL  V5__billable_index.sql"), r::toString);
        assertEquals(before, files(), "the target's files changed");

        CliResult offline = idxmig.run("lint", "--shadow", "--offline");
        assertEquals(2, offline.exitCode(), offline::toString);
    }

    @Test
    void shadowIsADryRunAndChecksItsFlagsFirst() throws Exception {
        Files.createDirectories(dir.resolve("migrations")); // migration files are read before connecting too
        CliResult r = Idxmig.in(dir).run("migrate", "--shadow");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("migrate --dry-run --shadow"), r::toString);
        assertTrue(Files.notExists(dir.resolve("idxmig.db")), "nothing is opened before the flags are checked");
    }

    @Test
    void pendingIndexIsChosenHypotheticallyAndTheSamePlanAfterTheRealMigrate() throws Exception {
        Idxmig idxmig = tablesOnly();
        List<String> before = files();
        CliResult hypothetical = idxmig.run("plan-check", "--hypothetical");
        assertEquals(0, hypothetical.exitCode(), hypothetical::toString);
        assertTrue(hypothetical.stdout().startsWith("plan-check --hypothetical (schema and statistics copy, 4 pending "
                + "index statements) SQLite"), hypothetical::toString);
        assertTrue(hypothetical.stdout().contains("verdicts: chosen yes, usable n/a (sqlite has no switch to "
                + "discourage full scans); hypothetical"), hypothetical::toString);
        assertEquals(before, files(), "plan-check --hypothetical changed the target");

        assertEquals(0, idxmig.run("migrate", "--no-backup").exitCode());
        CliResult real = idxmig.run("plan-check");
        assertEquals(0, real.exitCode(), real::toString);
        for (String index : List.of("idx_worklogs_user_range", "idx_worklogs_instance_range",
                "idx_billing_rates_lookup", "idx_factorial_leaves_company_status")) {
            assertEquals(PlanLines.of(real.stdout(), index), PlanLines.of(hypothetical.stdout(), index), index);
        }
    }

    @Test
    void pendingDropOfAnIndexACheckNeedsFailsBeforeAnythingIsDropped() throws Exception {
        Idxmig idxmig = ExampleProject.migrated(dir);
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__drop_user_range.sql",
                "DROP INDEX idx_worklogs_user_range;\n");
        CliResult r = idxmig.run("plan-check", "--hypothetical");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("FAIL  user worklogs in a month"), r::toString);
        assertTrue(r.stdout().contains("pending migration V5__drop_user_range.sql:1 drops idx_worklogs_user_range, "
                + "which this check expects"), r::toString);
        assertTrue(r.stdout().contains("ok    instance worklogs in a week"), r::toString);
        assertEquals(1, ExampleSqlite.count(dir, "sqlite_schema WHERE name = 'idx_worklogs_user_range'"));
    }
}
