package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Soft drops on a real MariaDB through the CLI: {@code migrate --soft-drop} (IGNORED instead of dropped), rollback
 * of a soft drop (NOT IGNORED, instant), {@code migrate --finish-soft-drops}, and what verify and status say.
 */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbSoftDropCliTest {
    private static final String[] FLAGS = {"--locations", "migrations"};

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected '" + part + "' in:\n" + text);
    }

    private static CliResult ok(Idxmig idxmig, String... args) {
        CliResult r = idxmig.run(args);
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    /** The command with the project's locations (and, for migrate, no backup) and the arguments given. */
    static String[] with(String command, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(command));
        all.addAll(List.of(FLAGS));
        if (command.equals("migrate")) {
            all.add("--no-backup");
        }
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** IGNORED of the index as the catalog says it ("YES", "NO"); null when the index is not there. */
    private static String ignored(MariaDbDatabase db, String table, String index) {
        return db.queryString("SELECT MIN(IGNORED) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = '" + table + "' AND INDEX_NAME = '" + index + "' HAVING COUNT(*) > 0");
    }

    private static String ledgerActions(MariaDbDatabase db, String index) {
        return db.queryString("SELECT GROUP_CONCAT(CONCAT(version, ':', action, ':', outcome) ORDER BY id) "
                + "FROM idxmig_index_ledger WHERE index_name = '" + index + "'");
    }

    private static Idxmig project(MariaDbDatabase db, Path dir, String v2) {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__t.sql", "CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, "
                + "KEY t_a (a), KEY t_b (b));\n");
        ExampleProject.write(migrations, "V2__drop.sql", v2);
        return db.idxmig(dir);
    }

    @Test
    void aSoftDropIgnoresTheIndexVerifyExpectsItAndRollbackMakesItUsedAgain(MariaDbDatabase db, @TempDir Path dir) {
        Idxmig idxmig = project(db, dir, "DROP INDEX t_a ON t;\nALTER TABLE t DROP INDEX t_b;\n");
        ok(idxmig, with("migrate", "--target", "1"));
        String before = db.queryString("SELECT definition FROM idxmig_index_ledger WHERE index_name = 't_a'");

        CliResult migrate = ok(idxmig, with("migrate", "--soft-drop", "--verbose"));
        assertContains(migrate.stderr(), "soft drop (--soft-drop): DROP INDEX t_a ON t runs as ALTER TABLE `"
                + db.name() + "`.`t` ALTER INDEX `t_a` IGNORED, ALGORITHM=INSTANT");
        assertContains(migrate.stdout(), "soft_dropped t_a on t");
        assertEquals("YES", ignored(db, "t", "t_a"));
        assertEquals("YES", ignored(db, "t", "t_b"));
        assertEquals("1:created:applied,2:soft_dropped:applied", ledgerActions(db, "t_a"));
        assertEquals(before + " IGNORED", db.queryString("SELECT definition FROM idxmig_index_ledger "
                + "WHERE index_name = 't_a' AND action = 'soft_dropped'"));

        CliResult verify = ok(idxmig, with("verify", "--verbose"));
        assertContains(verify.stdout() + verify.stderr(), "soft-dropped by V2__drop.sql (IGNORED since ");
        assertContains(ok(idxmig, with("status")).stdout(), "soft_dropped t_a on t: ignored");
        for (String command : List.of("status", "verify", "doctor")) {
            ReportSchemas.assertValid(command, ok(idxmig, with(command, "--format", "json")).stdout());
        }
        CliResult doctor = ok(idxmig, with("doctor"));
        assertContains(doctor.stdout(), "soft-dropped on t since ");
        assertContains(doctor.stdout(), " by V2__drop.sql (version 2): queries do not use it, and plan-check plans "
                + "without it");
        assertContains(doctor.stdout(), "ALTER TABLE `" + db.name() + "`.`t` DROP INDEX IF EXISTS `t_a`, "
                + "ALGORITHM=INPLACE, LOCK=NONE");

        CliResult rollback = ok(idxmig, with("rollback", "--dry-run"));
        assertContains(rollback.stdout(), "ALTER TABLE `" + db.name() + "`.`t` ALTER INDEX `t_a` NOT IGNORED, "
                + "ALGORITHM=INSTANT");
        ok(idxmig, with("rollback"));
        assertEquals("NO", ignored(db, "t", "t_a"));
        assertEquals("NO", ignored(db, "t", "t_b"));
        ok(idxmig, with("verify"));
    }

    @Test
    void uniqueIndexesAndMixedStatementsAreDroppedForRealWithALineSayingWhy(MariaDbDatabase db, @TempDir Path dir) {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__t.sql", "CREATE TABLE t (id INT NOT NULL, a INT, "
                + "CONSTRAINT PRIMARY KEY (id), UNIQUE KEY t_a (a), KEY t_b (a));\n");
        ExampleProject.write(migrations, "V2__drop.sql", "DROP INDEX t_a ON t;\n"
                + "ALTER TABLE t ADD INDEX t_id (id), DROP INDEX t_b;\n");
        Idxmig idxmig = db.idxmig(dir);
        ok(idxmig, with("migrate", "--target", "1"));

        CliResult migrate = ok(idxmig, with("migrate", "--soft-drop"));
        assertContains(migrate.stderr(), "dropped for real despite --soft-drop: DROP INDEX t_a ON t — UNIQUE index "
                + "t_a would go on refusing duplicate values while IGNORED");
        assertContains(migrate.stderr(), "dropped for real despite --soft-drop: ALTER TABLE t ADD INDEX t_id (id), "
                + "DROP INDEX t_b — the statement does more than drop indexes");
        assertNull(ignored(db, "t", "t_a"));
        assertNull(ignored(db, "t", "t_b"));
        ok(idxmig, with("verify"));
        ok(idxmig, with("rollback"));
        assertEquals("NO", ignored(db, "t", "t_a"));
        assertEquals("NO", ignored(db, "t", "t_b"));
        assertNull(ignored(db, "t", "t_id"));
        ok(idxmig, with("verify"));
    }

    @Test
    void anIndexIgnoredOutsideTheMigrationsIsAVerifyFinding(MariaDbDatabase db, @TempDir Path dir) {
        Idxmig idxmig = project(db, dir, "SELECT 1;\n");
        ok(idxmig, with("migrate", "--target", "1"));
        db.execute("ALTER TABLE t ALTER INDEX t_a IGNORED");

        CliResult verify = idxmig.run(with("verify"));
        assertEquals(1, verify.exitCode(), verify.toString());
        assertContains(verify.stdout(), "t_a on t");
        assertContains(verify.stdout(), "is IGNORED (queries do not use it), but the ledger records no soft drop of "
                + "it");
        assertContains(verify.stdout(), "ALTER TABLE `" + db.name() + "`.`t` ALTER INDEX `t_a` NOT IGNORED");
        assertContains(idxmig.run(with("doctor")).stdout(), "IGNORED on t, but no migration soft-dropped it");
    }

    @Test
    void finishingSoftDropsDropsThemForRealAndRollbackThenRebuildsThem(MariaDbDatabase db, @TempDir Path dir) {
        Idxmig idxmig = project(db, dir, "DROP INDEX t_a ON t;\n");
        ok(idxmig, with("migrate", "--target", "1"));
        String before = db.queryString("SELECT definition FROM idxmig_index_ledger WHERE index_name = 't_a'");
        ok(idxmig, with("migrate", "--soft-drop"));

        CliResult dryRun = ok(idxmig, with("migrate", "--finish-soft-drops", "--dry-run"));
        assertContains(dryRun.stderr(), "would finish the soft drop of t_a (V2__drop.sql): ALTER TABLE `" + db.name()
                + "`.`t` DROP INDEX IF EXISTS `t_a`, ALGORITHM=INPLACE, LOCK=NONE");
        assertEquals("YES", ignored(db, "t", "t_a"));

        CliResult finish = ok(idxmig, with("migrate", "--finish-soft-drops"));
        assertContains(finish.stderr(), "finished the soft drop of t_a on t (V2__drop.sql, IGNORED since ");
        assertNull(ignored(db, "t", "t_a"));
        assertEquals("1:created:applied,2:soft_dropped:applied,2:dropped:applied", ledgerActions(db, "t_a"));
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM idxmig_intent_log WHERE kind = 'finish' "
                + "AND event = 'finished'"));
        ok(idxmig, with("verify"));
        assertContains(ok(idxmig, with("status")).stdout(), "dropped t_a on t: gone");
        assertContains(ok(idxmig, with("migrate", "--finish-soft-drops")).stderr(), "no soft drop to finish");

        CliResult rollback = ok(idxmig, with("rollback", "--dry-run"));
        assertContains(rollback.stdout(), "CREATE INDEX `t_a` ON `t` (`a`) USING BTREE ALGORITHM=INPLACE LOCK=NONE");
        ok(idxmig, with("rollback"));
        assertEquals("NO", ignored(db, "t", "t_a"));
        ok(idxmig, with("verify"));
        assertEquals(before, db.queryString("SELECT definition FROM idxmig_index_ledger WHERE index_name = 't_a' "
                + "AND version = '1'"));
    }

    @Test
    void theRerunAfterAFailureInTheMiddleOfASoftDropMigrationConverges(MariaDbDatabase db, @TempDir Path dir) {
        Idxmig idxmig = project(db, dir, "DROP INDEX t_a ON t;\nCREATE UNIQUE INDEX t_b_unique ON t (b);\n"
                + "ALTER TABLE t DROP INDEX t_b;\n");
        ok(idxmig, with("migrate", "--target", "1"));
        db.execute("INSERT INTO t VALUES (1, 1, 7), (2, 2, 7)");

        CliResult failed = idxmig.run(with("migrate", "--soft-drop"));
        assertEquals(4, failed.exitCode(), failed.toString());
        assertEquals("YES", ignored(db, "t", "t_a"));
        assertEquals("NO", ignored(db, "t", "t_b"));

        db.execute("UPDATE t SET b = 8 WHERE id = 2");
        ok(idxmig, with("repair"));
        CliResult rerun = ok(idxmig, with("migrate", "--soft-drop", "--verbose"));
        assertContains(rerun.stderr(), "resum");
        assertEquals("YES", ignored(db, "t", "t_a"));
        assertEquals("YES", ignored(db, "t", "t_b"));
        assertEquals("NO", ignored(db, "t", "t_b_unique"));
        assertEquals("1:created:applied,2:soft_dropped:applied", ledgerActions(db, "t_a"));
        assertEquals("1:created:applied,2:soft_dropped:applied", ledgerActions(db, "t_b"));
        ok(idxmig, with("verify"));

        ok(idxmig, with("rollback"));
        assertEquals("NO", ignored(db, "t", "t_a"));
        assertEquals("NO", ignored(db, "t", "t_b"));
        assertNull(ignored(db, "t", "t_b_unique"));
        ok(idxmig, with("verify"));
    }

    @Test
    void softDropOnPostgresqlIsAUsageErrorDecidedBeforeAnyConnection(@TempDir Path dir) {
        // nothing listens on port 1: a connection attempt would be exit 3, not 2
        Idxmig idxmig = Idxmig.in(dir).target("--url", "jdbc:postgresql://127.0.0.1:1/none", "--user", "nobody");
        for (String[] args : new String[][] {{"migrate", "--soft-drop"}, {"migrate", "--finish-soft-drops"}}) {
            CliResult r = idxmig.run(args);
            assertEquals(2, r.exitCode(), r.toString());
            assertContains(r.stderr(), args[1] + " does not work on PostgreSQL");
            assertFalse(r.stderr().contains("connect"), r.toString());
        }
    }

    @Test
    void rollbackRefusesSoftDropForNowAndRestoreTakesNeitherFlag(MariaDbDatabase db, @TempDir Path dir) {
        Idxmig idxmig = project(db, dir, "DROP INDEX t_a ON t;\n");
        ok(idxmig, with("migrate"));
        CliResult rollback = idxmig.run(with("rollback", "--soft-drop"));
        assertEquals(2, rollback.exitCode(), rollback.toString());
        assertContains(rollback.stderr(), "rollback --soft-drop is not done yet");
        CliResult restore = idxmig.run("restore", "--soft-drop", "--from", "nothing.json");
        assertEquals(2, restore.exitCode(), restore.toString());
        assertContains(restore.stderr(), "restore takes neither --soft-drop nor --allow-table-copy");
    }
}
