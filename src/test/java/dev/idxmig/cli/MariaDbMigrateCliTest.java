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
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrate on a real MariaDB through the CLI: the example project, online DDL, failures a rerun finishes. */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbMigrateCliTest {

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected '" + part + "' in:\n" + text);
    }

    @Test
    void theExampleProjectMigratesVerifiesAndShowsItsIndexes(MariaDbDatabase db, @TempDir Path dir) {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = db.idxmig(dir);
        CliResult migrate = idxmig.run("migrate", ExampleProject.SMALL, "--verbose");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertContains(migrate.stdout(), "Applied 4 migrations to MariaDB");
        assertContains(migrate.stdout(), "created idx_worklogs_user_range on worklogs, "); // its size follows
        assertTrue(db.queryLong("SELECT min(size_bytes) FROM idxmig_index_ledger WHERE action = 'created'") > 0,
                "sizes from mysql.innodb_index_stats");
        assertContains(migrate.stdout(), "created idx_factorial_leaves_company_status on factorial_leaves");
        // the rewrite is said, and the intent log keeps the statements as they ran
        assertContains(migrate.stderr(), "runs online: CREATE INDEX idx_worklogs_user_range ... "
                + "ALGORITHM=INPLACE LOCK=NONE");
        assertContains(migrate.stderr(), "runs online: ALTER TABLE billing_rates ... , ALGORITHM=INPLACE, LOCK=NONE");
        assertEquals(1, db.queryLong("SELECT count(*) FROM idxmig_intent_log WHERE event = 'statement' AND detail "
                + "LIKE '%ADD INDEX idx_billing_rates_lookup (company_id, user_email, valid_from), ALGORITHM=INPLACE, "
                + "LOCK=NONE'"));
        assertEquals(2000, db.queryLong("SELECT count(*) FROM worklogs"));

        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify.toString());
        assertContains(verify.stdout(), "verify MariaDB");

        CliResult status = idxmig.run("status");
        assertEquals(0, status.exitCode(), status.toString());
        assertContains(status.stdout(), "idx_worklogs_instance_range");

        CliResult again = idxmig.run("migrate", ExampleProject.SMALL);
        assertEquals(0, again.exitCode(), again.toString());
    }

    @Test
    void aFailedStatementLeavesAStateTheRerunFinishes(MariaDbDatabase db, @TempDir Path dir) {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__codes.sql", "CREATE TABLE codes (id INT PRIMARY KEY, a INT, code INT);\n"
                + "INSERT INTO codes SELECT seq, seq % 7, seq % 50 FROM seq_1_to_100;\n");
        ExampleProject.write(migrations, "V2__code_indexes.sql", "CREATE INDEX codes_a ON codes (a);\n"
                + "CREATE UNIQUE INDEX codes_code ON codes (code);\n");
        Idxmig idxmig = db.idxmig(dir);
        String[] migrate = {"migrate", "--locations", "migrations", "--no-backup"};

        CliResult failed = idxmig.run(migrate);
        assertEquals(4, failed.exitCode(), failed.toString());
        assertContains(failed.stderr(), "Duplicate entry");
        assertEquals(1, db.queryLong("SELECT count(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + "DATABASE() AND INDEX_NAME = 'codes_a'"), "no transactional DDL: the first index stays built");

        db.execute("UPDATE codes SET code = id"); // the operator fixes the data
        CliResult rerun = idxmig.run(migrate[0], migrate[1], migrate[2], migrate[3], "--verbose");
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertContains(rerun.stderr(), "skipped, an earlier attempt completed it: CREATE INDEX codes_a ON codes (a)\n");
        assertContains(rerun.stdout(), "created codes_a on codes");
        assertContains(rerun.stdout(), "created codes_code on codes");
        assertEquals(2, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE version = '2' "
                + "AND action = 'created' AND outcome = 'applied'"), "the whole effect, measured from the first try");
        assertEquals(0, idxmig.run("verify").exitCode());
    }

    @Test
    void aScriptThatForcesATableCopyIsRefusedBeforeItRuns(MariaDbDatabase db, @TempDir Path dir) {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__t.sql", "CREATE TABLE t (id INT PRIMARY KEY, a INT);\n");
        ExampleProject.write(migrations, "V2__copy.sql", "ALTER TABLE t ADD INDEX t_a (a), ALGORITHM=COPY;\n");
        CliResult result = db.idxmig(dir).run("migrate", "--locations", "migrations", "--no-backup");
        assertEquals(4, result.exitCode(), result.toString());
        assertContains(result.stderr(), "V2__copy.sql:1: refused before anything ran: ALTER TABLE t ADD INDEX t_a (a), "
                + "ALGORITHM=COPY — ALGORITHM=COPY copies the whole table and blocks its writes meanwhile");
        assertEquals(0, db.queryLong("SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + "DATABASE() AND TABLE_NAME = 't'"), "nothing ran, V1 included");
        CliResult dryRun = db.idxmig(dir).run("migrate", "--locations", "migrations", "--dry-run");
        assertEquals(4, dryRun.exitCode(), "a dry run checks it too (a CI policy check): " + dryRun);

        // in a maintenance window, the operator allows it: it runs as written, and says so
        CliResult allowed = db.idxmig(dir).run("migrate", "--locations", "migrations", "--no-backup",
                "--allow-table-copy");
        assertEquals(0, allowed.exitCode(), allowed.toString());
        assertContains(allowed.stderr(), "runs as written, allowed by --allow-table-copy: ALTER TABLE t ADD INDEX "
                + "t_a (a), ALGORITHM=COPY");
        assertContains(allowed.stdout(), "created t_a on t");
    }

    @Test
    void aBuildWaitingForAMetadataLockStopsAtTheLockTimeoutAndNamesTheHolder(MariaDbDatabase db, @TempDir Path dir)
            throws Exception {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__t.sql", "CREATE TABLE t (id INT PRIMARY KEY, a INT);\n");
        Idxmig idxmig = db.idxmig(dir);
        assertEquals(0, idxmig.run("migrate", "--locations", "migrations", "--no-backup").exitCode());
        ExampleProject.write(migrations, "V2__t_a.sql", "CREATE INDEX t_a ON t (a);\n");
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.executeQuery("SELECT count(*) FROM t WHERE a = 1 /* the holder */").close(); // holds t's metadata lock
            CliResult stopped = idxmig.run("migrate", "--locations", "migrations", "--no-backup",
                    "--lock-timeout", "1s", "--retries", "1");
            assertEquals(5, stopped.exitCode(), stopped.toString());
            assertContains(stopped.stderr(), "CREATE INDEX t_a ON t (a) ALGORITHM=INPLACE LOCK=NONE: (conn=");
            assertContains(stopped.stderr(), "Lock wait timeout exceeded; try restarting transaction (try 1 of 2); "
                    + "performance_schema is off: sessions with open transactions, the usual holders: session ");
            assertContains(stopped.stderr(), "lock not acquired within lock_wait_timeout 1s: CREATE INDEX t_a ON t (a)");
            assertContains(stopped.stderr(), "(2 tries)");
            assertContains(stopped.stderr(), "sessions with open transactions, the usual holders: session ");
            assertContains(stopped.stderr(), "user " + db.user());
            holder.rollback();
        }
        CliResult resumed = idxmig.run("migrate", "--locations", "migrations", "--no-backup");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertContains(resumed.stdout(), "created t_a on t");
    }

    @Test
    void aMysqlUrlIsAUsageErrorThatSaysWhatToDo(@TempDir Path dir) {
        CliResult result = Idxmig.in(dir).run("status", "--url", "jdbc:mysql://127.0.0.1:3306/app");
        assertEquals(2, result.exitCode(), result.toString());
        assertContains(result.stderr(), "MySQL is not supported yet");
        assertContains(result.stderr(), "jdbc:mariadb://host:3306/db");
    }

    @Test
    void aBuildBlockedByAMetadataLockIsRetriedAndSucceedsOnceTheHolderEnds(MariaDbDatabase db, @TempDir Path dir)
            throws Exception {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__t.sql", "CREATE TABLE t (id INT PRIMARY KEY, a INT);\n");
        assertEquals(0, db.idxmig(dir).run("migrate", "--locations", "migrations", "--no-backup").exitCode());
        ExampleProject.write(migrations, "V2__t_a.sql", "CREATE INDEX t_a ON t (a);\n");
        java.nio.file.Files.writeString(dir.resolve("password"), db.password());
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.executeQuery("SELECT count(*) FROM t").close(); // holds t's metadata lock until it ends
            dev.idxmig.testing.RunningIdxmig run = dev.idxmig.testing.RunningIdxmig.start(dir, "migrate", "--url",
                    db.jdbcUrl(), "--user", db.user(), "--password-file", dir.resolve("password").toString(),
                    "--locations", "migrations", "--no-backup", "--lock-timeout", "1s", "--retries", "5");
            run.awaitStderr(e -> e.contains("(try 1 of 6)"), java.time.Duration.ofSeconds(30), "a first retry");
            holder.rollback(); // the holder ends: the next try gets the lock
            CliResult result = run.result(java.time.Duration.ofSeconds(60));
            assertEquals(0, result.exitCode(), result.toString());
            assertContains(result.stdout(), "created t_a on t");
        }
    }

    @Test
    void aFleetRunMigratesAndVerifiesEachDatabaseOfTheServer(MariaDbDatabase a, MariaDbDatabase b,
                                                            @TempDir Path dir) {
        MariaDbExtension.grant(a, b); // --schemas selects databases: one user works in both
        ExampleProject.copyTo(dir);
        Idxmig idxmig = a.idxmig(dir);
        String both = a.name() + "," + b.name();
        CliResult fleet = idxmig.run("migrate", ExampleProject.SMALL, "--schemas", both, "--no-backup");
        assertEquals(0, fleet.exitCode(), fleet.toString());
        assertContains(fleet.stdout(), "2 ok");
        assertEquals(2000, b.queryLong("SELECT count(*) FROM worklogs"));
        assertEquals(4, b.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'created'"));
        CliResult verify = idxmig.run("verify", "--schemas", both);
        assertEquals(0, verify.exitCode(), verify.toString());
    }

    @Test
    void aTargetsFileListsDatabasesEachWithItsOwnUserAndPasswordVariable(MariaDbDatabase a, MariaDbDatabase b,
                                                                         @TempDir Path dir) throws java.io.IOException {
        ExampleProject.copyTo(dir);
        java.nio.file.Files.writeString(dir.resolve("targets.yaml"), String.join("\n",
                "targets:",
                "  - name: customer-a",
                "    url: " + a.jdbcUrl(),
                "    user: " + a.user(),
                "    password_env: A_PASSWORD",
                "  - name: customer-b",
                "    url: " + b.jdbcUrl(),
                "    user: " + b.user(),
                "    password_env: B_PASSWORD",
                ""));
        Idxmig idxmig = Idxmig.in(dir).env("A_PASSWORD", a.password()).env("B_PASSWORD", b.password());
        CliResult fleet = idxmig.run("migrate", ExampleProject.SMALL, "--targets", "targets.yaml", "--no-backup");
        assertEquals(0, fleet.exitCode(), fleet.toString());
        assertContains(fleet.stdout(), "2 ok");
        assertEquals(4, a.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'created'"));
        assertEquals(4, b.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'created'"));
        assertFalse(fleet.stdout().contains(a.password()) || fleet.stderr().contains(b.password()), fleet.toString());

        CliResult verify = idxmig.run("verify", "--targets", "targets.yaml", "--format", "json");
        assertEquals(0, verify.exitCode(), verify.toString());
        assertContains(verify.stdout(), "customer-a");
        assertContains(verify.stdout(), "customer-b");

        // a wrong password for one target: that target cannot connect (3), the other is verified
        CliResult wrong = Idxmig.in(dir).env("A_PASSWORD", "not-it").env("B_PASSWORD", b.password())
                .run("verify", "--targets", "targets.yaml");
        assertEquals(3, wrong.exitCode(), wrong.toString());
        assertFalse(wrong.stdout().contains("not-it") || wrong.stderr().contains("not-it"), wrong.toString());
    }

    @Test
    void anIndexOnAColumnWiderThanAKeyIsSaidBeforeItRuns(MariaDbDatabase db, @TempDir Path dir)
            throws java.io.IOException {
        Path m = java.nio.file.Files.createDirectories(dir.resolve("migrations"));
        java.nio.file.Files.writeString(m.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY, "
                + "body TEXT, `Title` VARCHAR(2000), code VARCHAR(100));\n");
        java.nio.file.Files.writeString(m.resolve("V2__keys.sql"), "CREATE INDEX notes_body ON notes (body);\n"
                + "CREATE INDEX notes_title ON notes (`Title`);\n"
                + "CREATE INDEX notes_code ON notes (code);\n"
                + "CREATE INDEX notes_body_start ON notes (body(100));\n");
        CliResult run = db.idxmig(dir).run("migrate", "--no-backup");
        assertEquals(0, run.exitCode(), run.toString());
        assertContains(run.stderr(), "MariaDB keys only a prefix in index notes_body: notes.body (TEXT): its first "
                + "768 characters");
        assertContains(run.stderr(), "MariaDB keys only a prefix in index notes_title: notes.Title (VARCHAR(2000)): "
                + "its first 768 characters");
        assertFalse(run.stderr().contains("index notes_code:") || run.stderr().contains("notes_body_start:"),
                run.toString());
        // what was built is what the warning said
        assertEquals(768, db.queryLong("SELECT SUB_PART FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + "DATABASE() AND INDEX_NAME = 'notes_title'"));
    }
}
