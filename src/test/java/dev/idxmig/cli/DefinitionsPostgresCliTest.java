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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Definitions compared by what they build, in sessions that print them the same way: an index rebuilt from its own
 * pg_get_indexdef, a timestamptz predicate read under other time zones, a deferrable constraint dropped and rolled
 * back; the user's view through the CLI on a real PostgreSQL.
 */
@Tag("postgres")
@ExtendWith(PostgresExtension.class)
class DefinitionsPostgresCliTest {
    @TempDir
    Path dir;

    private Path migrations() {
        return dir.resolve("migrations");
    }

    private static String text(PgDatabase db, String sql) {
        List<String> all = texts(db, sql);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<String> texts(PgDatabase db, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    @Test
    void anIndexRebuiltFromItsOwnDefinitionVerifiesCleanAndARealChangeDoesNot(PgDatabase db) {
        ExampleProject.write(migrations(), "V1__items.sql",
                "CREATE TABLE items (id int PRIMARY KEY, n int, b varchar(20));\n");
        ExampleProject.write(migrations(), "V2__window.sql",
                "CREATE INDEX items_n_window ON items (n) WHERE n BETWEEN 1 AND 100 AND b LIKE 'v1%';\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult migrate = idxmig.run("migrate", "--no-backup");
        assertEquals(0, migrate.exitCode(), migrate::toString);

        String rebuilt = text(db, "SELECT pg_get_indexdef('items_n_window'::regclass)");
        db.execute("DROP INDEX items_n_window", rebuilt);
        String recorded = text(db, "SELECT definition FROM idxmig_index_ledger WHERE index_name = 'items_n_window'");
        assertNotEquals(recorded, text(db, "SELECT pg_get_indexdef('items_n_window'::regclass)"),
                "the server prints the rebuilt index in other words (else this test proves nothing)");

        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify::toString);
        assertFalse(verify.stdout().contains("differs"), verify::toString);
        CliResult status = idxmig.run("status");
        assertTrue(status.stdout().contains("created items_n_window on items: valid"), status::toString);

        db.execute("DROP INDEX items_n_window",
                "CREATE INDEX items_n_window ON items (n) WHERE n BETWEEN 1 AND 50 AND b LIKE 'v1%'");
        CliResult changed = idxmig.run("verify");
        assertEquals(1, changed.exitCode(), changed::toString);
        assertTrue(changed.stdout().contains("items_n_window on items: differs from what V2__window.sql created"),
                changed::toString);
        assertTrue(idxmig.run("status").stdout().contains("created items_n_window on items: changed"));
    }

    @Test
    void aTimestamptzPredicateVerifiesUnderAnyTimeZone(PgDatabase db) {
        ExampleProject.write(migrations(), "V1__events.sql", """
                CREATE TABLE events (id int PRIMARY KEY, at timestamptz NOT NULL);
                CREATE INDEX events_recent ON events (id) WHERE at >= '2025-01-01 12:00:00+00'::timestamptz;
                """);
        List<String> target = List.of(db.cliArgs());
        CliResult migrate = inZone("Asia/Tokyo", "migrate", Stream.concat(target.stream(), Stream.of("--no-backup")));
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(text(db, "SELECT definition FROM idxmig_index_ledger WHERE index_name = 'events_recent'")
                .contains("'2025-01-01 12:00:00+00'"), "recorded in UTC though the JVM ran in Tokyo");

        for (String zone : List.of("America/New_York", "Asia/Kolkata")) {
            CliResult verify = inZone(zone, "verify", target.stream());
            assertEquals(0, verify.exitCode(), zone + ": " + verify);
            assertFalse(verify.stdout().contains("events_recent"), zone + ": " + verify);
        }
        CliResult status = inZone("America/New_York", "status", target.stream());
        assertTrue(status.stdout().contains("events_recent on events: valid"), status::toString);
    }

    private CliResult inZone(String zone, String command, Stream<String> args) {
        String[] all = Stream.concat(Stream.of(command), args).toArray(String[]::new);
        return IdxmigProcess.startWith(dir, command + "-" + zone.replace('/', '-'),
                List.of("-Duser.timezone=" + zone), all).await(Duration.ofMinutes(2));
    }

    @Test
    void deferrableConstraintsDroppedByAMigrationComeBackDeferrableOnRollback(PgDatabase db) {
        ExampleProject.write(migrations(), "V1__accounts.sql",
                "CREATE TABLE accounts (id int NOT NULL, code text, region text, note text);\n");
        ExampleProject.write(migrations(), "V2__keys.sql", """
                ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED;
                ALTER TABLE accounts ADD CONSTRAINT accounts_code_key UNIQUE NULLS NOT DISTINCT (code) INCLUDE (note) DEFERRABLE;
                """);
        ExampleProject.write(migrations(), "V3__drop_keys.sql", """
                ALTER TABLE accounts DROP CONSTRAINT accounts_code_key;
                ALTER TABLE accounts DROP CONSTRAINT accounts_pkey;
                """);
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("migrate", "--no-backup", "--target", "2").exitCode());
        String constraints = "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE conrelid = 'accounts'::regclass ORDER BY conname";
        List<String> before = texts(db, constraints);
        assertEquals(2, before.size(), before::toString);
        assertTrue(before.get(0).contains("DEFERRABLE"), before::toString);

        CliResult migrate = idxmig.run("migrate", "--no-backup");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertEquals(List.of(), texts(db, constraints));

        CliResult rollback = idxmig.run("rollback");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertEquals(before, texts(db, constraints), rollback::toString);
        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify::toString);

        // verify sees a constraint that lost DEFERRABLE, though its index reads the same
        db.execute("ALTER TABLE accounts DROP CONSTRAINT accounts_pkey",
                "ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id)");
        CliResult drifted = idxmig.run("verify");
        assertEquals(1, drifted.exitCode(), drifted::toString);
        assertTrue(drifted.stdout().contains("accounts_pkey on accounts"), drifted::toString);
        assertTrue(drifted.stdout().contains("'PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED'"), drifted::toString);
    }

    private static final String[] BOOKINGS = {
        "CREATE TABLE rooms (id int PRIMARY KEY, code text NOT NULL CONSTRAINT rooms_code_key UNIQUE, name text)",
        "CREATE TABLE bookings (id int PRIMARY KEY, room_id int NOT NULL REFERENCES rooms (id), during int4range, "
            + "CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&))",
        "CREATE TABLE guests (id int PRIMARY KEY, email text NOT NULL, CONSTRAINT guests_email_key UNIQUE (email) "
            + "DEFERRABLE INITIALLY DEFERRED)",
        "CREATE INDEX bookings_room ON bookings (room_id)",
    };

    @Test
    void baselineAdoptsPrimaryKeysUniqueAndExclusionConstraintsAndVerifyAndRollbackKeepThem(PgDatabase db) {
        db.execute(BOOKINGS);
        ExampleProject.write(migrations(), "V1__guest_names.sql",
                "CREATE INDEX guests_email_lower ON guests (lower(email));\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult baseline = idxmig.run("baseline");
        assertEquals(0, baseline.exitCode(), baseline::toString);
        assertTrue(baseline.stdout().contains("3 tables, 7 indexes adopted"), baseline::toString);
        assertEquals(7, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'adopted'"));
        assertEquals(6, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'adopted' "
                + "AND constraint_definition IS NOT NULL"), "three primary keys, two unique, one exclusion constraint");

        CliResult status = idxmig.run("status");
        assertTrue(status.stdout().contains("adopted rooms_code_key on rooms (unique constraint UNIQUE (code)): valid"),
                status::toString);
        assertTrue(status.stdout().contains("adopted bookings_no_overlap on bookings (exclusion constraint EXCLUDE "
                + "USING gist (during WITH &&)): valid"), status::toString);

        assertEquals(0, idxmig.run("migrate", "--no-backup").exitCode());
        assertEquals(0, idxmig.run("verify").exitCode());

        db.execute("ALTER TABLE rooms DROP CONSTRAINT rooms_code_key");
        CliResult verify = idxmig.run("verify");
        assertEquals(1, verify.exitCode(), "a unique constraint gone is an error: " + verify);
        assertTrue(verify.stdout().contains("rooms_code_key on rooms (unique constraint UNIQUE (code)): is gone "
                + "(adopted at baseline 0)"), verify::toString);
        assertTrue(verify.stdout().contains("ALTER TABLE \"public\".\"rooms\" ADD CONSTRAINT \"rooms_code_key\" "
                + "UNIQUE (code)"), "the hint says how to put it back: " + verify);
        db.execute("ALTER TABLE rooms ADD CONSTRAINT rooms_code_key UNIQUE (code)");

        CliResult rollback = idxmig.run("rollback", "--to", "0");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'guests_email_lower'"));
        assertEquals(6, db.queryLong("SELECT count(*) FROM pg_constraint WHERE conrelid IN "
                + "('rooms'::regclass, 'bookings'::regclass, 'guests'::regclass) AND contype IN ('p', 'u', 'x')"),
                "rolling back to the baseline leaves the adopted constraints alone");
        assertEquals(0, idxmig.run("verify").exitCode());
    }
}
