package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.IdxmigProcess;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * kill -9 at every statement boundary of a multi-statement MariaDB migration (a separate idxmig process, killed once
 * the intent log holds n completed statements), then a rerun: the database, Flyway's history and the ledger end as
 * an uninterrupted run leaves them.
 */
@Tag("mariadb")
@Tag("slow")
class MariaDbKillCliTest {
    private static final String V2 = """
            CREATE INDEX i_a ON items (a);
            DO SLEEP(0.4);
            CREATE INDEX i_b ON items (b);
            DO SLEEP(0.4);
            ALTER TABLE items DROP INDEX i_old, ADD INDEX i_c (c);
            """;
    private static final int V2_STATEMENTS = 5;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** What a run leaves: index definitions, successful history rows, ledger rows (without times). */
    record State(List<String> indexes, List<String> history, List<String> ledger) {
    }

    @Test
    void aRunKilledAtAnyStatementBoundaryConvergesOnTheRerun() throws Exception {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__items.sql", """
                CREATE TABLE items (id INT PRIMARY KEY, a INT NOT NULL, b INT NOT NULL, c VARCHAR(40) NOT NULL);
                INSERT INTO items SELECT seq, seq % 50, seq % 7, CONCAT('row ', seq) FROM seq_1_to_20000;
                CREATE INDEX i_old ON items (c);
                """);
        ExampleProject.write(m, "V2__rework.sql", V2);
        MariaDbDatabase ref = MariaDbExtension.createDatabase();
        List<MariaDbDatabase> made = new ArrayList<>(List.of(ref));
        try {
            CliResult reference = IdxmigProcess.train(dir, env(ref), args(ref));
            assertEquals(0, reference.exitCode(), reference.toString());
            State migrated = state(ref);
            assertEquals(4, migrated.indexes().size(), migrated.toString());
            int killed = 0;
            for (int point = 0; point <= V2_STATEMENTS; point++) {
                MariaDbDatabase db = MariaDbExtension.createDatabase();
                made.add(db);
                CliResult v1 = db.idxmig(dir).run("migrate", "--locations", "migrations", "--no-backup",
                        "--target", "1");
                assertEquals(0, v1.exitCode(), v1.toString());
                IdxmigProcess run = IdxmigProcess.start(dir, "kill-" + point, env(db), args(db));
                boolean wasKilled = killAfter(db, run, point);
                killed += wasKilled ? 1 : 0;
                CliResult rerun = db.idxmig(dir).run("migrate", "--locations", "migrations", "--no-backup");
                assertEquals(0, rerun.exitCode(), "rerun after a kill at statement " + point + ": " + rerun);
                if (wasKilled) {
                    // n statements, or n + 1 when the next one completed before the kill landed
                    assertTrue(rerun.stderr().contains("V2__rework.sql stopped in an earlier run (" + point + " ")
                            || rerun.stderr().contains("V2__rework.sql stopped in an earlier run (" + (point + 1) + " "),
                            rerun::toString);
                }
                assertEquals(migrated, state(db), "after a kill at statement " + point + " and the rerun");
                assertEquals(0, db.idxmig(dir).run("verify", "--locations", "migrations").exitCode());
            }
            // the kills after statements 1 and 3 land in the sleeps that follow: those at least were real kills
            assertTrue(killed >= 2, "only " + killed + " of the runs were killed before they finished");
        } finally {
            made.forEach(MariaDbExtension::dropDatabase);
        }
    }

    /** Waits until V2's intent holds {@code statements} completed statements, then kills the process. */
    private static boolean killAfter(MariaDbDatabase db, IdxmigProcess run, int statements) throws SQLException {
        return killAfter(db, run, "migrate", statements);
    }

    /** Waits until V2's intent of {@code kind} holds {@code statements} completed statements, then kills. */
    private static boolean killAfter(MariaDbDatabase db, IdxmigProcess run, String kind, int statements)
            throws SQLException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (Connection c = db.connect()) {
            while (run.alive() && !reached(c, kind, statements)) {
                if (System.nanoTime() > deadline) {
                    fail("statement " + statements + " was not reached within " + DEADLINE);
                }
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
        }
        run.kill();
        CliResult r = run.await(DEADLINE);
        assertTrue(r.exitCode() == 137 || r.exitCode() == 0, "killed, or done before the kill landed: " + r);
        return r.exitCode() == 137;
    }

    private static boolean reached(Connection c, String kind, int statements) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT "
                + "(SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'idxmig_intent_log')")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return false;
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT "
                + "sum(event = 'started' AND version = '2'), sum(event = 'statement' AND version = '2') "
                + "FROM idxmig_intent_log WHERE kind = '" + kind + "'")) {
            rs.next();
            return rs.getLong(1) > 0 && rs.getLong(2) >= statements;
        }
    }

    private static State state(MariaDbDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return new State(
                    strings(c, "SELECT CONCAT(INDEX_NAME, ':', GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX)) "
                            + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                            + "AND TABLE_NAME = 'items' GROUP BY INDEX_NAME ORDER BY INDEX_NAME"),
                    strings(c, "SELECT CONCAT(version, ' ', script) FROM flyway_schema_history WHERE success "
                            + "ORDER BY installed_rank"),
                    strings(c, "SELECT CONCAT_WS(' ', version, action, index_name, definition, "
                            + "previous_definition, outcome) FROM idxmig_index_ledger ORDER BY version, action, "
                            + "index_name"));
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static String[] args(MariaDbDatabase db) {
        List<String> all = new ArrayList<>(List.of("migrate"));
        all.addAll(List.of(db.cliArgs()));
        all.addAll(List.of("--locations", "migrations", "--no-backup", "--no-verify"));
        return all.toArray(String[]::new);
    }

    private static String[] rollbackArgs(MariaDbDatabase db) {
        List<String> all = new ArrayList<>(List.of("rollback"));
        all.addAll(List.of(db.cliArgs()));
        all.addAll(List.of("--locations", "migrations", "--to", "1"));
        return all.toArray(String[]::new);
    }

    /** The inverse of V2 from the ledger: three drops, then the rebuild of i_old (200,000 rows: a window to kill in). */
    private static final int ROLLBACK_STATEMENTS = 4;

    @Test
    void aRollbackKilledAtAnyStatementBoundaryConvergesOnTheRerun() throws Exception {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__items.sql", """
                CREATE TABLE items (id INT PRIMARY KEY, a INT NOT NULL, b INT NOT NULL, c VARCHAR(40) NOT NULL);
                INSERT INTO items SELECT seq, seq % 50, seq % 7, CONCAT('row ', seq) FROM seq_1_to_200000;
                CREATE INDEX i_old ON items (c);
                """);
        ExampleProject.write(m, "V2__rework.sql", V2);
        MariaDbDatabase ref = MariaDbExtension.createDatabase();
        List<MariaDbDatabase> made = new ArrayList<>(List.of(ref));
        try {
            assertEquals(0, ref.idxmig(dir).run("migrate", "--locations", "migrations", "--no-backup").exitCode());
            State migrated = state(ref);
            CliResult reference = IdxmigProcess.train(dir, env(ref), rollbackArgs(ref));
            assertEquals(0, reference.exitCode(), reference.toString());
            State rolledBack = state(ref);
            assertEquals(List.of("i_old:c", "PRIMARY:id"), rolledBack.indexes());
            int killed = 0;
            for (int point = 0; point <= ROLLBACK_STATEMENTS; point++) {
                MariaDbDatabase db = MariaDbExtension.createDatabase();
                made.add(db);
                assertEquals(0, db.idxmig(dir).run("migrate", "--locations", "migrations", "--no-backup").exitCode());
                assertEquals(migrated.indexes(), state(db).indexes());
                IdxmigProcess run = IdxmigProcess.start(dir, "kill-rollback-" + point, env(db), rollbackArgs(db));
                killed += killAfter(db, run, "rollback", point) ? 1 : 0;
                CliResult rerun = db.idxmig(dir).run("rollback", "--locations", "migrations", "--to", "1");
                assertEquals(0, rerun.exitCode(), "rerun after a kill at statement " + point + ": " + rerun);
                assertEquals(rolledBack.indexes(), state(db).indexes(), "indexes after a kill at " + point);
                assertEquals(rolledBack.history(), state(db).history(), "history after a kill at " + point);
                assertEquals(0, db.idxmig(dir).run("verify", "--locations", "migrations").exitCode());
            }
            assertTrue(killed >= 1, "none of the rollbacks was killed before it finished");
        } finally {
            made.forEach(MariaDbExtension::dropDatabase);
        }
    }

    private static Map<String, String> env(MariaDbDatabase db) {
        return Map.of("IDXMIG_PASSWORD", db.password());
    }
}
