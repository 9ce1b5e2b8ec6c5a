package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rollback and baseline on a real MariaDB through the CLI. */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbRollbackCliTest {

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected '" + part + "' in:\n" + text);
    }

    private static long indexes(MariaDbDatabase db, String name) {
        return db.queryLong("SELECT count(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND INDEX_NAME = '" + name + "'");
    }

    @Test
    void rollbackUndoesTheExamplesLastMigrationOnlineAndMigrateAppliesItAgain(MariaDbDatabase db,
                                                                               @TempDir Path dir) {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = db.idxmig(dir);
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL).exitCode());

        CliResult dryRun = idxmig.run("rollback", "--steps", "1", "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.toString());
        assertContains(dryRun.stdout(), "ALTER TABLE `" + db.name() + "`.`billing_rates` DROP INDEX IF EXISTS "
                + "`idx_billing_rates_lookup`, ALGORITHM=INPLACE, LOCK=NONE;");

        CliResult rollback = idxmig.run("rollback", "--steps", "1");
        assertEquals(0, rollback.exitCode(), rollback.toString());
        assertEquals(0, indexes(db, "idx_billing_rates_lookup"));
        assertEquals(0, indexes(db, "idx_factorial_leaves_company_status"));
        assertEquals(1, indexes(db, "idx_worklogs_user_range"));
        assertContains(idxmig.run("status").stdout(), "at version 3");

        CliResult again = idxmig.run("migrate", ExampleProject.SMALL);
        assertEquals(0, again.exitCode(), again.toString());
        assertContains(again.stdout(), "created idx_billing_rates_lookup on billing_rates");
        assertEquals(0, idxmig.run("verify").exitCode());
    }

    @Test
    void anUndoScriptWinsAndItsIndexStatementsRunOnlineToo(MariaDbDatabase db, @TempDir Path dir) {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__t.sql", "CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT);\n");
        ExampleProject.write(migrations, "V2__t_a.sql", "CREATE INDEX t_a ON t (a);\nCREATE INDEX t_b ON t (b);\n");
        ExampleProject.write(migrations, "U2__t_a.sql", "DROP INDEX t_b ON t;\nDROP INDEX t_a ON t;\n");
        Idxmig idxmig = db.idxmig(dir);
        String[] target = {"--locations", "migrations", "--no-backup"};
        assertEquals(0, idxmig.run("migrate", target[0], target[1], target[2]).exitCode());

        CliResult rollback = idxmig.run("rollback", "--to", "1", "--locations", "migrations", "--verbose");
        assertEquals(0, rollback.exitCode(), rollback.toString());
        assertContains(rollback.stdout(), "U2__t_a.sql");
        assertEquals(0, indexes(db, "t_a") + indexes(db, "t_b"));
        assertEquals(0, idxmig.run("migrate", target[0], target[1], target[2]).exitCode());
        assertEquals(2, indexes(db, "t_a") + indexes(db, "t_b"));
    }

    @Test
    void baselineAdoptsADatabaseMadeByAnotherToolPrimaryAndUniqueKeysIncluded(MariaDbDatabase db,
                                                                             @TempDir Path dir) {
        db.execute("CREATE TABLE accounts (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL, "
                + "region CHAR(2), UNIQUE KEY accounts_email (email), KEY accounts_region (region, id DESC))");
        ExampleProject.write(dir.resolve("migrations"), "V2__next.sql", "CREATE INDEX accounts_id ON accounts (id);\n");
        Idxmig idxmig = db.idxmig(dir);
        CliResult baseline = idxmig.run("baseline", "--locations", "migrations");
        assertEquals(0, baseline.exitCode(), baseline.toString());
        assertEquals(3, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'adopted'"),
                db.queryString("SELECT GROUP_CONCAT(index_name) FROM idxmig_index_ledger"));
        assertEquals("PRIMARY KEY (`id`)", db.queryString("SELECT constraint_definition FROM idxmig_index_ledger "
                + "WHERE index_name = 'accounts.PRIMARY'"));
        CliResult verify = idxmig.run("verify", "--locations", "migrations", "--strict");
        assertEquals(0, verify.exitCode(), verify.toString());

        db.execute("DROP INDEX accounts_email ON accounts");
        CliResult strict = idxmig.run("verify", "--locations", "migrations", "--strict");
        assertEquals(1, strict.exitCode(), strict.toString());
        assertContains(strict.stdout(), "accounts_email");
    }

    @Test
    void anIndexSnapshotRestoresTheIndexStateOnline(MariaDbDatabase db, @TempDir Path dir) throws Exception {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = db.idxmig(dir);
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL, "--no-backup").exitCode());
        CliResult backup = idxmig.run("backup", "--indexes-only");
        assertEquals(0, backup.exitCode(), backup.toString());
        Path snapshot;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir.resolve("backups"))) {
            snapshot = files.filter(f -> f.toString().endsWith(".indexes.json")).findFirst().orElseThrow();
        }
        db.execute("DROP INDEX idx_worklogs_user_range ON worklogs", "CREATE INDEX stray ON worklogs (billable)");

        CliResult restore = idxmig.run("restore", "--from", snapshot.toString(), "--yes");
        assertEquals(0, restore.exitCode(), restore.toString());
        assertContains(restore.stdout(), "ALTER TABLE `" + db.name() + "`.`worklogs` DROP INDEX IF EXISTS `stray`, "
                + "ALGORITHM=INPLACE, LOCK=NONE;");
        assertContains(restore.stdout(), "CREATE INDEX `idx_worklogs_user_range` ON `worklogs` (`company_id`, "
                + "`author_email`, `started`) USING BTREE ALGORITHM=INPLACE LOCK=NONE;");
        assertEquals(0, idxmig.run("verify").exitCode());
        assertEquals(0, indexes(db, "stray"));
    }

    @Test
    void planCheckReadsMariaDbPlansAndAFullBackupIsMariadbDumpsOwn(MariaDbDatabase db, @TempDir Path dir)
            throws Exception {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = db.idxmig(dir);
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL, "--no-backup").exitCode());
        CliResult plans = idxmig.run("plan-check");
        assertEquals(0, plans.exitCode(), plans.toString());
        assertContains(plans.stdout(), "range on worklogs using idx_worklogs_user_range");
        assertContains(plans.stdout(), "usable yes");

        CliResult full = idxmig.run("backup");
        assertEquals(0, full.exitCode(), full.toString());
        assertContains(full.stdout(), "mariadb-dump --single-transaction: dump written");
        Path dump;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir.resolve("backups"))) {
            dump = files.filter(f -> f.toString().endsWith("Z.sql")).findFirst().orElseThrow();
        }
        String text = java.nio.file.Files.readString(dump);
        assertContains(text, "INSERT INTO `worklogs` VALUES");
        assertContains(text, "-- Dump completed");
        CliResult restore = idxmig.run("restore", "--from", dump.toString());
        assertEquals(2, restore.exitCode(), restore.toString());
        assertContains(restore.stderr(), "idxmig does not restore mariadb-dump files itself");
        assertContains(restore.stderr(), "mariadb --host=127.0.0.1 --port=3306 --protocol=TCP --user=" + db.user());

        CliResult audit = idxmig.run("audit");
        assertEquals(2, audit.exitCode(), audit.toString());
        assertContains(audit.stderr(), "audit needs index usage: MariaDB counts no index usage here "
                + "(performance_schema is off, and userstat is off)"); // MariaDbAuditCliTest: where it does
    }
}
