package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rollback}, {@code backup} and {@code restore} on a real PostgreSQL with every index form it has. */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class RollbackPostgresCliTest {
    @TempDir
    Path dir;

    private void corpus() {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__tables_and_data.sql", """
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, company_id int NOT NULL,
                                    created timestamptz NOT NULL, status text NOT NULL, bio text);
                CREATE TABLE orders (id int PRIMARY KEY, user_id int NOT NULL, total numeric, placed date);
                INSERT INTO users SELECT g, 'User' || g || '@Example.com', g % 7, '2025-01-01'::timestamptz + g * interval '1 day',
                       CASE g % 3 WHEN 0 THEN 'active' ELSE 'gone' END, 'likes index number ' || g FROM generate_series(1, 300) g;
                INSERT INTO orders SELECT g, 1 + g % 300, g * 1.5, date '2025-01-01' + g % 200 FROM generate_series(1, 900) g;
                CREATE INDEX idx_orders_user ON orders (user_id);
                """);
        ExampleProject.write(m, "V2__every_index_form.sql", """
                CREATE INDEX idx_users_company ON users (company_id);
                CREATE INDEX idx_users_company_created ON users (company_id, created DESC NULLS LAST);
                CREATE UNIQUE INDEX idx_users_email_lower ON users (lower(email));
                CREATE INDEX idx_users_active ON users (created) WHERE status = 'active';
                CREATE INDEX idx_users_company_incl ON users (company_id) INCLUDE (email);
                CREATE INDEX idx_users_email_trgm ON users USING gin (email gin_trgm_ops);
                CREATE INDEX idx_users_bio_fts ON users USING gin (to_tsvector('english', bio));
                CREATE INDEX idx_orders_placed_brin ON orders USING brin (placed);
                CREATE INDEX idx_orders_user_hash ON orders USING hash (user_id);
                """);
        ExampleProject.write(m, "V3__rework_indexes.sql", """
                DROP INDEX idx_users_company;
                DROP INDEX idx_users_active;
                CREATE INDEX idx_users_active ON users (created, company_id) WHERE status = 'active';
                DROP INDEX idx_orders_placed_brin;
                CREATE INDEX idx_orders_placed_brin ON orders USING brin (placed);
                DROP INDEX idx_orders_user;
                CREATE INDEX idx_orders_user_total ON orders (user_id, total);
                """);
        ExampleProject.write(m, "V4__concurrent_index.sql",
                "CREATE INDEX CONCURRENTLY idx_orders_total ON orders (total DESC NULLS LAST);\n");
        ExampleProject.write(m, "V4__concurrent_index.sql.conf", "executeInTransaction=false\n");
    }

    @Test
    void roundTripMigrateRollbackToFirstVersionMigrateLeavesIndexesAndRowsAsTheyWere(PgDatabase db)
            throws Exception {
        corpus();
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult first = idxmig.run("migrate", "--no-backup");
        assertEquals(0, first.exitCode(), first::toString);
        Map<String, String> indexes = indexes(db);
        Map<String, String> rows = rows(db);
        assertEquals(10, indexes.size(), indexes::toString);

        CliResult dry = idxmig.run("rollback", "--to", "1", "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertTrue(dry.stdout().contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"idx_orders_total\";"),
                dry::toString);
        assertTrue(dry.stdout().contains("CREATE INDEX CONCURRENTLY idx_orders_user ON public.orders USING btree "
                + "(user_id);"), dry::toString);
        assertEquals(indexes, indexes(db), "a dry run changes nothing");

        CliResult back = idxmig.run("rollback", "--to", "1");
        assertEquals(0, back.exitCode(), back::toString);
        assertEquals(Map.of("idx_orders_user", "CREATE INDEX idx_orders_user ON public.orders USING btree (user_id)"),
                indexes(db));
        assertEquals(rows, rows(db), "rollback touches no row");
        assertEquals(1, db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid"));

        CliResult again = idxmig.run("migrate", "--no-backup");
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals(indexes, indexes(db), "the same canonical definitions after the round trip");
        assertEquals(rows, rows(db));
        assertTrue(db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE outcome = 'rolled_back'") > 0);
    }

    @Test
    void rollbackGoesThroughSafeBuildsAndGivesUpOnALockedTableLeavingItAsItWas(PgDatabase db) throws Exception {
        corpus();
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("migrate", "--no-backup").exitCode());
        Map<String, String> indexes = indexes(db);
        try (Connection locker = db.connect()) {
            locker.setAutoCommit(false);
            try (Statement st = locker.createStatement()) {
                st.execute("LOCK TABLE orders IN SHARE MODE"); // DROP INDEX CONCURRENTLY must wait for it
            }
            long pid = locker.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            CliResult r = idxmig.run("rollback", "--lock-timeout", "300ms", "--retries", "1");
            assertEquals(5, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("lock not acquired within lock_timeout 300ms in 2 tries"), r::toString);
            assertTrue(r.stderr().contains("pid " + pid), r::toString);
            locker.rollback();
        }
        assertEquals(indexes, indexes(db), "nothing was dropped");
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid"));
        assertEquals(4, db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL"),
                "V4 stays applied");
        CliResult later = idxmig.run("rollback");
        assertEquals(0, later.exitCode(), "once the lock is gone: " + later);
        assertTrue(indexes(db).keySet().stream().noneMatch("idx_orders_total"::equals));
    }

    @Test
    void undoScriptWinsOverTheLedgerInverse(PgDatabase db) throws Exception {
        corpus();
        ExampleProject.write(dir.resolve("migrations"), "U4__concurrent_index.sql",
                "DROP INDEX CONCURRENTLY idx_orders_total;\nDROP INDEX CONCURRENTLY idx_users_email_trgm;\n");
        ExampleProject.write(dir.resolve("migrations"), "U4__concurrent_index.sql.conf", "executeInTransaction=false\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("migrate", "--no-backup").exitCode());
        CliResult r = idxmig.run("rollback");
        assertTrue(r.stdout().contains("undo script U4__concurrent_index.sql"), r::toString);
        assertFalse(indexes(db).containsKey("idx_users_email_trgm"), "only the undo script drops this one");
        // ...and that index was V2's, which stays applied: the verify after the rollback says so.
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("idx_users_email_trgm on users: is missing; it was created by "
                + "V2__every_index_form.sql"), r::toString);
    }

    @Test
    void backupWritesAPgDumpArchiveAndAnIndexSnapshotThatRestoresTheIndexState(PgDatabase db) throws Exception {
        corpus();
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult migrate = idxmig.run("migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.stdout().contains("Backup taken before migrating: "), migrate::toString);
        assertTrue(migrate.stdout().contains(".indexes.json"), "PostgreSQL default: the index snapshot only");
        assertFalse(migrate.stdout().contains(".dump"), migrate::toString);
        Map<String, String> indexes = indexes(db);

        CliResult backup = idxmig.run("backup", "--to", "before.dump");
        assertEquals(0, backup.exitCode(), backup::toString);
        assertTrue(backup.stdout().contains("pg_restore --list reads it back"), backup::toString);
        Path dump = dir.resolve("before.dump");
        Path snapshot = dir.resolve("before.dump.indexes.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshot)));
        assertTrue(Files.readString(snapshot).contains(
                "\"definition\" : \"CREATE INDEX idx_users_email_trgm ON public.users USING gin (email gin_trgm_ops)\""));

        db.execute("DROP INDEX idx_users_bio_fts", "DROP INDEX idx_users_active",
                "CREATE INDEX idx_users_active ON users (created)", "CREATE INDEX idx_extra ON orders (placed)");
        CliResult dry = idxmig.run("restore", "--from", snapshot.toString(), "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertTrue(dry.stdout().contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"idx_extra\";"),
                dry::toString);
        assertTrue(dry.stdout().contains("CREATE INDEX CONCURRENTLY idx_users_bio_fts ON public.users USING gin "
                + "(to_tsvector('english'::regconfig, bio));"), dry::toString);
        assertNotEquals(indexes, indexes(db));

        CliResult restore = idxmig.run("restore", "--from", snapshot.toString(), "--yes");
        assertEquals(0, restore.exitCode(), restore::toString);
        assertEquals(indexes, indexes(db));

        CliResult archive = idxmig.run("restore", "--from", dump.toString());
        assertEquals(2, archive.exitCode(), archive::toString);
        assertTrue(archive.stderr().contains("pg_restore --clean --if-exists --no-owner --host 127.0.0.1"),
                archive::toString);
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "no temporary files");
        }
    }

    private static Map<String, String> indexes(PgDatabase db) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                     + "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                     + "JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = 'public' "
                     + "AND NOT x.indisprimary AND t.relname NOT IN ('flyway_schema_history', 'idxmig_index_ledger', 'idxmig_intent_log')")) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getString(2));
            }
        }
        return result;
    }

    private static Map<String, String> rows(PgDatabase db) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    + "AND tablename NOT IN ('flyway_schema_history', 'idxmig_index_ledger', 'idxmig_intent_log')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) || ':' || md5(string_agg(x::text, ',' ORDER BY "
                        + "x.id)) FROM " + t + " x")) {
                    rs.next();
                    result.put(t, rs.getString(1));
                }
            }
        }
        return result;
    }
}
