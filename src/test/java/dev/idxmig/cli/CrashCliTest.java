package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.IdxmigProcess;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kills {@code idxmig migrate} and {@code idxmig rollback}, running as separate processes, at many points of a
 * non-transactional migration with drops and concurrent creates (kill -9, and Ctrl-C), runs the same command
 * again, and checks that the database, Flyway's history and the index ledger are those of an uninterrupted run.
 * The kill points come from the intent log: after the n-th statement was recorded, plus an offset, so they are
 * spread over the migration whatever the JVM's start-up costs. An expression index on a slow IMMUTABLE function
 * widens the builds (INVALID leftovers), {@code pg_sleep} the gaps between statements. Three databases work in
 * parallel, each its own kill points, one schema per point.
 * <p>
 * Tagged {@code crash}: {@code mvn -B -o test -Dgroups=crash} runs it alone.
 */
@Tag("crash")
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
@Tag("slow")
class CrashCliTest {
    /** Statements of V2, in order (the kill points are counted in them). */
    private static final String V2 = """
            DROP INDEX CONCURRENTLY idx_items_old;
            SELECT pg_sleep(0.05);
            CREATE INDEX CONCURRENTLY idx_items_slow ON items (public.crash_slow(a));
            SELECT pg_sleep(0.05);
            CREATE INDEX CONCURRENTLY idx_items_b ON items (b, a);
            DROP INDEX CONCURRENTLY idx_items_old2;
            CREATE INDEX CONCURRENTLY idx_items_slow2 ON items (public.crash_slow(b)) WHERE a > 10;
            CREATE UNIQUE INDEX CONCURRENTLY idx_items_id_c ON items (id, c);
            """;
    private static final int V2_STATEMENTS = 8;
    /** The generated inverse of V2: four drops, then two rebuilds (the first one slow). */
    private static final int ROLLBACK_STATEMENTS = 6;
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** One kill: which command, which signal, after how many recorded statements, plus how long. */
    record Point(int n, String command, String signal, int afterStatements, int offsetMs) {
        String schema() {
            return "p" + n;
        }

        @Override
        public String toString() {
            return command + " " + schema() + ": SIG" + signal + " after statement " + afterStatements + " + "
                    + offsetMs + " ms";
        }
    }

    /** What an uninterrupted run leaves: indexes, rows, history, ledger (schema names taken out). */
    record State(Map<String, String> indexes, long invalid, String rows, List<String> history, List<String> ledger) {
    }

    @Test
    void killedOrInterruptedRunsConvergeToTheUninterruptedResult(PgDatabase w0, PgDatabase w1, PgDatabase w2)
            throws Exception {
        long start = System.nanoTime();
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__items.sql", """
                CREATE TABLE items (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL, c text NOT NULL);
                INSERT INTO items SELECT g, g % 50, g % 7, 'row ' || g FROM generate_series(1, 500) g;
                CREATE INDEX idx_items_a ON items (a);
                CREATE INDEX idx_items_old ON items (public.crash_slow(b));
                CREATE INDEX idx_items_old2 ON items (c);
                """);
        ExampleProject.write(m, "V2__rework.sql", V2);
        ExampleProject.write(m, "V2__rework.sql.conf", "executeInTransaction=false\n");
        List<PgDatabase> workers = List.of(w0, w1, w2);
        for (PgDatabase db : workers) {
            // about 1 ms a row: a build over 500 rows takes half a second, a window wide enough to land in
            db.execute("CREATE FUNCTION public.crash_slow(x int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS "
                    + "$$ BEGIN PERFORM pg_sleep(0.001); RETURN x; END $$");
        }

        w0.execute("CREATE SCHEMA ref"); // as the points' schemas: made beforehand, not by Flyway
        Idxmig ref = Idxmig.in(dir).target(w0.cliArgs());
        ok(ref.run("migrate", "--schema", "ref", "--target", "1", "--no-backup", "--no-verify"), "reference V1");
        State atV1 = state(w0, "ref");
        // the uninterrupted run as a process of its own, which also trains the class-data archive the others use
        ok(IdxmigProcess.train(dir, env(w0), args(w0, "migrate", "--schema", "ref", "--no-backup")), "reference V2");
        State migrated = state(w0, "ref");
        ok(ref.run("rollback", "--schema", "ref", "--to", "1"), "reference rollback");
        State rolledBack = state(w0, "ref");
        assertEquals(atV1.indexes(), rolledBack.indexes());

        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            points.add(new Point(points.size(), "migrate", "KILL", i % V2_STATEMENTS, (i / V2_STATEMENTS) * 60));
        }
        for (int i = 0; i < 10; i++) {
            points.add(new Point(points.size(), "migrate", "INT", i % V2_STATEMENTS, 20 + (i / V2_STATEMENTS) * 150));
        }
        int migratePoints = points.size();
        for (int i = 0; i < 12; i++) {
            points.add(new Point(points.size(), "rollback", "KILL", i % ROLLBACK_STATEMENTS,
                    (i / ROLLBACK_STATEMENTS) * 150));
        }
        for (int i = 0; i < 4; i++) {
            points.add(new Point(points.size(), "rollback", "INT", i % 2 == 0 ? 4 : i, 50 + i * 60));
        }

        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        List<Future<List<String>>> results = new ArrayList<>();
        for (int w = 0; w < workers.size(); w++) {
            PgDatabase db = workers.get(w);
            List<Point> mine = new ArrayList<>();
            for (int i = w; i < points.size(); i += workers.size()) {
                mine.add(points.get(i));
            }
            results.add(pool.submit(() -> {
                List<String> failures = new ArrayList<>();
                prepare(db, mine);
                for (Point p : mine) {
                    try {
                        if (p.command().equals("migrate")) {
                            migratePoint(db, p, migrated);
                        } else {
                            rollbackPoint(db, p, migrated, rolledBack);
                        }
                    } catch (AssertionError | RuntimeException e) {
                        failures.add(p + ": " + e.getMessage());
                    }
                }
                return failures;
            }));
        }
        pool.shutdown();
        List<String> failures = new ArrayList<>();
        for (Future<List<String>> f : results) {
            failures.addAll(f.get(10, TimeUnit.MINUTES));
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.err.println("crash test: " + points.size() + " kill points (" + migratePoints + " migrate, "
                + (points.size() - migratePoints) + " rollback) in " + seconds + " s");
        assertTrue(failures.isEmpty(), failures.size() + " of " + points.size() + " kill points did not converge:\n"
                + String.join("\n\n", failures));
    }

    /**
     * The schemas of a worker's points, brought to where their run starts in one fleet run each (one warm JVM):
     * version 1 for migrate points, version 2 for rollback points.
     */
    private void prepare(PgDatabase db, List<Point> points) {
        for (Point p : points) {
            db.execute("CREATE SCHEMA " + p.schema());
        }
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        String migrate = String.join(",", points.stream().filter(p -> p.command().equals("migrate"))
                .map(Point::schema).toList());
        String rollback = String.join(",", points.stream().filter(p -> p.command().equals("rollback"))
                .map(Point::schema).toList());
        if (!migrate.isEmpty()) {
            ok(idxmig.run("migrate", "--schemas", migrate, "--target", "1", "--no-backup", "--no-verify"), "V1");
        }
        if (!rollback.isEmpty()) {
            ok(idxmig.run("migrate", "--schemas", rollback, "--no-backup", "--no-verify"), "V1 and V2");
        }
    }

    private void migratePoint(PgDatabase db, Point p, State migrated) throws SQLException {
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        IdxmigProcess run = IdxmigProcess.start(dir, p.schema() + "-migrate", env(db), args(db, "migrate",
                "--schema", p.schema(), "--no-backup", "--no-verify"));
        interrupt(db, p, run, "migrate");
        ok(idxmig.run("migrate", "--schema", p.schema(), "--no-backup"), "the rerun");
        assertEquals(migrated, state(db, p.schema()), "database, history and ledger after the rerun");
        ok(idxmig.run("verify", "--schema", p.schema()), "verify");
    }

    private void rollbackPoint(PgDatabase db, Point p, State migrated, State rolledBack) throws SQLException {
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(migrated, state(db, p.schema()), "before the rollback");
        IdxmigProcess run = IdxmigProcess.start(dir, p.schema() + "-rollback", env(db), args(db, "rollback",
                "--schema", p.schema(), "--to", "1"));
        interrupt(db, p, run, "rollback");
        ok(idxmig.run("rollback", "--schema", p.schema(), "--to", "1"), "the rerun");
        assertEquals(rolledBack, state(db, p.schema()), "database, history and ledger after the rerun");
        ok(idxmig.run("verify", "--schema", p.schema()), "verify");
    }

    /** Waits for the kill point (polling the intent log), kills or signals, and checks how the process ended. */
    private void interrupt(PgDatabase db, Point p, IdxmigProcess run, String kind) throws SQLException {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        try (Connection c = db.connect()) {
            while (run.alive() && !reached(c, p.schema(), kind, p.afterStatements())) {
                if (System.nanoTime() > deadline) {
                    fail("the kill point was not reached within " + RUN_DEADLINE);
                }
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        }
        // the offset into the next statement: a deliberate moment to kill at, not a wait for a condition
        LockSupport.parkNanos(Duration.ofMillis(p.offsetMs()).toNanos());
        if (p.signal().equals("KILL")) {
            run.kill();
            CliResult r = run.await(RUN_DEADLINE);
            // 137: killed; 0: it was done before the kill landed; anything else is a failure of its own
            assertTrue(r.exitCode() == 137 || r.exitCode() == 0, "killed or done: " + r);
            return;
        }
        run.signal(p.signal());
        CliResult r = run.await(RUN_DEADLINE);
        assertTrue(r.exitCode() == 130 || r.exitCode() == 0, "exit 130 (or 0 when it was done) after SIGINT: " + r);
        if (r.exitCode() == 130 && r.stderr().contains("stopping after the running statement")) {
            assertTrue(r.stderr().contains("interrupted"), r::toString);
        }
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception"), "no stack trace: " + r);
        assertFalse(r.stderr().contains("rolled back") && kind.equals("migrate"),
                "never 'rolled back' for a non-transactional script: " + r);
    }

    /** Whether the run got as far as the point: its intent started (0), or n statements recorded. */
    private static boolean reached(Connection c, String schema, String kind, int statements) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('" + schema + ".idxmig_intent_log') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE event = 'started'), "
                + "count(*) FILTER (WHERE event = 'statement') FROM " + schema + ".idxmig_intent_log WHERE kind = ?")) {
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0 && rs.getLong(2) >= statements;
            }
        }
    }

    private static State state(PgDatabase db, String schema) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            Map<String, String> indexes = new TreeMap<>();
            long invalid = 0;
            try (ResultSet rs = st.executeQuery("SELECT i.relname, pg_get_indexdef(x.indexrelid), x.indisvalid "
                    + "AND x.indisready FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON "
                    + "t.oid = x.indrelid WHERE t.relname = 'items' AND i.relnamespace = '" + schema
                    + "'::regnamespace")) {
                while (rs.next()) {
                    indexes.put(rs.getString(1), rs.getString(2).replace(schema + ".", "S."));
                    invalid += rs.getBoolean(3) ? 0 : 1;
                }
            }
            String rows;
            try (ResultSet rs = st.executeQuery("SELECT count(*) || ':' || sum(id + a * 7 + b * 13 + length(c)) FROM "
                    + schema + ".items")) {
                rs.next();
                rows = rs.getString(1);
            }
            List<String> history = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT version, success FROM " + schema
                    + ".flyway_schema_history ORDER BY installed_rank")) {
                while (rs.next()) {
                    history.add(rs.getString(1) + ":" + rs.getBoolean(2));
                }
            }
            List<String> ledger = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT version, action, table_name, index_name, definition, "
                    + "previous_definition, is_unique, is_partial, is_valid, outcome, non_index_changes FROM "
                    + schema + ".idxmig_index_ledger ORDER BY id")) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= 11; i++) {
                        row.add(String.valueOf(rs.getString(i)).replace(schema + ".", "S."));
                    }
                    ledger.add(String.join("|", row));
                }
            }
            return new State(indexes, invalid, rows, history, ledger);
        }
    }

    private static void ok(CliResult r, String what) {
        assertEquals(0, r.exitCode(), () -> what + ": " + r);
    }

    private static String[] args(PgDatabase db, String command, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(command);
        Collections.addAll(all, db.cliArgs());
        Collections.addAll(all, rest);
        return all.toArray(String[]::new);
    }

    private static Map<String, String> env(PgDatabase db) {
        return db.password().isEmpty() ? Map.of() : Map.of("IDXMIG_PASSWORD", db.password());
    }
}
