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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Partitioned tables and constraint-backed indexes through migrate, verify and rollback on a real PostgreSQL:
 * the catalog comes back identical, writers keep writing, an interrupted partitioned build finishes on a rerun.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class PartitionPostgresCliTest {
    @TempDir
    Path dir;

    private Path migrations() {
        return dir.resolve("migrations");
    }

    /** V1: the tables, one of them partitioned on two levels; no index changes the round trip has to undo. */
    private void tables() {
        ExampleProject.write(migrations(), "V1__tables.sql", """
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE EXTENSION IF NOT EXISTS btree_gist;
                CREATE TABLE items (id int NOT NULL, code text NOT NULL, name text, price numeric, tags text[],
                                    doc jsonb, during tsrange, made timestamptz, flags int, note text COLLATE "C");
                INSERT INTO items SELECT g, 'c' || g, 'item ' || g, g * 1.5, ARRAY['t' || g % 5], jsonb_build_object('k', g % 9),
                       tsrange(timestamp '2025-01-01' + g * interval '1 hour', timestamp '2025-01-01' + (g + 1) * interval '1 hour'),
                       timestamptz '2025-01-01' + g * interval '1 day', g % 4, 'n' || g FROM generate_series(1, 200) g;
                CREATE TABLE keyed (id int PRIMARY KEY, code text NOT NULL);
                INSERT INTO keyed SELECT g, 'k' || g FROM generate_series(1, 50) g;
                CREATE TABLE events (id bigint NOT NULL, region int NOT NULL, at date NOT NULL, payload text)
                    PARTITION BY LIST (region);
                CREATE TABLE events_r1 PARTITION OF events FOR VALUES IN (1);
                CREATE TABLE events_r2 PARTITION OF events FOR VALUES IN (2) PARTITION BY RANGE (at);
                CREATE TABLE events_r2_2024 PARTITION OF events_r2 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE TABLE events_r2_2025 PARTITION OF events_r2 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                CREATE TABLE events_r3 PARTITION OF events FOR VALUES IN (3);
                INSERT INTO events SELECT g, 1 + g % 3, date '2024-01-01' + g % 700, 'p' || g FROM generate_series(1, 3000) g;
                """);
    }

    /** V2: plain index forms (transactional); V3: constraints; V4: partitioned builds outside a transaction. */
    private void indexForms() {
        ExampleProject.write(migrations(), "V2__plain_forms.sql", """
                CREATE INDEX f01 ON items (code);
                CREATE UNIQUE INDEX f02 ON items (id);
                CREATE INDEX f03 ON items (code DESC);
                CREATE INDEX f04 ON items (code NULLS FIRST);
                CREATE INDEX f05 ON items (code DESC NULLS LAST, id);
                CREATE INDEX f06 ON items (lower(code));
                CREATE INDEX f07 ON items ((price * 2));
                CREATE INDEX f08 ON items (code) WHERE flags = 1;
                CREATE INDEX f09 ON items (code) INCLUDE (name);
                CREATE INDEX f10 ON items (code text_pattern_ops);
                CREATE INDEX f11 ON items (note COLLATE "POSIX");
                CREATE INDEX f12 ON items USING hash (code);
                CREATE INDEX f13 ON items USING brin (made);
                CREATE INDEX f14 ON items USING brin (made) WITH (pages_per_range = 16);
                CREATE INDEX f15 ON items USING gin (tags);
                CREATE INDEX f16 ON items USING gin (doc jsonb_path_ops);
                CREATE INDEX f17 ON items USING gin (doc);
                CREATE INDEX f18 ON items USING gin (name gin_trgm_ops);
                CREATE INDEX f19 ON items USING gist (name gist_trgm_ops);
                CREATE INDEX f20 ON items USING gist (during);
                CREATE INDEX f21 ON items USING spgist (during);
                CREATE INDEX f22 ON items USING gin (to_tsvector('english', name));
                CREATE INDEX f23 ON items (code) WITH (fillfactor = 70);
                CREATE INDEX f24 ON items (code) WITH (deduplicate_items = off);
                CREATE UNIQUE INDEX f25 ON items (code) NULLS NOT DISTINCT;
                CREATE UNIQUE INDEX f26 ON items (code, flags) WHERE flags > 2;
                CREATE INDEX f27 ON items (made, code) INCLUDE (price, name) WHERE price > 10;
                CREATE INDEX f28 ON items ((doc ->> 'k'));
                CREATE INDEX f29 ON items (date_trunc('day', made AT TIME ZONE 'UTC'));
                CREATE INDEX f30 ON items USING gist (flags, during);
                CREATE INDEX f31 ON items USING spgist (code);
                CREATE INDEX f32 ON items (id) WHERE code LIKE 'c1%';
                CREATE INDEX f33 ON events_r1 (payload);
                """);
        ExampleProject.write(migrations(), "V3__constraints.sql", """
                ALTER TABLE items ADD CONSTRAINT items_code_key UNIQUE (code);
                ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY (id);
                ALTER TABLE items ADD CONSTRAINT items_during_excl EXCLUDE USING gist (flags WITH =, during WITH &&);
                CREATE UNIQUE INDEX items_name_key ON items (name);
                ALTER TABLE items ADD CONSTRAINT items_name_key UNIQUE USING INDEX items_name_key;
                ALTER TABLE keyed DROP CONSTRAINT keyed_pkey;
                """);
        ExampleProject.write(migrations(), "V4__partitioned.sql", """
                CREATE INDEX CONCURRENTLY ix_events_at ON events (at);
                CREATE INDEX ix_events_payload ON events (payload) WHERE id > 10;
                CREATE UNIQUE INDEX CONCURRENTLY ix_events_key ON events (id, region, at);
                """);
        ExampleProject.write(migrations(), "V4__partitioned.sql.conf", "executeInTransaction=false\n");
        ExampleProject.write(migrations(), "V5__drop_partitioned.sql",
                "DROP INDEX CONCURRENTLY ix_events_payload;\n");
        ExampleProject.write(migrations(), "V5__drop_partitioned.sql.conf", "executeInTransaction=false\n");
    }

    @Test
    void everyIndexFormPartitionedAndConstraintBackedComesBackIdenticalAfterRollbackAndMigrate(PgDatabase db)
            throws Exception {
        tables();
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult v1 = idxmig.run("migrate", "--no-backup");
        assertEquals(0, v1.exitCode(), v1::toString);
        Map<String, String> atFirstVersion = catalog(db);
        indexForms();

        CliResult first = idxmig.run("migrate", "--no-backup");
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.stderr().contains("ix_events_at on partitioned table public.events (3 partitions): built "
                + "partition by partition"), first::toString);
        assertFalse(first.stderr().contains("at com.") || first.stderr().contains("HikariPool"), first::toString);
        Map<String, String> migrated = catalog(db);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid"), migrated::toString);
        // 33 plain forms + 4 constraints added + 1 dropped + 2 partitioned indexes kept, each with its partitions
        assertTrue(migrated.containsKey("index ix_events_key_events_r2_events_r2_2025"), migrated::toString);
        assertTrue(migrated.containsKey("constraint items_during_excl"), migrated::toString);
        assertFalse(migrated.containsKey("constraint keyed_pkey"), migrated::toString);
        assertEquals(1, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE index_name = 'items_code_key' "
                + "AND constraint_definition = 'UNIQUE (code)'"));

        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify::toString);

        CliResult dry = idxmig.run("rollback", "--to", "1", "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertTrue(dry.stdout().contains("ALTER TABLE \"public\".\"items\" DROP CONSTRAINT IF EXISTS "
                + "\"items_code_key\""), dry::toString);
        assertTrue(dry.stdout().contains("ALTER TABLE \"public\".\"keyed\" ADD CONSTRAINT \"keyed_pkey\" PRIMARY KEY "
                + "USING INDEX \"keyed_pkey\""), dry::toString);

        CliResult back = idxmig.run("rollback", "--to", "1");
        assertEquals(0, back.exitCode(), back::toString);
        assertFalse(back.stderr().contains("at com.") || back.stderr().contains("HikariPool"), back::toString);
        assertEquals(atFirstVersion, catalog(db), "back at version 1: the same catalog");

        CliResult again = idxmig.run("migrate", "--no-backup");
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals(migrated, catalog(db), "migrated again: the same catalog as the first time");
        CliResult verifyAgain = idxmig.run("verify");
        assertEquals(0, verifyAgain.exitCode(), verifyAgain::toString);
    }

    @Test
    void aForeignKeyOnAUniqueConstraintStopsTheRollbackNamingIt(PgDatabase db) throws Exception {
        ExampleProject.write(migrations(), "V1__tables.sql", """
                CREATE TABLE codes (id int NOT NULL, code text NOT NULL);
                CREATE TABLE uses (id int, code text);
                """);
        ExampleProject.write(migrations(), "V2__unique.sql",
                "ALTER TABLE codes ADD CONSTRAINT codes_code_key UNIQUE (code);\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("migrate", "--no-backup").exitCode());
        db.execute("ALTER TABLE uses ADD CONSTRAINT uses_code_fkey FOREIGN KEY (code) REFERENCES codes (code)");

        CliResult r = idxmig.run("rollback");
        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("unique constraint codes_code_key (created by V2__unique.sql) is referenced by "
                + "foreign key constraint uses_code_fkey on table public.uses: FOREIGN KEY (code) REFERENCES "
                + "codes(code)"), r::toString);
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_constraint WHERE conname = 'codes_code_key'"),
                "nothing was dropped, nothing cascaded");
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_constraint WHERE conname = 'uses_code_fkey'"));
    }

    @Test
    void aPartitionedBuildStoppedHalfwayFinishesOnTheRerun(PgDatabase db) throws Exception {
        Idxmig idxmig = partitionedBuildPending(db);
        try (Connection locker = lockThirdPartition(db)) {
            CliResult stopped = idxmig.run("migrate", "--no-backup", "--lock-timeout", "200ms", "--retries", "0");
            assertEquals(5, stopped.exitCode(), stopped::toString);
            locker.rollback();
        }
        assertEquals(2, db.queryLong("SELECT count(*) FROM pg_inherits ih JOIN pg_class i ON i.oid = ih.inhparent "
                + "WHERE i.relname IN ('ix_events_payload', 'ix_events_payload_events_r2')"),
                "the partitions before the locked one were built and attached");
        CliResult verify = idxmig.run("verify");
        assertEquals(1, verify.exitCode(), verify::toString);
        assertTrue(verify.stdout().contains("ix_events_payload on events: is the index of a partitioned table, INVALID "
                + "until every partition has its index attached; missing on 2: public.events_r2 "
                + "(no index attached), public.events_r3 (no index attached)"), verify::toString);
        assertTrue(verify.stdout().contains("ix_events_payload_events_r2 on events_r2: is the index of a partitioned "
                + "table, INVALID until every partition has its index attached; missing on 1: public.events_r2_2025"),
                verify::toString);
        assertEquals(0, idxmig.run("repair").exitCode());
        CliResult dry = idxmig.run("migrate", "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertTrue(dry.stderr().contains("ALTER INDEX \"public\".\"ix_events_payload\" ATTACH PARTITION "
                + "\"public\".\"ix_events_payload_events_r1\";  -- done already"), dry::toString);
        assertTrue(dry.stderr().contains("CREATE INDEX CONCURRENTLY \"ix_events_payload_events_r2_events_r2_2025\" ON "
                + "\"public\".\"events_r2_2025\" (payload);"), dry::toString);
        CliResult rerun = idxmig.run("migrate", "--no-backup");
        assertEquals(0, rerun.exitCode(), rerun::toString);
        assertTrue(rerun.stderr().contains("already done"), rerun::toString);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid"));
        assertEquals(6, db.queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'ix_events_payload%'"),
                "the parent, the sub-partitioned one and four leaves: nothing built twice");
        CliResult verifyAfter = idxmig.run("verify");
        assertEquals(0, verifyAfter.exitCode(), verifyAfter::toString);
    }

    @Test
    void aPartitionedBuildKilledHalfwayResumesPartitionByPartitionOnTheRerun(PgDatabase db) throws Exception {
        Idxmig idxmig = partitionedBuildPending(db);
        try (Connection locker = lockThirdPartition(db)) {
            List<String> args = new ArrayList<>(List.of("migrate", "--no-backup", "--lock-timeout", "5m"));
            args.addAll(List.of(db.cliArgs()));
            IdxmigProcess run = IdxmigProcess.start(dir, "killed", args.toArray(String[]::new));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND query LIKE 'CREATE INDEX CONCURRENTLY%events_r2_2025%'") == 0) {
                assertTrue(run.alive(), "idxmig ended before it reached the locked partition");
                assertTrue(System.nanoTime() < deadline, "idxmig never waited on the locked partition");
                Thread.onSpinWait();
            }
            run.kill();
            run.await(Duration.ofMinutes(1));
            locker.rollback(); // the orphaned build on the server may now go on; the rerun waits for it
        }
        assertEquals(2, db.queryLong("SELECT count(*) FROM pg_inherits ih JOIN pg_class i ON i.oid = ih.inhparent "
                + "WHERE i.relname IN ('ix_events_payload', 'ix_events_payload_events_r2')"),
                "the partitions before the locked one were built and attached when it was killed");

        CliResult rerun = idxmig.run("migrate", "--no-backup");
        assertEquals(0, rerun.exitCode(), rerun::toString);
        assertTrue(rerun.stderr().contains("resuming V2__partitioned.sql"), rerun::toString);
        assertTrue(rerun.stderr().contains("already done"), "the partitions built before the kill are kept:\n"
                + rerun);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid"));
        assertEquals(6, db.queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'ix_events_payload%'"),
                "the parent, the sub-partitioned one and four leaves: nothing built twice");
        assertEquals(1, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE index_name = 'ix_events_payload' "
                + "AND action = 'created'"), "the ledger records the index once, as an uninterrupted run would");
        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify::toString);
    }

    /** The tables at version 1, and V2 building ix_events_payload on the partitioned table outside a transaction. */
    private Idxmig partitionedBuildPending(PgDatabase db) {
        tables();
        ExampleProject.write(migrations(), "V2__partitioned.sql",
                "CREATE INDEX CONCURRENTLY ix_events_payload ON events (payload);\n");
        ExampleProject.write(migrations(), "V2__partitioned.sql.conf", "executeInTransaction=false\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("migrate", "--no-backup", "--target", "1").exitCode());
        return idxmig;
    }

    /** A session holding a lock the third partition's concurrent build waits for, until it rolls back. */
    private static Connection lockThirdPartition(PgDatabase db) throws SQLException {
        Connection locker = db.connect();
        locker.setAutoCommit(false);
        try (Statement st = locker.createStatement()) {
            st.execute("LOCK TABLE events_r2_2025 IN SHARE UPDATE EXCLUSIVE MODE"); // the third partition built
        }
        return locker;
    }

    /** Every index (and its definition) and every constraint of the public schema but idxmig's and Flyway's. */
    static Map<String, String> catalog(PgDatabase db) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                    + "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                    + "JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = 'public' "
                    + "AND t.relname NOT IN ('flyway_schema_history', 'idxmig_index_ledger', 'idxmig_intent_log')")) {
                while (rs.next()) {
                    result.put("index " + rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT c.conname, t.relname || ': ' || pg_get_constraintdef(c.oid) "
                    + "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n "
                    + "ON n.oid = t.relnamespace WHERE n.nspname = 'public' "
                    + "AND t.relname NOT IN ('flyway_schema_history', 'idxmig_index_ledger', 'idxmig_intent_log')")) {
                while (rs.next()) {
                    result.put("constraint " + rs.getString(1), rs.getString(2));
                }
            }
        }
        return result;
    }
}
